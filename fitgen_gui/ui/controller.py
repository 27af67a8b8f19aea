"""``TrainingController``: one training at a time, on a QThread, relayed to the GUI thread.

The worker lives on its own ``QThread``; TensorFlow is imported there, inside ``run()``
(the runner module is imported by the job, not by ``start``), so the window never waits
for it. The worker's signals connect only to bound methods of this GUI-thread controller
(a lambda would run on the worker thread), which re-emits them; the app and the tests
listen to the controller. Every event reaches ``event`` exactly once: the final one
(finished, stopped, failed) only through ``done``. Stop is a ``threading.Event`` set from
the GUI thread and checked by the training after each batch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread, Signal, Slot

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import FINAL_EVENTS, Event, FinalEvent, Sink, TrainingFailed
from fitgen_gui.core.run_requests import ProfileRequest

__all__ = ["TrainingController", "TrainingWorker"]

Job = Callable[[Sink, threading.Event], FinalEvent]


class TrainingWorker(QObject):
    """Runs one training job on its thread.

    Signals
    -------
    event_emitted(object)
        A ``core.events`` dataclass, emitted on the worker thread (never a final one).
    done(object)
        The final event: ``TrainingFinished``, ``TrainingStopped`` or ``TrainingFailed``.
    """

    event_emitted = Signal(object)
    done = Signal(object)

    def __init__(self, job: Job, stop_event: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._stop_event = stop_event

    def _sink(self, event: Event) -> None:
        if not isinstance(event, FINAL_EVENTS):  # the final event goes through done
            self.event_emitted.emit(event)

    @Slot()
    def run(self) -> None:
        try:
            from fitgen_gui.training.tf_startup import import_keras_quietly

            import_keras_quietly()
            final = self._job(self._sink, self._stop_event)
        except BaseException as exc:  # noqa: BLE001 - the app shows it and keeps running
            final = TrainingFailed.from_exception(exc)
        self.done.emit(final)


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
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
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
        snapshot = RunConfig.from_dict(config.to_dict())  # later edits do not leak in
        self.profile_request = ProfileRequest()
        return self.launch(_run_job(snapshot, workspace, check_report, self.profile_request))

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
        thread = QThread()
        thread.setObjectName("fitgen-training")
        worker = TrainingWorker(job, self._stop_event)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.event_emitted.connect(self._relay)
        worker.done.connect(self._on_done)
        self._thread, self._worker = thread, worker
        thread.start()
        self.running_changed.emit(True)
        return True

    def stop(self) -> None:
        """Stop after the current batch (validation is cut short); keeps a checkpoint."""
        self._stop_event.set()

    @Slot(object)
    def _relay(self, event: Any) -> None:
        self.event.emit(event)

    @Slot(object)
    def _on_done(self, final: Any) -> None:
        thread = self._thread
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
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
