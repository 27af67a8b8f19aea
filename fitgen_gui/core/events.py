"""What a training run tells the app, the CLI and its ``events.jsonl``.

Each event is a frozen dataclass named after the Keras hook it comes from. The training
thread hands them to a ``sink(event)``; the app's worker emits them as Qt signals, the CLI
prints them, and the run directory appends them to ``events.jsonl`` (all but console text,
which goes to ``console.log``), so a run's plots can be rebuilt from its folder.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeAlias

from fitgen_gui.core.serialization import from_plain, to_plain

__all__ = [
    "FINAL_EVENTS",
    "BatchEnded",
    "ConsoleText",
    "EpochEnded",
    "EpochStarted",
    "Event",
    "FinalEvent",
    "PhaseStarted",
    "ProfileSaved",
    "RunResumed",
    "RunStarted",
    "RunWarning",
    "Sink",
    "TrainingFailed",
    "TrainingFinished",
    "TrainingStopped",
    "event_from_dict",
    "event_to_dict",
]


@dataclass(frozen=True, slots=True)
class RunStarted:
    """Training begins: what it will do and on what."""

    run_dir: str
    epochs: int
    initial_epoch: int
    steps_per_epoch: int
    validation_steps: int | None
    class_names: tuple[str, ...]
    train_samples: int
    val_samples: int
    device: str
    train_class_counts: tuple[int, ...] = ()  # images per class in the training folder


@dataclass(frozen=True, slots=True)
class PhaseStarted:
    """What the run is doing before (and between) batches, in words: checking files,
    loading TensorFlow, building the model, compiling... ``phase`` is a stable key;
    ``epoch`` (0-based) where the phase begins at an epoch (``fine_tuning``)."""

    phase: str
    message: str
    epoch: int | None = None


@dataclass(frozen=True, slots=True)
class RunResumed:
    """A run continues from a checkpoint; later epochs of the old attempt were set aside.

    ``from_batch`` is the batch (0-based) a partial checkpoint continues at; ``restarted``
    says the run had no checkpoint and starts again from epoch 1 with its settings.
    """

    from_epoch: int
    checkpoint: str | None
    set_aside: str | None
    from_batch: int = 0
    restarted: bool = False


@dataclass(frozen=True, slots=True)
class EpochStarted:
    """Keras's ``on_epoch_begin``; ``epoch`` is 0-based."""

    epoch: int


@dataclass(frozen=True, slots=True)
class BatchEnded:
    """One or more training batches ended (batch events are grouped, never dropped).

    ``metrics`` holds each batch's own values (``loss``, ``accuracy``...) for the batches
    ``first_batch .. first_batch + len - 1`` of ``epoch``; ``running`` the epoch-to-date
    values Keras reports; ``learning_rate`` the current rate. ``wait_s`` and ``step_s`` are
    each batch's seconds waiting for its data and in its training step; ``class_counts``
    each batch's samples per class (empty where the targets are not class labels).
    """

    epoch: int
    first_batch: int
    metrics: dict[str, tuple[float, ...]]
    running: dict[str, float]
    steps_per_epoch: int
    images_per_s: float
    eta_s: float | None
    learning_rate: float | None = None
    wait_s: tuple[float, ...] = ()
    step_s: tuple[float, ...] = ()
    class_counts: tuple[tuple[int, ...], ...] = ()

    @property
    def count(self) -> int:
        return len(next(iter(self.metrics.values()), ()))

    @property
    def last_batch(self) -> int:
        return self.first_batch + self.count - 1


@dataclass(frozen=True, slots=True)
class EpochEnded:
    """Keras's ``on_epoch_end``: the epoch's metrics and its checkpoint.

    ``input_wait_s`` / ``input_step_s``: the epoch's seconds waiting for data and in
    training steps (their ratio is the input-bound share); ``class_counts`` /
    ``val_class_counts``: samples per class over the epoch's training and validation
    batches; ``val_batch_counts``: those of each validation batch.
    """

    epoch: int
    logs: dict[str, float]
    checkpoint: str | None
    learning_rate: float | None = None
    seconds: float = 0.0
    input_wait_s: float = 0.0
    input_step_s: float = 0.0
    class_counts: tuple[int, ...] = ()
    val_class_counts: tuple[int, ...] = ()
    val_batch_counts: tuple[tuple[int, ...], ...] = ()

    @property
    def input_percent(self) -> float:
        """Percent of the epoch's time spent waiting for data (NaN when not measured)."""
        total = self.input_wait_s + self.input_step_s
        return 100.0 * self.input_wait_s / total if total > 0 else float("nan")


