"""The main window: composes the panels, the preview, the training view and the menus."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QWidget,
)

from fitgen_gui.core.config import ConfigError, RunConfig
from fitgen_gui.core.events import TrainingFailed, TrainingFinished, TrainingStopped
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.ui.app_settings import AppSettings
from fitgen_gui.ui.augmentation_panel import AugmentationPanel
from fitgen_gui.ui.background import BackgroundTasks
from fitgen_gui.ui.config_binding import Binder
from fitgen_gui.ui.controller import TrainingController
from fitgen_gui.ui.data_panel import DataPanel
from fitgen_gui.ui.model_panel import ModelPanel
from fitgen_gui.ui.preview_view import PreviewView
from fitgen_gui.ui.runs_panel import ResumeDialog, RunsPanel
from fitgen_gui.ui.training_panel import TrainingPanel
from fitgen_gui.ui.training_view import TrainingView

__all__ = ["MainWindow", "default_config"]

_PREVIEW_FIELDS = ("data.", "augmentation.", "training.seed", "training.shuffle")
_LABELS = {
    "data.train_dir": "Training images", "data.val_dir": "Validation folder",
    "data.generator_file": "Data file",
    "data.validation_split": "Validation share", "data.target_size": "Image size",
    "data.batch_size": "Batch size", "data.color_mode": "Colour", "data.class_mode": "Labels",
    "model.weights": "Start from", "model.architecture": "Architecture",
    "optimizer.learning_rate": "Learning rate", "training.epochs": "Epochs",
    "training.mixed_precision": "Mixed precision", "training.device": "Device",
}


def _label(field: str) -> str:
    """A setting's name as the panels show it."""
    base = field.split("[")[0]
    if base in _LABELS:
        return _LABELS[base]
    return base.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def default_config() -> RunConfig:
    """Settings a new project starts with."""
    config = RunConfig()
    config.training.epochs = 10
    return config


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class MainWindow(QMainWindow):
    """FitGen's window. ``config`` is the current settings, kept in sync with the panels."""

    def __init__(self, settings: AppSettings | None = None, *,
                 workspace: str | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("FitGen")
        self.setAcceptDrops(True)
        self.settings = settings or AppSettings()
        if workspace:
            self.settings.workspace = workspace
        self.config = default_config()
        self.project_path: str | None = None
        self.binder = Binder(self)
        self.tasks = BackgroundTasks(self)
        self.controller = TrainingController(self)

        self.data_panel = DataPanel(self.binder, self.tasks)
        self.augmentation_panel = AugmentationPanel(self.binder)
        self.model_panel = ModelPanel(self.binder)
        self.training_panel = TrainingPanel(self.binder)
        self.runs_panel = RunsPanel()
        self.panels = (self.data_panel, self.augmentation_panel, self.model_panel,
                       self.training_panel)
        self.settings_tabs = QTabWidget()
        self.settings_tabs.setObjectName("settingsTabs")
        for panel, title in ((self.data_panel, "Data"), (self.augmentation_panel,
                                                         "Augmentation"),
                             (self.model_panel, "Model"), (self.training_panel, "Training"),
                             (self.runs_panel, "Runs")):
            self.settings_tabs.addTab(_scroll(panel) if panel is not self.runs_panel else panel,
                                      title)
        self.preview = PreviewView(self.tasks)
        self.training_view = TrainingView()
        self.main_tabs = QTabWidget()
        self.main_tabs.setObjectName("mainTabs")
        self.main_tabs.addTab(self.preview, "Augmentation preview")
        self.main_tabs.addTab(self.training_view, "Training")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.settings_tabs)
        self.splitter.addWidget(self.main_tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 960])
        self.setCentralWidget(self.splitter)
        self.device_label = QLabel("Loading TensorFlow…")
        self.device_label.setObjectName("status.device")
        self.statusBar().addPermanentWidget(self.device_label)
        self._build_menus()

        self.binder.changed.connect(self._on_setting_changed)
        self.data_panel.folders_changed.connect(self._on_folders_changed)
        self.data_panel.summary_ready.connect(self._on_summary)
        self.controller.event.connect(self.training_view.on_event)
        self.controller.running_changed.connect(self._on_running_changed)
        self.controller.finished.connect(self._on_finished)
        self.training_view.start_requested.connect(self.start_training)
        self.training_view.stop_requested.connect(self.stop_training)
        self.training_view.resume_requested.connect(
            lambda: self.resume_dialog(self.training_view.run_dir))
        self.runs_panel.open_requested.connect(self.open_run)
        self.runs_panel.resume_requested.connect(self.resume_dialog)
        self.runs_panel.workspace_change_requested.connect(self.choose_workspace)
        self.settings_tabs.currentChanged.connect(self._on_settings_tab)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(500)
        self._autosave.timeout.connect(self._save_session)
        self.runs_panel.set_workspace(self.settings.workspace)
        self.load_config(self.config)
        self._restore_window()

    # -- menus ------------------------------------------------------------------------

    def _action(self, menu: Any, text: str, name: str, slot: Any,
                shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New project", "action.new_project", self.new_project,
                     QKeySequence.StandardKey.New)
        self._action(file_menu, "&Open project…", "action.open_project", self.open_project,
                     QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Recent projects")
        self.recent_menu.setObjectName("menu.recent")
        self._action(file_menu, "&Save project", "action.save_project", self.save_project,
                     QKeySequence.StandardKey.Save)
        self._action(file_menu, "Save project &as…", "action.save_project_as",
                     self.save_project_as, QKeySequence.StandardKey.SaveAs)
        file_menu.addSeparator()
        self._action(file_menu, "Choose training &folder…", "action.open_folder",
                     self.data_panel.train_dir.browse)
        self._action(file_menu, "Runs &workspace folder…", "action.workspace",
                     self.choose_workspace)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", "action.quit", self.close, QKeySequence.StandardKey.Quit)
        run_menu = self.menuBar().addMenu("&Run")
        self._action(run_menu, "&Start training", "action.start", self.start_training, "F5")
        self._action(run_menu, "S&top", "action.stop", self.stop_training, "Shift+F5")
        self._action(run_menu, "&Resume…", "action.resume",
                     lambda: self.resume_dialog(self.training_view.run_dir))
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About FitGen", "action.about", self._about)
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_projects:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not self.settings.recent_projects:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def _about(self) -> None:
        from fitgen_gui import __version__

        QMessageBox.about(self, "About FitGen",
                          f"FitGen {__version__}\nTrain image classifiers from folders of "
                          "images.\nKeras 2's fit_generator and ImageDataGenerator, on "
                          "Keras 3.")

    # -- settings ---------------------------------------------------------------------

    def load_config(self, config: RunConfig) -> None:
        """Show ``config`` in every panel."""
        self.config = RunConfig.from_dict(config.to_dict())
        self.binder.load(self.config)
        for panel in self.panels:
            panel.load(self.config)
        self._validate()
        self.data_panel.scan(self.config)
        self.preview.request(self.config)

    def _pull(self) -> None:
        self.binder.store(self.config)
        for panel in self.panels:
            panel.store(self.config)

    def _validate(self) -> list[str]:
        """Mark invalid controls; return the problems in words (they block Start)."""
        problems = self.config.validate()
        self.binder.mark_problems(problems)
        texts = [f"{_label(p.field)}: {p.message}" for p in problems]
        self.training_view.set_problems(texts)
        return texts

    def _on_setting_changed(self, field: str) -> None:
        self._pull()
        self._validate()
        if field.startswith(_PREVIEW_FIELDS):
            self.preview.request(self.config)
        if field == "data.batch_size":
            self._update_automatic_steps()
        self._autosave.start()

    def _on_folders_changed(self) -> None:
        self._pull()
        train = self.config.data.train_dir
        if train and (not self.config.name or self.config.name == "run"):
            self.config.name = Path(train).resolve().parent.name or "run"
        if train:
            self.settings.last_folder = str(Path(train).parent)
        self._validate()
        self.data_panel.scan(self.config)
        self.preview.request(self.config)
        self._autosave.start()

    def _on_summary(self, summary: Any) -> None:
        self.training_panel.set_class_names(list(summary.train_counts))
        self._update_automatic_steps()

    def _update_automatic_steps(self) -> None:
        train, val = self.data_panel.automatic_steps(self.config.data.batch_size)
        self.training_panel.set_automatic_steps(train, val)

    def _on_settings_tab(self, index: int) -> None:
        if self.controller.is_running:
            return
        widget = self.settings_tabs.widget(index)
        if widget is not None and widget.findChild(AugmentationPanel) is not None:
            self.main_tabs.setCurrentWidget(self.preview)

    def set_folders(self, train_dir: str, val_dir: str | None = None) -> None:
        """Open folders (as the dialog or a drop does)."""
        self.data_panel.set_folders(train_dir, val_dir)

    def open_folder(self, folder: str) -> None:
        """A dataset folder: ``train/`` + ``val/`` inside it, or itself the training folder."""
        root = Path(folder)
        if (root / "train").is_dir():
            val = root / "val" if (root / "val").is_dir() else (
                root / "validation" if (root / "validation").is_dir() else None)
            self.set_folders(str(root / "train"), str(val) if val else None)
        else:
            self.set_folders(str(root))

    # -- drag and drop ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and os.path.isdir(urls[0].toLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            self.open_folder(urls[0].toLocalFile())
            self.settings_tabs.setCurrentWidget(self.settings_tabs.widget(0))
            event.acceptProposedAction()

    # -- projects ---------------------------------------------------------------------

    def new_project(self) -> None:
        self.project_path = None
        self.load_config(default_config())

    def open_project(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Open a FitGen project",
                                                  self.settings.last_folder,
                                                  "FitGen projects (*.json)")
            if not path:
                return False
        try:
            config = RunConfig.from_json(Path(path).read_text(encoding="utf-8"))
        except (OSError, ConfigError) as exc:
            QMessageBox.warning(self, "Cannot open the project",
                                f"'{path}' cannot be opened:\n{exc}")
            return False
        self.project_path = path
        self.settings.add_recent(path)
        self.load_config(self._confirm_data_file(config))
        self.setWindowTitle(f"FitGen — {Path(path).name}")
        return True

    def _confirm_data_file(self, config: RunConfig) -> RunConfig:
        """A project's Python data file runs only if the user says so now."""
        path = config.data.generator_file
        if not path:
            return config
        answer = QMessageBox.question(
            self, "Run the project's data file?",
            f"This project gets its data by running the Python file\n{path}\n\nRun it? "
            "Choose No if you do not know the file; the project then opens without it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            config.data.generator_file = ""
        return config

    def save_project(self) -> bool:
        if not self.project_path:
            return self.save_project_as()
        return self._write_project(self.project_path)

    def save_project_as(self, path: str | None = None) -> bool:
        if not path:
            start = os.path.join(self.settings.last_folder, f"{self.config.name}.json")
            path, _ = QFileDialog.getSaveFileName(self, "Save the project", start,
                                                  "FitGen projects (*.json)")
            if not path:
                return False
        if self._write_project(path):
            self.project_path = path
            self.settings.add_recent(path)
            self.setWindowTitle(f"FitGen — {Path(path).name}")
            return True
        return False

    def _write_project(self, path: str) -> bool:
        self._pull()
        try:
            from fitgen_gui.core.run_dir import write_atomic

            write_atomic(path, self.config.to_json())
        except OSError as exc:
            QMessageBox.warning(self, "Cannot save the project",
                                f"'{path}' cannot be written: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def choose_workspace(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Folder for the runs",
                                                self.settings.workspace)
        if path:
            self.settings.workspace = path
            self.runs_panel.set_workspace(path)

    # -- training ---------------------------------------------------------------------

    def start_training(self) -> bool:
        if self.controller.is_running:
            return False
        self._pull()
        problems = self._validate()
        if problems:
            QMessageBox.information(self, "Not ready to train",
                                    "Please fix these settings first:\n\n• "
                                    + "\n• ".join(problems))
            return False
        report = self.data_panel.report
        if report is not None and not report.can_train:
            QMessageBox.information(self, "Not ready to train",
                                    "The data check found problems that prevent training; "
                                    "see the Data tab.")
            return False
        Path(self.settings.workspace).mkdir(parents=True, exist_ok=True)
        self.training_view.clear()
        self.main_tabs.setCurrentWidget(self.training_view)
        return self.controller.start(self.config, self.settings.workspace)

    def stop_training(self) -> None:
        if self.controller.is_running:
            self.controller.stop()
            self.training_view.stopping()

    def resume_dialog(self, run_dir: str | None) -> bool:
        if not run_dir or self.controller.is_running:
            return False
        run = RunDir(run_dir)
        if not run.checkpoints():
            QMessageBox.information(self, "Nothing to resume",
                                    f"Run {run.name} has no checkpoint yet.")
            return False
        try:
            planned = RunConfig.from_json(run.read_config_text()).training.epochs
        except (OSError, ConfigError):
            planned = 1
        dialog = ResumeDialog(run, planned, self)
        if dialog.exec() != ResumeDialog.DialogCode.Accepted:
            return False
        epoch, epochs = dialog.choice()
        return self.resume(run_dir, epoch, epochs)

    def resume(self, run_dir: str, from_epoch: int | None = None,
               epochs: int | None = None) -> bool:
        """Continue a run; its plots are shown and continue after ``from_epoch``."""
        if self.controller.is_running:
            return False
        self.training_view.show_run(run_dir)
        self.main_tabs.setCurrentWidget(self.training_view)
        return self.controller.resume(run_dir, from_epoch, epochs)

    def open_run(self, run_dir: str) -> None:
        """Show a past run's plots and console."""
        if self.controller.is_running:
            QMessageBox.information(self, "Training is running",
                                    "Open other runs when the current training ends.")
            return
        self.training_view.show_run(run_dir)
        self.main_tabs.setCurrentWidget(self.training_view)

    def _on_running_changed(self, running: bool) -> None:
        self.training_view.set_running(running)
        self._validate()
        self.statusBar().showMessage("Training…" if running else "", 0 if running else 3000)

    def _on_finished(self, final: Any) -> None:
        self.runs_panel.refresh()
        if isinstance(final, TrainingFailed):
            box = QMessageBox(QMessageBox.Icon.Warning, "Training stopped", final.message,
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("dialog.training_failed")
            box.setDetailedText(final.details)
            box.open()  # not modal-blocking: the app stays usable
        elif isinstance(final, TrainingFinished | TrainingStopped):
            self.statusBar().showMessage(self.training_view.status.text(), 8000)

    # -- devices (TensorFlow loads in the background) -----------------------------------

    def load_engine(self) -> None:
        """Import TensorFlow in the background and list the devices."""
        def work() -> list[tuple[str, str]]:
            from fitgen_gui.training.tf_startup import import_keras_quietly

            import_keras_quietly()
            from fitgen_gui.training import tf_devices

            return tf_devices.available_devices()

        self.tasks.submit("engine", work, self._engine_ready, self._engine_failed)

    def _engine_ready(self, devices: list[tuple[str, str]]) -> None:
        self.training_panel.set_devices(devices)
        gpus = [label for key, label in devices if key.startswith("gpu:")]
        self.device_label.setText(f"Device: {gpus[0]}" if gpus else "Device: CPU (no GPU found)")

    def _engine_failed(self, message: str, details: str) -> None:
        self.device_label.setText("TensorFlow could not load")
        QMessageBox.warning(self, "TensorFlow could not load",
                            f"Training is not possible until this is fixed:\n{message}")

    # -- session ------------------------------------------------------------------------

    def restore_session(self) -> bool:
        """Reopen the last session's settings; False if there were none."""
        text = self.settings.last_config
        if not text:
            return False
        try:
            config = RunConfig.from_json(text)
        except ConfigError:
            return False
        self.project_path = self.settings.project_path or None
        self.load_config(self._confirm_data_file(config))
        return True

    def _save_session(self) -> None:
        self._pull()
        self.settings.last_config = self.config.to_json()
        self.settings.project_path = self.project_path

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
                self, "Training is running",
                "Stop the training and close FitGen? What was learned is kept as a "
                "checkpoint, and the run can be resumed later.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            self.stop_training()
            self.controller.wait(120000)
        self._save_session()
        self.settings.save_state("geometry", self.saveGeometry())
        self.settings.save_state("main_splitter", self.splitter.saveState())
        self.settings.save_state("training_splitter", self.training_view.splitter.saveState())
        self.settings.sync()
        self.tasks.shutdown()
        event.accept()
