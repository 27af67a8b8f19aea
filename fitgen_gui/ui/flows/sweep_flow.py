"""*Try several settings…* and *Resume sweep* as the user does them.

The dialog makes a sweep folder in the runs folder (the same folder ``fitgen sweep``
makes: :func:`~fitgen_gui.core.sweep_plan.write_sweep`), then its runs are trained one
after another as child processes by :func:`~fitgen_gui.ui.workers.sweep_runner.run_sweep`
on a background task of its own (a sweep lasts long; it must not hold a worker the previews
and data checks need). While it trains, the run bar says which run of how many, the
Training view follows the run in progress from its folder, Start is blocked and Stop stops
the sweep (the run in progress keeps a checkpoint; no other starts). The Runs tab shows the
sweep as a group; its table and *Resume sweep* are one click away.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from fitgen_gui.core.errors import UserError
from fitgen_gui.core.sweep_plan import SweepPlan, write_sweep
from fitgen_gui.ui.dialogs.sweep_dialog import SweepDialog
from fitgen_gui.ui.dialogs.sweep_table_dialog import SweepTableDialog
from fitgen_gui.ui.shell.engine_texts import status_counts
from fitgen_gui.ui.widgets.data_file_questions import ask_to_run_data_file
from fitgen_gui.ui.workers.background import BackgroundTasks
from fitgen_gui.ui.workers.sweep_runner import SweepOutcome, run_sweep, unfinished_runs

__all__ = ["SweepFlow"]


class SweepFlow(QObject):
    """Sweeps trained from the app.

    Parameters
    ----------
    window
        The main window (its ``project``, ``flow``, ``run_bar``, ``training_view``,
        ``runs_panel``, ``main_tabs``, ``compare_runs`` and ``actions`` are used).
    workspace
        A callable: the current runs folder.

    Signals
    -------
    state_changed()
        Whether a sweep runs changed (Start, Stop and the menus follow).
    finished(object)
        A sweep's turn ended (a :class:`SweepOutcome`, or None when it failed to run).
    """

    state_changed = Signal()
    finished = Signal(object)

    def __init__(self, window: Any, workspace: Callable[[], str]) -> None:
        super().__init__(window)
        self.window = window
        self._workspace = workspace
        self.tasks = BackgroundTasks(self, workers=1, name="fitgen-sweep")
        self.running: str | None = None  # the sweep folder being trained
        self._ticket: int | None = None
        self._stopping = False
        self.dialog: SweepDialog | None = None
        self.table_dialog: SweepTableDialog | None = None
        window.run_bar.stop_requested.connect(self.stop)
        window.runs_panel.sweep_requested.connect(self.show_table)
        window.runs_panel.sweep_resume_requested.connect(self.resume)
        window.flow.blockers.append(self._blocker)

    def add_actions(self, start_action: QAction) -> None:
        """*Try several settings…* in the menu that holds Start."""
        menu = next(m for m in self.window.menuBar().findChildren(QMenu)
                    if start_action in m.actions())
        self.action = QAction(self.tr("Try several &settings…"), self.window)
        self.action.setObjectName("action.sweep")
        self.action.setToolTip(self.tr("Train one run per combination of a few settings' "
                                       "values, one after another, as one sweep."))
        self.action.triggered.connect(lambda *_: self.open_dialog())
        menu.insertAction(next((a for a in menu.actions()
                                if a.objectName() == "action.stop"), None), self.action)
        self.state_changed.connect(self._sync_action)
        self.window.flow.state_changed.connect(self._sync_action)
        self._sync_action()

    def _sync_action(self) -> None:
        ok, why = self.window.flow.can_start()
        self.action.setEnabled(ok)
        self.action.setStatusTip(why if not ok else self.action.toolTip())

    # -- what can be done -----------------------------------------------------------------

    def _blocker(self) -> str:
        if self.running:
            return self.tr("A sweep is training (Runs tab); stop it or wait for it.")
        return ""

    def can_stop(self, otherwise: Callable[[], tuple[bool, str]]) -> tuple[bool, str]:
        """Stop's state: the sweep's while one trains, else ``otherwise()``."""
        if not self.running:
            return otherwise()
        if self._stopping:
            return False, self.tr("Stopping already.")
        return True, self.tr("Stop the sweep: the run in progress stops after the current "
                             "batch and keeps a checkpoint; no other run starts.")

    # -- actions ----------------------------------------------------------------------------

    def open_dialog(self) -> SweepDialog | None:
        """The *Try several settings* dialog on the project's settings (non-modal)."""
        ok, why = self.window.flow.can_start()
        if not ok:
            QMessageBox.information(self.window, self.tr("Cannot try several settings yet"),
                                    why)
            return None
        self.dialog = SweepDialog(self.window.project.config, self.window)
        self.dialog.accepted.connect(lambda: self.start(self.dialog.plan))
        self.dialog.open()
        return self.dialog

    def start(self, plan: SweepPlan | None) -> str | None:
        """Write the sweep folder of ``plan`` in the runs folder and train its runs."""
        if plan is None or self.running:
            return None
        trusted = ask_to_run_data_file(self.window, plan.base, self.tr("to train the sweep's runs"))
        if trusted is None:
            return None
        try:
            sweep_dir, sweep = write_sweep(plan, self._workspace(), options={
                "evaluate": False, "trust_data_file": trusted, "started_by": "app"})
        except (OSError, UserError) as exc:
            QMessageBox.warning(self.window, self.tr("Cannot make the sweep folder"), str(exc))
            return None
        self.window.runs_panel.refresh()
        self._train(str(sweep_dir), [r.name for r in sweep.runs])
        return str(sweep_dir)

    def resume(self, sweep_dir: str) -> bool:
        """Train the sweep's runs that did not finish (``fitgen sweep --resume``)."""
        if self.running or self.window.controller.is_running:
            return False
        try:
            names = unfinished_runs(sweep_dir)
        except UserError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot resume the sweep"), str(exc))
            return False
        if not names:
            QMessageBox.information(self.window, self.tr("Nothing to resume"), self.tr(
                "Every run of {name} has finished.").format(name=Path(sweep_dir).name))
            return False
        self._train(sweep_dir, names)
        return True

    def stop(self) -> None:
        if self.running and not self._stopping:
            self._stopping = True
            self.tasks.cancel(self._ticket)
            self.window.run_bar.stopping()
            self.state_changed.emit()

    def show_table(self, sweep_dir: str) -> SweepTableDialog | None:
        """The sweep's table (non-modal), with Compare all and Resume sweep."""
        try:
            dialog = SweepTableDialog(sweep_dir, self.window)
        except UserError as exc:
            QMessageBox.warning(self.window, self.tr("Cannot show the sweep"), str(exc))
            return None
        dialog.compare_requested.connect(self.window.compare_runs)
        dialog.resume_requested.connect(self.resume)
        self.table_dialog = dialog
        dialog.show()
        return dialog

    # -- the sweep in the background ----------------------------------------------------------

    def _train(self, sweep_dir: str, names: list[str]) -> None:
        self.running, self._stopping = sweep_dir, False
        bar = self.window.run_bar
        bar.set_running(True)
        bar.progress.setMaximum(len(names))
        bar.progress.setValue(0)
        self._ticket = self.tasks.submit(
            None, lambda context: run_sweep(sweep_dir, names, context), self._done,
            self._failed, on_progress=self._progress, with_context=True)
        self.window.flow.refresh_blockers()
        self.state_changed.emit()

    def _progress(self, kind: str, *values: Any) -> None:
        bar = self.window.run_bar
        if kind == "following":
            self.window.training_view.show_run(values[0])
            self.window.flow.show_training.emit()
        elif kind == "started":
            number, total, name = values
            bar.progress.setMaximum(total)
            bar.progress.setValue(number - 1)
            bar.progress.setFormat(self.tr("Run {number} of {total}: {name}").format(
                number=number, total=total, name=name))
            bar.status.setText(self.tr("Sweep {sweep}: training run {number} of {total}, "
                                       "{name}.").format(sweep=Path(self.running).name,
                                                         number=number, total=total, name=name))
        elif kind == "ended":
            number, total, name, status = values
            bar.progress.setValue(number)
            bar.status.setText(self.tr("Run {number} of {total}, {name}: {status}.").format(
                number=number, total=total, name=name, status=status))
        self.window.runs_panel.refresh()
        if self.table_dialog is not None and self.table_dialog.sweep_dir == self.running:
            self.table_dialog.refresh()

    def _ended(self) -> None:
        self.running, self._ticket, self._stopping = None, None, False
        self.window.run_bar.set_running(False)
        self.window.runs_panel.refresh()
        self.window.flow.refresh_blockers()
        self.state_changed.emit()

    def _done(self, outcome: SweepOutcome) -> None:
        self._ended()
        bar = self.window.run_bar
        bar.progress.setMaximum(max(1, len(outcome.rows)))
        bar.progress.setValue(sum(r.status == "finished" for r in outcome.rows))
        name = Path(outcome.sweep_dir).name
        statuses = status_counts([r.status for r in outcome.rows])
        bar.progress.setFormat(self.tr("Sweep: {statuses}").format(statuses=statuses))
        if outcome.stopped:
            text = self.tr("Sweep {name} stopped: {statuses}. Resume sweep (Runs tab) trains "
                           "the runs that did not finish.")
        else:
            text = self.tr("Sweep {name} ended: {statuses}. Its table and Compare are in the "
                           "Runs tab.")
        bar.status.setText(text.format(name=name, statuses=statuses))
        if self.table_dialog is not None and self.table_dialog.sweep_dir == outcome.sweep_dir:
            self.table_dialog.refresh()
        self.finished.emit(outcome)

    def _failed(self, message: str, details: str) -> None:
        self._ended()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The sweep stopped"), message,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("dialog.sweep_failed")
        if details:
            box.setDetailedText(details)
        box.open()
        self.finished.emit(None)

    def close(self, parent: QWidget) -> bool:
        """Before the window closes: whether it may (a sweep is stopped first, if the user
        agrees; its run in progress keeps a checkpoint)."""
        if self.running:
            answer = QMessageBox.question(
                parent, self.tr("A sweep is training"),
                self.tr("Stop the sweep and close FitGen? The run in progress keeps a "
                        "checkpoint, and Resume sweep continues the others later."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.shutdown()
        return True

    def shutdown(self) -> None:
        """Stop a sweep and wait for its run in progress to end."""
        self.tasks.shutdown()
