"""Start, Stop and Resume as the user does them: the checks, the questions, the views.

Owns nothing but the wiring between the project, the controller and the views: what Start
checks before a run, which run Resume continues and what it asks (which checkpoint; may a
data file run), and which views hear of a run's events.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.events import EpochEnded, RunStarted, TrainingFailed
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.ui.dialogs.resume_dialog import ResumeDialog
from fitgen_gui.ui.panels.runs_panel import RunsPanel
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.project import Project
from fitgen_gui.ui.views.training_view import TrainingView
from fitgen_gui.ui.widgets.data_file_questions import ask_to_run_data_file
from fitgen_gui.ui.widgets.run_bar import RunBar
from fitgen_gui.ui.workers.training_controller import TrainingController

__all__ = ["RunFlow"]


class RunFlow(QObject):
    """Training actions of the window.

    Signals
    -------
    state_changed()
        Whether Start, Stop or Resume can act may have changed.
    show_training()
        The Training view should come to the front.
    """

    state_changed = Signal()
    show_training = Signal()

    def __init__(self, window: QWidget, project: Project, controller: TrainingController,
                 run_bar: RunBar, training_view: TrainingView, runs_panel: RunsPanel,
                 workspace: Any) -> None:
        super().__init__(window)
        self.window, self.project, self.controller = window, project, controller
        self.run_bar, self.training_view, self.runs_panel = run_bar, training_view, runs_panel
        self._workspace = workspace  # a callable: the current runs folder
        self._current: str | None = None  # the run being trained
        self._start_when_checked = False  # Train again: start once the data check ends
        # Callables saying why a training cannot start now ("" when nothing prevents it).
        self.blockers: list[Any] = []
        controller.event.connect(run_bar.on_event)
        controller.event.connect(training_view.on_event)
        controller.event.connect(self._on_event)
        controller.running_changed.connect(self._on_running)
        controller.finished.connect(self._on_finished)
        run_bar.start_requested.connect(self.start)
        run_bar.stop_requested.connect(self.stop)
        run_bar.resume_requested.connect(lambda: self.resume_dialog(run_bar.resumable))
        project.problems_changed.connect(self._on_problems)
        project.problems_changed.connect(self._start_again_when_checked)
        project.data_changed.connect(lambda: self._on_problems(project.messages))

    # -- what can be done -------------------------------------------------------------

    def ready_text(self) -> str:
        project = self.project
        if project.config.data.source == "python" and project.data_file is not None:
            return self.tr("Ready: your data file's {classes} classes. Press Start training."
                           ).format(classes=len(project.data_file.class_names))
        summary = project.summary
        if summary is None:
            return ""
        train = sum(summary.train_counts.values())
        val = sum(summary.val_counts.values())
        classes = len(summary.train_counts)
        if val:
            return self.tr("Ready: {train} training images in {classes} classes, {val} "
                           "validation images. Press Start training.").format(
                train=train, classes=classes, val=val)
        return self.tr("Ready: {train} training images in {classes} classes. Press Start "
                       "training.").format(train=train, classes=classes)

    def _on_problems(self, messages: list[str]) -> None:
        self.run_bar.set_problems(messages, self.ready_text())
        self.state_changed.emit()

    def _start_again_when_checked(self, messages: list[str]) -> None:
        # Problems are worked out again after every step of the data check: the first
        # time with the check ended, Train again starts (or says why it cannot).
        if self._start_when_checked and not self.project.checking:
            self._start_when_checked = False
            if not self.start():
                ok, why = self.can_start()
                box = QMessageBox(QMessageBox.Icon.Information, self.tr("Cannot train again"),
                                  why if not ok else self.tr("The training could not start."),
                                  QMessageBox.StandardButton.Ok, self.window)
                box.setObjectName("dialog.train_again")
                box.open()

    def refresh_blockers(self) -> None:
        reasons = [text for text in (blocker() for blocker in self.blockers) if text]
        self.run_bar.set_blocked(reasons[0] if reasons else "")
        self.state_changed.emit()

    def can_start(self) -> tuple[bool, str]:
        if self.controller.is_running:
            return False, self.tr("A training is running.")
        for blocker in self.blockers:
            if blocker():
                return False, blocker()
        if self.project.messages:
            return False, self.tr("Before training: {problems}").format(
                problems="; ".join(self.project.messages))
        return True, self.tr("Train a new run with these settings.")

    def can_stop(self) -> tuple[bool, str]:
        if not self.controller.is_running:
            return False, self.tr("Nothing is training.")
        if self.controller.stop_requested:
            return False, self.tr("Stopping already.")
        return True, self.tr("Stop after the current batch; a checkpoint is kept.")

    def can_resume(self) -> tuple[bool, str]:
        if self.controller.is_running:
            return False, self.tr("A training is running.")
        if self.run_bar.resumable is None:
            return False, self.tr("Open a run in the Runs tab (or train one) to resume it.")
        return True, self.tr("Continue the shown run from one of its checkpoints.")

    # -- actions ----------------------------------------------------------------------

    def start(self) -> bool:
        ok, _ = self.can_start()
        if not ok:
            return False
        Path(self._workspace()).mkdir(parents=True, exist_ok=True)
        self.training_view.clear()
        self.show_training.emit()
        return self.controller.start(self.project.config, self._workspace(),
                                     self.project.report)

    def train_again(self, run_dir: str) -> bool:
        """A new run with ``run_dir``'s settings on its folders as they are now (after the
        fixes): the settings become the project's, the data are checked again, and the run
        starts as Start starts one, when the check has ended."""
        if self.controller.is_running:
            return False
        try:
            config = RunConfig.from_json(RunDir(run_dir).read_config_text())
        except (OSError, UserError) as exc:
            QMessageBox.warning(self.window, self.tr("Cannot train again"),
                                engine_text(str(exc)))
            return False
        self._start_when_checked = True
        self.project.load(config)
        self.project.recheck()  # the folders changed since: read them again
        return True

    def stop(self) -> None:
        if self.controller.is_running:
            self.controller.stop()
            self.run_bar.stopping()
            self.state_changed.emit()

    def resume_dialog(self, run_dir: str | None) -> bool:
        if not run_dir or self.controller.is_running:
            return False
        run = RunDir(run_dir)
        try:
            config = RunConfig.from_json(run.read_config_text())
        except (OSError, UserError) as exc:
            QMessageBox.warning(self.window, self.tr("Cannot resume"), engine_text(str(exc)))
            return False
        trusted = ask_to_run_data_file(self.window, config, "to resume")
        if trusted is None:
            return False
        if not run.checkpoints():
            answer = QMessageBox.question(
                self.window, self.tr("Start the run again?"),
                self.tr("Run {name} has no checkpoint: it stopped before its first epoch ended. "
                        "Start it again from epoch 1 with its settings?").format(name=run.name))
            if answer != QMessageBox.StandardButton.Yes:
                return False
            return self.resume(run_dir, None, None, trusted=trusted)
        dialog = ResumeDialog(run, config.training.epochs, self.window)
        if dialog.exec() != ResumeDialog.DialogCode.Accepted:
            return False
        epoch, epochs = dialog.choice()
        return self.resume(run_dir, epoch, epochs, trusted=trusted)

    def resume(self, run_dir: str, from_epoch: int | None = None, epochs: int | None = None,
               *, trusted: bool = False) -> bool:
        """Continue a run; its plots are shown and continue after ``from_epoch``."""
        if self.controller.is_running:
            return False
        self.training_view.show_run(run_dir)
        self.show_training.emit()
        return self.controller.resume(run_dir, from_epoch, epochs, data_file_trusted=trusted)

    def open_run(self, run_dir: str) -> None:
        """Show a run's plots and console (following it when another process trains it)."""
        if self.controller.is_running:
            QMessageBox.information(self.window, self.tr("Training is running"),
                                    self.tr("Open other runs when the current training ends."))
            return
        self.training_view.show_run(run_dir)
        self._set_resumable(run_dir)
        self.show_training.emit()

    def _set_resumable(self, run_dir: str | None) -> None:
        if run_dir is None:
            self.run_bar.set_resumable(None)
        elif RunDir(run_dir).status() == "running":
            self.run_bar.set_resumable(None, self.tr("This run is being trained elsewhere; it "
                                                     "can be resumed when that ends."))
        else:
            self.run_bar.set_resumable(run_dir)
        self.run_bar.set_evaluable(run_dir is not None and RunDir(run_dir).has_model())
        self.state_changed.emit()

    # -- events -----------------------------------------------------------------------

    def _on_event(self, event: Any) -> None:
        if isinstance(event, RunStarted):
            self._current = event.run_dir
        if isinstance(event, RunStarted | EpochEnded) and self._current:
            self.runs_panel.update_run(self._current)

    def _on_running(self, running: bool) -> None:
        self.run_bar.set_running(running)
        self.state_changed.emit()

    def _on_finished(self, final: Any) -> None:
        if getattr(final, "run_dir", None):
            self.runs_panel.update_run(final.run_dir)
        self._current = None
        self._set_resumable(getattr(final, "run_dir", None))
        if isinstance(final, TrainingFailed):
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Training stopped"), final.message,
                              QMessageBox.StandardButton.Ok, self.window)
            box.setObjectName("dialog.training_failed")
            box.setDetailedText(final.details)
            box.open()  # not modal-blocking: the app stays usable

