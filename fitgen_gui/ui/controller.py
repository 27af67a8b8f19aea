"""``TrainingController``: one training at a time, on a QThread, relayed to the GUI thread.

The worker lives on its own ``QThread``; TensorFlow is imported there, inside ``run()``,
so the window never waits for it. The worker's signals connect only to bound methods of
this GUI-thread controller (a lambda would run on the worker thread), which re-emits them;
the app and the tests listen to the controller. Stop is a ``threading.Event`` set from the
GUI thread and checked by the training after each batch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThread, Signal, Slot

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import TrainingFailed

__all__ = ["TrainingController", "TrainingWorker"]

Job = Callable[[Callable[[Any], None], threading.Event], Any]


class TrainingWorker(QObject):
    """Runs one training job on its thread.

    Signals
    -------
    event_emitted(object)
        A ``core.events`` dataclass, emitted on the worker thread.
    done(object)
        The final event: ``TrainingFinished``, ``TrainingStopped`` or ``TrainingFailed``.
    """

    event_emitted = Signal(object)
    done = Signal(object)

    def __init__(self, job: Job, stop_event: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._stop_event = stop_event

    @Slot()
    def run(self) -> None:
        try:
            from fitgen_gui.training.tf_startup import import_keras_quietly

            import_keras_quietly()
            final = self._job(self.event_emitted.emit, self._stop_event)
        except BaseException as exc:  # noqa: BLE001 - the app shows it and keeps running
            final = TrainingFailed.from_exception(exc)
        self.done.emit(final)


class TrainingController(QObject):
    """Starts, stops and resumes trainings; relays their events on the GUI thread.

    Signals
    -------
    event(object)
        Every event of the running training.
    running_changed(bool)
    finished(object)
        The final event of a training.
    """

    event = Signal(object)
    running_changed = Signal(bool)
    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
        self._stop_event = threading.Event()
        self.last_final: Any = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, config: RunConfig, workspace: str) -> bool:
        """Train a new run of ``config`` in ``workspace``; False if one is running."""
        from fitgen_gui.training.runner import run_training

        snapshot = RunConfig.from_dict(config.to_dict())  # later edits do not leak in
        return self._launch(lambda sink, stop: run_training(snapshot, sink, stop,
                                                            workspace=workspace))

    def resume(self, run_dir: str, from_epoch: int | None = None,
               epochs: int | None = None) -> bool:
        """Continue the run in ``run_dir`` from a checkpoint; False if one is running."""
        from fitgen_gui.training.runner import resume_training

        return self._launch(lambda sink, stop: resume_training(
            run_dir, sink, stop, from_epoch=from_epoch, epochs=epochs))

    def _launch(self, job: Job) -> bool:
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
