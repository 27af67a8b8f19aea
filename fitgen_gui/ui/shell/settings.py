"""What the app remembers between sessions (QSettings): the work, the window, the folders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

__all__ = ["AppSettings"]

MAX_RECENT = 8


class AppSettings:
    """Typed access to the app's QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.qsettings = settings or QSettings()

    def _get(self, key: str, default: Any = None) -> Any:
        value = self.qsettings.value(key, default)
        return default if value is None else value

    # -- the work ---------------------------------------------------------------------

    @property
    def workspace(self) -> str:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return str(self._get("workspace", os.path.join(documents, "FitGen", "runs")))

    @workspace.setter
    def workspace(self, path: str) -> None:
        self.qsettings.setValue("workspace", path)

    @property
    def last_config(self) -> str | None:
        value = self._get("project/last_config")
        return str(value) if value else None

    @last_config.setter
    def last_config(self, text: str) -> None:
        self.qsettings.setValue("project/last_config", text)

    @property
    def project_path(self) -> str | None:
        value = self._get("project/path")
        return str(value) if value else None

    @project_path.setter
    def project_path(self, path: str | None) -> None:
        self.qsettings.setValue("project/path", path or "")

    @property
    def recent_projects(self) -> list[str]:
        value = self._get("project/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value if v]

    def add_recent(self, path: str) -> None:
        recent = [p for p in self.recent_projects if p != path]
        self.qsettings.setValue("project/recent", [path, *recent][:MAX_RECENT])

    @property
    def last_folder(self) -> str:
        return str(self._get("folders/last", str(Path.home())))

    @last_folder.setter
    def last_folder(self, path: str) -> None:
        self.qsettings.setValue("folders/last", path)

    # -- the window -------------------------------------------------------------------

    def save_state(self, name: str, state: QByteArray) -> None:
        self.qsettings.setValue(f"window/{name}", state)

    def state(self, name: str) -> QByteArray | None:
        value = self._get(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def sync(self) -> None:
        self.qsettings.sync()
