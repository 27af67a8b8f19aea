"""``fit_generator``, ``evaluate_generator`` and ``predict_generator`` with Keras 2's meaning.

Keras 3 removed these methods, and its ``fit`` gives generators a different meaning (see
``docs/keras3-facts.md`` in the shared notes): it peeks and replays two batches, ignores
``workers``, refuses ``class_weight`` for generators and float step counts, goes on after a
generator runs dry, and validates in full after a stop. The loop here keeps the documented
Keras 2 behaviour on the public Keras 3 API (``train_on_batch``, ``test_on_batch``,
``predict_on_batch``, ``keras.callbacks``), so it runs on every Keras backend.

This module is the public face: each function reads its arguments
(:mod:`.fit_arguments`), and ``fit_generator`` hands them to the loop (:mod:`.fit_loop`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import keras
import numpy as np

from fitgen_gui.data.batch_streams import DataFailure, StreamExhausted, open_stream
from fitgen_gui.training.batch_contract import BatchContract
from fitgen_gui.training.fit_arguments import (
    STDOUT,
    check_compiled,
    check_count,
    keras1_names,
    loader_options,
    peek_first,
    plan_fit,
    resolve_steps,
    resolve_stream,
    resolve_verbose,
    steps_from_samples,
)
from fitgen_gui.training.fit_context import (
    make_callbacks,
    make_meter,
    output_classes,
    tell_callbacks,
)
from fitgen_gui.training.fit_loop import (
    DataExhaustedWarning,
    FitLoop,
    Validation,
    evaluate_stream,
    running_metrics,
    steps_of,
)

__all__ = ["DataExhaustedWarning", "evaluate_generator", "fit_generator", "output_classes",
           "predict_generator"]

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
    stream: Any = STDOUT,
    initial_step: int = 0,
    input_meter: Any = None,
    strict_shapes: bool = False,
    on_data_failure: Callable[[DataFailure], None] | None = None,
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
        ``self.input_meter`` (a :class:`~fitgen_gui.training.fit_context.FitCallback` is
        given it through ``set_fit_context``, any other callback as that attribute), and
        the progress output prints each epoch's input-bound share. None makes one; an
        :class:`InputMeter` is used as given (to name the classes in its warnings); False
        turns it off.
    strict_shapes
        FitGen's own: every batch must have the first batch's shape in every dimension but
        the number of samples, even where the model accepts other sizes (by default, the
        dimensions the model leaves free, ``None`` in its input shape, may change).
    on_data_failure
        FitGen's own: told which batch (a :class:`~fitgen_gui.data.batch_streams.DataFailure`)
        the training or validation data raised an error for, before that error reaches the
        caller (with a note naming the batch).
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
    legacy = keras1_names(legacy, "fit_generator")
    plan = plan_fit(model, generator, steps_per_epoch=steps_per_epoch, epochs=epochs,
                    verbose=verbose, max_queue_size=max_queue_size, workers=workers,
                    use_multiprocessing=use_multiprocessing, shuffle=shuffle,
                    initial_epoch=initial_epoch, initial_step=initial_step, stream=stream,
                    legacy=legacy)
    contract = BatchContract(model, class_weight=class_weight, strict_shapes=strict_shapes)
    validation = Validation.of(validation_data, validation_steps, validation_freq, model, plan,
                               legacy)
    meter = make_meter(input_meter, model)
    callback_list, history = make_callbacks(callbacks, model, plan.verbose, plan.stream,
                                            plan.epochs, plan.steps_per_epoch, meter)
    plan.check_initial_step()
    runner = steps_of(model)
    tell_callbacks(list(callbacks or []), meter, runner)
    loop = FitLoop(model, plan, contract, validation, meter, callback_list, runner,
                   on_data_failure)
    with open_stream(plan.generator, shuffle=plan.shuffle, limit=plan.needed,
                     start=plan.initial_step, on_failure=on_data_failure,
                     **plan.stream_options) as train_stream:
        loop.run(train_stream)
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
    stream: Any = STDOUT,
    **legacy: Any,
) -> float | list[float]:
    """Evaluate a compiled model on batches from a generator or PyDataset (Keras 2 API).

    Returns the loss, or ``[loss, metric, ...]`` when the model has metrics. ``steps``
    defaults to ``len()`` of a PyDataset and is required for a generator; a float is
    rounded up. The other arguments mean what they mean in :func:`fit_generator`.
    """
    legacy = keras1_names(legacy, "evaluate_generator")
    check_compiled(model, "evaluate_generator")
    verbose = resolve_verbose(verbose)
    workers, max_queue_size, use_multiprocessing = loader_options(
        legacy, workers, max_queue_size, use_multiprocessing)
    if "val_samples" in legacy:
        steps, generator = steps_from_samples(legacy["val_samples"], generator, model)
    steps = resolve_steps(steps, generator, "steps", "evaluation")
    contract = BatchContract(model, role="evaluation")
    callback_list, _ = make_callbacks(callbacks, model, verbose, resolve_stream(stream), 1, steps)
    with open_stream(
        generator, workers=check_count(workers, "workers", 0),
        use_multiprocessing=use_multiprocessing,
        max_queue_size=check_count(max_queue_size, "max_queue_size", 1),
        limit=steps, role="evaluation",
    ) as batches, running_metrics(model) as reset:
        logs, _ = evaluate_stream(model, batches, steps, contract, callback_list, reset)
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


def _steps_from_inputs(samples: Any, generator: Any, contract: BatchContract) -> tuple[int, Any]:
    """Keras 1's ``val_samples`` of ``predict_generator`` as batches (a batch may be the
    inputs alone)."""
    first, generator = peek_first(generator)
    x = contract.inputs_of(first)
    size = len(next(iter(x.values())) if isinstance(x, dict) else x)
    return math.ceil(samples / size), generator


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
    stream: Any = STDOUT,
    **legacy: Any,
) -> Any:
    """Predict on batches from a generator or PyDataset (Keras 2 API).

    Each batch is the inputs alone, or ``(inputs, targets[, weights])`` whose targets are
    ignored. Returns the predictions of all batches concatenated (a list or dict of arrays
    for a multi-output model).
    """
    legacy = keras1_names(legacy, "predict_generator")
    verbose = resolve_verbose(verbose)
    workers, max_queue_size, use_multiprocessing = loader_options(
        legacy, workers, max_queue_size, use_multiprocessing)
    contract = BatchContract(model, role="prediction")
    if "val_samples" in legacy:
        steps, generator = _steps_from_inputs(legacy["val_samples"], generator, contract)
    steps = resolve_steps(steps, generator, "steps", "prediction")
    callback_list, _ = make_callbacks(callbacks, model, verbose, resolve_stream(stream), 1, steps)
    with open_stream(
        generator, workers=check_count(workers, "workers", 0),
        use_multiprocessing=use_multiprocessing,
        max_queue_size=check_count(max_queue_size, "max_queue_size", 1),
        limit=steps, role="prediction",
    ) as batches:
        outputs = _predict_stream(model, batches, steps, contract, callback_list)
    if not outputs:
        raise ValueError("predict_generator got no batches to predict on.")
    return _concatenate(outputs)


def _predict_stream(model: Any, batches: Any, steps: int, contract: BatchContract,
                    callback_list: keras.callbacks.CallbackList) -> list:
    """The predictions of up to ``steps`` batches, one array (or list, dict) each."""
    outputs = []
    callback_list.on_predict_begin()
    for step in range(steps):
        try:
            batch = batches.next()
        except StreamExhausted:
            warnings.warn(
                f"The prediction data ran out after {step} of {steps} batches.",
                DataExhaustedWarning,
                stacklevel=3,  # _predict_stream, predict_generator, its caller
            )
            break
        callback_list.on_predict_batch_begin(step)
        predicted = model.predict_on_batch(contract.inputs_of(batch))
        outputs.append(predicted)
        callback_list.on_predict_batch_end(step, {"outputs": predicted})
    callback_list.on_predict_end()
    return outputs
