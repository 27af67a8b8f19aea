"""Using a trained model off the GUI thread: evaluate, predict, export, Grad-CAM.

:class:`ModelWork` runs one job at a time on its own worker thread (TensorFlow is imported
there, lazily) and hands results back on the GUI thread. Loaded models are kept for the
next job (a model loads in about a second): the evaluation, the predictions and the
Grad-CAM maps of one model do not reload it. A job can be cancelled between batches.
"""

from __future__ import annotations

import itertools
import os
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from fitgen_gui.core.errors import UserError

__all__ = ["JobContext", "ModelWork", "gradcam_job"]

_CACHED_MODELS = 2


@dataclass
class JobContext:
    """What a job gets: ``model(path, epoch)``, ``cancelled()``, ``progress(text, done, total)``."""

    model: Callable[[str, int | None], Any]
    cancelled: Callable[[], bool]
    progress: Callable[[str, int, int], None]


class ModelWork(QObject):
    """One worker thread for model jobs.

    Signals
    -------
    progress(str, int, int)
        What the running job does, and how far it is (done, total; total 0: unknown).
    busy_changed(bool)
    """

    progress = Signal(str, int, int)
    busy_changed = Signal(bool)
    _delivered = Signal(int, bool, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="fitgen-model")
        self._tickets = itertools.count(1)
        self._pending: dict[int, tuple[Callable, Callable | None, threading.Event]] = {}
        self._models: dict[tuple[str, int | None], tuple[Any, float]] = {}  # worker only
        self._closed = False
        self._delivered.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, work: Callable[[JobContext], Any], on_done: Callable[[Any], None],
               on_error: Callable[[str, str], None] | None = None) -> int:
        """Run ``work(context)`` on the model thread; ``on_done(result)`` or
        ``on_error(message, details)`` on the GUI thread (details: a traceback, or "" for a
        user error whose message says it all)."""
        ticket = next(self._tickets)
        if self._closed:
            return ticket
        cancel = threading.Event()
        was_busy = self.busy
        self._pending[ticket] = (on_done, on_error, cancel)
        context = JobContext(self._model, cancel.is_set,
                             lambda text, done, total: self.progress.emit(text, done, total))

        def run() -> None:
            try:
                from fitgen_gui.training.tf_startup import import_keras_quietly

                import_keras_quietly()
                result = work(context)
            except UserError as exc:
                self._delivered.emit(ticket, False, (str(exc), ""))
                return
            except Exception as exc:  # noqa: BLE001 - shown to the user, the app goes on
                self._delivered.emit(ticket, False, (
                    f"{type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc))))
                return
            self._delivered.emit(ticket, True, result)

        self._pool.submit(run)
        if not was_busy:
            self.busy_changed.emit(True)
        return ticket

    def cancel(self) -> None:
        """Ask the running and queued jobs to stop at their next batch."""
        for _, _, cancel in self._pending.values():
            cancel.set()

    def _model(self, path: str, epoch: int | None) -> Any:
        """The ``ModelSource`` of a run folder or model file, loaded once (worker thread)."""
        from fitgen_gui.training.model_source import open_model

        key = (os.path.realpath(path), epoch)
        cached = self._models.get(key)
        if cached is not None:
            source, stamp = cached
            if _stamp(source.path) == stamp and not _newer_final_model(path, epoch, source):
                return source
        source = open_model(path, epoch)
        self._models.pop(key, None)
        self._models[key] = (source, _stamp(source.path))
        while len(self._models) > _CACHED_MODELS:
            self._models.pop(next(iter(self._models)))
        return source

    @Slot(int, bool, object)
    def _deliver(self, ticket: int, ok: bool, payload: Any) -> None:
        on_done, on_error, _ = self._pending.pop(ticket, (None, None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        if on_done is None:
            return
        if ok:
            on_done(payload)
        elif on_error is not None:
            on_error(*payload)

    def shutdown(self) -> None:
        """Cancel what runs and wait for it to end (the window closes)."""
        self._closed = True
        self.cancel()
        self._pending.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _stamp(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return -1.0


def _newer_final_model(path: str, epoch: int | None, source: Any) -> bool:
    """A run's final model appeared (or was replaced) since a checkpoint stood in for it."""
    if epoch is not None or not os.path.isdir(path):
        return False
    final = os.path.join(path, "model.keras")
    return os.path.exists(final) and os.path.realpath(source.path) != os.path.realpath(final)


def gradcam_job(path: str, epoch: int | None, prediction: Any):
    """A model job: ``(image as the model sees it, heat map)`` of one prediction."""

    def job(context: JobContext) -> tuple[Any, Any, Any]:
        from fitgen_gui.data.preprocessing import load_for_model
        from fitgen_gui.training.tf_gradcam import gradcam

        source = context.model(path, epoch)
        image = load_for_model(prediction.file, source.preprocessing)
        x = source.normalize(image[None])[0]
        heat, _ = gradcam(source.model, x, source.class_names.index(prediction.predicted))
        return prediction, image, heat

    return job
