"""The augmentation preview: one batch exactly as the model receives it, with its labels.

Batches come from the very iterator training uses (``build_train_iterator``), built in
the background; a change of settings refreshes the preview within about half a second.
"New batch" moves to the next batch, "New augmentation" draws new random changes for the
same images, and "Show originals" shows them without augmentation.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import RunConfig
from fitgen_gui.ui.background import BackgroundTasks
from fitgen_gui.ui.data_panel import pixmap_of

__all__ = ["PreviewBatch", "PreviewView", "compute_preview"]

CELL = 150


@dataclass
class PreviewBatch:
    """A batch ready to show."""

    images: list[np.ndarray]
    labels: list[str]
    index: int
    batches: int
    seconds: float
    built: int  # images in the whole batch (the preview may show fewer)
    augmented: bool
    value_range: tuple[float, float]


class _IteratorCache:
    """The training iterator for the current data settings, rebuilt only when they change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key = ""
        self._iterator: Any = None

    def get(self, config: RunConfig) -> Any:
        from fitgen_gui.data.pipeline import build_train_iterator, train_generator

        data_key = json.dumps({"data": config.to_dict()["data"],
                               "seed": config.training.seed,
                               "shuffle": config.training.shuffle}, sort_keys=True)
        with self._lock:
            if data_key != self._key or self._iterator is None:
                self._iterator = build_train_iterator(config, seed=config.training.seed or 0)
                self._key = data_key
            iterator = self._iterator
        generator = train_generator(config)
        aug = config.augmentation
        if aug.featurewise_center or aug.featurewise_std_normalization or aug.zca_whitening:
            count = min(64, iterator.samples)
            sample = np.stack([iterator.load_image(p) for p in iterator.filepaths[:count]])
            generator.fit(sample.astype(np.float32))
        iterator.image_data_generator = generator
        return iterator


