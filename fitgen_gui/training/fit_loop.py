"""The training loop of ``fit_generator``: epochs cut from one stream, as Keras 2 ran them.

:class:`FitLoop` runs one call: for each epoch it trains on ``steps_per_epoch`` batches
(:meth:`FitLoop.train_epoch`), validates when ``validation_freq`` says so
(:meth:`FitLoop.validate`) and ends the epoch (:meth:`FitLoop.end_epoch`: the callbacks'
``on_epoch_end``, the input meter's notes, a Sequence's new length). The pieces Keras 2
gave it and Keras 3's ``*_on_batch`` do not are here too: metrics that run over the whole
epoch (:func:`running_metrics`), validation data opened once and never rewound
(:class:`Validation`).

Warnings are raised from the methods :meth:`FitLoop.run` calls directly, with a
``stacklevel`` that names the line of the program that called ``fit_generator``.
"""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Callable, Collection, Iterator
from typing import Any

import keras

from fitgen_gui.data.batch_streams import (
    ArraySequence,
    BatchStream,
    FailureListener,
    StreamExhausted,
    is_sequence,
    open_stream,
    sequence_length,
)
from fitgen_gui.training.batch_contract import BatchContract
from fitgen_gui.training.fit_arguments import FitPlan, resolve_steps, steps_from_samples
from fitgen_gui.training.input_meter import BatchContentWarning, InputMeter
from fitgen_gui.training.tf_distribute import distributed_steps
from fitgen_gui.training.tf_trace import trace_for_any_batch_size

__all__ = ["DataExhaustedWarning", "FitLoop", "Validation", "evaluate_stream", "running_metrics",
           "steps_of"]

# From a method that FitLoop.run calls to the caller of fit_generator: the method,
# FitLoop.run, fit_generator, its caller.
_CALLER = 4


class DataExhaustedWarning(UserWarning):
    """A generator gave fewer batches than the training needed."""


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
def running_metrics(model: Any) -> Iterator[Callable[[], None]]:
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


def _check_freq(freq: Any) -> None:
    if isinstance(freq, bool) or not (
        (isinstance(freq, int) and freq >= 1)
        or (isinstance(freq, Collection) and all(isinstance(e, int) for e in freq))
    ):
        raise ValueError(
            "validation_freq must be a whole number of at least 1 (validate every N "
            f"epochs) or a list of epoch numbers; got {freq!r}."
        )


class Validation:
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
        _check_freq(freq)
        self.data = data
        self.steps = steps if steps is None else resolve_steps(steps, data, "validation_steps",
                                                               "validation")
        self.freq = freq
        self.contract = BatchContract(model, role="validation")
        self.stream_options = stream_options
        self.stream: BatchStream | None = None
        self.ran_out = False

    @classmethod
    def of(cls, data: Any, steps: Any, freq: Any, model: Any, plan: FitPlan,
           legacy: dict) -> Validation | None:
        """``fit_generator``'s validation arguments (None without validation data)."""
        if data is None:
            return None
        if "nb_val_samples" in legacy:
            steps, data = steps_from_samples(legacy["nb_val_samples"], data, model)
        return cls(data, steps, freq, model, plan.stream_options)

    def due(self, epoch: int) -> bool:
        """Whether to validate after ``epoch`` (0-based), as Keras's ``validation_freq``."""
        if isinstance(self.freq, int):
            return (epoch + 1) % self.freq == 0
        return epoch + 1 in self.freq

    def open(self, batch_size: int, rounds: int, stack: contextlib.ExitStack,
             on_failure: FailureListener | None = None) -> BatchStream:
        """The validation stream, opened for ``rounds`` validations at the first call."""
        if self.stream is None:
            data = self.data
            if self.is_arrays:
                data = ArraySequence(tuple(data), batch_size)
            if self.steps is None:
                self.steps = sequence_length(data)
            self.stream = stack.enter_context(
                open_stream(data, shuffle=False, limit=self.steps * rounds,
                            role="validation", on_failure=on_failure, **self.stream_options)
            )
        return self.stream


def steps_of(model: Any) -> Any:
    """What runs a batch: the model, or, under a distribution strategy with several
    replicas, steps that give each replica its share of the batch."""
    return distributed_steps(model) or model


