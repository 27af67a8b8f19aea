"""``fit_generator``, ``evaluate_generator`` and ``predict_generator`` with Keras 2's meaning.

Keras 3 removed these methods, and its ``fit`` gives generators a different meaning (see
``docs/keras3-facts.md`` in the shared notes): it peeks and replays two batches, ignores
``workers``, refuses ``class_weight`` for generators and float step counts, goes on after a
generator runs dry, and validates in full after a stop. The loop here keeps the documented
Keras 2 behaviour on the public Keras 3 API (``train_on_batch``, ``test_on_batch``,
``predict_on_batch``, ``keras.callbacks``), so it runs on every Keras backend.
"""

from __future__ import annotations

import contextlib
import math
import sys
import time
import warnings
from collections.abc import Callable, Collection, Iterator
from itertools import chain
from typing import Any, TextIO

import keras
import numpy as np

from fitgen_gui.data.batch_streams import (
    ArraySequence,
    BatchStream,
    StreamExhausted,
    is_sequence,
    open_stream,
    sequence_length,
)
from fitgen_gui.training.batch_contract import BatchContract
from fitgen_gui.training.input_meter import BatchContentWarning, InputMeter
from fitgen_gui.training.progress_logger import ProgressLogger
from fitgen_gui.training.tf_distribute import distributed_steps
from fitgen_gui.training.tf_trace import trace_for_any_batch_size

__all__ = ["DataExhaustedWarning", "evaluate_generator", "fit_generator", "predict_generator"]


class DataExhaustedWarning(UserWarning):
    """A generator gave fewer batches than the training needed."""


class _Stdout:
    """Default ``stream``: whatever ``sys.stdout`` is at call time (None in windowed apps)."""


_STDOUT: Any = _Stdout()


def _resolve_stream(stream: Any) -> TextIO | None:
    return sys.stdout if stream is _STDOUT else stream


def _resolve_verbose(verbose: Any) -> int:
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2) or isinstance(verbose, bool):
        raise ValueError(f"verbose must be 0 (silent), 1 (progress bar) or 2 (one line per "
                         f"epoch); got {verbose!r}.")
    return int(verbose)


def _resolve_steps(steps: Any, data: Any, name: str, role: str) -> int:
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


