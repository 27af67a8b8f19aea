"""The Training view's data feed: how long each batch waited for data, and what it held.

- **Time per batch**: for every training batch, the milliseconds the training waited for it
  (orange, below) and the milliseconds of its training step (blue, stacked on top), with the
  epoch's input-bound share in the profiler's words above.
- **Classes per batch**: one column per training batch, its height split by the share of
  each class: sorted or one-class data shows as long blocks; below, in a band, each epoch's
  validation batches the same way.
- **Classes per epoch**: the last epoch's share of each class in training and validation
  batches beside the training folder's.

Fed by ``BatchEnded`` / ``EpochEnded`` events (live, or from a run's ``events.jsonl``);
drawn at most every 300 ms like the other plots, and one plot per tick: Qt paints every
plot changed in a tick at once, and all three (with their axes' text) in one tick held the
GUI thread 150-200 ms while training (issue 24); the class histogram and the validation
strip change at an epoch's end only, so they are drawn then, not with every batch.
"""

from __future__ import annotations

from html import escape
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from fitgen_gui.core.events import BatchEnded, EpochEnded, ProfileSaved, RunStarted
from fitgen_gui.training.input_meter import advice, input_verdict
from fitgen_gui.ui.plots.curves import GrowingByX, Series, axis_name, plot_widget
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.shell.pyqtgraph_setup import pg
from fitgen_gui.ui.widgets.forms import ElidedLabel

__all__ = ["CLASS_COLORS", "InputPlots", "class_strip_image"]

_WAIT, _STEP = "#e07b1a", "#1f5fa8"
CLASS_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948",
                "#ff9da7", "#9c755f", "#bab0ac"]
# The histogram's series: the training folder, the last epoch's training and validation.
_HISTOGRAM = ((QT_TRANSLATE_NOOP("InputPlots", "% folder"), "#a9adb3"),
              (QT_TRANSLATE_NOOP("InputPlots", "train"), "#3d434c"),
              (QT_TRANSLATE_NOOP("InputPlots", "val"), "#7b8796"))
STRIP_ROWS = 48  # pixels of height of each batch's column in the class strip
# What a redraw tick draws, one of them a tick, in turn: a batch changes the first two, an
# epoch's end the last two.
_PARTS = ("time", "strip", "val_strip", "histogram")
_BATCH_PARTS = {"time", "strip"}
_EPOCH_PARTS = {"val_strip", "histogram"}


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def class_strip_image(counts: np.ndarray) -> np.ndarray:
    """An RGB image (batches x STRIP_ROWS x 3) for pyqtgraph's ImageItem: each batch's column
    split from the bottom by the share of each class."""
    counts = np.asarray(counts, dtype=np.float64)
    image = np.full((len(counts), STRIP_ROWS, 3), 255, dtype=np.uint8)
    if counts.size == 0:
        return image
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    edges = np.rint(np.cumsum(shares, axis=1) * STRIP_ROWS).astype(int)
    rows = np.arange(STRIP_ROWS)
    # The class of each pixel row: the first class whose cumulative edge lies above it.
    cls = (rows[None, :, None] >= edges[:, None, :]).sum(axis=2)
    palette = np.array([_rgb(CLASS_COLORS[i % len(CLASS_COLORS)])
                        for i in range(counts.shape[1])] + [(255, 255, 255)], dtype=np.uint8)
    image[:] = palette[np.minimum(cls, counts.shape[1])]
    image[totals[:, 0] == 0] = 255
    return image


