"""``RunRecorder``: the one callback between Keras and a run.

It turns Keras's hooks into ``core.events`` for a plain ``emit(event)`` function (no Qt
here), writes ``history.csv`` and a checkpoint after every epoch, watches the stop
request (a ``threading.Event`` set from any thread), and stops a run whose loss became
NaN. Hooks run on the training thread and cost training time, so per-batch work is O(1):
batch values are buffered and emitted about ten times a second, epoch events never
dropped.

The end of an epoch is written in an order a crash cannot break: the epoch's metrics go
into ``epoch-NNNN.json`` first, then the checkpoint is renamed into place (from then on
the epoch is done: ``RunDir.repair`` rebuilds the rest from the two), then
``history.csv``, then the ``EpochEnded`` event.

A stop mid-epoch saves a partial checkpoint with what a resume needs to continue at the
very next batch as if nothing happened: the metric sums so far and the random layers'
generator states (the weights and optimizer are in the checkpoint).
"""

from __future__ import annotations

import math
import os
import threading
import time
from pathlib import Path
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.atomic_files import atomic_target
from fitgen_gui.core.events import (
    BatchEnded,
    EpochEnded,
    EpochStarted,
    PhaseStarted,
    RunWarning,
    Sink,
    event_to_dict,
)
from fitgen_gui.core.progress_text import StepTimer
from fitgen_gui.core.run_dir import CheckpointInfo, RunDir, best_epoch
from fitgen_gui.training.fit_context import FitCallback
from fitgen_gui.training.models import current_learning_rate

__all__ = ["RunRecorder", "save_model_atomic"]


def save_model_atomic(model: keras.Model, path: str | os.PathLike) -> None:
    """Save a ``.keras`` file so that ``path`` is always a complete model or absent.

    The model goes to a temporary file in the same folder, is flushed to disk, then
    renamed over ``path``: a crash mid-save leaves the previous checkpoint intact.
    """
    path = Path(path)
    with atomic_target(path, kind="save",
                       temporary=path.with_name(f".{path.stem}.tmp.keras")) as tmp:
        model.save(tmp)


def _numpy(variable: Any) -> np.ndarray:
    return np.asarray(keras.ops.convert_to_numpy(variable), dtype=np.float64)


