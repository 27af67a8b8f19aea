"""Heavy widgets painted one per turn of the event loop when their page shows (issue 24).

Showing a tab paints every widget on it in one go. The Training tab's eight pyqtgraph plots
cost the GUI thread about 100 ms that way (most of it their axes), and when Start shows the
tab, the training thread is tracing the model at the same time and holds Python's lock half
of it: the window froze for 140 ms. :class:`StagedPaint` keeps such widgets' places, shows
the first at once and the others one per turn, so each paint is one plot's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["StagedPaint"]


class StagedPaint(QObject):
    """When ``container`` shows, the ``widgets()`` show one per turn of the event loop.

    ``widgets`` is asked at each show (plots made later join). A widget waiting for its
    turn keeps its place in the layout (nothing moves) and is blank; one that was hidden
    on purpose before stays hidden. ``pending`` is how many still wait.
    """

    def __init__(self, container: QWidget, widgets: Callable[[], Iterable[QWidget]]) -> None:
        super().__init__(container)
        self._container = container
        self._widgets = widgets
        self._waiting: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._show_next)
        container.installEventFilter(self)

    @property
    def pending(self) -> int:
        return len(self._waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # (getattr: Qt may still filter while Python tears this object down)
        if watched is getattr(self, "_container", None):
            if event.type() == QEvent.Type.Show:
                self._stage()
            elif event.type() == QEvent.Type.Hide:
                self.finish()
        return False

    def _stage(self) -> None:
        # Qt shows the children before the container's Show event and paints them later:
        # hidden now, they wait for their turn without having painted.
        self.finish()
        shown = [w for w in self._widgets() if w.isVisible()]
        for widget in shown[1:]:
            policy = widget.sizePolicy()
            if not policy.retainSizeWhenHidden():
                policy.setRetainSizeWhenHidden(True)
                widget.setSizePolicy(policy)
            widget.hide()
        self._waiting = shown[1:]
        if self._waiting:
            self._timer.start()

    def _show_next(self) -> None:
        if self._waiting:
            self._waiting.pop(0).show()
        if not self._waiting:
            self._timer.stop()

    def finish(self) -> None:
        """Show every widget still waiting (now)."""
        self._timer.stop()
        waiting, self._waiting = self._waiting, []
        for widget in waiting:
            widget.show()
