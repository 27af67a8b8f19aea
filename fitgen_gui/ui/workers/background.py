"""Work off the GUI thread: scanning folders, checking data, previews, downloads, model jobs.

:class:`BackgroundTasks` runs plain Python callables on a small thread pool and hands their
results, failures and progress back on the GUI thread through the :class:`GuiRelay`. Each
task may have a *topic*; only the newest task of a topic is delivered, so a preview computed
for settings the user has since changed is dropped instead of flashing on screen. A task can
be cancelled (it gets a ``threading.Event`` to check) and can report progress.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from fitgen_gui.core.errors import UserError
from fitgen_gui.ui.workers.relay import GuiRelay

__all__ = ["BackgroundTasks", "TaskContext", "failure_text"]


@dataclass(frozen=True)
class TaskContext:
    """What a task that asks for it gets: ``cancelled()`` and ``progress(*values)`` (the
    values reach the task's ``on_progress`` on the GUI thread)."""

    cancelled: Callable[[], bool]
    progress: Callable[..., None]


def failure_text(exc: BaseException) -> tuple[str, str]:
    """``(message, details)`` of a failure: a user error's sentence alone (its details
    empty: the sentence says it all), else the type and message, and the traceback."""
    if isinstance(exc, UserError):
        return str(exc), ""
    return f"{type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc))


class BackgroundTasks(QObject):
    """Run callables on worker threads; deliver results on the GUI thread.

    Signals
    -------
    busy_changed(bool)
        Whether any task is running or waiting.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, workers: int = 2,
                 name: str = "fitgen-ui") -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix=name)
        self._relay = GuiRelay(self)
        self._tickets = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._callbacks: dict[int, tuple[Callable, Callable | None, threading.Event]] = {}
        self._closed = False

    def submit(self, topic: str | None, work: Callable[..., Any],
               on_done: Callable[[Any], None],
               on_error: Callable[[str, str], None] | None = None, *,
               on_progress: Callable[..., None] | None = None,
               with_context: bool = False) -> int:
        """Run ``work()`` in the background; call ``on_done(result)`` on the GUI thread.

        ``on_error(message, details)`` receives failures (:func:`failure_text`). A newer task
        of the same ``topic`` makes this one's result be dropped (None: no topic).
        ``with_context``: ``work(context)`` gets a :class:`TaskContext` (cancel, progress).
        """
        ticket = next(self._tickets)
        if self._closed:  # the window is closing: nothing new starts
            return ticket
        if topic is not None:
            self._latest[topic] = ticket
        cancel = threading.Event()
        was_busy = self.busy
        self._callbacks[ticket] = (on_done, on_error, cancel)

        def progress(*values: Any) -> None:
            if on_progress is not None and not cancel.is_set():
                self._relay.post(self._progress, ticket, on_progress, values)

        context = TaskContext(cancel.is_set, progress)

        def run() -> None:
            try:
                result = work(context) if with_context else work()
            except Exception as exc:  # noqa: BLE001 - reported to the GUI thread
                self._relay.post(self._deliver, topic, ticket, False, failure_text(exc))
                return
            self._relay.post(self._deliver, topic, ticket, True, result)

        self._pool.submit(run)
        if not was_busy:
            self.busy_changed.emit(True)
        return ticket

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    @property
    def pending(self) -> int:
        """Tasks whose result (or failure) has not been handled yet on the GUI thread."""
        return len(self._callbacks)

    def is_current(self, topic: str, ticket: int) -> bool:
        return self._latest.get(topic) == ticket

    def cancel(self, ticket: int | None = None) -> None:
        """Ask task ``ticket`` (None: every task) to stop, if it looks at ``cancelled``."""
        for number, (_, _, cancel) in self._callbacks.items():
            if ticket is None or number == ticket:
                cancel.set()

    def _progress(self, ticket: int, on_progress: Callable[..., None], values: tuple) -> None:
        if ticket in self._callbacks:
            on_progress(*values)

    def _deliver(self, topic: str | None, ticket: int, ok: bool, payload: Any) -> None:
        on_done, on_error, _ = self._callbacks.pop(ticket, (None, None, None))
        if not self._callbacks and on_done is not None:
            self.busy_changed.emit(False)
        if on_done is None or (topic is not None and self._latest.get(topic) != ticket):
            return  # superseded by a newer task of the same topic, or shut down
        if ok:
            on_done(payload)
        elif on_error is not None:
            on_error(*payload)

    def shutdown(self) -> None:
        """Cancel what runs, wait for it to end; what waits is dropped."""
        self._closed = True
        self.cancel()
        self._callbacks.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