@dataclass(frozen=True, slots=True)
class RunWarning:
    """Something the user should know; ``path`` names the file concerned, if any."""

    message: str
    path: str | None = None
    kind: str = "warning"
    subject: str | None = None  # what the warning is about (``one_class``: the class name)


@dataclass(frozen=True, slots=True)
class ProfileSaved:
    """A TensorBoard profile of batches ``first_batch..last_batch`` (from 1, over the run)
    was written to ``log_dir``; ``verdict`` is the profiler's input-pipeline conclusion."""

    log_dir: str
    first_batch: int
    last_batch: int
    verdict: str


@dataclass(frozen=True, slots=True)
class ConsoleText:
    """Text for the console pane, Keras style (``\\r`` redraws the current line)."""

    text: str


@dataclass(frozen=True, slots=True)
class TrainingFinished:
    """All epochs ran (or early stopping ended the run)."""

    run_dir: str
    epochs_done: int
    model_path: str
    stopped_early: bool = False


@dataclass(frozen=True, slots=True)
class TrainingStopped:
    """The user stopped the run; what was learned is in ``checkpoint``. ``run_dir`` is None
    when the stop came before the run folder was made."""

    run_dir: str | None
    epoch: int
    batch: int
    checkpoint: str | None


@dataclass(frozen=True, slots=True)
class TrainingFailed:
    """The run ended with an error: a message for people, details for programmers."""

    message: str
    details: str
    run_dir: str | None = None
    checkpoint: str | None = None
    cause: str = ""  # the exception's class name, e.g. "ConfigError"
    user_error: bool = False  # the user can fix it (a setting, a file): CLI exit status 2

    @classmethod
    def from_exception(cls, exc: BaseException, message: str | None = None,
                       run_dir: str | None = None,
                       checkpoint: str | None = None) -> TrainingFailed:
        from fitgen_gui.core.errors import is_user_error

        details = "".join(traceback.format_exception(exc))
        return cls(message or f"{type(exc).__name__}: {exc}", details, run_dir, checkpoint,
                   type(exc).__name__, is_user_error(exc))


Event = (RunStarted | RunResumed | PhaseStarted | EpochStarted | BatchEnded | EpochEnded
         | RunWarning | ProfileSaved | ConsoleText | TrainingFinished | TrainingStopped
         | TrainingFailed)
FinalEvent = TrainingFinished | TrainingStopped | TrainingFailed
FINAL_EVENTS = (TrainingFinished, TrainingStopped, TrainingFailed)
# What the engine is given to tell its events to: the app's worker signal, the CLI's
# printer, a test's list.append.
Sink: TypeAlias = Callable[[Event], None]

_TYPES = {cls.__name__: cls for cls in (
    RunStarted, RunResumed, PhaseStarted, EpochStarted, BatchEnded, EpochEnded, RunWarning,
    ProfileSaved, ConsoleText, TrainingFinished, TrainingStopped, TrainingFailed,
)}


def event_to_dict(event: Any) -> dict[str, Any]:
    """``{"type": "EpochEnded", ...fields}``, JSON-ready."""
    return {"type": type(event).__name__, **to_plain(event)}


def event_from_dict(data: dict[str, Any]) -> Any:
    """The event of a dict from :func:`event_to_dict` (the field types say which lists are
    tuples); keys a newer FitGen added are ignored.

    Raises
    ------
    ValueError
        When the record is not an event this FitGen knows, or lacks one of its fields.
    """
    cls = _TYPES.get(data.get("type", "")) if isinstance(data, dict) else None
    if cls is None:
        kind = data.get("type") if isinstance(data, dict) else data
        raise ValueError(f"unknown event type {kind!r}")
    fields = {k: v for k, v in data.items() if k != "type"}
    try:
        # Values that do not fit their field are kept as they are: a plot shows what it can.
        return from_plain(cls, fields, [], unknown="ignore")
    except TypeError as exc:  # a required field is missing
        raise ValueError(f"a {cls.__name__} record without all its fields ({exc})") from None
