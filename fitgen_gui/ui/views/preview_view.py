"""The augmentation preview: one batch exactly as the model receives it, with its labels.

Batches are built in the background by ``data.preview`` (the iterator training uses, a
fresh one per request, nothing shared between requests); a change of settings refreshes
the preview within a moment. "New batch" moves to the next batch, "New augmentation" draws
new random changes for the same images, "Show originals" shows them without augmentation.
Other images (another folder, another data file) start again at batch 1.
"""

from __future__ import annotations

from typing import Any

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

from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.project import Project
from fitgen_gui.ui.widgets.forms import ElidedLabel
from fitgen_gui.ui.widgets.pixmaps import pixmap_of
from fitgen_gui.ui.workers.background import BackgroundTasks

__all__ = ["PreviewView"]

CELL = 150
_PREVIEW_FIELDS = ("data.", "augmentation.", "training.seed", "training.shuffle")


class _Sources:
    """The preview builders, created in the background (they import the data pipeline)."""

    def __init__(self) -> None:
        self.folders: Any = None
        self.data_file: Any = None

    def get(self) -> tuple[Any, Any]:
        if self.folders is None:
            from fitgen_gui.data.preview import DataFilePreview, FolderPreview

            self.folders, self.data_file = FolderPreview(), DataFilePreview()
        return self.folders, self.data_file


class PreviewView(QWidget):
    """The preview grid and its buttons.

    Signals
    -------
    shown(object)
        A ``data.preview.PreviewBatch`` was displayed.
    """

    shown = Signal(object)

    def __init__(self, project: Project, tasks: BackgroundTasks) -> None:
        super().__init__()
        self.setObjectName("preview")
        self.project = project
        self._tasks = tasks
        self._sources = _Sources()
        self._index = 0
        self._stream = 0
        self._source_key = ""
        self.requests = 0  # how many previews were asked for (tests count them)
        self.last: Any = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.new_batch = QPushButton(self.tr("New batch"))
        self.new_batch.setObjectName("preview.new_batch")
        self.new_batch.setToolTip(self.tr("Show the next batch of images (a data file's generator "
                                  "starts again after it raised)."))
        self.reaugment = QPushButton(self.tr("New augmentation"))
        self.reaugment.setObjectName("preview.reaugment")
        self.reaugment.setToolTip(self.tr("The same images with new random changes."))
        self.originals = QPushButton(self.tr("Show originals"))
        self.originals.setObjectName("preview.originals")
        self.originals.setCheckable(True)
        self.originals.setToolTip(self.tr("Before/after: the same images without augmentation."))
        self.count = QComboBox()
        self.count.setObjectName("preview.count")
        for n in (8, 16, 32):
            self.count.addItem(self.tr("{count} images").format(count=n), n)
        self.count.setCurrentIndex(1)
        self.count.setToolTip(self.tr("How many images of the batch to show."))
        for widget in (self.new_batch, self.reaugment, self.originals, self.count):
            bar.addWidget(widget)
        self.status = ElidedLabel(self.tr("Choose a training folder to see a batch."),
                                  "preview.status")
        bar.addWidget(self.status, 1)
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
        project.changed.connect(self._on_changed)
        project.data_changed.connect(self._on_data)

    def _on_changed(self, field: str) -> None:
        if not field or field.startswith(_PREVIEW_FIELDS):
            self.request()

    def _on_data(self) -> None:
        if self.project.summary is not None or self.project.data_file is not None:
            self.request()

    def request(self) -> None:
        """Show a batch for the current settings soon (quick changes are merged)."""
        self._debounce.start()

    def _next_batch(self) -> None:
        self._index += 1
        self._compute()

    def _new_augmentation(self) -> None:
        self._stream += 1
        self._compute()

    def blocked(self) -> str:
        """Why no batch can be read now, in words (empty when it can)."""
        project = self.project
        data = project.config.data
        for problem in project.problems:
            if problem.field in ("data.train_dir", "data.generator_file", "data.source"):
                message = engine_text(problem.message)
                return message[0].upper() + message[1:]
        if data.source == "folders" and not data.train_dir:
            return self.tr("Choose a training folder to see a batch.")
        if data.source == "python" and not data.generator_file:
            return self.tr("Choose a data file to see its batches.")
        return ""

    def _compute(self) -> None:
        self._debounce.stop()
        why = self.blocked()
        if why:
            self.status.setText(self.tr("No preview: {reason}").format(reason=why))
            self._clear()
            return
        config = self.project.config
        from_file = config.data.source == "python"
        key = self._key(config)
        if key != self._source_key:  # other images: start at the first batch
            self._source_key, self._index, self._stream = key, 0, 0
        index, stream = self._index, self._stream
        augment = not self.originals.isChecked()
        count = int(self.count.currentData())
        summary = self.project.summary
        tree = summary.trees.get("train") if summary is not None else None
        self.status.setText(self.tr("Preparing a batch…"))
        for button in (self.reaugment, self.originals):
            button.setEnabled(not from_file)
        sources = self._sources
        self.requests += 1

        def work() -> Any:
            folders, data_file = sources.get()
            if from_file:
                return data_file.compute(config, index, count)
            return folders.compute(config, index, stream, augment, count, tree)

        self._tasks.submit("preview", work, self._show, self._failed)

    @staticmethod
    def _key(config: Any) -> str:
        data = config.data
        if data.source == "python":
            return f"python|{data.generator_file}|{data.batch_size}|{data.class_mode}"
        return f"folders|{data.train_dir}|{data.validation_split}|{config.training.seed}"

    def _failed(self, message: str, details: str) -> None:
        kind, _, text = message.partition(": ")
        shown = text if kind in ("PreviewError", "UserDataError", "ConfigError",
                                 "ImageReadError") else message
        self.status.setText(self.tr("No preview: {reason}").format(reason=engine_text(shown)))
        self._clear()

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _show(self, batch: Any) -> None:
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
        state = self.tr("augmented") if batch.augmented else (
            self.tr("originals") if self.originals.isChecked() else
            self.tr("no augmentation set"))
        if self.project.config.data.source == "python":
            state = self.tr("from your data file")
        which = (self.tr("Batch {number} of {count}") if batch.batches else
                 self.tr("Batch {number}")).format(number=batch.index + 1, count=batch.batches)
        self.status.setText(self.tr("{batch} ({state}) · values {low} to {high} · built in {ms} "
                                    "ms ({rate} images/s)").format(
            batch=which, state=state, low=f"{low:.3g}", high=f"{high:.3g}",
            ms=f"{batch.seconds * 1000:.0f}", rate=f"{rate:.0f}"))
        self.shown.emit(batch)
