"""Project files: New, Open (asking before a data file may run), Save, Save as."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_dir import write_atomic
from fitgen_gui.ui.shell.settings import AppSettings
from fitgen_gui.ui.state.project import Project, default_config
from fitgen_gui.ui.widgets.data_file_questions import (
    confirm_data_file,
)

__all__ = ["ProjectFiles"]


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
            path, _ = QFileDialog.getOpenFileName(self.parent_widget,
                                                  self.tr("Open a FitGen project"),
                                                  self.settings.last_folder,
                                                  self.tr("FitGen projects (*.json)"))
            if not path:
                return False
        try:
            config = RunConfig.from_json(Path(path).read_text(encoding="utf-8"))
        except (OSError, UserError) as exc:
            QMessageBox.warning(self.parent_widget, self.tr("Cannot open the project"),
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
            path, _ = QFileDialog.getSaveFileName(self.parent_widget,
                                                  self.tr("Save the project"), start,
                                                  self.tr("FitGen projects (*.json)"))
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
            QMessageBox.warning(self.parent_widget, self.tr("Cannot save the project"),
                                f"'{path}' cannot be written: {exc.strerror or exc}. Choose "
                                "a folder you can write to.")
            return False
        return True
