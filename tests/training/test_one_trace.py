"""The training step is traced once for every batch size: the partial last batch of an
epoch (and validation's) does not trace it again (a multi-second stall on real models)."""

import keras
import numpy as np
import pytest

from fitgen_gui.training.generator_training import fit_generator
from fitgen_gui.training.tf_trace import _step_function


def batches(x, y, size):
    while True:
        for start in range(0, len(x), size):
            yield x[start:start + size], y[start:start + size]


def traces(function):
    return _step_function(function).experimental_get_tracing_count()


def make():
    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(keras.optimizers.SGD(0.1), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="TensorFlow's tracing")
def test_a_partial_last_batch_does_not_trace_the_step_again():
    rng = np.random.default_rng(0)
    x = rng.random((21, 5)).astype("float32")  # batches of 8, 8 and 5
    y = rng.integers(0, 3, 21)
    model = make()
    after_first = {}

    class Count(keras.callbacks.Callback):
        # Traces made by the end of the first train (and test) step.
        def on_train_batch_end(self, batch, logs=None):
            after_first.setdefault("train", traces(model.train_function))

        def on_test_batch_end(self, batch, logs=None):
            after_first.setdefault("test", traces(model.test_function))

    history = fit_generator(model, batches(x, y, 8), steps_per_epoch=3, epochs=2, verbose=0,
                            validation_data=batches(x, y, 8), validation_steps=3, workers=0,
                            class_weight={0: 1.0, 1: 2.0, 2: 1.0}, callbacks=[Count()])
    # The batches of 5 (the third of each epoch, and validation's) traced nothing more.
    assert traces(model.train_function) == after_first["train"]
    assert traces(model.test_function) == after_first["test"]

    # The same numbers as Keras's own step, traced per batch size.
    reference = make()
    weights = {0: 1.0, 1: 2.0, 2: 1.0}
    for _ in range(2):
        reference.reset_metrics()
        for start in range(0, 21, 8):
            xb, yb = x[start:start + 8], y[start:start + 8]
            reference.train_on_batch(xb, yb, sample_weight=np.array(
                [weights[int(c)] for c in yb], "float32"))
    for a, b in zip(model.get_weights(), reference.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-6)
    assert traces(reference.train_function) > after_first["train"]  # Keras's own: again
    assert np.isfinite(history.history["val_loss"]).all()
