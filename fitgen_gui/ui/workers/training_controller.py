"""``TrainingController``: one training at a time, on a QThread, relayed to the GUI thread.

Each training runs on a fresh ``QThread`` (Keras's global settings are thread-local: a new
thread starts clean); TensorFlow is imported there (the runner module is imported by the
job, not by ``start``), so the window never waits for it. The thread hands every event back
through the :class:`~fitgen_gui.ui.workers.relay.GuiRelay`, the one way work returns to the
GUI thread, where this controller re-emits it; the app and the tests listen to the
controller. Every event reaches ``event`` exactly once, the final one (finished, stopped,
failed) last. Stop is a ``threading.Event`` set from the GUI thread and checked by the
training after each batch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread, Signal

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import FINAL_EVENTS, Event, FinalEvent, Sink, TrainingFailed
from fitgen_gui.core.run_requests import ProfileRequest
from fitgen_gui.ui.workers.relay import GuiRelay

__all__ = ["TrainingController", "TrainingThread"]

Job = Callable[[Sink, threading.Event], FinalEvent]


class TrainingThread(QThread):
    """Runs one training job; its events and its end go back through ``relay``."""

    def __init__(self, job: Job, stop_event: threading.Event, relay: GuiRelay,
                 on_event: Sink, on_done: Callable[[FinalEvent], None]) -> None:
        super().__init__()
        self.setObjectName("fitgen-training")
        self._job, self._stop_event, self._relay = job, stop_event, relay
        self._on_event, self._on_done = on_event, on_done

    def _sink(self, event: Event) -> None:
        if not isinstance(event, FINAL_EVENTS):  # the final event comes once, at the end
            self._relay.post(self._on_event, event)

    def run(self) -> None:
        try:
            from fitgen_gui.training.tf_startup import import_keras_quietly

            import_keras_quietly()
            final = self._job(self._sink, self._stop_event)
        except BaseException as exc:  # noqa: BLE001 - the app shows it and keeps running
            final = TrainingFailed.from_exception(exc)
        self._relay.post(self._on_done, final)


def _run_job(config: RunConfig, workspace: str, report: Any,
             profile: ProfileRequest) -> Job:
    def job(sink: Sink, stop: threading.Event) -> FinalEvent:
        from fitgen_gui.training.runner import run_training  # TensorFlow loads here

        return run_training(config, sink, stop, workspace=workspace, check_report=report,
                            profile_request=profile)

    return job


def _resume_job(run_dir: str, from_epoch: int | None, epochs: int | None,
                trusted: bool, profile: ProfileRequest) -> Job:
    def job(sink: Sink, stop: threading.Event) -> FinalEvent:
        from fitgen_gui.training.runner import resume_training  # TensorFlow loads here

        return resume_training(run_dir, sink, stop, from_epoch=from_epoch, epochs=epochs,
                               data_file_trusted=trusted, profile_request=profile)

    return job


class TrainingController(QObject):
    """Starts, stops and resumes trainings; relays their events on the GUI thread.

    Signals
    -------
    event(object)
        Every event of the running training, the final one included, once each.
    running_changed(bool)
    finished(object)
        The final event of a training (after ``event`` had it).
    """

    event = Signal(object)
    running_changed = Signal(bool)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: TrainingThread | None = None
        self._relay = GuiRelay(self)
        self._stop_event = threading.Event()
        self.profile_request = ProfileRequest()
        self.last_final: Any = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def stop_requested(self) -> bool:
        return self.is_running and self._stop_event.is_set()

    def start(self, config: RunConfig, workspace: str, check_report: Any = None) -> bool:
        """Train a new run of ``config`` in ``workspace``; False if one is running.

        ``check_report``: the Data panel's check, reused when the folders are unchanged.
        """
        self.profile_request = ProfileRequest()  # the config is immutable: no copy needed
        return self.launch(_run_job(config, workspace, check_report, self.profile_request))

    def resume(self, run_dir: str, from_epoch: int | None = None, epochs: int | None = None,
               *, data_file_trusted: bool = False) -> bool:
        """Continue the run in ``run_dir`` from a checkpoint; False if one is running."""
        self.profile_request = ProfileRequest()
        return self.launch(_resume_job(run_dir, from_epoch, epochs, data_file_trusted,
                                       self.profile_request))

    def profile(self, count: int = 20) -> bool:
        """Profile the next ``count`` batches of the running training (TensorBoard)."""
        if not self.is_running:
            return False
        self.profile_request.ask(count)
        return True

    def launch(self, job: Job) -> bool:
        """Run ``job(sink, stop_event)`` on the training thread; False if one is running."""
        if self.is_running:
            return False
        self._stop_event = threading.Event()
        self._thread = TrainingThread(job, self._stop_event, self._relay, self.event.emit,
                                      self._on_done)
        self._thread.start()
        self.running_changed.emit(True)
        return True

    def stop(self) -> None:
        """Stop after the current batch (validation is cut short); keeps a checkpoint."""
        self._stop_event.set()

    def _on_done(self, final: Any) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.wait()  # run() has returned: the final event is its last act
            thread.deleteLater()
        self.last_final = final
        self.event.emit(final)
        self.running_changed.emit(False)
        self.finished.emit(final)

    def wait(self, timeout_ms: int = 60000) -> bool:
        """Process events until the training ends (for closing the window)."""
        deadline = QDeadlineTimer(timeout_ms)
        while self.is_running and not deadline.hasExpired():
            QCoreApplication.processEvents()
            QThread.msleep(10)
        return not self.is_running
