"""Trace Keras's training (or test) step once for every batch size.

Keras 3 (TensorFlow backend) traces its step for the first batch's exact shapes; the first
batch of another size (the last, partial batch of an epoch; validation's) traces it again
with the batch dimension relaxed: measured on MobileNetV3 Small at 224 px on 2 cores, a
4.6 s stall late in the first epoch. Tracing with the batch dimension unknown before the
first batch makes one trace serve every size (bench/first_epoch.py).

This reaches into Keras's ``train_function`` for the ``tf.function`` it wraps; when that
structure is not there (another Keras, another backend, eager mode), nothing is done and
Keras traces as usual. TensorFlow-specific (hence the name).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

__all__ = ["trace_for_any_batch_size"]


def _step_function(function: Any) -> Any | None:
    """The ``tf.function`` of one step inside Keras's ``train_function``/``test_function``."""
    code, closure = getattr(function, "__code__", None), getattr(function, "__closure__", None)
    if code is None or not closure:
        return None
    cells = dict(zip(code.co_freevars, (c.cell_contents for c in closure), strict=True))
    step = getattr(cells.get("one_step_on_data"), "__wrapped__", None)
    return step if hasattr(step, "get_concrete_function") else None


def trace_for_any_batch_size(model: Any, batch: tuple, training: bool = True) -> bool:
    """Trace ``model``'s train (``training``) or test step for ``batch``'s structure, shapes
    and dtypes with any batch size; True when done (False: Keras traces as usual)."""
    if keras.backend.backend() != "tensorflow" or getattr(model, "run_eagerly", False):
        return False
    import tensorflow as tf

    try:
        build = getattr(model, "_maybe_symbolic_build", None)
        if build is not None:
            build(data_batch=batch)  # what train_on_batch does first
        if training:
            model.make_train_function()
            step = _step_function(model.train_function)
        else:
            model.make_test_function()
            step = _step_function(model.test_function)
        if step is None:
            return False

        def relaxed(array: Any) -> Any:
            if array is None:
                return None
            array = np.asarray(array)
            return tf.TensorSpec((None, *array.shape[1:]), tf.as_dtype(array.dtype))

        step.get_concrete_function(tf.nest.map_structure(relaxed, tuple(batch)))
    except Exception:  # noqa: BLE001 - the real first step traces (and reports) instead
        return False
    return True
