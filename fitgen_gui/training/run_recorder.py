"""``RunRecorder``: the one callback between Keras and a run.

It turns Keras's hooks into ``core.events`` for a plain ``emit(event)`` function (no Qt
here), writes ``history.csv`` and a checkpoint after every epoch, watches the stop
request (a ``threading.Event`` set from any thread), and stops a run whose loss became
NaN. Hooks run on the training thread and cost training time, so per-batch work is O(1):
batch values are buffered and emitted about ten times a second, epoch events never
dropped.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keras

from fitgen_gui.core.events import BatchEnded, EpochEnded, EpochStarted, RunWarning
from fitgen_gui.core.progress_text import StepTimer
from fitgen_gui.core.run_dir import CheckpointInfo, RunDir, fsync_dir
from fitgen_gui.training.models import current_learning_rate

__all__ = ["RunRecorder", "save_model_atomic"]


def save_model_atomic(model: keras.Model, path: str | os.PathLike) -> None:
    """Save a ``.keras`` file so that ``path`` is always a complete model or absent.

    The model goes to a temporary file in the same folder, is flushed to disk, then
    renamed over ``path``: a crash mid-save leaves the previous checkpoint intact.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.tmp.keras")
    try:
        model.save(tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


class RunRecorder(keras.callbacks.Callback):
    """Events, history and checkpoints of one run, and its stop request.

    Parameters
    ----------
    run
        The run directory.
    emit
        Receives each event (on the training thread).
    stop_event
        Set from any thread to stop after the current batch (validation is cut short).
    batch_size
        For images per second.
    on_nan
        ``"stop"``: stop at the first NaN loss; ``"warn"``: warn once per epoch.
    batch_interval
        Seconds between two batch events.
    """

    def __init__(self, run: RunDir, emit: Callable[[Any], None], stop_event: threading.Event,
                 *, batch_size: int, on_nan: str = "stop", batch_interval: float = 0.1) -> None:
        super().__init__()
        self.run = run
        self._emit = emit
        self._stop_event = stop_event
        self._batch_size = batch_size
        self._on_nan = on_nan
        self._interval = batch_interval
        self.stopped_by_user = False
        self.stopped_in_validation = False
        self.nan_at: tuple[int, int] | None = None
        self.save_error: tuple[str, BaseException] | None = None
        self.last_checkpoint: str | None = None
        self.last_full_epoch = 0
        self.epoch = 0
        self.batches_done = 0
        self._steps = 0

    # -- helpers ----------------------------------------------------------------------

    def _reset_buffer(self) -> None:
        self._buffer: dict[str, list[float]] = {}
        self._buffer_first = self.batches_done

    def _flush(self) -> None:
        if not self._buffer:
            return
        tps = self._timer.time_per_step
        self._emit(BatchEnded(
            epoch=self.epoch, first_batch=self._buffer_first,
            metrics={k: tuple(v) for k, v in self._buffer.items()},
            running=dict(self._running), steps_per_epoch=self._steps,
            images_per_s=self._batch_size / tps if tps > 0 else 0.0,
            eta_s=self._timer.eta(self._steps),
            learning_rate=current_learning_rate(self.model),
        ))
        self._reset_buffer()
        self._last_emit = time.monotonic()

    def _save(self, epoch_number: int, partial: bool, logs: dict) -> str | None:
        path = self.run.checkpoint_path(epoch_number, partial)
        try:
            save_model_atomic(self.model, path)
            self.run.write_checkpoint_info(CheckpointInfo(
                epoch_number, partial, str(path), logs,
                self.batches_done if partial else None))
        except (OSError, ValueError) as exc:
            self.save_error = (str(path), exc)
            self.model.stop_training = True  # never train on without a checkpoint
            return None
        self.last_checkpoint = str(path)
        return str(path)

    # -- Keras hooks --------------------------------------------------------------------

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._steps = int(self.params.get("steps") or 0)
        self.stopped_by_user = self.stopped_in_validation = False
        self.nan_at = None

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch = epoch
        self.batches_done = 0
        self._running: dict[str, float] = {}
        self._timer = StepTimer()
        self._epoch_start = time.monotonic()
        self._last_emit = time.monotonic()
        self._nan_warned = False
        self._reset_buffer()
        self._emit(EpochStarted(epoch))

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        logs = logs or {}
        n = batch + 1
        for key, value in logs.items():
            if not isinstance(value, int | float):
                continue
            previous = self._running.get(key)
            # Keras reports running means over the epoch; recover this batch's own value.
            own = value if previous is None else value * n - previous * (n - 1)
            self._buffer.setdefault(key, []).append(float(own))
            self._running[key] = float(value)
        self.batches_done = n
        self._timer.step(n)
        loss = self._buffer.get("loss", [0.0])[-1]
        if not math.isfinite(loss):
            self._handle_nan(batch)
        if self._stop_event.is_set():
            self.model.stop_training = True
            self.stopped_by_user = True
        if time.monotonic() - self._last_emit >= self._interval or n == self._steps:
            self._flush()

    def _handle_nan(self, batch: int) -> None:
        if self._on_nan == "stop":
            if self.nan_at is None:
                self.nan_at = (self.epoch, batch)
            self.model.stop_training = True
        elif not self._nan_warned:
            self._nan_warned = True
            self._emit(RunWarning(
                f"The loss is NaN at epoch {self.epoch + 1}, batch {batch + 1}; the model "
                "is not learning from here. A lower learning rate usually helps.",
                kind="nan"))

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._stop_event.is_set():
            self.model.stop_evaluating = True
            self.model.stop_training = True
            self.stopped_by_user = True
            self.stopped_in_validation = True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._flush()
        logs = {k: float(v) for k, v in (logs or {}).items() if isinstance(v, int | float)}
        if self.stopped_in_validation:  # validation was cut short: its numbers mean little
            logs = {k: v for k, v in logs.items() if not k.startswith("val_")}
        if self.nan_at is not None and self._on_nan == "stop":
            return  # NaN weights: keep the previous checkpoint as the last good one
        partial = self.batches_done < self._steps
        if partial:
            self._save(epoch + 1, True, logs)
            return
        learning_rate = current_learning_rate(self.model)
        path = self._save(epoch + 1, False, logs)
        if path is None:
            return
        self.last_full_epoch = epoch + 1
        row = dict(logs)
        if learning_rate is not None:
            row["learning_rate"] = learning_rate
        try:
            self.run.record_epoch(epoch, row)
        except OSError as exc:
            self.save_error = (str(self.run.file("history.csv")), exc)
            self.model.stop_training = True
        self._emit(EpochEnded(epoch, logs, path, learning_rate,
                              time.monotonic() - self._epoch_start))
