"""The Batches tab: the exact batch N the training step gets, for programmers debugging data.

Jump to any batch number (counted from 1 over the run, as the console counts), or to the
batch where the loss of the run shown in the Training tab spiked or became NaN, and see its
images with their file, label and sample weight; the shapes and dtypes of inputs, targets
and weights; each channel's min, max, mean, std and histogram; and the flags (pixels in 0-1,
values above 1 after rescale, flat images, NaN/Inf, targets that do not fit). One image of
the batch can be shown 16 times with the run's augmentation drawn anew.

The batch is rebuilt off the GUI thread by :func:`fitgen_gui.training.batch_tap.tap_batch`
with the settings (and seed) the run uses.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import RunConfig
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.widgets.deferred import Deferred
from fitgen_gui.ui.widgets.forms import ElidedLabel
from fitgen_gui.ui.widgets.pixmaps import pixmap_of
from fitgen_gui.ui.workers.background import BackgroundTasks

if TYPE_CHECKING:  # numpy is imported where arrays are used: not before the window shows
    import numpy as np

__all__ = ["BatchView"]

CELL = 112
_CHANNEL_COLORS = ["#d62728", "#2ca02c", "#1f77b4", "#7f7f7f"]


class _Cell(QWidget):
    """One image of the batch: picture, label and weight; click to select it."""

    clicked = Signal(int)

    def __init__(self, index: int, image: np.ndarray, caption: str, tooltip: str) -> None:
        super().__init__()
        self.index = index
        self.setObjectName(f"batches.cell{index}")
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.setSpacing(2)
        self.picture = QLabel()
        self.picture.setFixedSize(CELL, CELL)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(pixmap_of(image).scaled(
            CELL, CELL, Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation if max(image.shape[:2]) > CELL
            else Qt.TransformationMode.FastTransformation))
        metrics = self.fontMetrics()
        lines = [metrics.elidedText(line, Qt.TextElideMode.ElideMiddle, CELL)
                 for line in caption.split("\n")]
        self.caption = QLabel("\n".join(lines))
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setMaximumWidth(CELL)
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        box.addWidget(self.picture)
        box.addWidget(self.caption)
        self.setToolTip(tooltip)
        self.select(False)

    def select(self, on: bool) -> None:
        border = "2px solid #1f5fa8" if on else "1px solid #d6d9de"
        self.picture.setStyleSheet(f"background: #f3f4f6; border: {border};")

    def mousePressEvent(self, event: Any) -> None:
        self.clicked.emit(self.index)


class BatchView(QWidget):
    """Batch tap, statistics, flags, histogram and the 16 augmentations.

    ``config_source()`` gives the settings to tap (the project's); ``run_source()`` the
    folder of the run shown in the Training tab, or None; ``blocked()`` a reason the data
    cannot be read now ("" when it can).

    Signals
    -------
    shown(object)
        A ``TappedBatch`` was displayed.
    tune_requested()
    """

    shown = Signal(object)
    tune_requested = Signal()

    def __init__(self, tasks: BackgroundTasks, config_source: Any, run_source: Any,
                 blocked: Any = None) -> None:
        super().__init__()
        self.setObjectName("batches")
        self._tasks = tasks
        self._config_source = config_source
        self._run_source = run_source
        self._blocked = blocked or (lambda: "")
        self.last: Any = None
        self.augmented: np.ndarray | None = None
        self.selected = 0
        self._config: RunConfig | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Batch")))
        self.number = QSpinBox()
        self.number.setObjectName("batches.number")
        self.number.setRange(1, 10**8)
        self.number.setToolTip(self.tr("The batch number over the whole run, from 1 (epoch 2 "
                               "starts after the batches of epoch 1)."))
        self.show_button = QPushButton(self.tr("Show batch"))
        self.show_button.setObjectName("batches.show")
        self.show_button.setToolTip(self.tr("Rebuild this batch exactly as training gets it (same "
                                    "seed, order, augmentation, class weights)."))
        self.spike_button = QPushButton(self.tr("Go to loss spike"))
        self.spike_button.setObjectName("batches.spike")
        self.spike_button.setToolTip(self.tr("In the run shown in the Training tab, find the batch "
                                     "whose loss became NaN or jumped the most, and show it."))
        self.augment_button = QPushButton(self.tr("16 augmentations"))
        self.augment_button.setObjectName("batches.augment")
        self.augment_button.setCheckable(True)
        self.augment_button.setToolTip(self.tr("The selected image (click one) 16 times, each with "
                                       "the augmentation drawn anew."))
        self.tune_button = QPushButton(self.tr("Tune loader…"))
        self.tune_button.setObjectName("batches.tune")
        for widget in (self.number, self.show_button, self.spike_button, self.augment_button,
                       self.tune_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.status = ElidedLabel(self.tr("Show a batch to see exactly what the model is fed."),
                                  "batches.status")
        layout.addWidget(self.status)
        self.flags = QLabel("")
        self.flags.setObjectName("batches.flags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.PlainText)
        self.flags.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.flags)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.grid_host = QWidget()
        self.grid_host.setObjectName("batches.grid")
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(6)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        scroll.setMinimumWidth(CELL + 40)
        self.scroll = scroll
        splitter.addWidget(scroll)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("batches.stats")
        self.table.setHorizontalHeaderLabels(["", self.tr("value")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        column.addWidget(self.table)
        self.deferred_histogram = Deferred(self._make_histogram)
        self.deferred_histogram.setMinimumHeight(160)
        column.addWidget(self.deferred_histogram, 1)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 420])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self._cells: list[_Cell] = []

        self.show_button.clicked.connect(lambda: self.show_batch(self.number.value()))
        self.number.editingFinished.connect(lambda: self.show_batch(self.number.value()))
        self.spike_button.clicked.connect(self.go_to_spike)
        self.augment_button.toggled.connect(self._toggle_augmentations)
        self.tune_button.clicked.connect(self.tune_requested)

    # -- asking -------------------------------------------------------------------------

    def _make_histogram(self) -> QWidget:
        from fitgen_gui.ui.shell.pyqtgraph_setup import pg

        histogram = pg.PlotWidget()
        histogram.setObjectName("batches.histogram")
        histogram.setBackground("w")
        item = histogram.getPlotItem()
        item.setTitle(self.tr("Input values per channel"), size="10pt")
        item.setLabel("left", self.tr("count"))
        item.setLabel("bottom", self.tr("value"))
        item.addLegend(offset=(-10, 10), labelTextSize="8pt")
        histogram.setMinimumHeight(160)
        return histogram

    @property
    def histogram(self) -> Any:
        """The per-channel histogram (a pyqtgraph PlotWidget, made when first needed)."""
        return self.deferred_histogram.widget()

    def show_batch(self, number: int, config: RunConfig | None = None, note: str = "") -> None:
        """Tap batch ``number`` of ``config`` (the project's settings by default)."""
        reason = self._blocked() if config is None else ""
        if reason:
            self.status.setText(self.tr("No batch: {reason}").format(reason=reason))
            return
        config = config or self._config_source()
        self._config = config  # immutable: later edits make a new config, not change this
        self.number.setValue(number)
        self.status.setText(self.tr("Building batch {number}…").format(number=number))
        self.augment_button.setChecked(False)

        def work() -> Any:
            from fitgen_gui.training.batch_tap import tap_batch

            return tap_batch(config, number)

        self._tasks.submit("batches.tap", work, lambda tapped: self._show(tapped, note),
                           self._failed)

    def go_to_spike(self) -> None:
        run_dir = self._run_source()
        if not run_dir:
            self.status.setText(self.tr("No run is shown in the Training tab: train or open a run "
                                "first, then look for its loss spike."))
            return
        from fitgen_gui.core.run_dir import RunDir
        from fitgen_gui.training.batch_tap import find_loss_spike

        run = RunDir(run_dir)
        spike = find_loss_spike(run.events.events())
        if spike is None:
            self.status.setText(self.tr("Run {name} has no batch losses to look at yet.").format(
                name=run.name))
            return
        try:
            config = RunConfig.from_json(run.read_config_text())
        except (OSError, ValueError) as exc:
            self.status.setText(self.tr("Cannot read the settings of run {name}: {error}").format(
                name=run.name, error=exc))
            return
        current = self._config_source()
        if config.data.source == "python" and (
                current.data.source != "python"
                or os.path.normpath(current.data.generator_file or "")
                != os.path.normpath(config.data.generator_file or "")):
            self.status.setText(self.tr("{spike} Run {name} gets its data from '{file}'; "
                                        "choose that file in the Data panel to see the batch.")
                                .format(spike=spike.describe(), name=run.name,
                                        file=config.data.generator_file))
            return
        self.show_batch(spike.number, config, note=self.tr("{spike} (run {name})").format(
            spike=spike.describe(), name=run.name))

    # -- showing ------------------------------------------------------------------------

    def _failed(self, message: str, details: str) -> None:
        self.status.setText(self.tr("No batch: {reason}").format(reason=engine_text(message)))
        self.status.setToolTip(details)

    def _clear_grid(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._cells = []

    def _columns(self) -> int:
        return max(1, (self.scroll.viewport().width() - 10) // (CELL + 16))

    def _show(self, tapped: Any, note: str = "") -> None:
        self.last = tapped
        self.selected = 0
        self._clear_grid()
        x = tapped.x
        from fitgen_gui.data.preview_grid import displayable

        images = [displayable(image) for image in x] if x.ndim == 4 else []
        columns = self._columns()
        for i, image in enumerate(images):
            label = tapped.labels[i] if i < len(tapped.labels) else ""
            weight = (self.tr("weight {value}").format(
                value=f"{float(tapped.sample_weight[i]):.3g}")
                if tapped.sample_weight is not None else "")
            name = os.path.basename(tapped.files[i]) if tapped.files else ""
            caption = "\n".join(part for part in (label, weight) if part)
            tooltip = "\n".join(part for part in (
                tapped.files[i] if tapped.files else "",
                self.tr("label: {label}").format(label=label) if label else "",
                weight, self.tr("image {number} of the batch").format(number=i + 1)) if part)
            cell = _Cell(i, image, caption + (f"\n{name}" if name else ""), tooltip)
            cell.clicked.connect(self._select)
            self._cells.append(cell)
            self.grid.addWidget(cell, i // columns, i % columns)
        if self._cells:
            self._cells[0].select(True)
        self._fill_table(tapped)
        self._fill_histogram(tapped)
        self.flags.setText("\n".join(f"⚠ {engine_text(f.message)}" for f in tapped.flags))
        self.flags.setVisible(bool(tapped.flags))
        text = self.tr("Batch {number} = {position} · {count} images · built in {ms} ms").format(
            number=tapped.number, position=tapped.position, count=len(x),
            ms=f"{tapped.seconds * 1000:.0f}")
        if not tapped.reproducible:
            text = self.tr("{text} · no seed set: the order and augmentation are drawn anew "
                           "each time").format(text=text)
        self.status.setText(f"{note} {text}" if note else text)
        self.status.setToolTip("")
        self.shown.emit(tapped)

    def _fill_table(self, tapped: Any) -> None:
        stats = tapped.stats
        rows: list[tuple[str, str]] = []
        for key, title in (("inputs", self.tr("inputs")), ("targets", self.tr("targets")),
                           ("sample_weight", self.tr("sample weights"))):
            part = stats.get(key)
            rows.append((title, f"{tuple(part['shape'])} {part['dtype']}" if part
                         else self.tr("none")))
        for c, channel in enumerate(stats.get("channels", [])):
            if channel["min"] is None:
                rows.append((self.tr("channel {number}").format(number=c),
                             self.tr("no finite values")))
                continue
            rows.append((self.tr("channel {number}").format(number=c),
                         f"min {channel['min']:.4g} · max {channel['max']:.4g}"
                                         f" · mean {channel['mean']:.4g} · std "
                                         f"{channel['std']:.4g}"))
        self.table.setRowCount(len(rows))
        for r, (name, value) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 4 + sum(
            self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(min(height, 320))

    def _fill_histogram(self, tapped: Any) -> None:
        from fitgen_gui.ui.shell.pyqtgraph_setup import pg

        item = self.histogram.getPlotItem()
        item.clear()
        item.legend.clear()
        channels = tapped.stats.get("channels", [])
        names = ["R", "G", "B", "A"] if len(channels) in (3, 4) else [
            self.tr("channel {number}").format(number=i) for i in range(len(channels))]
        for c, channel in enumerate(channels):
            if not channel["histogram"]:
                continue
            color = _CHANNEL_COLORS[c % len(_CHANNEL_COLORS)] if len(channels) > 1 else "#444"
            self.histogram.plot(channel["edges"], channel["histogram"], stepMode="center",
                                pen=pg.mkPen(color, width=2), name=names[c])

    def _select(self, index: int) -> None:
        self.selected = index
        for cell in self._cells:
            cell.select(cell.index == index)
        if self.augment_button.isChecked():
            self._toggle_augmentations(True)

    def _toggle_augmentations(self, on: bool) -> None:
        tapped = self.last
        if tapped is None or self._config is None:
            self.augment_button.setChecked(False)
            return
        if not on:
            self._show(tapped)
            return
        config, number, sample = self._config, tapped.number, self.selected
        self.status.setText(self.tr("Augmenting image {image} of batch {number} 16 times…").format(
            image=sample + 1, number=number))

        def work() -> Any:
            from fitgen_gui.training.batch_tap import augmentations_of

            return augmentations_of(config, number, sample)

        self._tasks.submit("batches.augment", work, self._show_augmentations,
                           self._augment_failed)

    def _augment_failed(self, message: str, details: str) -> None:
        self.augment_button.setChecked(False)
        self._failed(message, details)

    def _show_augmentations(self, images: np.ndarray) -> None:
        from fitgen_gui.data.preview_grid import displayable

        self.augmented = images
        self._clear_grid()
        columns = self._columns()
        for i, image in enumerate(images):
            caption = self.tr("as trained") if i == 0 else self.tr("draw {number}").format(
                number=i + 1)
            cell = _Cell(i, displayable(image), caption, caption)
            self._cells.append(cell)
            self.grid.addWidget(cell, i // columns, i % columns)
        tapped = self.last
        name = os.path.basename(tapped.files[self.selected]) if tapped.files else ""
        self.status.setText(self.tr("Image {image} of batch {number} {name} with 16 draws of "
                                    "the augmentation (the first is the one training used). "
                                    "Press again to go back to the batch.").format(
            image=self.selected + 1, number=tapped.number, name=name))
