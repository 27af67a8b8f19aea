"""Using a trained model off the GUI thread: evaluate, predict, export, Grad-CAM.

:class:`ModelWork` runs one job at a time on its own worker thread (TensorFlow is imported
there, lazily) and hands results back on the GUI thread. Loaded models are kept for the
next job (a model loads in about a second): the evaluation, the predictions and the
Grad-CAM maps of one model do not reload it. A job can be cancelled between batches.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from fitgen_gui.ui.workers.background import BackgroundTasks, TaskContext

__all__ = ["JobContext", "ModelWork", "gradcam_job"]

_CACHED_MODELS = 2


@dataclass
class JobContext:
    """What a job gets: ``model(path, epoch)``, ``cancelled()``, ``progress(text, done, total)``."""

    model: Callable[[str, int | None], Any]
    cancelled: Callable[[], bool]
    progress: Callable[[str, int, int], None]


class ModelWork(QObject):
    """One worker thread for model jobs (background tasks of their own, one at a time).

    Signals
    -------
    progress(str, int, int)
        What the running job does, and how far it is (done, total; total 0: unknown).
    busy_changed(bool)
    """

    progress = Signal(str, int, int)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = BackgroundTasks(self, workers=1, name="fitgen-model")
        self._tasks.busy_changed.connect(self.busy_changed)
        self._models: dict[tuple[str, int | None], tuple[Any, float]] = {}  # worker only

    @property
    def busy(self) -> bool:
        return self._tasks.busy

    def submit(self, work: Callable[[JobContext], Any], on_done: Callable[[Any], None],
               on_error: Callable[[str, str], None] | None = None) -> int:
        """Run ``work(context)`` on the model thread; ``on_done(result)`` or
        ``on_error(message, details)`` on the GUI thread (details: a traceback, or "" for a
        user error whose message says it all)."""

        def run(task: TaskContext) -> Any:
            from fitgen_gui.training.tf_startup import import_keras_quietly

            import_keras_quietly()
            return work(JobContext(self._model, task.cancelled, task.progress))

        return self._tasks.submit(None, run, on_done, on_error, with_context=True,
                                  on_progress=self.progress.emit)

    def cancel(self) -> None:
        """Ask the running and queued jobs to stop at their next batch."""
        self._tasks.cancel()

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

    def shutdown(self) -> None:
        """Cancel what runs and wait for it to end (the window closes)."""
        self._tasks.shutdown()


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
