"""Live training plots: per-batch loss and accuracy, per-epoch train vs validation, LR.

Curves are created once and updated with ``setData``, with peak downsampling and clipping
to the view, so they stay smooth past 100,000 points. Only curves whose data changed are
redrawn, one plot per tick of a 300 ms timer: painting a plot costs the GUI thread about
10 ms, and during training that time is taken from the training threads. The
batch plots' x axis is in epochs (``epoch + batch / steps``), so they line up with the
epoch plots.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.events import BatchEnded, EpochEnded, PhaseStarted
from fitgen_gui.ui.shell.pyqtgraph_setup import pg

__all__ = ["Series", "TrainingPlots", "ema", "epoch_plot", "make_spare_plot", "plot_widget"]

_TRAIN, _VAL, _RAW = "#1f5fa8", "#d9731a", (31, 95, 168, 70)


def ema(values: np.ndarray, smoothing: float, start: float | None = None) -> np.ndarray:
    """Exponential moving average (TensorBoard's smoothing), NaN-safe."""
    out = np.empty(len(values), dtype=np.float64)
    last = start
    keep = 1.0 - smoothing
    for i, value in enumerate(values.tolist()):
        if value != value:  # NaN: carry the last value
            out[i] = last if last is not None else value
            continue
        last = value if last is None else last * smoothing + value * keep
        out[i] = last
    return out


class GrowingByX:
    """Rows added in x order to arrays with room to grow (never rebuilt: a long run has
    100,000s of batches); dropping the rows after an x is a search."""

    def __init__(self) -> None:
        self._x = np.empty(1024)
        self.size = 0

    def truncate(self, max_x: float) -> None:
        """Drop rows with x > ``max_x``."""
        self.size = int(np.searchsorted(self._x[:self.size], max_x, side="right"))

    def clear(self) -> None:
        self.size = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[:self.size]


class Series(GrowingByX):
    """A growable pair of float arrays (x, y)."""

    def __init__(self) -> None:
        super().__init__()
        self._y = np.empty(1024)

    def extend(self, xs: Any, ys: Any) -> None:
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        needed = self.size + len(xs)
        if needed > len(self._x):
            capacity = max(needed, 2 * len(self._x))
            self._x = np.resize(self._x, capacity)
            self._y = np.resize(self._y, capacity)
        self._x[self.size:needed] = xs
        self._y[self.size:needed] = ys
        self.size = needed

    @property
    def y(self) -> np.ndarray:
        return self._y[:self.size]


# The plots' axis names, translated where a plot is made (context "Plots").
AXIS_NAMES = (QT_TRANSLATE_NOOP("Plots", "epoch"), QT_TRANSLATE_NOOP("Plots", "loss"),
              QT_TRANSLATE_NOOP("Plots", "accuracy"), QT_TRANSLATE_NOOP("Plots", "rate"),
              QT_TRANSLATE_NOOP("Plots", "ms per batch"), QT_TRANSLATE_NOOP("Plots", "class"),
              QT_TRANSLATE_NOOP("Plots", "% of images"))


def axis_name(text: str) -> str:
    """An axis name of AXIS_NAMES in the app's language."""
    return QCoreApplication.translate("Plots", text) if text else text


# Bare plot widgets made ahead, one per turn of the event loop (the window's warm-up after
# it shows): a PlotWidget costs about 15 ms, the five of the training curves in one go
# held the GUI thread over 100 ms on 2 busy cores.
_SPARE_PLOTS: list[pg.PlotWidget] = []


def _new_plot() -> pg.PlotWidget:
    """A plot whose axes keep their last drawing as a pixmap: pyqtgraph replays an axis's
    text (its QPicture) at every paint, about two thirds of a plot's paint, although the
    axis changes only with the range. Qt draws it again when pyqtgraph updates it."""
    widget = pg.PlotWidget()
    for name in ("left", "bottom", "top", "right"):
        widget.getPlotItem().getAxis(name).setCacheMode(
            QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return widget


def make_spare_plot() -> None:
    """Make one bare plot widget for the next :func:`plot_widget` to take."""
    _SPARE_PLOTS.append(_new_plot())


def plot_widget() -> pg.PlotWidget:
    """A new, bare plot widget (one made ahead if there is one)."""
    return _SPARE_PLOTS.pop() if _SPARE_PLOTS else _new_plot()


def epoch_plot(title: str, y_label: str, name: str, rising: bool = False,
               opaque_legend: bool = False) -> pg.PlotWidget:
    """A plot with its legend in the corner its curves usually leave free.

    Loss falls, so the top right stays empty; accuracy rises, so the bottom right does.
    With several runs (``opaque_legend``) curves cross anywhere, also under the legend,
    so it gets a white background.
    """
    widget = plot_widget()
    widget.setObjectName(name)
    item = widget.getPlotItem()
    item.setTitle(title, size="10pt")
    item.setLabel("bottom", axis_name("epoch"))
    item.setLabel("left", axis_name(y_label))
    item.showGrid(x=True, y=True, alpha=0.2)
    for axis in ("left", "bottom"):  # "accuracy (x0.001)" confuses people
        item.getAxis(axis).enableAutoSIPrefix(False)
    item.setDownsampling(auto=True, mode="peak")
    item.setClipToView(True)
    legend_style = {"brush": (255, 255, 255, 220), "pen": (180, 180, 180)} if opaque_legend else {}
    item.addLegend(offset=(-10, -30 if rising else 10), labelTextSize="8pt", **legend_style)
    widget.setMinimumHeight(120)
    widget.setBackground("w")
    return widget


class TrainingPlots(QWidget):
    """Batch and epoch curves of one run."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("training.plots")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        smoothing_row = QHBoxLayout()
        smoothing_row.addWidget(QLabel(self.tr("Smoothing of batch curves")))
        self.smoothing = QSlider(Qt.Orientation.Horizontal)
        self.smoothing.setObjectName("training.smoothing")
        self.smoothing.setRange(0, 99)
        self.smoothing.setValue(60)
        self.smoothing.setToolTip(self.tr("Averages the noisy per-batch values (like TensorBoard's "
                                  "smoothing); the faint line shows them raw."))
        self.smoothing.setMaximumWidth(220)
        smoothing_row.addWidget(self.smoothing)
        smoothing_row.addStretch(1)
        layout.addLayout(smoothing_row)
        top, bottom = QHBoxLayout(), QHBoxLayout()
        self.batch_loss_plot = epoch_plot(self.tr("Loss per batch"), "loss",
                                          "training.plot.batch_loss")
        self.batch_accuracy_plot = epoch_plot(self.tr("Accuracy per batch"), "accuracy",
                                         "training.plot.batch_accuracy", rising=True)
        self.epoch_loss_plot = epoch_plot(self.tr("Loss per epoch"), "loss",
                                          "training.plot.epoch_loss")
        self.epoch_accuracy_plot = epoch_plot(self.tr("Accuracy per epoch"), "accuracy",
                                         "training.plot.epoch_accuracy", rising=True)
        self.lr_plot = epoch_plot(self.tr("Learning rate"), "rate", "training.plot.learning_rate")
        top.addWidget(self.batch_loss_plot)
        top.addWidget(self.batch_accuracy_plot)
        bottom.addWidget(self.epoch_loss_plot)
        bottom.addWidget(self.epoch_accuracy_plot)
        bottom.addWidget(self.lr_plot)
        layout.addLayout(top, 1)
        layout.addLayout(bottom, 1)

        self.series = {name: Series() for name in (
            "batch_loss", "batch_accuracy", "loss", "val_loss", "accuracy", "val_accuracy",
            "learning_rate")}
        raw = pg.mkPen(color=_RAW, width=1)
        training, validation = self.tr("training"), self.tr("validation")
        self._curves = {
            "batch_loss_raw": self.batch_loss_plot.plot(pen=raw),
            "batch_loss": self.batch_loss_plot.plot(pen=pg.mkPen(_TRAIN, width=2),
                                                    name=training),
            "batch_accuracy_raw": self.batch_accuracy_plot.plot(pen=raw),
            "batch_accuracy": self.batch_accuracy_plot.plot(pen=pg.mkPen(_TRAIN, width=2),
                                                            name=training),
            "loss": self.epoch_loss_plot.plot(pen=pg.mkPen(_TRAIN, width=2), symbol="o",
                                              symbolSize=5, symbolBrush=_TRAIN,
                                              name=training),
            "val_loss": self.epoch_loss_plot.plot(pen=pg.mkPen(_VAL, width=2), symbol="o",
                                                  symbolSize=5, symbolBrush=_VAL,
                                                  name=validation),
            "accuracy": self.epoch_accuracy_plot.plot(pen=pg.mkPen(_TRAIN, width=2),
                                                      symbol="o", symbolSize=5,
                                                      symbolBrush=_TRAIN, name=training),
            "val_accuracy": self.epoch_accuracy_plot.plot(pen=pg.mkPen(_VAL, width=2),
                                                          symbol="o", symbolSize=5,
                                                          symbolBrush=_VAL, name=validation),
            "learning_rate": self.lr_plot.plot(pen=pg.mkPen("#2e7d32", width=2)),
        }
        self._smoothed = {"batch_loss": Series(), "batch_accuracy": Series()}
        self._plot_of = {
            "batch_loss": self.batch_loss_plot, "batch_accuracy": self.batch_accuracy_plot,
            "loss": self.epoch_loss_plot, "val_loss": self.epoch_loss_plot,
            "accuracy": self.epoch_accuracy_plot, "val_accuracy": self.epoch_accuracy_plot,
            "learning_rate": self.lr_plot,
        }
        self._dirty: set[str] = set()
        self._plots = list(dict.fromkeys(self._plot_of.values()))
        self._next_plot = 0
        self._timer = QTimer(self)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._redraw)
        self._timer.start()
        self.smoothing.valueChanged.connect(self._resmooth)

    # -- data -------------------------------------------------------------------------

    def clear(self) -> None:
        for series in (*self.series.values(), *self._smoothed.values()):
            series.clear()
        self._remove_phase_lines()
        self.flush()

    def add_batches(self, event: BatchEnded) -> None:
        steps = max(event.steps_per_epoch, 1)
        count = event.count
        xs = event.epoch + (np.arange(event.first_batch, event.first_batch + count) + 1) / steps
        for key, name in (("loss", "batch_loss"), ("accuracy", "batch_accuracy")):
            values = event.metrics.get(key)
            if values is not None:
                self.series[name].extend(xs, values)
                smoothed = self._smoothed[name]
                start = smoothed.y[-1] if smoothed.size else None
                smoothed.extend(xs, ema(np.asarray(values, float), self._factor(), start))
                self._dirty.add(name)
        rates = self.series["learning_rate"]
        if event.learning_rate is not None and (
                not rates.size or abs(event.learning_rate - rates.y[-1])
                > 1e-3 * abs(rates.y[-1])):
            # A point when the rate changes (a constant rate redraws nothing).
            rates.extend(xs[-1:], [event.learning_rate])
            self._dirty.add("learning_rate")

    def add_epoch(self, event: EpochEnded) -> None:
        if event.learning_rate is not None:
            self.series["learning_rate"].extend([event.epoch + 1], [event.learning_rate])
            self._dirty.add("learning_rate")
        for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
            if key in event.logs:
                self.series[key].extend([event.epoch + 1], [event.logs[key]])
                self._dirty.add(key)

    def mark_fine_tuning(self, epoch: int) -> None:
        """A dashed line where fine-tuning (phase 2) began, on every plot."""
        self._remove_phase_lines()
        for plot in self._plots:
            line = pg.InfiniteLine(pos=float(epoch), angle=90, movable=False,
                                   pen=pg.mkPen("#7a4fb5", width=1, style=Qt.PenStyle.DashLine),
                                   label="fine-tuning", labelOpts={"position": 0.92,
                                                                   "color": "#7a4fb5"})
            plot.addItem(line)
            self._phase_lines.append((plot, line))
        self.fine_tuning_from = epoch

    fine_tuning_from: int | None = None

    def _remove_phase_lines(self) -> None:
        for plot, line in getattr(self, "_phase_lines", []):
            plot.removeItem(line)
        self._phase_lines: list = []
        self.fine_tuning_from = None

    def truncate_after(self, epochs: int) -> None:
        """Forget everything after ``epochs`` epochs (a run resumed from there)."""
        for series in (*self.series.values(), *self._smoothed.values()):
            series.truncate(float(epochs))
        self._dirty.update(self.series)

    def _phase_started(self, event: PhaseStarted) -> None:
        if event.phase == "fine_tuning" and event.epoch is not None:
            self.mark_fine_tuning(event.epoch)

    def handle(self, event: Any) -> None:
        """Show one event of a run (live, read back, or followed: the same way)."""
        handler = {BatchEnded: self.add_batches, EpochEnded: self.add_epoch,
                   PhaseStarted: self._phase_started}.get(type(event))
        if handler is not None:
            handler(event)

    def load_events(self, events: list[Any]) -> None:
        """Rebuild the curves of a run from its events."""
        self.clear()
        for event in events:
            self.handle(event)
        self.flush()

    def plot_widgets(self) -> list[pg.PlotWidget]:
        return list(self._plots)

    def point_count(self, name: str) -> int:
        return self.series[name].size

    # -- drawing ------------------------------------------------------------------------

    def _factor(self) -> float:
        return self.smoothing.value() / 100.0

    def _resmooth(self) -> None:
        for name, smoothed in self._smoothed.items():
            raw = self.series[name]
            smoothed.clear()
            smoothed.extend(raw.x, ema(raw.y, self._factor()))
            self._dirty.add(name)
        self._redraw()

    def flush(self) -> None:
        """Draw every change now (after a run, when opening one, in tests)."""
        self._dirty.update(self.series)
        while self._dirty:
            self._redraw()

    def _redraw(self) -> None:
        """Redraw the curves of one plot with changes (the next timer tick takes the next)."""
        if not self._dirty:
            return
        # Round-robin: a plot that changes often must not starve the others.
        for offset in range(len(self._plots)):
            plot = self._plots[(self._next_plot + offset) % len(self._plots)]
            if any(self._plot_of[n] is plot for n in self._dirty):
                self._next_plot = (self._plots.index(plot) + 1) % len(self._plots)
                break
        for name in [n for n in self._dirty if self._plot_of[n] is plot]:
            self._dirty.discard(name)
            series = self.series[name]
            if name in self._smoothed:
                smooth = self._smoothed[name]
                self._curves[f"{name}_raw"].setData(series.x, series.y)
                self._curves[name].setData(smooth.x, smooth.y)
            else:
                self._curves[name].setData(series.x, series.y)
        if plot is self.lr_plot and self.series["learning_rate"].size:
            # A constant rate would be drawn in a ±0.5 window, where 0.001 looks like 0.
            rates = self.series["learning_rate"].y
            low, high = float(np.nanmin(rates)), float(np.nanmax(rates))
            self.lr_plot.setYRange(min(0.0, low), high * 1.15 if high > 0 else 1.0,
                                   padding=0.02)