class CountRows(GrowingByX):
    """A growable matrix of class counts, one row per batch, with each batch's x (epochs)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows = np.zeros((1024, 1))

    def extend(self, xs: Any, rows: Any) -> None:
        width = max(len(r) for r in rows)
        needed = self.size + len(rows)
        if needed > len(self._rows) or width > self._rows.shape[1]:
            grown = np.zeros((max(needed, 2 * len(self._rows)), max(width, self._rows.shape[1])))
            grown[:self.size, :self._rows.shape[1]] = self._rows[:self.size]
            self._rows = grown
            self._x = np.resize(self._x, len(grown))
        for i, row in enumerate(rows):
            self._rows[self.size + i, :len(row)] = row
            self._rows[self.size + i, len(row):] = 0
        self._x[self.size:needed] = xs
        self.size = needed

    @property
    def matrix(self) -> np.ndarray:
        return self._rows[:self.size]

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: Any) -> np.ndarray:
        return self.matrix[index]


def _show_strip(item: pg.ImageItem, counts: np.ndarray, rect: tuple[float, ...]) -> None:
    """Draw a counts matrix as a class strip into ``rect`` (x, y, width, height)."""
    # Rows of the image are batches along x: transpose to (height, batches, 3).
    image = class_strip_image(counts)
    item.setImage(np.ascontiguousarray(image.transpose(1, 0, 2)), autoLevels=False,
                  levels=(0, 255))
    item.setRect(*rect)


def _plot(title: str, y_label: str, name: str, x_label: str = "epoch") -> pg.PlotWidget:
    widget = plot_widget()
    widget.setObjectName(name)
    item = widget.getPlotItem()
    item.setTitle(title, size="10pt")
    item.setLabel("bottom", axis_name(x_label))
    item.setLabel("left", axis_name(y_label))
    item.showGrid(x=True, y=True, alpha=0.2)
    for axis in ("left", "bottom"):
        item.getAxis(axis).enableAutoSIPrefix(False)
    widget.setMinimumHeight(110)
    widget.setBackground("w")
    return widget


class InputPlots(QWidget):
    """Wait and step time per batch, class strip, class histogram, and the verdict.

    Signals
    -------
    profile_requested()
        "Profile 20 batches" was pressed (enabled while this app trains).
    tune_requested()
        "Tune loader..." was pressed.
    """

    profile_requested = Signal()
    tune_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("training.input")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.verdict = ElidedLabel(self.tr("Data feed: the time each batch waited for data "
                                           "appears here while training."),
                                   "training.input.verdict")
        top.addWidget(self.verdict, 1)
        self.profile_button = QPushButton(self.tr("Profile 20 batches"))
        self.profile_button.setObjectName("training.input.profile")
        self.profile_button.setToolTip(
            self.tr("Write a TensorBoard profile of the next 20 training batches into the run "
            "folder, and show the profiler's verdict on the input pipeline."))
        self.profile_button.setEnabled(False)
        self.tune_button = QPushButton(self.tr("Tune loader…"))
        self.tune_button.setObjectName("training.input.tune")
        self.tune_button.setToolTip(self.tr("Measure the data alone, the model alone and both, and "
                                    "find the fastest number of workers."))
        top.addWidget(self.profile_button)
        top.addWidget(self.tune_button)
        layout.addLayout(top)
        row = QHBoxLayout()
        # The series are named in the titles, in their colours: legends cover the data
        # when the window is narrow.
        waiting, step = self.tr("waiting for data"), self.tr("step")
        self.time_plot = _plot(self.tr("{waiting} + {step} (ms)").format(
            waiting=f'<span style="color:{_WAIT}">{waiting}</span>',
            step=f'<span style="color:{_STEP}">{step}</span>'), "ms per batch",
                               "training.plot.batch_time")
        self.strip_plot = _plot(self.tr("Classes in each batch"), "", "training.plot.class_strip")
        # Training batches above (0..1), each epoch's validation batches in a band below.
        self.strip_plot.getPlotItem().setYRange(-0.32, 1, padding=0)
        self.strip_plot.getPlotItem().getAxis("left").setTicks(
            [[(0.5, self.tr("train")), (-0.17, self.tr("val"))]])
        self._strip_title_for: list[str] = []
        histogram_names = [(self.tr(name), color) for name, color in _HISTOGRAM]
        self.histogram_plot = _plot(
            " ".join(f'<span style="color:{color}">{label}</span>'
                     for label, color in histogram_names),
            "% of images", "training.plot.class_histogram", x_label="class")
        self.histogram_plot.setToolTip(self.tr("The share of each class in the training folder, in "
                                       "the last epoch's training batches and in its "
                                       "validation batches."))
        for plot in (self.time_plot, self.strip_plot, self.histogram_plot):
            # Narrow windows: the plots share the width by their stretch, never overflow.
            plot.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.time_plot, 3)
        row.addWidget(self.strip_plot, 3)
        row.addWidget(self.histogram_plot, 2)
        layout.addLayout(row, 1)

        self.wait = Series()
        self.total = Series()  # wait + step: the top of the stacked step area
        zero = self.time_plot.plot(pen=pg.mkPen(0, 0, 0, 0))  # (a curve without a pen
        # has no path to fill from)
        self._wait_curve = self.time_plot.plot(pen=pg.mkPen(_WAIT, width=1))
        self._total_curve = self.time_plot.plot(pen=pg.mkPen(_STEP, width=1))
        self.time_plot.addItem(pg.FillBetweenItem(zero, self._wait_curve,
                                                  brush=pg.mkBrush(_WAIT)))
        self.time_plot.addItem(pg.FillBetweenItem(self._wait_curve, self._total_curve,
                                                  brush=pg.mkBrush(31, 95, 168, 150)))
        self._zero_curve = zero
        self._strip = pg.ImageItem(axisOrder="row-major")
        self.strip_plot.addItem(self._strip)
        self._val_strip = pg.ImageItem(axisOrder="row-major")
        self.strip_plot.addItem(self._val_strip)
        self.val_batch_counts: dict[int, tuple[tuple[int, ...], ...]] = {}
        self._bars: list[pg.BarGraphItem] = []
        self.class_names: list[str] = []
        self.folder_counts: tuple[int, ...] = ()
        self.counts = CountRows()
        self.epoch_counts: tuple[int, ...] = ()
        self.val_counts: tuple[int, ...] = ()
        self.epoch_percents: dict[int, float] = {}
        self._dirty: set[str] = set()
        self._turn = 0  # the part the next tick looks at first
        self._timer = QTimer(self)
        self._timer.setInterval(150)  # one part a tick: the two batch parts every 300 ms
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        self.profile_button.clicked.connect(self.profile_requested)
        self.tune_button.clicked.connect(self.tune_requested)

    # -- data ---------------------------------------------------------------------------

    def plot_widgets(self) -> list[Any]:
        return [self.time_plot, self.strip_plot, self.histogram_plot]

    def clear(self) -> None:
        self.wait.clear()
        self.total.clear()
        self.counts.clear()
        self.epoch_counts = self.val_counts = ()
        self.val_batch_counts.clear()
        self.epoch_percents.clear()
        self.verdict.setText(self.tr("Data feed: the time each batch waited for data appears here "
                             "while training."))
        self.flush()

    def start_run(self, event: RunStarted) -> None:
        self.class_names = list(event.class_names)
        self.folder_counts = tuple(event.train_class_counts)
        if event.initial_epoch:
            self.truncate_after(event.initial_epoch)
        self._dirty.update(_PARTS)

    def add_batches(self, event: BatchEnded) -> None:
        if not event.wait_s:
            return
        steps = max(event.steps_per_epoch, 1)
        n = len(event.wait_s)
        xs = event.epoch + (np.arange(event.first_batch, event.first_batch + n) + 1) / steps
        wait = 1000 * np.asarray(event.wait_s, float)
        step = 1000 * np.asarray(event.step_s, float)
        self.wait.extend(xs, wait)
        self.total.extend(xs, wait + step)
        if event.class_counts:
            self.counts.extend(xs[:len(event.class_counts)], event.class_counts)
        self._dirty.update(_BATCH_PARTS)

    def add_epoch(self, event: EpochEnded) -> None:
        if event.class_counts:
            self.epoch_counts = tuple(event.class_counts)
            self.val_counts = tuple(event.val_class_counts)
        if event.val_batch_counts:
            self.val_batch_counts[event.epoch] = tuple(event.val_batch_counts)
        percent = event.input_percent
        if percent == percent:  # measured
            self.epoch_percents[event.epoch] = percent
            key, words = input_verdict(percent, event.input_wait_s)
            self.verdict.setText(self.tr(
                "Epoch {epoch}: waited for data {percent}% of the time ({waited} s of {total} "
                "s): {verdict}. {advice}").format(
                epoch=event.epoch + 1, percent=f"{percent:.0f}",
                waited=f"{event.input_wait_s:.2f}",
                total=f"{event.input_wait_s + event.input_step_s:.2f}",
                verdict=engine_text(words), advice=engine_text(advice(key))))
        self._dirty.update(_EPOCH_PARTS)

    def add_profile(self, event: ProfileSaved) -> None:
        self.verdict.setText(self.tr("Profile of batches {first}-{last}: {verdict} Folder: "
                                     "{folder}").format(first=event.first_batch,
                                                        last=event.last_batch,
                                                        verdict=engine_text(event.verdict),
                                                        folder=event.log_dir))
        self.verdict.setToolTip(self.tr("Open it with: {command}").format(
            command=f"tensorboard --logdir \"{event.log_dir}\""))

    def truncate_after(self, epochs: int) -> None:
        for epoch in [e for e in self.val_batch_counts if e >= epochs]:
            del self.val_batch_counts[epoch]
        self.wait.truncate(float(epochs))
        self.total.truncate(float(epochs))
        self.counts.truncate(float(epochs))
        self._dirty.update(_PARTS)

    def set_training(self, training: bool) -> None:
        self.profile_button.setEnabled(training)

    # -- drawing ------------------------------------------------------------------------

    def flush(self) -> None:
        """Draw every part now (a run read back, or its end)."""
        self._dirty.update(_PARTS)
        while self._dirty:
            self._redraw()

    def _redraw(self) -> None:
        """Draw one part with changes (the next tick takes the next one in turn)."""
        for i in range(len(_PARTS)):
            part = _PARTS[(self._turn + i) % len(_PARTS)]
            if part in self._dirty:
                self._turn = (self._turn + i + 1) % len(_PARTS)
                self._dirty.discard(part)
                {"time": self._draw_times, "strip": self._draw_strip,
                 "val_strip": self._draw_val_strip, "histogram": self._draw_histogram}[part]()
                return

    def _draw_times(self) -> None:
        xs = self.wait.x
        self._zero_curve.setData(xs, np.zeros(len(xs)))
        self._wait_curve.setData(xs, self.wait.y)
        self._total_curve.setData(xs, self.total.y)
        if len(xs) > 2:
            # The run's first batch compiles the step (seconds): keep the scale for the rest.
            rest = self.total.y[1:]
            top = float(np.percentile(rest, 98)) * 1.6
            self.time_plot.setYRange(0, max(top, 1.0), padding=0)

    def _draw_strip(self) -> None:
        if not len(self.counts):
            self._strip.clear()
            return
        counts = self.counts.matrix
        names = self.class_names or [str(i) for i in range(counts.shape[1])]
        if names != self._strip_title_for:
            # The classes in the title, each in its colour (a legend would cover the strip).
            shown = [f'<span style="color:{CLASS_COLORS[i % len(CLASS_COLORS)]}">'
                     f'{escape(name[:14])}</span>' for i, name in enumerate(names[:5])]
            more = f" +{len(names) - 5}" if len(names) > 5 else ""
            title = self.tr("Classes: {names}").format(names=" ".join(shown) + more)
            self.strip_plot.getPlotItem().setTitle(title, size="10pt")
            self._strip_title_for = list(names)
        xs = self.counts.x
        x0 = xs[0] - (xs[1] - xs[0] if len(xs) > 1 else 1.0)
        _show_strip(self._strip, counts, (float(x0), 0.0, max(float(xs[-1] - x0), 1e-6), 1.0))

    def _draw_val_strip(self) -> None:
        """Each epoch's validation batches, side by side within the epoch's span."""
        if not self.val_batch_counts:
            self._val_strip.clear()
            return
        epochs = sorted(self.val_batch_counts)
        per_epoch = max(len(self.val_batch_counts[e]) for e in epochs)
        width = max((len(row) for e in epochs for row in self.val_batch_counts[e] if row),
                    default=0)
        if not width:
            self._val_strip.clear()
            return
        first, last = epochs[0], epochs[-1]
        counts = np.zeros(((last - first + 1) * per_epoch, width))
        for e in epochs:
            for j, row in enumerate(self.val_batch_counts[e]):
                counts[(e - first) * per_epoch + j, :len(row)] = row
        _show_strip(self._val_strip, counts, (float(first), -0.3, float(last - first + 1), 0.26))

    def _draw_histogram(self) -> None:
        for bar in self._bars:
            self.histogram_plot.removeItem(bar)
        self._bars.clear()
        groups = [(name, counts, color) for (name, color), counts in zip(
            _HISTOGRAM, (self.folder_counts, self.epoch_counts, self.val_counts), strict=True)]
        groups = [g for g in groups if g[1] and sum(g[1])]
        if not groups:
            return
        width = 0.8 / len(groups)
        top = 0.0
        for i, (_name, counts, color) in enumerate(groups):
            values = 100.0 * np.asarray(counts, float) / max(1, sum(counts))
            top = max(top, float(values.max(initial=0.0)))
            xs = np.arange(len(values)) - 0.4 + width * (i + 0.5)
            bar = pg.BarGraphItem(x=xs, height=values, width=width * 0.9, brush=color)
            self.histogram_plot.addItem(bar)
            self._bars.append(bar)
        self.histogram_plot.setYRange(0, top * 1.1 + 1, padding=0)
        self.histogram_plot.setXRange(-0.5, len(groups[0][1]) - 0.5, padding=0.02)
        names = self.class_names or [str(i) for i in range(len(groups[0][1]))]
        axis = self.histogram_plot.getPlotItem().getAxis("bottom")
        step = max(1, len(names) // 8)
        axis.setTicks([[(i, names[i][:12]) for i in range(0, len(names), step)]])

    def handle(self, event: Any) -> None:
        """Show one event of a run (live, read back, or followed: the same way)."""
        handler = {RunStarted: self.start_run, BatchEnded: self.add_batches,
                   EpochEnded: self.add_epoch, ProfileSaved: self.add_profile}.get(type(event))
        if handler is not None:
            handler(event)

    def load_events(self, events: list[Any]) -> None:
        self.clear()
        for event in events:
            self.handle(event)
        self.flush()
