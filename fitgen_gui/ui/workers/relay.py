"""``GuiRelay``: the one way work off the GUI thread hands something back to it.

Background tasks, model jobs, downloads and the training thread all ``post`` a function and
its arguments here from whatever thread they run on; the relay's queued signal runs it on
the GUI thread, in order. Nothing else crosses threads, so no worker object, lambda or
signal of a worker ever runs GUI code on the wrong thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

__all__ = ["GuiRelay"]


class GuiRelay(QObject):
    """Runs posted calls on the thread this object lives on (the GUI thread).

    Signals
    -------
    _posted(object, object)
        Internal: the function and its arguments (crosses threads, queued).
    """

    _posted = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, function: Callable[..., Any], *args: Any) -> None:
        """Call ``function(*args)`` on the GUI thread, soon (safe from any thread)."""
        self._posted.emit(function, args)

    @Slot(object, object)
    def _run(self, function: Callable[..., Any], args: tuple) -> None:
        function(*args)
