"""The last session's settings: restored on start, saved on change, never lost.

A session that this FitGen cannot read in full (written by a newer version, or damaged)
is not dropped and overwritten: the text is copied beside the app's settings file, what
can be read is restored, and a message names what was set aside and where.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtWidgets import QMessageBox, QWidget

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.run_dir import write_atomic
from fitgen_gui.ui.shell.settings import AppSettings

__all__ = ["Session"]


class Session:
    """Saving and restoring the settings of the last session."""

    def __init__(self, settings: AppSettings, parent: QWidget) -> None:
        self.settings = settings
        self.parent = parent
        self.last_message: QMessageBox | None = None

    def tr(self, text: str) -> str:
        """``text`` in the app's language (Session is no QObject; lupdate's context is it)."""
        return QCoreApplication.translate("Session", text)

    def _backup(self, text: str) -> Path:
        folder = Path(QFileInfo(self.settings.qsettings.fileName()).absolutePath())
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"session-backup-{datetime.now():%Y-%m-%d_%H-%M-%S}.json"
        write_atomic(path, text)
        return path

    def restore(self) -> RunConfig | None:
        """The last session's settings, or None if there were none (or none readable)."""
        text = self.settings.last_config
        if not text:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            path = self._backup(text)
            self._tell(self.tr("The last session's settings could not be read (the file is "
                               "damaged); they were kept in {path}. FitGen starts with the "
                               "demo settings.").format(path=path))
            return None
        config, problems = RunConfig.from_dict_lenient(data)
        if problems:
            path = self._backup(text)
            listed = "\n".join(f"• {p}" for p in problems[:12])
            if len(problems) > 12:
                listed = self.tr("{list}\n… and {count} more").format(
                    list=listed, count=len(problems) - 12)
            self._tell(self.tr("Some settings of the last session are not known to this FitGen "
                               "(written by a newer version?):\n{list}\n\nThe rest was "
                               "restored. The whole session was kept in {path}.").format(
                list=listed, path=path))
        return config

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("The last session"), text,
                          QMessageBox.StandardButton.Ok, self.parent)
        box.setObjectName("dialog.session")
        box.open()
        self.last_message = box

    def save(self, config: RunConfig, project_path: str | None) -> None:
        self.settings.last_config = config.to_json()
        self.settings.project_path = project_path
