"""What the window does with trained models: which one, evaluate, predict, export.

Owns the shared :class:`ModelChoice` and the :class:`ModelWork` thread, builds the
Evaluation and Predict views, and wires them to the Runs panel, the run bar and the
training: a run that ends becomes the chosen model, and while a training runs, model work
waits (both would share TensorFlow and the CPU).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from fitgen_gui.ui.dialogs.export_dialog import ExportDialog
from fitgen_gui.ui.panels.runs_panel import RunsPanel
from fitgen_gui.ui.state.dataset_fixes import DatasetFixes
from fitgen_gui.ui.state.trained_model import ModelChoice
from fitgen_gui.ui.views.evaluation_view import EvaluationView
from fitgen_gui.ui.views.improve_view import ImproveView
from fitgen_gui.ui.views.predict_view import PredictView
from fitgen_gui.ui.workers.background import BackgroundTasks
from fitgen_gui.ui.workers.trained_model_work import ModelWork

__all__ = ["ModelFlow"]

TRAINING_RUNS = QT_TRANSLATE_NOOP("ModelFlow", "A training is running: evaluate, predict and "
                                  "export when it ends (or stop it).")


class ModelFlow(QObject):
    """Model actions of the window.

    Signals
    -------
    state_changed()
        Whether the model actions can act may have changed.
    """

    state_changed = Signal()

    def __init__(self, window: QWidget, tasks: BackgroundTasks, tabs: QTabWidget,
                 runs_panel: RunsPanel) -> None:
        super().__init__(window)
        self.window, self.tabs = window, tabs
        self.choice = ModelChoice(self)
        self.work = ModelWork(self)
        self.fixes = DatasetFixes(self)  # the journaled fixes every gallery makes
        self.evaluation = EvaluationView(self.choice, self.work, tasks, self.fixes)
        self.predict = PredictView(self.choice, self.work, tasks)
        self.improve = ImproveView(self.choice, tasks, self.fixes)
        self.improve.busy_changed.connect(lambda _: self.state_changed.emit())
        self.export_dialog: ExportDialog | None = None
        self._training = False
        self.work.progress.connect(self._progress)
        self.work.busy_changed.connect(lambda _: self.state_changed.emit())
        self.choice.changed.connect(self.state_changed)
        self.evaluation.export_requested.connect(self.open_export)
        runs_panel.evaluate_requested.connect(self.evaluate_run)
        runs_panel.export_requested.connect(self.export_run)

    # -- state ------------------------------------------------------------------------

    def set_workspace(self, workspace: str) -> None:
        self.choice.set_workspace(workspace)

    def set_training(self, running: bool) -> None:
        self._training = running
        reason = self.tr(TRAINING_RUNS) if running else ""
        self.evaluation.set_blocked(reason)
        self.predict.set_blocked(reason)
        self.improve.set_blocked(self.tr("A training is running: look for label errors when "
                                         "it ends (or stop it).") if running else "")
        self.state_changed.emit()

    def can_use(self) -> tuple[bool, str]:
        if self._training:
            return False, self.tr(TRAINING_RUNS)
        if self.work.busy:
            return False, self.tr("An evaluation, prediction or export is running.")
        if self.choice.path is None:
            return False, self.tr("Train a model first (or choose a model file in the Predict "
                                  "tab).")
        return True, self.tr("With {model}.").format(model=self.choice.describe())

    @property
    def busy(self) -> bool:
        return self.work.busy

    def _progress(self, text: str, done: int, total: int) -> None:
        for view in (self.evaluation, self.predict):  # the view whose job it is shows it
            view.on_progress(text, done, total)

    # -- actions ----------------------------------------------------------------------

    def run_ended(self, final: Any) -> None:
        """A training ended: its run (when it has a model) becomes the chosen model."""
        self.choice.runs_changed.emit()
        run_dir = getattr(final, "run_dir", None)
        if run_dir and type(final).__name__ == "TrainingFinished":
            self.choice.set(run_dir, None)

    def show_evaluation(self) -> None:
        self.tabs.setCurrentWidget(self.evaluation)

    def evaluate_run(self, run_dir: str | None = None) -> bool:
        """Evaluate a run's final model on its validation data (the Evaluation tab)."""
        if run_dir:
            self.choice.runs_changed.emit()
            self.choice.set(run_dir, None)
        self.show_evaluation()
        return self.evaluation.run()

    def export_run(self, run_dir: str) -> ExportDialog | None:
        self.choice.runs_changed.emit()
        self.choice.set(run_dir, None)
        return self.open_export()

    def open_export(self) -> ExportDialog | None:
        ok, _ = self.can_use()
        if not ok and not (self.work.busy and self.export_dialog is not None):
            return None
        self.export_dialog = ExportDialog(self.choice, self.work, self.window)
        self.export_dialog.open()
        return self.export_dialog

    def show_improve(self, run_dir: str | None = None) -> None:
        """The Improve the data tab, for ``run_dir`` (default: the chosen run)."""
        if run_dir:
            self.choice.runs_changed.emit()
            self.choice.set(run_dir, None)
        self.tabs.setCurrentWidget(self.improve)

    def show_predict(self) -> None:
        self.tabs.setCurrentWidget(self.predict)

    def shutdown(self) -> None:
        self.work.shutdown()
