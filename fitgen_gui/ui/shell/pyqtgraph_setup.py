"""pyqtgraph, imported and configured in one place, when the first plot is about to be made.

Importing pyqtgraph takes about a third of a second (it mirrors QtCore, QtGui and QtWidgets
and loads numpy), so the window shows without it (issue 24): the modules that draw import
it from here, and the main window imports this module on a thread right after it shows
(:class:`fitgen_gui.ui.widgets.deferred.DeferredBuilds`). The options are the app's look:
they must be set before a plot is made, and are, since every plot's module imports this.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pyqtgraph as pg

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")

__all__ = ["pg"]
