"""Project files: New, Open (asking before a data file may run), Save, Save as."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_dir import RunDir, write_atomic
from fitgen_gui.ui.app_settings import AppSettings
from fitgen_gui.ui.project import Project, default_config

__all__ = ["ProjectFiles", "ask_run_data_file", "ask_to_run_data_file", "confirm_data_file"]


def confirm_data_file(parent: QWidget, config: RunConfig) -> RunConfig:
    """A data file named by settings the user did not just pick runs only if they say so;
    otherwise the settings open with image folders as the source."""
    if config.data.source != "python" or not config.data.generator_file:
        return config
    answer = QMessageBox.question(
        parent, "Run the project's data file?",
        f"This project gets its data by running the Python file\n{config.data.generator_file}"
        "\n\nRun it? Choose No if you do not know the file; the project then opens with "
        "image folders as the data source.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        config.data.source = "folders"
    return config


def ask_to_run_data_file(parent: QWidget, config: RunConfig, purpose: str) -> bool | None:
    """Whether the data file a run's settings name may run for ``purpose`` ("to resume"):
    False when the run has none, True when the user says yes, None when they decline."""
    if config.data.source != "python":
        return False
    answer = QMessageBox.question(
        parent, "Run the run's data file?",
        f"This run gets its data by running the Python file\n{config.data.generator_file}"
        f"\n\nRun it {purpose}? Choose No if you do not know the file.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return True if answer == QMessageBox.StandardButton.Yes else None


def ask_run_data_file(parent: QWidget, run_dir: str, purpose: str) -> bool | None:
    """:func:`ask_to_run_data_file` for the run in ``run_dir``; False when its settings
    cannot be read (the work itself then says what is wrong)."""
    try:
        config = RunConfig.from_json(RunDir(run_dir).read_config_text())
    except Exception:  # noqa: BLE001 - reported by the evaluation or export that follows
        return False
    return ask_to_run_data_file(parent, config, purpose)


class ProjectFiles(QObject):
    """The project file behind the settings.

    Signals
    -------
    path_changed(str)
        The project file (empty for none), for the window title.
    """

    path_changed = Signal(str)

    def __init__(self, parent: QWidget, project: Project, settings: AppSettings) -> None:
        super().__init__(parent)
        self.parent_widget, self.project, self.settings = parent, project, settings
        self.path: str | None = None

    def _set_path(self, path: str | None) -> None:
        self.path = path
        self.path_changed.emit(path or "")

    def new(self) -> None:
        self._set_path(None)
        self.project.load(default_config())

    def open(self, path: str | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.parent_widget, "Open a FitGen project",
                                                  self.settings.last_folder,
                                                  "FitGen projects (*.json)")
            if not path:
                return False
        try:
            config = RunConfig.from_json(Path(path).read_text(encoding="utf-8"))
        except (OSError, UserError) as exc:
            QMessageBox.warning(self.parent_widget, "Cannot open the project",
                                f"'{path}' cannot be opened:\n{exc}")
            return False
        self.settings.add_recent(path)
        self.project.load(confirm_data_file(self.parent_widget, config))
        self._set_path(path)
        return True

    def save(self) -> bool:
        if not self.path:
            return self.save_as()
        return self._write(self.path)

    def save_as(self, path: str | None = None) -> bool:
        if not path:
            start = os.path.join(self.settings.last_folder, f"{self.project.config.name}.json")
            path, _ = QFileDialog.getSaveFileName(self.parent_widget, "Save the project", start,
                                                  "FitGen projects (*.json)")
            if not path:
                return False
        if not self._write(path):
            return False
        self.settings.add_recent(path)
        self._set_path(path)
        return True

    def _write(self, path: str) -> bool:
        try:
            write_atomic(path, self.project.config.to_json())
        except OSError as exc:
            QMessageBox.warning(self.parent_widget, "Cannot save the project",
                                f"'{path}' cannot be written: {exc.strerror or exc}. Choose "
                                "a folder you can write to.")
            return False
        return True
