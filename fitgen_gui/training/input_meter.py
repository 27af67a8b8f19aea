"""The input-bound meter: how long training waits for each batch, and what each batch holds.

``fit_generator`` times every training batch in two parts: the seconds it waited for the
batch (``stream.next()``: the queue of the workers, or the generator itself with
``workers=0``) and the seconds of the training step (``train_on_batch`` up to its logs,
which waits for the device). An epoch's input-bound share is waited / (waited + step), graded
with the thresholds and words of TensorFlow's profiler: below 5% not input-bound, 5-20%
moderately, 20% or more highly input-bound.

It also counts the classes of each training and validation batch from its targets (one-hot,
class indices or 0/1, whatever the class mode) and, at each epoch end, says in words what
looks wrong: every label the same class, a class absent from a whole epoch, many batches in a
row of a single class (data sorted by class and not shuffled).

Pure numpy: it is fed by the training loop and read by callbacks (``self.input_meter``:
given to a ``FitCallback`` in its fit context, see :mod:`.fit_context`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "HIGHLY",
    "MODERATELY",
    "BatchContentWarning",
    "EpochInput",
    "InputMeter",
    "class_counts",
    "input_verdict",
]

MODERATELY = 5.0  # percent of the time spent waiting for input, as TensorFlow's profiler
HIGHLY = 20.0
NEGLIGIBLE_WAIT_S = 0.05  # seconds of waiting in an epoch that cannot matter to anyone


class BatchContentWarning(UserWarning):
    """What the batches hold looks wrong (one class only, a class missing, sorted data)."""


def input_verdict(percent: float, waited_s: float | None = None) -> tuple[str, str]:
    """``(key, words)`` for an input-bound share in percent: the profiler's grades.

    An epoch that waited less than ``NEGLIGIBLE_WAIT_S`` in all (a head on cached
    features, a few milliseconds per step) is not input-bound whatever its share.
    """
    if not math.isfinite(percent):
        return "unknown", "unknown"
    if waited_s is not None and waited_s < NEGLIGIBLE_WAIT_S:
        return "not", "not input-bound"
    if percent >= HIGHLY:
        return "highly", "highly input-bound"
    if percent >= MODERATELY:
        return "moderately", "moderately input-bound"
    return "not", "not input-bound"


def advice(key: str) -> str:
    """What to do about a verdict, in one sentence."""
    if key == "highly":
        return ("The model waits for data most of the time: more workers, a smaller image "
                "size or lighter augmentation will speed training up (Tune loader measures "
                "which).")
    if key == "moderately":
        return "Some time is lost waiting for data; more workers may help a little."
    return "The data keeps up with the model."


def _single(part: Any) -> Any:
    """The targets of a single-output model from a dict or one-item list; else None."""
    if isinstance(part, Mapping):
        return next(iter(part.values())) if len(part) == 1 else None
    if isinstance(part, list | tuple):
        return part[0] if len(part) == 1 else None
    return part


def class_counts(targets: Any, num_classes: int | None) -> tuple[int, ...] | None:
    """Samples of each class in a batch's targets, or None when they are not class labels.

    One-hot (or soft) rows ``(n, classes)`` count by their largest entry; class indices
    ``(n,)`` or ``(n, 1)``, and 0/1 targets of a one-unit output, by their value.
    """
    y = _single(targets)
    if y is None:
        return None
    try:
        y = np.asarray(y)
    except (TypeError, ValueError):
        return None
    if y.ndim == 0 or y.size == 0 or y.dtype.kind not in "biuf":
        return None
    if y.ndim == 2 and y.shape[1] > 1:
        if num_classes is not None and y.shape[1] != num_classes:
            return None
        indices = np.argmax(y, axis=1)
        size = y.shape[1]
    elif y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1):
        flat = y.reshape(-1)
        size = max(num_classes or 0, 2)
        if flat.dtype.kind == "f":
            rounded = np.rint(flat)
            if not np.array_equal(rounded, flat):
                return None  # regression targets, or smoothed binary labels
            flat = rounded
        if flat.min() < 0 or flat.max() >= size:
            return None
        indices = flat.astype(np.int64)
    else:
        return None
    return tuple(int(c) for c in np.bincount(indices, minlength=size))


@dataclass
class EpochInput:
    """One epoch as the meter saw it."""

    epoch: int
    wait_s: list[float] = field(default_factory=list)
    step_s: list[float] = field(default_factory=list)
    counts: list[tuple[int, ...] | None] = field(default_factory=list)
    val_counts: list[tuple[int, ...] | None] = field(default_factory=list)
    warmup: int = 0  # leading batches left out of the totals (the run's first: compiling)

    @property
    def waited(self) -> float:
        return float(sum(self.wait_s[self.warmup:]))

    @property
    def stepped(self) -> float:
        return float(sum(self.step_s[self.warmup:]))

    @property
    def percent(self) -> float:
        total = self.waited + self.stepped
        return 100.0 * self.waited / total if total > 0 else float("nan")

    def class_totals(self, validation: bool = False) -> tuple[int, ...]:
        rows = [c for c in (self.val_counts if validation else self.counts) if c is not None]
        if not rows:
            return ()
        width = max(len(r) for r in rows)
        total = np.zeros(width, dtype=np.int64)
        for row in rows:
            total[:len(row)] += row
        return tuple(int(v) for v in total)

    def summary(self) -> str:
        """One line for the console: the share, its grade and the seconds behind it."""
        key, words = input_verdict(self.percent, self.waited)
        if key == "unknown":
            return ""
        return (f"Input: waited for data {self.percent:.0f}% of the time "
                f"({self.waited:.2f} s waiting, {self.stepped:.2f} s in training steps): "
                f"{words}.")


def _name(index: int, names: Sequence[str] | None) -> str:
    if names and 0 <= index < len(names):
        return f"'{names[index]}'"
    return f"class {index}"


class InputMeter:
    """Per-batch wait and step seconds and class counts, and the epoch's verdicts.

    Parameters
    ----------
    num_classes
        Classes of the model's output (a one-unit sigmoid output has 2), or None.
    class_names
        Names for messages; ``class 0``, ``class 1``... without them.
    expects_0_255
        The model scales raw 0-255 pixels itself (FitGen's built-in models do): inputs
        already in 0-1 are then a mistake, and the first batch is checked for it.
    """

    def __init__(self, num_classes: int | None = None,
                 class_names: Sequence[str] | None = None, *,
                 expects_0_255: bool = False) -> None:
        self.num_classes = num_classes
        self.class_names = list(class_names) if class_names else None
        self.expects_0_255 = expects_0_255
        self.current: EpochInput | None = None
        self.last: EpochInput | None = None
        self._warned: set[str] = set()
        self._seen = np.zeros(0, dtype=np.int64)

    # -- fed by the training loop ---------------------------------------------------------

    def start_epoch(self, epoch: int) -> None:
        self.current = EpochInput(epoch)

    def record(self, wait_s: float, step_s: float, targets: Any) -> None:
        """One training batch: seconds waited, seconds of the step, its targets."""
        epoch = self.current
        if epoch is None:
            epoch = self.current = EpochInput(0)
        if not self._recorded:
            # The run's first step compiles the training function and the workers are
            # starting: timed and shown, but left out of the share.
            self._recorded = True
            epoch.warmup = 1
        epoch.wait_s.append(wait_s)
        epoch.step_s.append(step_s)
        epoch.counts.append(class_counts(targets, self.num_classes))

    def inspect_first(self, inputs: Any) -> list[str]:
        """Warnings about the run's first batch of inputs (pixels already in 0-1)."""
        if self.inspected:
            return []
        self.inspected = True
        if not self.expects_0_255:
            return []
        x = _single(inputs)
        try:
            x = np.asarray(x)
        except (TypeError, ValueError):
            return []
        if x.dtype.kind != "f" or x.size == 0 or not np.isfinite(x).all():
            return []
        low, high = float(x.min()), float(x.max())
        if low >= 0.0 and high <= 1.0 and self._first("zero-one"):
            return [(
                f"The training images hold values from {low:.2f} to {high:.2f}, already "
                "scaled to 0-1, but the model scales 0-255 pixels itself: it sees images 255 "
                "times too dark and learns little. Give it 0-255 pixels (remove rescale=1/255 "
                "from the data, or the division by 255 from your generator).")]
        return []

    inspected = False
    _recorded = False

    def record_validation(self, targets: Any) -> None:
        if self.current is not None:
            self.current.val_counts.append(class_counts(targets, self.num_classes))

    def end_epoch(self) -> list[str]:
        """Close the epoch; return the warnings it raises (each kind once per run)."""
        epoch = self.current
        if epoch is None:
            return []
        self.last = epoch
        return [m for key, m in self._content_problems(epoch) if self._first(key)]

    # -- read by callbacks ------------------------------------------------------------------

    def batch(self, index: int) -> tuple[float, float, tuple[int, ...] | None] | None:
        """``(wait_s, step_s, counts)`` of batch ``index`` (position in the epoch so far)."""
        epoch = self.current
        if epoch is None or not -len(epoch.wait_s) <= index < len(epoch.wait_s):
            return None
        return epoch.wait_s[index], epoch.step_s[index], epoch.counts[index]

    # -- what looks wrong -----------------------------------------------------------------

    def _first(self, key: str) -> bool:
        if key in self._warned:
            return False
        self._warned.add(key)
        return True

    def _content_problems(self, epoch: EpochInput) -> list[tuple[str, str]]:
        totals = np.asarray(epoch.class_totals(), dtype=np.int64)
        if totals.size == 0:
            return []
        if self._seen.size < totals.size:
            self._seen = np.pad(self._seen, (0, totals.size - self._seen.size))
        self._seen[:totals.size] += totals
        classes = max(self.num_classes or 0, totals.size)
        samples = int(totals.sum())
        when = f"epoch {epoch.epoch + 1}"
        problems: list[tuple[str, str]] = []
        present = np.flatnonzero(self._seen)
        if classes >= 2 and len(present) == 1 and self._seen.sum() >= 32:
            only = _name(int(present[0]), self.class_names)
            problems.append(("one-class", (
                f"Every training label so far ({int(self._seen.sum())} samples, up to {when}) "
                f"is {only}, but the model has {classes} classes: it can only learn to answer "
                f"{only}. Check how your data makes its targets (class_mode, the label "
                "column, the folders).")))
            return problems
        if classes >= 2 and samples >= max(32, 10 * classes):
            absent = [i for i in range(classes) if i >= totals.size or totals[i] == 0]
            if absent:
                listed = ", ".join(_name(i, self.class_names) for i in absent[:6])
                more = f" and {len(absent) - 6} more" if len(absent) > 6 else ""
                problems.append((f"absent-{absent[0]}", (
                    f"No training batch of {when} held {listed}{more} ({samples} samples in "
                    "the epoch): the model does not learn those classes. Check that every "
                    "class is in the training data and that steps_per_epoch covers it.")))
        run = self._longest_single_class_run(epoch, totals)
        if run is not None:
            start, length, cls = run
            problems.append(("sorted", (
                f"{length} training batches in a row ({when}, batches {start + 1}-"
                f"{start + length}) each held a single class ({_name(cls, self.class_names)} "
                "first): the data looks sorted by class, not shuffled, and the model learns "
                "one class at a time. Shuffle it (shuffle=True, or shuffle in your "
                "generator).")))
        return problems

    @staticmethod
    def _longest_single_class_run(epoch: EpochInput,
                                  totals: np.ndarray) -> tuple[int, int, int] | None:
        """The longest run of one-class batches when chance cannot explain it."""
        sole: list[int] = []
        sizes: list[int] = []
        for row in epoch.counts:
            if row is None or sum(row) < 2:
                sole.append(-1)
                continue
            nonzero = [i for i, c in enumerate(row) if c]
            sole.append(nonzero[0] if len(nonzero) == 1 else -1)
            sizes.append(sum(row))
        if not sizes or len(sole) < 3:
            return None
        freq = totals / max(1, totals.sum())
        size = int(np.median(sizes))
        # Chance that a shuffled batch holds one class only, from this epoch's class shares.
        p = float(np.sum(freq ** size))
        if p >= 1.0:
            return None
        needed = 3
        if p > 0:
            needed = max(3, math.ceil(math.log(1e-4 / len(sole)) / math.log(p)))
        best: tuple[int, int, int] | None = None
        start = 0
        while start < len(sole):
            if sole[start] < 0:
                start += 1
                continue
            end = start
            while end < len(sole) and sole[end] >= 0:
                end += 1
            if end - start >= needed and (best is None or end - start > best[1]):
                best = (start, end - start, sole[start])
            start = end
        return best
