"""The main window: composes the project, the panels, the views, the run bar and the menus.

It holds no settings and makes no decisions: the Project owns the settings and the state of
their data, RunFlow does Start/Stop/Resume, ProjectFiles the project files, Session the last
session, WindowActions the menus, EngineLoader TensorFlow's loading.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.ui.flows.project_files import ProjectFiles
from fitgen_gui.ui.flows.run_flow import RunFlow
from fitgen_gui.ui.flows.sweep_flow import SweepFlow
from fitgen_gui.ui.flows.trained_model_flow import ModelFlow
from fitgen_gui.ui.panels.augmentation_panel import AugmentationPanel
from fitgen_gui.ui.panels.data_panel import DataPanel
from fitgen_gui.ui.panels.model_panel import ModelPanel
from fitgen_gui.ui.panels.runs_panel import RunsPanel
from fitgen_gui.ui.panels.training_panel import TrainingPanel
from fitgen_gui.ui.shell.actions import WindowActions
from fitgen_gui.ui.shell.icon import install_app_icon
from fitgen_gui.ui.shell.session import Session
from fitgen_gui.ui.shell.settings import AppSettings
from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.state.project import Project, default_config
from fitgen_gui.ui.views.batch_view import BatchView
from fitgen_gui.ui.views.compare_view import CompareView
from fitgen_gui.ui.views.preview_view import PreviewView
from fitgen_gui.ui.views.training_view import TrainingView
from fitgen_gui.ui.widgets.data_file_questions import confirm_data_file
from fitgen_gui.ui.widgets.deferred import DeferredBuilds
from fitgen_gui.ui.widgets.forms import scroll_area
from fitgen_gui.ui.widgets.run_bar import RunBar
from fitgen_gui.ui.workers.background import BackgroundTasks
from fitgen_gui.ui.workers.engine_loader import EngineLoader
from fitgen_gui.ui.workers.training_controller import TrainingController

__all__ = ["MainWindow", "default_config"]

SETTINGS_MIN_WIDTH = 470  # the settings column never gets narrower than its fields need


class MainWindow(QMainWindow):
    """FitGen's window."""

    def __init__(self, settings: AppSettings | None = None, *,
                 workspace: str | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("FitGen"))
        self.setWindowIcon(install_app_icon())
        self.setAcceptDrops(True)
        self.settings = settings or AppSettings()
        if workspace:
            self.settings.workspace = workspace
        self.tasks = BackgroundTasks(self)
        self.project = Project(self.tasks, self)
        self.binder = Binder(self.project, self)
        self.controller = TrainingController(self)
        self.files = ProjectFiles(self, self.project, self.settings)
        self.session = Session(self.settings, self)
        self.engine = EngineLoader(self.tasks, self)
        self.engine.ready.connect(self._engine_ready)
        self.engine.failed.connect(self._engine_failed)

        self.data_panel = DataPanel(self.project, self.binder)
        self.augmentation_panel = AugmentationPanel(self.binder)
        self.model_panel = ModelPanel(self.project, self.binder)
        self.training_panel = TrainingPanel(self.project, self.binder)
        self.runs_panel = RunsPanel()
        self.settings_tabs = QTabWidget()
        self.settings_tabs.setObjectName("settingsTabs")
        for panel, title in ((self.data_panel, self.tr("Data")),
                             (self.augmentation_panel, self.tr("Augmentation")),
                             (self.model_panel, self.tr("Model")),
                             (self.training_panel, self.tr("Fit options"))):
            self.settings_tabs.addTab(scroll_area(panel), title)
        self.settings_tabs.addTab(self.runs_panel, self.tr("Runs"))
        self.settings_tabs.setMinimumWidth(SETTINGS_MIN_WIDTH)

        self.run_bar = RunBar()
        self.preview = PreviewView(self.project, self.tasks)
        self.training_view = TrainingView()
        self.main_tabs = QTabWidget()
        self.main_tabs.setObjectName("mainTabs")
        self.main_tabs.addTab(self.preview, self.tr("Augmentation preview"))
        self.main_tabs.addTab(self.training_view, self.tr("Training"))
        self.batch_view = BatchView(self.tasks, lambda: self.project.config,
                                    lambda: self.training_view.run_dir, self.preview.blocked)
        self.main_tabs.addTab(self.batch_view, self.tr("Batches"))
        self.models = ModelFlow(self, self.tasks, self.main_tabs, self.runs_panel)
        self.main_tabs.addTab(self.models.evaluation, self.tr("Evaluation"))
        self.main_tabs.addTab(self.models.improve, self.tr("Improve the data"))
        self.main_tabs.addTab(self.models.predict, self.tr("Predict"))
        self.compare_view = CompareView(self.tasks)
        self.main_tabs.addTab(self.compare_view, self.tr("Compare runs"))
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.run_bar)
        column.addWidget(self.main_tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.settings_tabs)
        self.splitter.addWidget(right)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 1040])
        self.setCentralWidget(self.splitter)
        self.device_label = QLabel(self.tr("Loading TensorFlow…"))
        self.device_label.setObjectName("status.device")
        self.statusBar().addPermanentWidget(self.device_label)

        self.flow = RunFlow(self, self.project, self.controller, self.run_bar,
                            self.training_view, self.runs_panel, lambda: self.settings.workspace)
        self.sweeps = SweepFlow(self, lambda: self.settings.workspace)  # Try several settings
        self.actions = WindowActions(self, {
            "new_project": self.files.new, "open_project": self.files.open,
            "save_project": self.files.save, "save_project_as": self.files.save_as,
            "open_folder": self.data_panel.train_dir.browse, "workspace": self.choose_workspace,
            "start": self.flow.start,
            "stop": lambda: self.sweeps.stop() if self.sweeps.running else self.flow.stop(),
            "resume": lambda: self.flow.resume_dialog(self.run_bar.resumable),
            "evaluate": self.models.evaluate_run, "predict": self.models.show_predict,
            "export": self.models.open_export,
        }, {"start": self.flow.can_start,
            "stop": lambda: self.sweeps.can_stop(self.flow.can_stop),
            "resume": self.flow.can_resume, "evaluate": self.models.can_use,
            "export": self.models.can_use},
            lambda: self.settings.recent_projects, self.files.open)
        self.sweeps.add_actions(self.actions.start)
        self.sweeps.state_changed.connect(self.actions.refresh)
        self.flow.blockers.append(lambda: self.tr("An evaluation, prediction or export is "
                                                  "running; wait for it or cancel it.")
                                  if self.models.busy else "")
        self.flow.blockers.append(lambda: self.tr("FitGen is looking for label errors or "
                                                  "duplicates; wait for it or stop it.")
                                  if self.models.improve.busy else "")
        self.models.improve.train_again_requested.connect(self.flow.train_again)
        self.flow.state_changed.connect(self.actions.refresh)
        self.models.state_changed.connect(self.actions.refresh)
        self.models.state_changed.connect(self.flow.refresh_blockers)
        self.controller.running_changed.connect(self.models.set_training)
        self.controller.finished.connect(self.models.run_ended)
        self.run_bar.evaluate_requested.connect(lambda: self.models.evaluate_run(
            self.run_bar.resumable))
        self.flow.show_training.connect(lambda: self.main_tabs.setCurrentWidget(
            self.training_view))
        self.controller.running_changed.connect(self.training_view.set_training)
        self.training_view.profile_requested.connect(self.profile_batches)
        self.training_view.tune_requested.connect(self.tune_loader)
        self.batch_view.tune_requested.connect(self.tune_loader)
        self.files.path_changed.connect(lambda path: self.setWindowTitle(
            f"FitGen — {Path(path).name}" if path else "FitGen"))
        self.runs_panel.open_requested.connect(self.flow.open_run)
        self.runs_panel.resume_requested.connect(self.flow.resume_dialog)
        self.runs_panel.compare_requested.connect(self.compare_runs)
        self.runs_panel.workspace_change_requested.connect(self.choose_workspace)
        self.settings_tabs.currentChanged.connect(self._on_settings_tab)
        self.project.problems_changed.connect(
            lambda _: self.binder.mark_problems(self.project.problems))
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(500)
        self._autosave.timeout.connect(self.save_session)
        self.project.changed.connect(self._on_changed)
        self.runs_panel.set_workspace(self.settings.workspace)
        self.models.set_workspace(self.settings.workspace)
        self.project.load(default_config())
        self._restore_window()
        # The plots (pyqtgraph) are made after the window shows: its import on a thread,
        # then one plot widget a turn of the event loop, the Training tab's first.
        self.deferred_views = DeferredBuilds("fitgen_gui.ui.plots.input_plots", [
            *self.training_view.build_steps(), lambda: self.batch_view.histogram,
            lambda: self.compare_view.loss_plot, lambda: self.compare_view.accuracy_plot], self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the first paint (or in half a second, should none come): the import would
        # take the CPU from the window's first paint.
        QTimer.singleShot(500, self.deferred_views.start)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self.deferred_views.started:
            QTimer.singleShot(0, self.deferred_views.start)
        return handled

    @property
    def views_built(self) -> bool:
        """Whether every plot of the window has been made (they are after it shows)."""
        return self.deferred_views.done

    # -- settings and data --------------------------------------------------------------

    @property
    def config(self) -> Any:
        return self.project.config

    def load_config(self, config: Any) -> None:
        self.project.load(config)

    def _on_changed(self, field: str) -> None:
        if field == "data.train_dir" and self.project.config.data.train_dir:
            self.settings.last_folder = str(Path(self.project.config.data.train_dir).parent)
        self._autosave.start()

    def _on_settings_tab(self, index: int) -> None:
        if self.controller.is_running:
            return
        widget = self.settings_tabs.widget(index)
        if widget is not None and widget.findChild(AugmentationPanel) is not None:
            self.main_tabs.setCurrentWidget(self.preview)

    def profile_batches(self) -> None:
        """Profile the next 20 batches of the running training (TensorBoard + verdict)."""
        if self.controller.profile(20):
            self.training_view.input.verdict.setText(
                self.tr("Profiling the next 20 batches; the profiler's verdict appears here when "
                "they are done."))

    def tune_loader(self) -> None:
        """The loader tuner on the current settings (not while a training runs)."""
        from fitgen_gui.ui.dialogs.loader_dialog import LoaderDialog

        blocked = self.preview.blocked()
        if self.controller.is_running:
            blocked = self.tr("A training is running: it would slow the measurements down. "
                              "Tune the loader when it has ended.")
        elif not blocked and not self.engine.is_ready:
            blocked = self.tr("TensorFlow is still loading; try again in a moment.")
        self.loader_dialog = LoaderDialog(self, self.tasks, self.project.config,
                                          self.project.update, blocked)
        self.loader_dialog.show()

    def open_folder(self, folder: str) -> None:
        """A dataset folder: ``train/`` + ``val/`` inside it, or itself the training folder."""
        self.data_panel.open_dataset(folder)

    def compare_runs(self, paths: list[str]) -> None:
        """The runs in ``paths`` side by side (the Compare runs tab)."""
        self.compare_view.show_runs(paths)
        self.main_tabs.setCurrentWidget(self.compare_view)

    def choose_workspace(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the runs"),
                                                self.settings.workspace)
        if path:
            self.settings.workspace = path
            self.runs_panel.set_workspace(path)
            self.models.set_workspace(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and os.path.isdir(urls[0].toLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.open_folder(urls[0].toLocalFile())
            self.settings_tabs.setCurrentIndex(0)
            event.acceptProposedAction()

    # -- TensorFlow loads in the background -----------------------------------------------

    def load_engine(self) -> None:
        """Import TensorFlow in the background and list the devices."""
        self.engine.load()

    def _engine_ready(self, devices: list[tuple[str, str]]) -> None:
        self.training_panel.set_devices(devices)
        self.project.set_devices([key for key, _ in devices])
        gpus = [label for key, label in devices if key.startswith("gpu:")]
        self.device_label.setText(self.tr("Device: {device}").format(device=gpus[0]) if gpus
                                  else self.tr("Device: CPU (no GPU found)"))

    def _engine_failed(self, message: str) -> None:
        self.device_label.setText(self.tr("TensorFlow could not load"))
        QMessageBox.warning(self, self.tr("TensorFlow could not load"),
                            self.tr("Training is not possible until this is fixed:\n{error}")
                            .format(error=message))

    # -- session ------------------------------------------------------------------------

    def restore_session(self) -> bool:
        """Reopen the last session's settings; False if there were none."""
        config = self.session.restore()
        if config is None:
            return False
        self.files.path = self.settings.project_path or None
        self.project.load(confirm_data_file(self, config))
        return True

    def save_session(self) -> None:
        self.session.save(self.project.config, self.files.path)

    def _restore_window(self) -> None:
        geometry = self.settings.state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1600, 1000)
        for name, widget in (("main_splitter", self.splitter),
                             ("training_splitter", self.training_view.splitter)):
            state = self.settings.state(name)
            if state is not None:
                widget.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller.is_running:
            answer = QMessageBox.question(
                self, self.tr("Training is running"),
                self.tr("Stop the training and close FitGen? What was learned is kept as a "
                "checkpoint, and the run can be resumed later."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.flow.stop()
            self.controller.wait(120000)
        if not self.sweeps.close(self):
            event.ignore()
            return
        self.save_session()
        self.settings.save_state("geometry", self.saveGeometry())
        self.settings.save_state("main_splitter", self.splitter.saveState())
        self.settings.save_state("training_splitter", self.training_view.splitter.saveState())
        self.settings.sync()
        self.models.shutdown()
        self.tasks.shutdown()
        event.accept()