def _check_count(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be a whole number of at least {minimum}; got {value!r}.")
    return int(value)


def _check_compiled(model: Any, what: str) -> None:
    if not getattr(model, "compiled", False):
        raise RuntimeError(
            f"The model must be compiled before {what}: call "
            "model.compile(optimizer=..., loss=..., metrics=[...]) first."
        )


def _floats(logs: dict) -> dict:
    out = {}
    for key, value in logs.items():
        try:
            out[key] = float(value)
        except (TypeError, ValueError):
            out[key] = value
    return out


def _no_reset() -> None:
    pass


@contextlib.contextmanager
def _running_metrics(model: Any) -> Iterator[Callable[[], None]]:
    """Keep metric state across ``*_on_batch`` calls; yield the real ``reset_metrics``.

    Keras 3's ``train_on_batch`` resets the metrics before every batch, so its logs are
    one batch's values; ``fit``'s batch logs are running averages over the epoch and its
    epoch logs are the epoch's metrics (AUC and precision cannot be averaged afterwards).
    Suppressing the per-call reset while this loop runs gives the ``fit`` meaning.
    """
    own = vars(model)
    previous = own.get("reset_metrics", None)
    reset = model.reset_metrics
    model.reset_metrics = _no_reset
    try:
        yield reset
    finally:
        if previous is not None:
            model.reset_metrics = previous
        else:
            del model.reset_metrics


def _legacy_kwargs(legacy: dict, where: str) -> dict:
    """Map Keras 1 argument names to today's, with a DeprecationWarning for each."""
    renames = {
        "nb_epoch": "epochs",
        "max_q_size": "max_queue_size",
        "pickle_safe": "use_multiprocessing",
        "samples_per_epoch": "steps_per_epoch",
        "nb_val_samples": "validation_steps",
        "val_samples": "steps",
        "nb_worker": "workers",
    }
    out = {}
    for old, value in legacy.items():
        if old not in renames:
            raise TypeError(f"{where}() got an unexpected keyword argument {old!r}")
        new = renames[old]
        unit = " (counted in batches, not samples)" if "samples" in old else ""
        warnings.warn(
            f"{where}: `{old}` is the Keras 1 name of `{new}`{unit}; use {new}=... instead.",
            DeprecationWarning,
            stacklevel=3,
        )
        out[old] = value
    return out


def _peek_first(data: Any) -> tuple[Any, Any]:
    """The first batch of ``data`` and a source that still yields it exactly once."""
    if is_sequence(data):
        return data[0], data
    iterator = iter(data)
    first = next(iterator)
    return first, chain([first], iterator)


def _steps_from_samples(samples: Any, data: Any, model: Any) -> tuple[int, Any]:
    first, data = _peek_first(data)
    contract = BatchContract(model)
    contract.check(first)
    return math.ceil(samples / contract.batch_size(first)), data


class _Validation:
    """Validation data, its stream (opened at the first validation) and its schedule."""

    def __init__(
        self,
        data: Any,
        steps: Any,
        freq: Any,
        model: Any,
        stream_options: dict,
    ) -> None:
        self.is_arrays = isinstance(data, tuple | list) and len(data) in (2, 3)
        if not self.is_arrays and not is_sequence(data) and steps is None:
            raise ValueError(
                    "validation_steps is needed when validation_data is a generator: it says "
                    "how many batches to draw at the end of each epoch, typically "
                    "ceil(validation samples / batch_size)."
                )
        if isinstance(freq, bool) or not (
            (isinstance(freq, int) and freq >= 1)
            or (isinstance(freq, Collection) and all(isinstance(e, int) for e in freq))
        ):
            raise ValueError(
                "validation_freq must be a whole number of at least 1 (validate every N "
                f"epochs) or a list of epoch numbers; got {freq!r}."
            )
        self.data = data
        self.steps = steps if steps is None else _resolve_steps(steps, data, "validation_steps",
                                                                "validation")
        self.freq = freq
        self.contract = BatchContract(model, role="validation")
        self.stream_options = stream_options
        self.stream: BatchStream | None = None
        self.ran_out = False

    def due(self, epoch: int) -> bool:
        """Whether to validate after ``epoch`` (0-based), as Keras's ``validation_freq``."""
        if isinstance(self.freq, int):
            return (epoch + 1) % self.freq == 0
        return epoch + 1 in self.freq

    def open(self, batch_size: int, rounds: int, stack: contextlib.ExitStack) -> BatchStream:
        if self.stream is None:
            data = self.data
            if self.is_arrays:
                data = ArraySequence(tuple(data), batch_size)
            if self.steps is None:
                self.steps = sequence_length(data)
            self.stream = stack.enter_context(
                open_stream(data, shuffle=False, limit=self.steps * rounds,
                            role="validation", **self.stream_options)
            )
        return self.stream


def output_classes(model: Any) -> int | None:
    """Classes of a single-output classifier (a one-unit output has 2), or None."""
    try:
        outputs = model.outputs
    except (AttributeError, ValueError):
        return None
    if not outputs or len(outputs) != 1:
        return None
    last = outputs[0].shape[-1]
    if last is None:
        return None
    return 2 if int(last) == 1 else int(last)


def _make_meter(setting: Any, model: Any) -> InputMeter | None:
    if setting is False:
        return None
    if isinstance(setting, InputMeter):
        if setting.num_classes is None:
            setting.num_classes = output_classes(model)
        return setting
    if setting is None or setting is True:
        return InputMeter(output_classes(model))
    raise TypeError(f"input_meter must be an InputMeter, True, False or None; got {setting!r}.")


def _make_callbacks(
    callbacks: Any, model: Any, verbose: int, stream: Any, epochs: int, steps: int
) -> tuple[keras.callbacks.CallbackList, keras.callbacks.History]:
    user = list(callbacks or [])
    history = next((c for c in user if isinstance(c, keras.callbacks.History)), None)
    ordered = user
    if history is None:
        history = keras.callbacks.History()
        ordered = [*user, history]
    if verbose:
        ordered = [ProgressLogger(stream, verbose), *ordered]
    callback_list = keras.callbacks.CallbackList(
        ordered, add_history=False, add_progbar=False, model=model,
        verbose=verbose, epochs=epochs, steps=steps,
    )
    return callback_list, history


def _steps_of(model: Any) -> Any:
    """What runs a batch: the model, or, under a distribution strategy with several
    replicas, steps that give each replica its share of the batch."""
    return distributed_steps(model) or model


def _evaluate_stream(
    model: Any,
    stream: BatchStream,
    steps: int,
    contract: BatchContract,
    callbacks: keras.callbacks.CallbackList,
    reset: Callable[[], None],
    meter: InputMeter | None = None,
    steps_of: Any = None,
) -> tuple[dict, int]:
    """Run up to ``steps`` test batches; return the logs and the batches evaluated."""
    steps_of = steps_of if steps_of is not None else _steps_of(model)
    reset()
    model.stop_evaluating = False
    callbacks.on_test_begin()
    logs: dict = {}
    done = 0
    while done < steps:
        try:
            batch = stream.next()
        except StreamExhausted:
            break
        contract.check_same(batch, done + 1)
        x, y, w = contract.unpack(batch)
        if steps_of is model and getattr(model, "test_function", None) is None:
            trace_for_any_batch_size(model, (x, y, w), training=False)
        if meter is not None:
            meter.record_validation(y)
        callbacks.on_test_batch_begin(done)
        logs = _floats(steps_of.test_on_batch(x, y, sample_weight=w, return_dict=True))
        callbacks.on_test_batch_end(done, logs)
        done += 1
        model.stop_evaluating = getattr(steps_of, "agree", bool)(
            getattr(model, "stop_evaluating", False))
        if model.stop_evaluating:
            break
    callbacks.on_test_end(logs)
    return logs, done


def fit_generator(
    model: Any,
    generator: Any,
    steps_per_epoch: Any = None,
    epochs: int = 1,
    verbose: Any = 1,
    callbacks: Any = None,
    validation_data: Any = None,
    validation_steps: Any = None,
    validation_freq: Any = 1,
    class_weight: Any = None,
    max_queue_size: int = 10,
    workers: int = 1,
    use_multiprocessing: bool = False,
    shuffle: bool = True,
    initial_epoch: int = 0,
    *,
    stream: Any = _STDOUT,
    initial_step: int = 0,
    input_meter: Any = None,
    strict_shapes: bool = False,
    **legacy: Any,
) -> keras.callbacks.History:
    """Train a compiled Keras 3 model on batches from a generator, as Keras 2 did.

    Parameters
    ----------
    model
        A compiled ``keras.Model``.
    generator
        A Python generator or iterator that loops over its data indefinitely, or a
        ``keras.utils.PyDataset`` / ``Sequence``. Each batch is ``(inputs, targets)`` or
        ``(inputs, targets, sample_weights)``; dicts are keyed by the model's input and
        output names.
    steps_per_epoch
        Batches per epoch. Defaults to ``len(generator)`` for a PyDataset; required for a
        generator. A float is rounded up. Epochs are cut from one continuous stream: the
        next epoch goes on where the last one stopped, and no batch is read twice.
    epochs
        Index of the final epoch: training runs epochs ``initial_epoch .. epochs - 1``.
    verbose
        0 silent, 1 a progress bar, 2 one line per epoch (``"auto"`` is 1).
    callbacks
        Keras callbacks. ``model.stop_training = True`` stops after the current batch
        (validation is skipped when that happens mid-epoch).
    validation_data
        A generator, a PyDataset, or ``(x, y)`` / ``(x, y, sample_weight)`` arrays.
    validation_steps
        Batches to evaluate at each validation; defaults to ``len()`` of a PyDataset or of
        the arrays, required for a generator (whose stream, too, is never rewound).
    validation_freq
        Validate every N epochs, or after the epochs (1-based) listed.
    class_weight
        ``{class index: weight}`` for the training loss; works with every kind of input.
    max_queue_size
        Most batches read ahead of the training.
    workers
        0 reads batches on the calling thread; N >= 1 reads ahead on N threads (processes
        with ``use_multiprocessing=True``, PyDataset only), overlapping the training step.
    use_multiprocessing
        Build batches in worker processes; the PyDataset must be picklable.
    shuffle
        Shuffle the batch order of a PyDataset at each pass over it.
    initial_epoch
        Epoch to start from (to resume a previous run).
    stream
        Where progress text goes; defaults to ``sys.stdout`` at call time (nothing is
        written when that is None, as in a windowed app).
    initial_step
        FitGen's own: resume inside ``initial_epoch``, at this batch (0-based). A
        PyDataset's pass starts at that index; a generator cannot be wound on and simply
        continues. Callbacks see batch numbers from ``initial_step``.
    input_meter
        FitGen's own: times each training batch (seconds waiting for it, seconds of the
        step) and counts the classes of each batch; callbacks read it as
        ``self.input_meter`` (set on each callback for the call), and the progress output
        prints each epoch's input-bound share. None makes one; an :class:`InputMeter` is
        used as given (to name the classes in its warnings); False turns it off.
    strict_shapes
        FitGen's own: every batch must have the first batch's shape in every dimension but
        the number of samples, even where the model accepts other sizes (by default, the
        dimensions the model leaves free, ``None`` in its input shape, may change).
    **legacy
        Keras 1 names (``samples_per_epoch``, ``nb_epoch``, ``nb_val_samples``,
        ``max_q_size``, ``pickle_safe``, ``nb_worker``), accepted with a
        ``DeprecationWarning``.

    Returns
    -------
    keras.callbacks.History
        ``history.epoch`` holds absolute epoch indices; ``history.history`` the per-epoch
        metrics, validation ones prefixed ``val_``.

    Warns
    -----
    DataExhaustedWarning
        When a generator ends before ``steps_per_epoch * (epochs - initial_epoch)``
        batches; training stops after the partial epoch.
    BatchContentWarning
        At an epoch end, when every label so far is one class, a class is absent from the
        epoch, or many batches in a row hold a single class.

    Raises
    ------
    ValueError
        When a batch differs from the first in structure, shape or kind of values; the
        message names the batch (counted from 1) and what changed.
    """
    legacy = _legacy_kwargs(legacy, "fit_generator")
    if "nb_epoch" in legacy:
        epochs = legacy["nb_epoch"]
    max_queue_size = legacy.get("max_q_size", max_queue_size)
    use_multiprocessing = legacy.get("pickle_safe", use_multiprocessing)
    workers = legacy.get("nb_worker", workers)
    _check_compiled(model, "fit_generator")
    verbose = _resolve_verbose(verbose)
    epochs = _check_count(epochs, "epochs", 0)
    initial_epoch = _check_count(initial_epoch, "initial_epoch", 0)
    initial_step = _check_count(initial_step, "initial_step", 0)
    workers = _check_count(workers, "workers", 0)
    max_queue_size = _check_count(max_queue_size, "max_queue_size", 1)
    if "samples_per_epoch" in legacy:
        steps_per_epoch, generator = _steps_from_samples(
            legacy["samples_per_epoch"], generator, model
        )
    # Keras 2 read a Sequence's len() again after each epoch when steps_per_epoch was not
    # given: a Sequence may change its length in on_epoch_end.
    dynamic_steps = steps_per_epoch is None and is_sequence(generator) and (
        sequence_length(generator) is not None)
    steps_per_epoch = _resolve_steps(steps_per_epoch, generator, "steps_per_epoch", "training")
    contract = BatchContract(model, class_weight=class_weight, strict_shapes=strict_shapes)
    stream_options = {
        "workers": workers,
        "use_multiprocessing": use_multiprocessing,
        "max_queue_size": max_queue_size,
    }
    validation = None
    if validation_data is not None:
        if "nb_val_samples" in legacy:
            validation_steps, validation_data = _steps_from_samples(
                legacy["nb_val_samples"], validation_data, model
            )
        validation = _Validation(
            validation_data, validation_steps, validation_freq, model, stream_options
        )
    meter = _make_meter(input_meter, model)
    callback_list, history = _make_callbacks(
        callbacks, model, verbose, _resolve_stream(stream), epochs, steps_per_epoch,
    )
    for callback in callback_list.callbacks:
        callback.input_meter = meter
    if initial_step >= steps_per_epoch:
        raise ValueError(f"initial_step must be below steps_per_epoch ({steps_per_epoch}); "
                         f"got {initial_step}.")
    needed = max(0, steps_per_epoch * max(0, epochs - initial_epoch) - initial_step)
    with contextlib.ExitStack() as stack:
        train_stream = stack.enter_context(
            open_stream(generator, shuffle=shuffle, limit=needed, start=initial_step,
                        **stream_options)
        )
        reset = stack.enter_context(_running_metrics(model))
        steps_of = _steps_of(model)
        # On several machines every worker stops after the same batch, or none does; on
        # one, a flag is its own answer.
        agree = getattr(steps_of, "agree", bool)
        optimizer = getattr(model, "optimizer", None)
        if optimizer is not None and not optimizer.built and model.built:
            # Made inside the first step, the optimizer's variables cost TensorFlow a second
            # trace of the step (measured: the first batch of MobileNetV3 Small 8.6 s ->
            # 6.8 s on 2 cores, bench/first_epoch.py).
            optimizer.build(model.trainable_variables)
        batch_size = None
        clock = time.perf_counter
        model.stop_training = False
        callback_list.on_train_begin()
        training_logs = None
        for epoch in range(initial_epoch, epochs):
            reset()
            if meter is not None:
                meter.start_epoch(epoch)
            callback_list.on_epoch_begin(epoch)
            logs: dict = {}
            done = initial_step if epoch == initial_epoch else 0
            ran_out = False
            while done < steps_per_epoch:
                asked = clock()
                try:
                    batch = train_stream.next()
                except StreamExhausted:
                    ran_out = True
                    break
                waited = clock() - asked
                contract.check_same(batch, done + 1, epoch + 1)
                if batch_size is None:
                    batch_size = contract.batch_size(batch)
                x, y, w = contract.unpack(batch)
                if steps_of is model and getattr(model, "train_function", None) is None:
                    # One trace for every batch size: the partial last batch would trace
                    # the step again, seconds late in the first epoch.
                    trace_for_any_batch_size(model, (x, y, w), training=True)
                if meter is not None and not meter.inspected:
                    for message in meter.inspect_first(x):
                        warnings.warn(message, BatchContentWarning, stacklevel=2)
                callback_list.on_train_batch_begin(done)
                started = clock()
                logs = _floats(steps_of.train_on_batch(x, y, sample_weight=w,
                                                       return_dict=True))
                if meter is not None:
                    meter.record(waited, clock() - started, y)
                callback_list.on_train_batch_end(done, logs)
                done += 1
                model.stop_training = agree(model.stop_training)
                if model.stop_training:
                    break
            if ran_out:
                warnings.warn(
                    "Your input ran out of data; interrupting training. Make sure that your "
                    "generator can generate at least steps_per_epoch * epochs batches (in this "
                    f"case, {needed} batches); it gave {train_stream.produced}.",
                    DataExhaustedWarning,
                    stacklevel=2,
                )
                if done == 0:
                    break
            epoch_logs = dict(logs)
            stopped_mid_epoch = model.stop_training and done < steps_per_epoch
            if validation is not None and not stopped_mid_epoch and validation.due(epoch):
                rounds = sum(validation.due(e) for e in range(epoch, epochs))
                val_stream = validation.open(batch_size or 32, rounds, stack)
                val_logs, val_done = _evaluate_stream(
                    model, val_stream, validation.steps, validation.contract,
                    callback_list, reset, meter, steps_of,
                )
                if val_done < validation.steps and not model.stop_evaluating:
                    if not validation.ran_out:
                        warnings.warn(
                            f"The validation data ran out after {val_done} of "
                            f"{validation.steps} batches; validation metrics use what came.",
                            DataExhaustedWarning,
                            stacklevel=2,
                        )
                    validation.ran_out = True
                epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
            problems = meter.end_epoch() if meter is not None else []
            callback_list.on_epoch_end(epoch, epoch_logs)
            model.stop_training = agree(model.stop_training)  # a failed save on the chief
            for message in problems:
                warnings.warn(message, BatchContentWarning, stacklevel=2)
            training_logs = epoch_logs
            if dynamic_steps:
                # The stream reads ahead: the next pass's length is the one it began with.
                steps_per_epoch = (train_stream.pass_length(epoch - initial_epoch + 1)
                                   or sequence_length(generator) or steps_per_epoch)
                train_stream.set_limit(train_stream.produced
                                       + steps_per_epoch * (epochs - epoch - 1))
                if steps_per_epoch != callback_list.params.get("steps"):
                    # As Keras 2 did: callbacks (the progress bar among them) learn the
                    # new epoch's length before it begins.
                    callback_list.set_params({**callback_list.params,
                                              "steps": steps_per_epoch})
            if model.stop_training or ran_out:
                break
        if training_logs is not None and isinstance(model.optimizer, keras.optimizers.Optimizer):
            model.optimizer.finalize_variable_values(model.trainable_weights)
        callback_list.on_train_end(logs=training_logs)
    return history


def evaluate_generator(
    model: Any,
    generator: Any,
    steps: Any = None,
    callbacks: Any = None,
    max_queue_size: int = 10,
    workers: int = 1,
    use_multiprocessing: bool = False,
    verbose: Any = 0,
    *,
    stream: Any = _STDOUT,
    **legacy: Any,
) -> float | list[float]:
    """Evaluate a compiled model on batches from a generator or PyDataset (Keras 2 API).

    Returns the loss, or ``[loss, metric, ...]`` when the model has metrics. ``steps``
    defaults to ``len()`` of a PyDataset and is required for a generator; a float is
    rounded up. The other arguments mean what they mean in :func:`fit_generator`.
    """
    legacy = _legacy_kwargs(legacy, "evaluate_generator")
    _check_compiled(model, "evaluate_generator")
    verbose = _resolve_verbose(verbose)
    max_queue_size = legacy.get("max_q_size", max_queue_size)
    use_multiprocessing = legacy.get("pickle_safe", use_multiprocessing)
    workers = legacy.get("nb_worker", workers)
    if "val_samples" in legacy:
        steps, generator = _steps_from_samples(legacy["val_samples"], generator, model)
    steps = _resolve_steps(steps, generator, "steps", "evaluation")
    contract = BatchContract(model, role="evaluation")
    callback_list, _ = _make_callbacks(
        callbacks, model, verbose, _resolve_stream(stream), 1, steps
    )
    with open_stream(
        generator, workers=_check_count(workers, "workers", 0),
        use_multiprocessing=use_multiprocessing,
        max_queue_size=_check_count(max_queue_size, "max_queue_size", 1),
        limit=steps, role="evaluation",
    ) as batches, _running_metrics(model) as reset:
        logs, _ = _evaluate_stream(model, batches, steps, contract, callback_list, reset)
    return _in_keras_order(model, logs)


def _in_keras_order(model: Any, logs: dict) -> float | list[float]:
    """Logs as Keras's ``evaluate`` returns them: the loss first, then the metrics in the
    order they were compiled; a scalar when there is only the loss."""
    names: list[str] = []
    for metric in model.metrics:
        inner = getattr(metric, "metrics", None) if metric.name == "compile_metrics" else None
        names += [m.name for m in inner] if inner else [metric.name]
    values = [logs[name] for name in names if name in logs]
    values += [logs[key] for key in sorted(logs) if key not in names]
    return values[0] if len(values) == 1 else values


def _concatenate(parts: list) -> Any:
    first = parts[0]
    if isinstance(first, dict):
        return {key: np.concatenate([p[key] for p in parts]) for key in first}
    if isinstance(first, list | tuple):
        return [np.concatenate([p[i] for p in parts]) for i in range(len(first))]
    return np.concatenate(parts)


def predict_generator(
    model: Any,
    generator: Any,
    steps: Any = None,
    callbacks: Any = None,
    max_queue_size: int = 10,
    workers: int = 1,
    use_multiprocessing: bool = False,
    verbose: Any = 0,
    *,
    stream: Any = _STDOUT,
    **legacy: Any,
) -> Any:
    """Predict on batches from a generator or PyDataset (Keras 2 API).

    Each batch is the inputs alone, or ``(inputs, targets[, weights])`` whose targets are
    ignored. Returns the predictions of all batches concatenated (a list or dict of arrays
    for a multi-output model).
    """
    legacy = _legacy_kwargs(legacy, "predict_generator")
    verbose = _resolve_verbose(verbose)
    max_queue_size = legacy.get("max_q_size", max_queue_size)
    use_multiprocessing = legacy.get("pickle_safe", use_multiprocessing)
    workers = legacy.get("nb_worker", workers)
    contract = BatchContract(model, role="prediction")
    if "val_samples" in legacy:
        first, generator = _peek_first(generator)
        x = contract.inputs_of(first)
        size = len(next(iter(x.values())) if isinstance(x, dict) else x)
        steps = math.ceil(legacy["val_samples"] / size)
    steps = _resolve_steps(steps, generator, "steps", "prediction")
    callback_list, _ = _make_callbacks(
        callbacks, model, verbose, _resolve_stream(stream), 1, steps
    )
    outputs = []
    with open_stream(
        generator, workers=_check_count(workers, "workers", 0),
        use_multiprocessing=use_multiprocessing,
        max_queue_size=_check_count(max_queue_size, "max_queue_size", 1),
        limit=steps, role="prediction",
    ) as batches:
        callback_list.on_predict_begin()
        for step in range(steps):
            try:
                batch = batches.next()
            except StreamExhausted:
                warnings.warn(
                    f"The prediction data ran out after {step} of {steps} batches.",
                    DataExhaustedWarning,
                    stacklevel=2,
                )
                break
            callback_list.on_predict_batch_begin(step)
            predicted = model.predict_on_batch(contract.inputs_of(batch))
            outputs.append(predicted)
            callback_list.on_predict_batch_end(step, {"outputs": predicted})
        callback_list.on_predict_end()
    if not outputs:
        raise ValueError("predict_generator got no batches to predict on.")
    return _concatenate(outputs)
