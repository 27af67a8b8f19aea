"""Tune loader: data only, model only and full training speed, a sweep of loader settings,
and Apply, which writes the recommended workers, processes and queue size into the
settings (Fit options)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fitgen_gui.core.config import RunConfig
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.workers.background import BackgroundTasks

__all__ = ["LoaderDialog"]


class LoaderDialog(QDialog):
    """Runs :func:`fitgen_gui.training.loader_tuner.tune_loader` off the GUI thread.

    ``apply(settings)`` receives ``{"training.workers": ..., ...}`` when Apply is pressed.
    """

    _progress = Signal(str)

    def __init__(self, parent: Any, tasks: BackgroundTasks, config: RunConfig,
                 apply: Any, blocked: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("loaderDialog")
        self.setWindowTitle(self.tr("Tune loader"))
        self.resize(720, 520)
        self._tasks = tasks
        self._config = config
        self._apply = apply
        self._stop = threading.Event()
        self.report: Any = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Measures how fast the data alone, the model alone and full training go (20 "
            "batches each), then tries other numbers of workers, queue sizes and worker "
            "processes on full training. More workers are recommended only when the data is "
            "slower than the model."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.status = QLabel(blocked or self.tr("Press Measure to start (it takes a little "
                                                "while: the model trains on real batches)."))
        self.status.setObjectName("loader.status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("loader.table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("setting"), self.tr("images/s"), self.tr("queue full")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.verdict = QLabel("")
        self.verdict.setObjectName("loader.verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict)
        buttons = QDialogButtonBox()
        self.measure = QPushButton(self.tr("Measure"))
        self.measure.setObjectName("loader.measure")
        self.measure.setEnabled(not blocked)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setObjectName("loader.apply")
        self.apply_button.setEnabled(False)
        self.apply_button.setToolTip(self.tr("Write the recommended setting into Fit options."))
        buttons.addButton(self.measure, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ApplyRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.measure.clicked.connect(self.start)
        self.apply_button.clicked.connect(self._applied)
        self._progress.connect(self.status.setText)

    def start(self) -> None:
        self.measure.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.report = None
        self._stop.clear()
        config, stop = self._config, self._stop

        def work() -> Any:
            from fitgen_gui.training.loader_tuner import tune_loader

            return tune_loader(config, stop=stop,
                               progress=lambda text: self._progress.emit(f"{engine_text(text)}…"))

        self._tasks.submit("loader.tune", work, self._done, self._failed)

    def _failed(self, message: str, details: str) -> None:
        self.measure.setEnabled(True)
        self.status.setText(self.tr("Could not measure: {error}").format(
            error=engine_text(message)))
        self.status.setToolTip(details)

    def _done(self, report: Any) -> None:
        self.report = report
        self.measure.setEnabled(True)
        self.status.setText(self.tr("Data only {data} images/s · model only {model} · full "
                                    "training {full}.").format(
            data=f"{report.data_only:.0f}", model=f"{report.model_only:.0f}",
            full=f"{report.full:.0f}"))
        self.table.setRowCount(len(report.trials))
        best = report.recommended.key if report.recommended is not None else None
        for r, trial in enumerate(report.trials):
            label = (self.tr("{setting}  ← recommended").format(
                setting=engine_text(trial.label)) if trial.key == best
                else engine_text(trial.label))
            self.table.setItem(r, 0, QTableWidgetItem(label))
            speed = self.tr("failed") if trial.error else f"{trial.images_per_s:.0f}"
            item = QTableWidgetItem(speed)
            if trial.error:
                item.setToolTip(trial.error)
            self.table.setItem(r, 1, item)
            self.table.setItem(r, 2, QTableWidgetItem(
                "" if trial.error else f"{trial.queue_fill:.0%}"))
        self.table.resizeColumnToContents(0)
        self.verdict.setText(f"{engine_text(report.sentence)}\n"
                             f"{engine_text(report.recommendation)}")
        self.apply_button.setEnabled(report.recommended is not None)

    def _applied(self) -> None:
        if self.report is not None and self.report.recommended is not None:
            self._apply(self.report.recommended.settings())
            self.status.setText(self.tr("Applied: {setting}. The next run uses it.").format(
                setting=engine_text(self.report.recommended.label)))

    def reject(self) -> None:
        self._stop.set()
        super().reject()
