"""What ``fit_generator`` tells the callbacks that ask for it, beyond Keras's ``params``.

Keras hands a callback the model (``set_model``) and the loop's parameters (``set_params``).
FitGen's loop measures more: the input meter (the seconds each batch was waited for and
trained, the classes in it) and, under a distribution strategy, the values of the metric
variables after each step, read inside the step (read again afterwards, each would be a
round trip between the workers). A callback that needs them subclasses
:class:`FitCallback`: ``fit_generator`` calls its ``set_fit_context`` once per call, before
``on_train_begin``, as Keras calls ``set_model``.

Callbacks written for earlier FitGen versions, plain Keras callbacks that read
``self.input_meter``, still find the meter there: ``fit_generator`` sets that attribute on
each callback it is given that is not a :class:`FitCallback` (the promise its docstring and
the README made).

The callback list of a call is made here too: the user's callbacks, a ``History``, the
progress output (given the meter it prints) and the meter itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import keras

from fitgen_gui.training.input_meter import InputMeter
from fitgen_gui.training.progress_logger import ProgressLogger

if TYPE_CHECKING:
    import numpy as np

__all__ = ["FitCallback", "FitContext", "MetricValues", "make_callbacks", "make_meter",
           "output_classes", "tell_callbacks"]

# Each metric variable's value (by its path) after the last step, or None when the step
# did not read them (no distribution strategy, or already taken).
MetricValues = Callable[[], "dict[str, np.ndarray] | None"]


def _no_metric_values() -> dict[str, np.ndarray] | None:
    return None


@dataclass(frozen=True)
class FitContext:
    """What one ``fit_generator`` call measures, for the callbacks that use it.

    Attributes
    ----------
    input_meter
        The call's :class:`~fitgen_gui.training.input_meter.InputMeter`, or None when it is
        off (``input_meter=False``).
    take_metric_values
        Returns the metric variables' values read by the last training or test step, once
        (a second call returns None until the next step); always None without a
        distribution strategy, where reading the variables costs nothing.
    """

    input_meter: InputMeter | None = None
    take_metric_values: MetricValues = _no_metric_values


class FitCallback(keras.callbacks.Callback):
    """A Keras callback that reads what FitGen's loop measures (:class:`FitContext`).

    Outside ``fit_generator`` (Keras's own ``fit``, or hooks called directly in a test)
    the context is empty: no meter, no metric values.
    """

    def __init__(self) -> None:
        super().__init__()
        self.fit_context = FitContext()

    def set_fit_context(self, context: FitContext) -> None:
        """Called by ``fit_generator`` before ``on_train_begin``."""
        self.fit_context = context

    @property
    def input_meter(self) -> InputMeter | None:
        """The input meter of the current ``fit_generator`` call (None when it is off)."""
        return self.fit_context.input_meter


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


def make_meter(setting: Any, model: Any) -> InputMeter | None:
    """The input meter of ``fit_generator(input_meter=setting)``."""
    if setting is False:
        return None
    if isinstance(setting, InputMeter):
        if setting.num_classes is None:
            setting.num_classes = output_classes(model)
        return setting
    if setting is None or setting is True:
        return InputMeter(output_classes(model))
    raise TypeError(f"input_meter must be an InputMeter, True, False or None; got {setting!r}.")


def make_callbacks(
    callbacks: Any, model: Any, verbose: int, stream: Any, epochs: int, steps: int,
    meter: InputMeter | None = None,
) -> tuple[keras.callbacks.CallbackList, keras.callbacks.History]:
    """The user's callbacks, a ``History`` unless they gave one, and the progress output
    first when ``verbose``."""
    user = list(callbacks or [])
    history = next((c for c in user if isinstance(c, keras.callbacks.History)), None)
    ordered = user
    if history is None:
        history = keras.callbacks.History()
        ordered = [*user, history]
    if verbose:
        ordered = [ProgressLogger(stream, verbose, meter), *ordered]
    callback_list = keras.callbacks.CallbackList(
        ordered, add_history=False, add_progbar=False, model=model,
        verbose=verbose, epochs=epochs, steps=steps,
    )
    return callback_list, history


def tell_callbacks(callbacks: list, meter: InputMeter | None, runner: Any) -> None:
    """Give each callback the call's :class:`FitContext`: through ``set_fit_context`` to a
    :class:`FitCallback`, as the ``input_meter`` attribute to any other (the promise that
    callbacks written for earlier versions read)."""
    take = getattr(runner, "take_metric_values", None)  # only steps under a strategy read them
    context = FitContext(meter) if take is None else FitContext(meter, take)
    for callback in callbacks:
        if isinstance(callback, FitCallback):
            callback.set_fit_context(context)
        else:
            callback.input_meter = meter
