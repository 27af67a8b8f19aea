"""Widgets built after the window shows: the plots (issue 24, launch to window shown).

Every pyqtgraph plot costs the launch twice: importing pyqtgraph (about 0.33 s) and making
its PlotItem (about 10 ms each, eleven of them). A :class:`Deferred` holds the place of such
a widget in its layout and builds it the first time it is asked for (``widget()``), the
first time it shows, or when :class:`DeferredBuilds` gets to it: the main window imports
pyqtgraph on a thread right after it shows, then builds the plots one per turn of the event
loop, so no single step holds the GUI thread long. Whatever asks first gets the same widget.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

__all__ = ["Deferred", "DeferredBuilds"]


class Deferred(QWidget):
    """The place of the widget ``factory()`` makes, until it is made.

    Signals
    -------
    built(object)
        The widget was made (and put in its place); emitted once.
    """

    built = Signal(object)

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Callable[[], QWidget] | None = factory
        self._widget: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._widget is not None

    def widget(self) -> Any:
        """The widget, made now if it was not yet."""
        if self._widget is None:
            factory, self._factory = self._factory, None
            self._widget = factory()
            self.layout().addWidget(self._widget)
            self.built.emit(self._widget)
        return self._widget

    def showEvent(self, event: QShowEvent) -> None:
        if self._widget is None:  # shown before the warm-up got to it: made now
            self.widget().show()
        super().showEvent(event)


class DeferredBuilds(QObject):
    """Import ``module`` on a thread, then run ``steps`` one per turn of the event loop.

    A step that already ran by other means (a :class:`Deferred` asked for its widget) costs
    nothing. ``start()`` once the window has shown. If the import fails on the thread, the
    steps still run and import it on the GUI thread, where its error is reported.

    Signals
    -------
    finished()
        Every step has run.
    """

    finished = Signal()

    def __init__(self, module: str, steps: list[Callable[[], object]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._module = module
        self._steps = list(steps)
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.done = False

    @property
    def started(self) -> bool:
        return self._thread is not None or self.done

    def start(self) -> None:
        if self.started:
            return
        # Not a daemon: an interpreter that exits waits for the import instead of freezing
        # it while it holds the import lock.
        self._thread = threading.Thread(target=self._import, name="fitgen-import-plots")
        self._thread.start()
        self._timer.start(20)  # polled: the import runs outside Qt

    def _import(self) -> None:
        try:
            importlib.import_module(self._module)
        except BaseException:  # noqa: BLE001 - the GUI thread's import says it again
            pass

    def _tick(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._timer.setInterval(0)
        if self._steps:
            self._steps.pop(0)()
        if not self._steps:
            self._timer.stop()
            self.done = True
            self.finished.emit()
