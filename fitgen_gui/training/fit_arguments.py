"""The arguments of ``fit_generator`` and its siblings, read with Keras 2's meaning.

Keras 2 accepted Keras 1's names (``nb_epoch``, ``samples_per_epoch`` counted in samples,
``max_q_size``...) with a warning, rounded a float step count up, took ``len()`` of a
Sequence when no steps were given and, when they were not, read it again after each epoch
(a Sequence may change its length in ``on_epoch_end``). Everything here checks and
normalizes before a batch is read, with messages that say what was received;
:class:`FitPlan` is what the training loop (:mod:`.fit_loop`) then runs.
"""

from __future__ import annotations

import math
import sys
import warnings
from dataclasses import dataclass
from itertools import chain
from typing import Any, TextIO

import numpy as np

from fitgen_gui.data.batch_streams import is_sequence, sequence_length
from fitgen_gui.training.batch_contract import BatchContract

__all__ = ["STDOUT", "FitPlan", "check_compiled", "check_count", "keras1_names",
           "loader_options", "peek_first", "plan_fit", "resolve_steps", "resolve_stream",
           "resolve_verbose", "steps_from_samples"]


class _Stdout:
    """Default ``stream``: whatever ``sys.stdout`` is at call time (None in windowed apps)."""


STDOUT: Any = _Stdout()


def resolve_stream(stream: Any) -> TextIO | None:
    """``stream``, or ``sys.stdout`` as it is now for the default."""
    return sys.stdout if stream is STDOUT else stream


def resolve_verbose(verbose: Any) -> int:
    """0, 1 or 2 (``"auto"`` is 1); anything else is refused."""
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2) or isinstance(verbose, bool):
        raise ValueError(f"verbose must be 0 (silent), 1 (progress bar) or 2 (one line per "
                         f"epoch); got {verbose!r}.")
    return int(verbose)


def resolve_steps(steps: Any, data: Any, name: str, role: str) -> int:
    """Steps as an int: a float (``samples / batch_size``) is rounded up, as Keras 2 did."""
    if steps is None:
        length = sequence_length(data) if is_sequence(data) else None
        if length is None:
            raise ValueError(
                f"{name} is needed when the {role} data is a generator: it says how many "
                f"batches to draw, typically ceil(samples / batch_size). A PyDataset knows its "
                f"own length; a plain generator does not."
            )
        return length
    if isinstance(steps, bool) or not isinstance(steps, int | float | np.integer | np.floating):
        raise TypeError(f"{name} must be a number of batches; got {steps!r}.")
    if not math.isfinite(steps) or steps <= 0:
        raise ValueError(f"{name} must be a positive number of batches; got {steps!r}.")
    return math.ceil(steps)


def check_count(value: Any, name: str, minimum: int) -> int:
    """``value`` as an int, refused unless a whole number of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}; got {value!r}.")
    return int(value)


def check_compiled(model: Any, what: str) -> None:
    """Refuse a model that was not compiled, saying how to compile it."""
    if not getattr(model, "compiled", False):
        raise RuntimeError(
            f"The model must be compiled before {what}: call "
            "model.compile(optimizer=..., loss=..., metrics=[...]) first."
        )


_KERAS1_NAMES = {
    "nb_epoch": "epochs",
    "max_q_size": "max_queue_size",
    "pickle_safe": "use_multiprocessing",
    "samples_per_epoch": "steps_per_epoch",
    "nb_val_samples": "validation_steps",
    "val_samples": "steps",
    "nb_worker": "workers",
}


def keras1_names(legacy: dict, where: str) -> dict:
    """The Keras 1 arguments in ``legacy``, each with a DeprecationWarning naming today's.

    An unknown name is refused as Python refuses one (a ``TypeError``).
    """
    out = {}
    for old, value in legacy.items():
        if old not in _KERAS1_NAMES:
            raise TypeError(f"{where}() got an unexpected keyword argument {old!r}")
        new = _KERAS1_NAMES[old]
        unit = " (counted in batches, not samples)" if "samples" in old else ""
        warnings.warn(
            f"{where}: `{old}` is the Keras 1 name of `{new}`{unit}; use {new}=... instead.",
            DeprecationWarning,
            stacklevel=3,
        )
        out[old] = value
    return out


def loader_options(legacy: dict, workers: Any, max_queue_size: Any,
                   use_multiprocessing: Any) -> tuple[Any, Any, Any]:
    """``workers``, ``max_queue_size`` and ``use_multiprocessing``, given under their
    Keras 1 names (``nb_worker``, ``max_q_size``, ``pickle_safe``) or today's."""
    return (legacy.get("nb_worker", workers), legacy.get("max_q_size", max_queue_size),
            legacy.get("pickle_safe", use_multiprocessing))


