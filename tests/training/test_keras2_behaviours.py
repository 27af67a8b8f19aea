"""Keras 2 behaviours that its own tests and tutorials rely on, each as Keras 2 had it."""

import io
import re

import keras
import numpy as np
import pytest

from fitgen_gui.training.generator_training import (
    evaluate_generator,
    fit_generator,
    predict_generator,
)
from tests.training.conftest import (
    CountingGenerator,
    IdDataset,
    batch_with_id,
    dense_classifier,
    recording_model,
)


class ShrinkingSequence(IdDataset):
    """Keras 2's dynamic-size test: len() changes in on_epoch_end (7, 4, 3, 3, 2)."""

    def __init__(self):
        super().__init__(n=7)
        self.lengths = [4, 3, 3, 2]

    def on_epoch_end(self):
        super().on_epoch_end()
        if self.lengths:
            self.n = self.lengths.pop(0)


@pytest.mark.parametrize("workers", [0, 2])
def test_a_sequence_that_changes_its_length_is_read_again_each_epoch(workers):
    model = recording_model()
    sequence = ShrinkingSequence()
    history = fit_generator(model, sequence, epochs=5, verbose=0, workers=workers,
                            shuffle=False)
    assert len(history.history["loss"]) == 5
    assert model.trained_ids == [*range(7), *range(4), *range(3), *range(3), *range(2)]


class StepsSeen(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.steps = []

    def on_epoch_begin(self, epoch, logs=None):
        self.steps.append(self.params["steps"])


def test_callbacks_and_the_progress_bar_learn_each_epochs_new_length():
    seen = StepsSeen()
    out = io.StringIO()
    fit_generator(recording_model(), ShrinkingSequence(), epochs=5, verbose=1, workers=0,
                  shuffle=False, callbacks=[seen], stream=out)
    assert seen.steps == [7, 4, 3, 3, 2]
    bars = re.findall(r"^(\d+)/(\d+) ", out.getvalue(), flags=re.MULTILINE)
    assert bars == [("7", "7"), ("4", "4"), ("3", "3"), ("3", "3"), ("2", "2")]


def test_keras_1_nb_worker_is_workers():
    source = CountingGenerator()
    with pytest.warns(DeprecationWarning, match="`nb_worker` is the Keras 1 name of `workers`"):
        fit_generator(dense_classifier(), iter(source), steps_per_epoch=3, verbose=0,
                      nb_worker=2)
    assert len(source.threads) >= 1 and all(
        name.startswith("fitgen-training-gen") for name in source.threads)
    with pytest.warns(DeprecationWarning, match="nb_worker"):
        evaluate_generator(dense_classifier(), iter(CountingGenerator()), steps=2, nb_worker=0)
    with pytest.warns(DeprecationWarning, match="nb_worker"):
        predict_generator(dense_classifier(), iter(CountingGenerator()), steps=2, nb_worker=1)


def two_outputs(seed=0):
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((4,), name="x")
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    model = keras.Model(inputs, [keras.layers.Dense(2, activation="softmax", name="out_1")(hidden),
                                 keras.layers.Dense(2, activation="softmax", name="out_2")(hidden)])
    model.compile("sgd", {"out_1": "sparse_categorical_crossentropy",
                          "out_2": "sparse_categorical_crossentropy"})
    return model


def labelled(weights=None):
    rng = np.random.default_rng(0)
    while True:
        x = rng.random((8, 4)).astype("float32")
        y = {"out_1": rng.integers(0, 2, 8), "out_2": rng.integers(0, 2, 8)}
        if weights is None:
            yield x, y
        else:
            yield x, y, [np.where(y["out_1"] == 1, *weights["out_1"]).astype("float32"),
                         np.where(y["out_2"] == 1, *weights["out_2"]).astype("float32")]


def test_per_output_class_weights_weigh_each_output_by_its_own_classes():
    by_class = fit_generator(two_outputs(), labelled(), steps_per_epoch=4, epochs=2, verbose=0,
                             class_weight={"out_1": {0: 1.0, 1: 2.0},
                                           "out_2": {0: 1.0, 1: 3.0}})
    # The same as giving each output's sample weights by hand (weight of class 1, class 0).
    by_hand = fit_generator(two_outputs(), labelled({"out_1": (2.0, 1.0),
                                                     "out_2": (3.0, 1.0)}),
                            steps_per_epoch=4, epochs=2, verbose=0)
    unweighted = fit_generator(two_outputs(), labelled(), steps_per_epoch=4, epochs=2,
                               verbose=0)
    for key in ("loss", "out_1_loss", "out_2_loss"):
        np.testing.assert_allclose(by_class.history[key], by_hand.history[key], rtol=1e-6)
    assert by_class.history["loss"] != unweighted.history["loss"]


def test_per_output_class_weights_must_name_the_outputs():
    with pytest.raises(ValueError, match=r"class_weight names output\(s\) \['out_3'\]"):
        fit_generator(two_outputs(), labelled(), steps_per_epoch=1, verbose=0,
                      class_weight={"out_3": {0: 1.0, 1: 2.0}})


def test_one_class_weight_dict_for_a_two_output_model_says_how_to_give_them():
    with pytest.raises(ValueError, match="Give one dict per output"):
        fit_generator(two_outputs(), labelled(), steps_per_epoch=1, verbose=0,
                      class_weight={0: 1.0, 1: 2.0})


def test_batch_with_id_is_unchanged():  # the helpers above rely on it
    x, y = batch_with_id(3)
    assert x[0, 0] == 3 and y.shape == (8,)
