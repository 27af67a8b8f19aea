"""Work off the GUI thread: scanning folders, checking data, building previews.

:class:`BackgroundTasks` runs plain Python callables on a small thread pool and hands
their results back on the GUI thread through a queued Qt signal. Each task has a *topic*;
only the newest task of a topic is delivered, so a preview computed for settings the user
has since changed is dropped instead of flashing on screen.
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

__all__ = ["BackgroundTasks"]


class BackgroundTasks(QObject):
    """Run callables on worker threads; deliver results on the GUI thread.

    Signals
    -------
    _delivered(str, int, bool, object)
        Internal: topic, ticket, success, result or error text (crosses threads).
    """

    _delivered = Signal(str, int, bool, object)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="fitgen-ui")
        self._tickets = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._callbacks: dict[int, tuple[Callable, Callable | None]] = {}
        self._closed = False
        self._delivered.connect(self._deliver)

    def submit(self, topic: str, work: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[str, str], None] | None = None) -> int:
        """Run ``work()`` in the background; call ``on_done(result)`` on the GUI thread.

        ``on_error(message, details)`` receives failures. A newer task of the same
        ``topic`` makes this one's result be dropped.
        """
        ticket = next(self._tickets)
        if self._closed:  # the window is closing: nothing new starts
            return ticket
        self._latest[topic] = ticket
        self._callbacks[ticket] = (on_done, on_error)

        def run() -> None:
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - reported to the GUI thread
                self._delivered.emit(topic, ticket, False,
                                     (f"{type(exc).__name__}: {exc}",
                                      "".join(traceback.format_exception(exc))))
                return
            self._delivered.emit(topic, ticket, True, result)

        self._pool.submit(run)
        return ticket

    @property
    def pending(self) -> int:
        """Tasks whose result (or failure) has not been handled yet on the GUI thread."""
        return len(self._callbacks)

    def is_current(self, topic: str, ticket: int) -> bool:
        return self._latest.get(topic) == ticket

    @Slot(str, int, bool, object)
    def _deliver(self, topic: str, ticket: int, ok: bool, payload: Any) -> None:
        on_done, on_error = self._callbacks.pop(ticket, (None, None))
        if on_done is None or self._latest.get(topic) != ticket:
            return  # superseded by a newer task of the same topic
        if ok:
            on_done(payload)
        elif on_error is not None:
            on_error(*payload)

    def shutdown(self) -> None:
        """Wait for running tasks to end; queued ones are dropped."""
        self._closed = True
        self._callbacks.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