def peek_first(data: Any) -> tuple[Any, Any]:
    """The first batch of ``data`` and a source that still yields it exactly once."""
    if is_sequence(data):
        return data[0], data
    iterator = iter(data)
    first = next(iterator)
    return first, chain([first], iterator)


def steps_from_samples(samples: Any, data: Any, model: Any) -> tuple[int, Any]:
    """Keras 1's sample count as batches (the first batch gives the batch size), and the
    data that still yields that first batch."""
    first, data = peek_first(data)
    contract = BatchContract(model)
    contract.check(first)
    return math.ceil(samples / contract.batch_size(first)), data


@dataclass(frozen=True)
class FitPlan:
    """The training half of ``fit_generator``'s arguments, checked and normalized."""

    generator: Any
    steps_per_epoch: int
    # Keras 2 read a Sequence's len() again after each epoch when steps_per_epoch was not
    # given: a Sequence may change its length in on_epoch_end.
    dynamic_steps: bool
    epochs: int
    initial_epoch: int
    initial_step: int
    verbose: int
    stream: TextIO | None
    shuffle: bool
    workers: int
    max_queue_size: int
    use_multiprocessing: bool

    @property
    def stream_options(self) -> dict[str, Any]:
        """How batches are read, for :func:`~fitgen_gui.data.batch_streams.open_stream`."""
        return {"workers": self.workers, "use_multiprocessing": self.use_multiprocessing,
                "max_queue_size": self.max_queue_size}

    @property
    def needed(self) -> int:
        """Training batches the call takes from the stream in all."""
        epochs = max(0, self.epochs - self.initial_epoch)
        return max(0, self.steps_per_epoch * epochs - self.initial_step)

    def check_initial_step(self) -> None:
        """Refuse to resume at a batch the epoch does not have."""
        if self.initial_step >= self.steps_per_epoch:
            raise ValueError(f"initial_step must be below steps_per_epoch "
                             f"({self.steps_per_epoch}); got {self.initial_step}.")


def plan_fit(model: Any, generator: Any, *, steps_per_epoch: Any, epochs: Any, verbose: Any,
             max_queue_size: Any, workers: Any, use_multiprocessing: bool, shuffle: bool,
             initial_epoch: Any, initial_step: Any, stream: Any, legacy: dict) -> FitPlan:
    """Check and normalize ``fit_generator``'s training arguments (``legacy``: the Keras 1
    names given, from :func:`keras1_names`)."""
    epochs = legacy.get("nb_epoch", epochs)
    workers, max_queue_size, use_multiprocessing = loader_options(
        legacy, workers, max_queue_size, use_multiprocessing)
    check_compiled(model, "fit_generator")
    verbose = resolve_verbose(verbose)
    epochs = check_count(epochs, "epochs", 0)
    initial_epoch = check_count(initial_epoch, "initial_epoch", 0)
    initial_step = check_count(initial_step, "initial_step", 0)
    workers = check_count(workers, "workers", 0)
    max_queue_size = check_count(max_queue_size, "max_queue_size", 1)
    if "samples_per_epoch" in legacy:
        steps_per_epoch, generator = steps_from_samples(
            legacy["samples_per_epoch"], generator, model)
    dynamic_steps = steps_per_epoch is None and is_sequence(generator) and (
        sequence_length(generator) is not None)
    steps_per_epoch = resolve_steps(steps_per_epoch, generator, "steps_per_epoch", "training")
    return FitPlan(generator, steps_per_epoch, dynamic_steps, epochs, initial_epoch,
                   initial_step, verbose, resolve_stream(stream), shuffle, workers,
                   max_queue_size, use_multiprocessing)