def evaluate_stream(
    model: Any,
    stream: BatchStream,
    steps: int,
    contract: BatchContract,
    callbacks: keras.callbacks.CallbackList,
    reset: Callable[[], None],
    meter: InputMeter | None = None,
    runner: Any = None,
) -> tuple[dict, int]:
    """Run up to ``steps`` test batches; return the logs and the batches evaluated.

    ``runner`` runs each batch (:func:`steps_of` the model by default).
    """
    runner = runner if runner is not None else steps_of(model)
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
        if runner is model and getattr(model, "test_function", None) is None:
            trace_for_any_batch_size(model, (x, y, w), training=False)
        if meter is not None:
            meter.record_validation(y)
        callbacks.on_test_batch_begin(done)
        logs = _floats(runner.test_on_batch(x, y, sample_weight=w, return_dict=True))
        callbacks.on_test_batch_end(done, logs)
        done += 1
        model.stop_evaluating = getattr(runner, "agree", bool)(
            getattr(model, "stop_evaluating", False))
        if model.stop_evaluating:
            break
    callbacks.on_test_end(logs)
    return logs, done


class FitLoop:
    """One ``fit_generator`` call: its epochs, each trained, validated and ended.

    Parameters
    ----------
    model
        The compiled model.
    plan
        The checked arguments (:func:`~fitgen_gui.training.fit_arguments.plan_fit`).
    contract
        What each training batch must be, and how it is unpacked.
    validation
        The validation data and its schedule, or None.
    meter
        The input meter, or None when it is off.
    callbacks
        The callback list (``params`` already set).
    runner
        What runs each batch (:func:`steps_of` the model).
    on_data_failure
        Told which validation batch the data failed on (the training stream has its own).
    """

    def __init__(self, model: Any, plan: FitPlan, contract: BatchContract,
                 validation: Validation | None, meter: InputMeter | None,
                 callbacks: keras.callbacks.CallbackList, runner: Any,
                 on_data_failure: FailureListener | None = None) -> None:
        self.model = model
        self.plan = plan
        self.contract = contract
        self.validation = validation
        self.meter = meter
        self.callbacks = callbacks
        self.runner = runner
        # On several machines every worker stops after the same batch, or none does; on
        # one, a flag is its own answer.
        self.agree = getattr(runner, "agree", bool)
        self.on_data_failure = on_data_failure
        self.steps = plan.steps_per_epoch
        self.batch_size: int | None = None
        self._reset: Callable[[], None] = _no_reset
        self._stack: contextlib.ExitStack | None = None
        self._train: BatchStream | None = None

    # -- the whole call ----------------------------------------------------------------

    def run(self, train_stream: BatchStream) -> None:
        """Train from ``plan.initial_epoch`` to ``plan.epochs`` on ``train_stream``."""
        model, plan = self.model, self.plan
        with contextlib.ExitStack() as stack:
            self._stack, self._train = stack, train_stream
            self._reset = stack.enter_context(running_metrics(model))
            self._build_optimizer()
            model.stop_training = False
            self.callbacks.on_train_begin()
            training_logs = None
            for epoch in range(plan.initial_epoch, plan.epochs):
                logs, done, ran_out = self.train_epoch(epoch)
                if ran_out and done == 0:
                    break
                epoch_logs = self.validate(epoch, logs, done)
                self.end_epoch(epoch, epoch_logs)
                training_logs = epoch_logs
                if model.stop_training or ran_out:
                    break
            if training_logs is not None and isinstance(model.optimizer,
                                                        keras.optimizers.Optimizer):
                model.optimizer.finalize_variable_values(model.trainable_weights)
            self.callbacks.on_train_end(logs=training_logs)

    def _build_optimizer(self) -> None:
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is not None and not optimizer.built and self.model.built:
            # Made inside the first step, the optimizer's variables cost TensorFlow a second
            # trace of the step (measured: the first batch of MobileNetV3 Small 8.6 s ->
            # 6.8 s on 2 cores, bench/first_epoch.py).
            optimizer.build(self.model.trainable_variables)

    # -- one epoch ---------------------------------------------------------------------

    def train_epoch(self, epoch: int) -> tuple[dict, int, bool]:
        """Train on the epoch's batches; return the last logs, the batches trained (from
        0, or from ``initial_step`` in the first epoch) and whether the data ran out."""
        self._reset()
        if self.meter is not None:
            self.meter.start_epoch(epoch)
        self.callbacks.on_epoch_begin(epoch)
        logs: dict = {}
        done = self.plan.initial_step if epoch == self.plan.initial_epoch else 0
        while done < self.steps:
            asked = time.perf_counter()
            try:
                batch = self._train.next()
            except StreamExhausted:
                self._warn_ran_out()
                return logs, done, True
            waited = time.perf_counter() - asked
            x, y, w = self._unpack(batch, done, epoch)
            if self.meter is not None and not self.meter.inspected:
                for message in self.meter.inspect_first(x):
                    warnings.warn(message, BatchContentWarning, stacklevel=_CALLER)
            logs = self._train_batch(done, x, y, w, waited)
            done += 1
            self.model.stop_training = self.agree(self.model.stop_training)
            if self.model.stop_training:
                break
        return logs, done, False

    def _unpack(self, batch: Any, done: int, epoch: int) -> tuple[Any, Any, Any]:
        self.contract.check_same(batch, done + 1, epoch + 1)
        if self.batch_size is None:
            self.batch_size = self.contract.batch_size(batch)
        x, y, w = self.contract.unpack(batch)
        if self.runner is self.model and getattr(self.model, "train_function", None) is None:
            # One trace for every batch size: the partial last batch would trace the step
            # again, seconds late in the first epoch.
            trace_for_any_batch_size(self.model, (x, y, w), training=True)
        return x, y, w

    def _train_batch(self, index: int, x: Any, y: Any, w: Any, waited: float) -> dict:
        self.callbacks.on_train_batch_begin(index)
        started = time.perf_counter()
        logs = _floats(self.runner.train_on_batch(x, y, sample_weight=w, return_dict=True))
        if self.meter is not None:
            self.meter.record(waited, time.perf_counter() - started, y)
        self.callbacks.on_train_batch_end(index, logs)
        return logs

    def _warn_ran_out(self) -> None:
        # Called from train_epoch: one frame deeper than the methods run() calls.
        warnings.warn(
            "Your input ran out of data; interrupting training. Make sure that your "
            "generator can generate at least steps_per_epoch * epochs batches (in this "
            f"case, {self.plan.needed} batches); it gave {self._train.produced}.",
            DataExhaustedWarning,
            stacklevel=_CALLER + 1,
        )

    def validate(self, epoch: int, logs: dict, done: int) -> dict:
        """The epoch's logs, with the ``val_`` metrics when validation is due (never after
        a stop in mid-epoch)."""
        epoch_logs = dict(logs)
        validation = self.validation
        stopped_mid_epoch = self.model.stop_training and done < self.steps
        if validation is None or stopped_mid_epoch or not validation.due(epoch):
            return epoch_logs
        rounds = sum(validation.due(e) for e in range(epoch, self.plan.epochs))
        stream = validation.open(self.batch_size or 32, rounds, self._stack,
                                 self.on_data_failure)
        val_logs, val_done = evaluate_stream(
            self.model, stream, validation.steps, validation.contract, self.callbacks,
            self._reset, self.meter, self.runner,
        )
        if val_done < validation.steps and not self.model.stop_evaluating:
            if not validation.ran_out:
                warnings.warn(
                    f"The validation data ran out after {val_done} of "
                    f"{validation.steps} batches; validation metrics use what came.",
                    DataExhaustedWarning,
                    stacklevel=_CALLER,
                )
            validation.ran_out = True
        epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
        return epoch_logs

    def end_epoch(self, epoch: int, epoch_logs: dict) -> None:
        """The callbacks' ``on_epoch_end``, the meter's notes, and a Sequence's new length."""
        problems = self.meter.end_epoch() if self.meter is not None else []
        self.callbacks.on_epoch_end(epoch, epoch_logs)
        self.model.stop_training = self.agree(self.model.stop_training)  # a failed save
        for message in problems:
            warnings.warn(message, BatchContentWarning, stacklevel=_CALLER)
        if self.plan.dynamic_steps:
            self._follow_length(epoch)

    def _follow_length(self, epoch: int) -> None:
        """Steps of the next epoch when the Sequence changed its ``len()``."""
        plan, stream = self.plan, self._train
        # The stream reads ahead: the next pass's length is the one it began with.
        self.steps = (stream.pass_length(epoch - plan.initial_epoch + 1)
                      or sequence_length(plan.generator) or self.steps)
        stream.set_limit(stream.produced + self.steps * (plan.epochs - epoch - 1))
        if self.steps != self.callbacks.params.get("steps"):
            # As Keras 2 did: callbacks (the progress bar among them) learn the new
            # epoch's length before it begins.
            self.callbacks.set_params({**self.callbacks.params, "steps": self.steps})