class _MetricSums:
    """The sum and count of each mean metric (``loss``, ``accuracy``...), read directly.

    Keras reports running means; a batch's own value recovered from two of them
    (``m_n * n - m_{n-1} * (n - 1)``) loses precision as ``n`` grows, out of a metric's
    range after a few thousand batches. The difference of the sums themselves does not:
    for accuracy they count samples, exactly.
    """

    def __init__(self, model: keras.Model) -> None:
        self.pairs: dict[str, tuple[Any, Any]] = {}
        self.variables: dict[str, Any] = {}
        for metric in getattr(model, "metrics", []):
            inner = getattr(metric, "metrics", None)
            for m in (inner if inner is not None else [metric]):
                by_name = {v.path.rsplit("/", 1)[-1]: v for v in m.variables}
                for v in m.variables:
                    self.variables[v.path] = v
                if set(by_name) == {"total", "count"}:
                    self.pairs[m.name] = (by_name["total"], by_name["count"])
        self.previous = dict.fromkeys(self.pairs, (0.0, 0.0))

    def refresh(self, model: keras.Model) -> None:
        """Find metrics built after the first batch (compiled metrics are built lazily)."""
        if len(self.variables) < sum(len(m.variables) for m in model.metrics):
            known = self.previous
            self.__init__(model)
            self.previous.update({k: v for k, v in known.items() if k in self.previous})

    def reset(self) -> None:
        """The metrics were reset (a new epoch)."""
        self.previous = dict.fromkeys(self.pairs, (0.0, 0.0))

    def sync(self) -> dict[str, float]:
        """Take the current sums as the starting point; return each running mean."""
        self.previous = {name: (float(_numpy(t)), float(_numpy(c)))
                         for name, (t, c) in self.pairs.items()}
        return {name: t / c for name, (t, c) in self.previous.items() if c}

    def own_values(self, read: dict[str, Any] | None = None) -> dict[str, float]:
        """Each mean metric's value over the last batch alone (from ``read``, the values
        the step itself returned by variable path, when given)."""
        out = {}
        for name, (total_var, count_var) in self.pairs.items():
            if read is not None and total_var.path in read and count_var.path in read:
                total, count = float(read[total_var.path]), float(read[count_var.path])
            else:
                total, count = float(_numpy(total_var)), float(_numpy(count_var))
            last_total, last_count = self.previous[name]
            self.previous[name] = (total, count)
            if count > last_count:
                out[name] = (total - last_total) / (count - last_count)
        return out

    def state(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for path, variable in self.variables.items():
            value = _numpy(variable)
            out[path] = float(value.reshape(-1)[0]) if value.size == 1 else value.tolist()
        return out

    def add(self, state: dict[str, Any]) -> None:
        """Add a saved state to the current one (a resumed epoch's earlier batches)."""
        for path, value in state.items():
            variable = self.variables.get(path)
            if variable is not None:
                variable.assign(keras.ops.convert_to_tensor(
                    _numpy(variable) + np.asarray(value, dtype=np.float64),
                    dtype=variable.dtype))


def _seed_states(model: keras.Model) -> list[Any]:
    return [v for v in model.variables if v.name == "seed_generator_state"]


class RunRecorder(FitCallback):
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
    keep_last
        Full checkpoints kept (0: all); the newest and the best are always kept.
    monitor
        The metric that decides the best epoch (``val_loss``...).
    resume_state
        The ``meta`` of a partial checkpoint being resumed: its epoch continues at the next
        batch with the metric sums and random states it had.
    saved_model
        The model the checkpoints hold when it is not the one training (the whole model
        while only its head trains on cached features); its layers are the same objects.
    """

    def __init__(self, run: RunDir, emit: Sink, stop_event: threading.Event,
                 *, batch_size: int, on_nan: str = "stop", batch_interval: float = 0.1,
                 keep_last: int = 0, monitor: str = "val_loss",
                 resume_state: dict[str, Any] | None = None,
                 saved_model: keras.Model | None = None) -> None:
        super().__init__()
        self.run = run
        self.saved_model = saved_model
        self._emit = emit
        self._stop_event = stop_event
        self._batch_size = batch_size
        self._on_nan = on_nan
        self._interval = batch_interval
        self._keep_last = keep_last
        self._monitor = monitor
        self._resume = resume_state or None
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
        self._wait: list[float] = []
        self._step: list[float] = []
        self._counts: list[tuple[int, ...]] = []
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
            wait_s=tuple(self._wait), step_s=tuple(self._step),
            class_counts=tuple(self._counts) if any(self._counts) else (),
        ))
        self._reset_buffer()
        self._last_emit = time.monotonic()

    def _save(self, epoch_number: int, partial: bool, logs: dict,
              meta: dict[str, Any]) -> str | None:
        """Metrics first, then the checkpoint (see the module docstring)."""
        path = self.run.checkpoint_path(epoch_number, partial)
        try:
            self.run.write_checkpoint_info(CheckpointInfo(
                epoch_number, partial, str(path), logs,
                self.batches_done if partial else None, meta))
            saved = self.model if self.saved_model is None else self.saved_model
            save_model_atomic(saved, path)
        except (OSError, ValueError) as exc:
            self.save_error = (str(path), exc)
            self.model.stop_training = True  # never train on without a checkpoint
            Path(path).with_suffix(".json").unlink(missing_ok=True)
            return None
        self.last_checkpoint = str(path)
        return str(path)

    # -- Keras hooks --------------------------------------------------------------------

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._steps = int(self.params.get("steps") or 0)
        self.stopped_by_user = self.stopped_in_validation = False
        self.nan_at = None
        self._sums = _MetricSums(self.model)
        self._validated = False

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch = epoch
        resuming = self._resume is not None and self._resume.get("epoch") == epoch + 1
        self.batches_done = int(self._resume.get("batches") or 0) if resuming else 0
        self._running: dict[str, float] = {}
        self._timer = StepTimer()
        self._epoch_start = time.monotonic()
        self._last_emit = time.monotonic()
        self._nan_warned = False
        self._sums.reset()
        self._reset_buffer()
        self._emit(EpochStarted(epoch))

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        if self._resume is not None and batch == self.batches_done and (
                self._resume.get("epoch") == self.epoch + 1):
            # The epoch's random layers continue from where the stopped run was (the
            # per-epoch seeds were set by EpochSeeds in on_epoch_begin).
            for variable, value in zip(_seed_states(self.model),
                                       self._resume.get("seed_states") or [], strict=False):
                variable.assign(np.asarray(value, dtype=variable.dtype))

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        logs = logs if logs is not None else {}
        n = batch + 1
        resumed_first = self._resume is not None and (
            self._resume.get("epoch") == self.epoch + 1
            and batch == int(self._resume.get("batches") or 0))
        if batch == 0 or resumed_first:
            self._sums.refresh(self.model)  # compiled metrics exist after the first step
        # Under a strategy the step returned its metric variables' values: each read here
        # would be a round trip between the workers. Taken once, never reused.
        read = self.fit_context.take_metric_values()
        own = self._sums.own_values(read)
        if resumed_first:
            # Add the sums of the batches before the stop: from here on the running values
            # (and the epoch's) are those of the uninterrupted epoch.
            self._sums.add(self._resume.get("metric_state") or {})
            for name, value in self._sums.sync().items():
                if name in logs:
                    logs[name] = value
            self._resume = None
        for key, value in logs.items():
            if not isinstance(value, int | float):
                continue
            if key in own:
                value_own = own[key]
            else:
                previous = self._running.get(key)
                value_own = value if previous is None else value * n - previous * (n - 1)
            self._buffer.setdefault(key, []).append(float(value_own))
            self._running[key] = float(value)
        measured = self.input_meter.batch(-1) if self.input_meter is not None else None
        if measured is not None:
            wait, step, counts = measured
            self._wait.append(round(wait, 6))
            self._step.append(round(step, 6))
            self._counts.append(counts or ())
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

    def on_test_begin(self, logs: dict | None = None) -> None:
        if not self._validated:  # the step is compiled now: a second or so, say so
            self._validated = True
            self._emit(PhaseStarted("validating", f"Validating epoch {self.epoch + 1} "
                                    "(compiling the validation step first)"))

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._stop_event.is_set():
            self.model.stop_evaluating = True
            self.model.stop_training = True
            self.stopped_by_user = True
            self.stopped_in_validation = True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._flush()
        if getattr(self.model, "stop_evaluating", False) or (
                self.model.stop_training and self.batches_done < self._steps
                and self.nan_at is None):
            # Stopped mid-epoch for no reason of its own: on another worker of a cluster
            # (every worker stops after the same batch).
            self.stopped_by_user = True
            self.stopped_in_validation |= bool(getattr(self.model, "stop_evaluating", False))
        logs = {k: float(v) for k, v in (logs or {}).items() if isinstance(v, int | float)}
        if self.stopped_in_validation:  # validation was cut short: its numbers mean little
            logs = {k: v for k, v in logs.items() if not k.startswith("val_")}
        if self.nan_at is not None and self._on_nan == "stop":
            return  # NaN weights: keep the previous checkpoint as the last good one
        if self.batches_done < self._steps:
            meta = {"metric_state": self._sums.state(),
                    "seed_states": [np.asarray(keras.ops.convert_to_numpy(v)).tolist()
                                    for v in _seed_states(self.model)]}
            self._save(epoch + 1, True, logs, meta)
            return
        learning_rate = current_learning_rate(self.model)
        row = dict(logs)
        if learning_rate is not None:
            row["learning_rate"] = learning_rate
        seen = getattr(self.input_meter, "last", None)
        if seen is not None and seen.epoch != epoch:
            seen = None
        event = EpochEnded(
            epoch, logs, str(self.run.checkpoint_path(epoch + 1)), learning_rate,
            time.monotonic() - self._epoch_start,
            input_wait_s=round(seen.waited, 6) if seen else 0.0,
            input_step_s=round(seen.stepped, 6) if seen else 0.0,
            class_counts=seen.class_totals() if seen else (),
            val_class_counts=seen.class_totals(validation=True) if seen else (),
            val_batch_counts=tuple(c or () for c in seen.val_counts) if seen else ())
        record = {k: v for k, v in event_to_dict(event).items() if k != "type"}
        path = self._save(epoch + 1, False, logs,
                          {"row": row, "event": record, "t": round(time.time(), 3)})
        if path is None:
            return
        self.last_full_epoch = epoch + 1
        try:
            self.run.record_epoch(epoch, row)
        except OSError as exc:
            self.save_error = (str(self.run.file("history.csv")), exc)
            self.model.stop_training = True
        self._emit(event)
        self._retain()

    def _retain(self) -> None:
        if self._keep_last <= 0:
            return
        best = best_epoch(self.run.read_history(), self._monitor)
        self.run.apply_retention(self._keep_last, best[0] + 1 if best else None)
