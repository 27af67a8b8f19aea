"""One run from its start to its final event: where its events, console text and state go.

A :class:`Session` holds what every step of a run shares: the ``sink`` its events go to
(and, once the run folder exists, ``events.jsonl``), the stop request, the console stream
(``console.log``), the run folder and its lock, and the settings as they stand. Its
:meth:`Session.phase` names each step before the first batch and is where a Stop pressed
during the checks or the model building ends the run (:class:`StoppedEarly`).
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from collections.abc import Iterator
from typing import Any

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.console_text import ConsoleStream
from fitgen_gui.core.events import (
    ConsoleText,
    Event,
    PhaseStarted,
    RunWarning,
    Sink,
    TrainingFailed,
)
from fitgen_gui.core.run_dir import CONSOLE, RunDir
from fitgen_gui.core.run_requests import ProfileRequest
from fitgen_gui.data.batch_streams import DataFailure
from fitgen_gui.training.generator_training import DataExhaustedWarning
from fitgen_gui.training.input_meter import BatchContentWarning
from fitgen_gui.training.run.failures import failure_message
from fitgen_gui.training.tf_profile import ProfileWarning

__all__ = ["Session", "StoppedEarly", "warnings_to"]


class StoppedEarly(Exception):
    """Stop was pressed before the first batch (during the checks or model building)."""


class Session:
    """One run from start to its final event.

    Attributes
    ----------
    run
        The run folder, once it exists (None while the settings are checked).
    config
        The settings as they stand (checked, then with a cluster's common seed).
    console
        The console stream: the sink's ``ConsoleText`` and, once the run folder exists,
        ``console.log``.
    initial_epoch
        The epoch the run starts at (a resume's), for a stop before the first batch.
    data_failure
        The batch the data last failed on, told by the batch streams.
    """

    def __init__(self, sink: Sink, stop_event: threading.Event,
                 profile_request: ProfileRequest | None = None) -> None:
        self.sink = sink
        self.stop_event = stop_event
        self.profile_request = profile_request
        self.run: RunDir | None = None
        self.config: RunConfig | None = None
        self.console = ConsoleStream(None, sink)
        self.lock: Any = None
        self.initial_epoch = 0
        self.data_failure: DataFailure | None = None
        self._log = None
        self._emit_lock = threading.RLock()

    def emit(self, event: Event) -> None:
        """Tell ``event`` to the sink and, but for console text, to ``events.jsonl``."""
        # Data threads report skipped files while the training thread reports batches.
        with self._emit_lock:
            if self._log is not None and not isinstance(event, ConsoleText):
                try:
                    self._log.append(event, sync=not type(event).__name__.startswith("Batch"))
                except OSError:
                    pass  # a full disk is reported by the checkpoint that cannot be written
            self.sink(event)

    def phase(self, key: str, text: str) -> None:
        """Name the step beginning now; end the run here when Stop was pressed."""
        if self.stop_event.is_set():
            raise StoppedEarly
        self.emit(PhaseStarted(key, text))

    def data_failed(self, failure: DataFailure) -> None:
        """The data raised for a batch (its error is about to reach the run)."""
        self.data_failure = failure

    def open_run(self, run: RunDir) -> None:
        """Log to ``run`` from now on (what the console showed so far goes in too)."""
        self.run = run
        self._log = run.events
        self.console.attach_log(run.file(CONSOLE))

    def close(self) -> None:
        """Close the logs and release the run folder's lock."""
        self.console.close()
        if self._log is not None:
            self._log.close()
        if self.lock is not None:
            self.lock.release()

    def fail(self, exc: BaseException, message: str | None = None) -> TrainingFailed:
        """The final event of a run ended by ``exc`` (the run folder says it failed)."""
        latest = self.run.checkpoint() if self.run is not None else None
        event = TrainingFailed.from_exception(
            exc, message or failure_message(exc, self.config, latest, self.data_failure),
            str(self.run.path) if self.run else None, latest.path if latest else None)
        if self.run is not None:
            with contextlib.suppress(OSError):
                self.run.write_state("failed", message=event.message)
        return event


@contextlib.contextmanager
def warnings_to(session: Session) -> Iterator[None]:
    """Warnings raised during the run go to the console and the event log."""

    def show(message: Warning | str, category: type, filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        text = str(message)
        session.console.line(f"WARNING: {text}")
        kind = "batch_content" if issubclass(category, BatchContentWarning) else "warning"
        session.emit(RunWarning(text, getattr(message, "path", None), kind=kind))

    with warnings.catch_warnings():
        warnings.showwarning = show
        # FitGen's own notes about the data are always told, never raised as errors (a
        # process that turns warnings into errors must still finish its run).
        for category in (BatchContentWarning, DataExhaustedWarning, ProfileWarning):
            warnings.filterwarnings("always", category=category)
        yield
