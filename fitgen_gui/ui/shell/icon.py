"""FitGen's icon on every window and dialog."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from fitgen_gui.core.resources import icon_files

__all__ = ["install_app_icon"]


def install_app_icon() -> QIcon:
    """Give the application FitGen's icon (every window and dialog without its own takes
    it) and the name of its menu entry, so that desktops match the window to it."""
    app = QApplication.instance()
    icon = app.windowIcon() if app is not None else QIcon()
    if app is not None and (icon.isNull() or not icon.availableSizes()):
        icon = QIcon()
        try:
            files = icon_files()
        except FileNotFoundError:
            files = {}  # an installation without resources still runs, with Qt's icon
        for path in files.values():
            icon.addFile(str(path))
        app.setWindowIcon(icon)
        app.setDesktopFileName("fitgen")  # resources/fitgen.desktop
    return icon