class _DataFileSource:
    """Batches of a Python data file, in the order training would read them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple = ()
        self._source: Any = None
        self.class_names: list[str] = []
        self.position = 0

    def prepare(self, config: RunConfig) -> None:
        """Import the file (again if it changed) and make its training source."""
        from fitgen_gui.data.batch_streams import is_sequence
        from fitgen_gui.data.user_data import load_user_data

        path = config.data.generator_file
        key = (path, os.path.getmtime(path), config.data.batch_size)
        with self._lock:
            if key != self._key:
                user = load_user_data(path)
                self._source = user.train(config.data.batch_size)
                if not is_sequence(self._source):
                    self._source = iter(self._source)
                self.class_names, self._key, self.position = user.class_names, key, 0
                self._last: Any = None

    def batch(self, index: int) -> tuple[Any, int]:
        """Batch ``index`` (a generator is read on to it)."""
        from fitgen_gui.data.batch_streams import is_sequence, sequence_length

        with self._lock:
            if is_sequence(self._source):
                length = sequence_length(self._source) or index + 1
                return self._source[index % length], index % length
            while self.position <= index or self._last is None:  # read on to that batch
                self._last = next(self._source)
                self.position += 1
            return self._last, self.position - 1


def compute_file_preview(source: _DataFileSource, config: RunConfig, index: int,
                         count: int) -> PreviewBatch:
    """A preview batch from a Python data file: exactly what training gets."""
    from fitgen_gui.data.preview_grid import batch_labels, displayable

    source.prepare(config)
    started = time.perf_counter()  # the batch alone: what a training step waits for
    batch, index = source.batch(index)
    seconds = time.perf_counter() - started
    x, y = (batch[0], batch[1]) if isinstance(batch, tuple | list) else (batch, None)
    labels = batch_labels(y, source.class_names, config.data.class_mode)
    images = [displayable(np.asarray(image)) for image in np.asarray(x)[:count]]
    return PreviewBatch(images, labels[:count], index, 0, seconds, len(x), False,
                        (float(np.min(x)), float(np.max(x))))


def compute_preview(cache: _IteratorCache, config: RunConfig, index: int, stream: int,
                    augment: bool, count: int) -> PreviewBatch:
    """Build one preview batch (runs in the background)."""
    from fitgen_gui.data.preview_grid import batch_labels, displayable

    iterator = cache.get(config)
    generator = iterator.image_data_generator
    augment = augment and bool(generator.has_geometry or generator.horizontal_flip
                               or generator.vertical_flip or generator.channel_shift_range
                               or generator.brightness_range is not None)
    index = index % max(len(iterator), 1)
    started = time.perf_counter()
    batch = iterator.get_batch(index, augment=augment, stream=stream)
    seconds = time.perf_counter() - started
    x, y = batch[0], batch[1]
    names = list(iterator.class_indices)
    labels = batch_labels(y, names, config.data.class_mode)
    shown = x[:count]
    return PreviewBatch([displayable(image) for image in shown], labels[:count], index,
                        len(iterator), seconds, len(x), augment,
                        (float(np.min(x)), float(np.max(x))))


class PreviewView(QWidget):
    """The preview grid and its buttons.

    Signals
    -------
    shown(object)
        A :class:`PreviewBatch` was displayed.
    """

    shown = Signal(object)

    def __init__(self, tasks: BackgroundTasks) -> None:
        super().__init__()
        self.setObjectName("preview")
        self._tasks = tasks
        self._cache = _IteratorCache()
        self._file_source = _DataFileSource()
        self._config: RunConfig | None = None
        self._index = 0
        self._stream = 0
        self.last: PreviewBatch | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_batch = QPushButton("New batch")
        self.new_batch.setObjectName("preview.new_batch")
        self.new_batch.setToolTip("Show the next batch of images.")
        self.reaugment = QPushButton("New augmentation")
        self.reaugment.setObjectName("preview.reaugment")
        self.reaugment.setToolTip("The same images with new random changes.")
        self.originals = QPushButton("Show originals")
        self.originals.setObjectName("preview.originals")
        self.originals.setCheckable(True)
        self.originals.setToolTip("Before/after: the same images without augmentation.")
        self.count = QComboBox()
        self.count.setObjectName("preview.count")
        for n in (8, 16, 32):
            self.count.addItem(f"{n} images", n)
        self.count.setCurrentIndex(1)
        self.count.setToolTip("How many images of the batch to show.")
        for widget in (self.new_batch, self.reaugment, self.originals, self.count):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.status = QLabel("Choose a training folder to see a batch.")
        self.status.setObjectName("preview.status")
        bar.addWidget(self.status)
        layout.addLayout(bar)
        self.grid_host = QWidget()
        self.grid_host.setObjectName("preview.grid")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(10)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout.addWidget(scroll, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._compute)
        self.new_batch.clicked.connect(self._next_batch)
        self.reaugment.clicked.connect(self._new_augmentation)
        self.originals.toggled.connect(lambda *_: self._compute())
        self.count.currentIndexChanged.connect(lambda *_: self._compute())

    def request(self, config: RunConfig) -> None:
        """Show a batch for ``config`` soon (changes in quick succession are merged)."""
        self._config = RunConfig.from_dict(config.to_dict())
        self._debounce.start()

    def _next_batch(self) -> None:
        self._index += 1
        self._compute()

    def _new_augmentation(self) -> None:
        self._stream += 1
        self._compute()

    def _compute(self) -> None:
        config = self._config
        if config is None or not (config.data.train_dir or config.data.generator_file):
            return
        index, stream = self._index, self._stream
        augment = not self.originals.isChecked()
        count = int(self.count.currentData())
        self.status.setText("Preparing a batch…")
        from_file = bool(config.data.generator_file)
        for button in (self.reaugment, self.originals):
            button.setEnabled(not from_file)
        if from_file:
            work = lambda: compute_file_preview(self._file_source, config, index, count)  # noqa: E731
        else:
            work = lambda: compute_preview(self._cache, config, index, stream,  # noqa: E731
                                           augment, count)
        self._tasks.submit("preview", work, self._show, self._failed)

    def _failed(self, message: str, details: str) -> None:
        self.status.setText(f"No preview: {message}")
        self._clear()

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _show(self, batch: PreviewBatch) -> None:
        self.last = batch
        self._index = batch.index
        self._clear()
        columns = max(1, (self.width() - 20) // (CELL + 10))
        for i, image in enumerate(batch.images):
            cell = QWidget()
            cell.setObjectName(f"preview.cell{i}")
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            picture = QLabel()
            picture.setFixedSize(CELL, CELL)
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setStyleSheet("background: #f3f4f6; border: 1px solid #d6d9de;")
            pixmap: QPixmap = pixmap_of(image)
            picture.setPixmap(pixmap.scaled(CELL, CELL, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation
                                            if max(image.shape[:2]) > CELL
                                            else Qt.TransformationMode.FastTransformation))
            caption = QLabel(batch.labels[i] if i < len(batch.labels) else "")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            box.addWidget(picture)
            box.addWidget(caption)
            self.grid.addWidget(cell, i // columns, i % columns)
        rate = batch.built / batch.seconds if batch.seconds > 0 else 0
        low, high = batch.value_range
        state = "augmented" if batch.augmented else (
            "originals" if self.originals.isChecked() else "no augmentation set")
        of = f" of {batch.batches}" if batch.batches else ""
        if self._config is not None and self._config.data.generator_file:
            state = "from your data file"
        self.status.setText(f"Batch {batch.index + 1}{of} ({state}) · "
                            f"values {low:.3g} to {high:.3g} · built in "
                            f"{batch.seconds * 1000:.0f} ms ({rate:.0f} images/s)")
        self.shown.emit(batch)
