"""The Compare runs view: two or more runs side by side, read from their folders only.

What differs in their settings, how good each got (best monitored value and epoch, final
validation accuracy, accuracy per class when evaluated), their curves overlaid (one colour
per run, the same colour in every plot; training solid, validation dashed), and which
validation images one run gets right that the first got wrong, and the reverse, as two
thumbnail galleries (the widget of the Evaluation and Improve the data views; each caption
says the true class, the first run's answer and the other's). All facts come from
``core.run_compare`` (the same as ``fitgen compare``) and ``core.changed_images``, so nothing
here loads a model: reading a few small text files per run is quick enough for the GUI
thread; the thumbnails are decoded in the background.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.changed_images import ChangedImage, changed_images
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_compare import Comparison, compare_runs, format_metric, format_value
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.widgets.deferred import Deferred
from fitgen_gui.ui.widgets.forms import setting_label
from fitgen_gui.ui.widgets.gallery import Gallery
from fitgen_gui.ui.workers.background import BackgroundTasks

__all__ = ["RUN_COLOURS", "CompareView"]

# Distinguishable on white and for the common colour blindnesses (Okabe-Ito).
RUN_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"]
# (plot, history key, dashed): training solid, validation dashed.
_CURVES = {"loss": (("loss", False), ("val_loss", True)),
           "accuracy": (("accuracy", False), ("val_accuracy", True))}


def _epoch_plot(title: str, y_label: str, name: str, rising: bool) -> QWidget:
    from fitgen_gui.ui.plots.curves import epoch_plot

    return epoch_plot(title, y_label, name, rising=rising, opaque_legend=True)


class CompareView(QWidget):
    """Runs side by side. ``show_runs(paths)`` fills it; the first run is the reference."""

    def __init__(self, tasks: BackgroundTasks) -> None:
        super().__init__()
        self.setObjectName("compare")
        self._several = False  # more than one run measured from the first: name it
        self.comparison: Comparison | None = None
        self.curves: dict[str, dict[str, Any]] = {"loss": {}, "accuracy": {}}
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Select two or more runs in the Runs tab and press "
                                      "Compare."))
        self.summary.setObjectName("compare.summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("compare.table")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        splitter.addWidget(self.table)
        plots = QWidget()
        row = QHBoxLayout(plots)
        row.setContentsMargins(0, 0, 0, 0)
        self.deferred_loss = Deferred(lambda: _epoch_plot(
            self.tr("Loss per epoch (solid: training, dashed: validation)"), "loss",
            "compare.plot.loss", rising=False))
        self.deferred_accuracy = Deferred(lambda: _epoch_plot(
            self.tr("Accuracy per epoch (solid: training, dashed: validation)"), "accuracy",
            "compare.plot.accuracy", rising=True))
        for plot in (self.deferred_loss, self.deferred_accuracy):
            plot.setMinimumHeight(160)
            row.addWidget(plot)
        splitter.addWidget(plots)
        changes = QWidget()
        lists = QHBoxLayout(changes)
        lists.setContentsMargins(0, 0, 0, 0)
        self.changes_label = QLabel("")
        self.changes_label.setObjectName("compare.changes")
        self.changes_label.setWordWrap(True)
        self.wrong_to_right = Gallery(tasks, "compare.wrong_to_right", self._caption)
        self.right_to_wrong = Gallery(tasks, "compare.right_to_wrong", self._caption)
        column = QVBoxLayout()
        column.addWidget(self.changes_label)
        pair = QHBoxLayout()
        for gallery in (self.wrong_to_right, self.right_to_wrong):
            pair.addWidget(gallery)
        column.addLayout(pair, 1)
        lists.addLayout(column)
        splitter.addWidget(changes)
        splitter.setSizes([300, 320, 180])
        layout.addWidget(splitter, 1)

    @property
    def loss_plot(self) -> Any:
        """The loss curves (a pyqtgraph PlotWidget, made when first needed)."""
        return self.deferred_loss.widget()

    @property
    def accuracy_plot(self) -> Any:
        """The accuracy curves (a pyqtgraph PlotWidget, made when first needed)."""
        return self.deferred_accuracy.widget()

    # -- filling ------------------------------------------------------------------------

    def show_runs(self, paths: list[str]) -> None:
        """Compare the runs in ``paths`` (two or more run folders)."""
        try:
            comparison = compare_runs(list(paths))
        except (UserError, OSError, ValueError) as error:  # a damaged run folder: say which
            self.summary.setText(self.tr("These runs cannot be compared: {reason}").format(
                reason=error))
            return
        self.comparison = comparison
        names = ", ".join(run.name for run in comparison.runs)
        self.summary.setText(self.tr("{count} runs compared, measured from the first: "
                                     "{names}.").format(count=len(comparison.runs),
                                                        names=names))
        self._fill_table(comparison)
        self._draw_curves(comparison, [RunDir(run.path).read_history()
                                       for run in comparison.runs])
        self._show_changes(comparison)

    def _rows(self, comparison: Comparison) -> list[tuple[str, list[str]]]:
        runs = comparison.runs
        rows = [(self.tr("Status"), [engine_text(run.status) for run in runs]),
                (self.tr("Epochs"), [str(run.epochs) for run in runs])]
        if comparison.settings:
            # The panels' name of the setting, with its key for the CLI's --set.
            rows += [(self.tr("{label} ({key})").format(label=setting_label(key), key=key),
                      [format_value(v, "—") for v in values])
                     for key, values in comparison.settings]
        else:
            rows.append((self.tr("Settings"), [self.tr("the same in every run")] * len(runs)))
        rows.append((self.tr("Best (epoch)"), [
            self.tr("{metric} {value} (epoch {epoch})").format(
                metric=run.monitor, value=f"{run.best:.4f}", epoch=run.best_epoch)
            if run.best is not None else "—" for run in runs]))
        rows.append((self.tr("Final validation accuracy"),
                     [format_metric(run.final.get("val_accuracy"), "—") for run in runs]))
        if any(run.class_accuracy for run in runs):
            rows.append((self.tr("Evaluated accuracy"),
                         [format_metric(run.evaluated_accuracy, "—") for run in runs]))
            rows += [(self.tr("Accuracy of class {name}").format(name=name),
                      [format_metric(run.class_accuracy.get(name), "—") for run in runs])
                     for name in comparison.classes]
        else:
            rows.append((self.tr("Accuracy per class"),
                         [self.tr("not evaluated")] * len(runs)))
        return rows

    def _fill_table(self, comparison: Comparison) -> None:
        rows = self._rows(comparison)
        self.table.clear()
        self.table.setColumnCount(len(comparison.runs))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([run.name for run in comparison.runs])
        self.table.setVerticalHeaderLabels([label for label, _ in rows])
        for column, run in enumerate(comparison.runs):
            header = self.table.horizontalHeaderItem(column)
            header.setForeground(QColor(RUN_COLOURS[column % len(RUN_COLOURS)]))
            header.setToolTip(run.path)
        for row, (_, values) in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _draw_curves(self, comparison: Comparison, histories: list[list[dict]]) -> None:
        from fitgen_gui.ui.shell.pyqtgraph_setup import pg

        plots = {"loss": self.loss_plot, "accuracy": self.accuracy_plot}
        for metric, plot in plots.items():
            plot.getPlotItem().clear()
            self.curves[metric] = {}
            for index, (run, history) in enumerate(zip(comparison.runs, histories,
                                                       strict=True)):
                colour = RUN_COLOURS[index % len(RUN_COLOURS)]
                for key, dashed in _CURVES[metric]:
                    rows = [r for r in history if isinstance(r.get(key), float)]
                    if not rows:
                        continue
                    pen = pg.mkPen(colour, width=2,
                                   style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
                    # The legend names each run once (its training curve, or its only one).
                    first = not self.curves[metric].get(run.path)
                    curve = plot.plot([r["epoch"] + 1 for r in rows], [r[key] for r in rows],
                                      pen=pen, symbol="o", symbolSize=5, symbolPen=pen,
                                      symbolBrush=colour, name=run.name if first else None)
                    self.curves[metric].setdefault(run.path, {})[key] = curve
            # Epochs are whole numbers: "1.2" on the axis of a short run means nothing.
            epochs = max((len(history) for history in histories), default=0)
            axis = plot.getPlotItem().getAxis("bottom")
            axis.setTickSpacing(*((1, 1) if epochs <= 20 else ()))

    def _caption(self, image: ChangedImage) -> str:
        """True class, then the first run's answer and the other's, under each thumbnail."""
        text = self.tr("{true}: {before} → {now}").format(
            true=image.true, before=image.before, now=image.predicted)
        return f"{image.run}\n{text}" if self._several else text

    def _show_changes(self, comparison: Comparison) -> None:
        texts = []
        self._several = len(comparison.changes) > 1
        better: list[ChangedImage] = []
        worse: list[ChangedImage] = []
        first = comparison.runs[0]
        # compare_runs measures each run after the first, in order: one change each
        for change, other in zip(comparison.changes, comparison.runs[1:], strict=True):
            if change.reason:
                texts.append(self.tr("Validation images from {first} to {other}: not "
                                     "compared ({reason}).").format(
                    first=change.first, other=change.other, reason=change.reason))
                continue
            texts.append(self.tr("Validation images from {first} to {other}: {images} "
                                 "images, {better} wrong before and right now, {worse} right "
                                 "before and wrong now.").format(
                first=change.first, other=change.other, images=change.images,
                better=len(change.wrong_to_right), worse=len(change.right_to_wrong)))
            better += changed_images(first.path, other.path, change.wrong_to_right, other.name)
            worse += changed_images(first.path, other.path, change.right_to_wrong, other.name)
        self.changes_label.setText("\n".join(texts))
        self.wrong_to_right.show_predictions(self.tr("Wrong before, right now"), better)
        self.right_to_wrong.show_predictions(self.tr("Right before, wrong now"), worse)
