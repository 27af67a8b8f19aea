"""The input-bound meter and what each batch holds, on real tiny trainings."""

import time
import warnings

import keras
import numpy as np
import pytest

from fitgen_gui.training.generator_training import fit_generator
from fitgen_gui.training.input_meter import (
    BatchContentWarning,
    InputMeter,
    class_counts,
    input_verdict,
)
from tests.training.conftest import dense_classifier


def labelled_batches(labels_of, sleep=0.0, size=8):
    """An endless generator; ``labels_of(i)`` gives the class indices of batch ``i``."""
    rng = np.random.default_rng(0)
    i = 0
    while True:
        if sleep:
            time.sleep(sleep)
        y = np.asarray(labels_of(i))
        yield rng.random((len(y), 4)).astype("float32"), y
        i += 1


class MeterReader(keras.callbacks.Callback):
    """Keeps what the meter says after each batch and each epoch."""

    def __init__(self):
        super().__init__()
        self.batches, self.epochs = [], []

    def on_train_batch_end(self, batch, logs=None):
        self.batches.append(self.input_meter.batch(-1))

    def on_epoch_end(self, epoch, logs=None):
        self.epochs.append(self.input_meter.last)


def fit(source, steps, epochs=1, workers=1, **kwargs):
    reader = MeterReader()
    fit_generator(dense_classifier(), source, steps_per_epoch=steps, epochs=epochs,
                  verbose=0, workers=workers, callbacks=[reader], **kwargs)
    return reader


def test_a_generator_sleeping_50_ms_is_highly_input_bound():
    mixed = lambda i: np.arange(8) % 3  # noqa: E731
    # A short queue: what the worker reads ahead while the first step compiles is soon used.
    reader = fit(labelled_batches(mixed, sleep=0.05), steps=12, workers=1, max_queue_size=2)
    epoch = reader.epochs[0]
    assert epoch.percent >= 80, epoch.summary()
    assert input_verdict(epoch.percent)[0] == "highly"
    assert "highly input-bound" in epoch.summary()
    assert sum(wait >= 0.03 for wait, _, _ in reader.batches) >= 8


def test_the_same_generator_without_the_sleep_and_with_workers_is_not():
    mixed = lambda i: np.arange(8) % 3  # noqa: E731
    reader = fit(labelled_batches(mixed), steps=30, epochs=2, workers=2)
    for epoch in reader.epochs:
        assert epoch.percent < 20, epoch.summary()


@pytest.mark.filterwarnings(
    "ignore::fitgen_gui.training.input_meter.BatchContentWarning")  # class 1 is absent
def test_the_class_counts_of_each_batch_are_those_of_its_targets():
    # Batch i holds i % 3 samples of class 0, and the rest of class 2.
    def labels(i):
        return [0] * (i % 3) + [2] * (8 - i % 3)

    reader = fit(labelled_batches(labels), steps=6, epochs=2, workers=0)
    assert [counts for _, _, counts in reader.batches] == [
        (i % 3, 0, 8 - i % 3) for i in range(12)]
    assert reader.epochs[1].class_totals() == (6, 0, 42)


@pytest.mark.parametrize(("targets", "classes", "expected"), [
    (np.eye(3)[[0, 2, 2]], 3, (1, 0, 2)),                   # one-hot
    (np.array([[0.9, 0.1], [0.2, 0.8]]), 2, (1, 1)),        # soft labels
    (np.array([1, 1, 0]), 3, (1, 2, 0)),                    # class indices
    (np.array([[1.0], [0.0], [1.0]]), 2, (1, 2)),           # binary
    ({"probabilities": np.array([0, 1])}, 2, (1, 1)),       # a dict for one output
    (np.array([0.3, 2.5]), 2, None),                        # regression values
    (np.array([0, 5]), 3, None),                            # out of range
])
def test_class_counts_read_every_class_mode(targets, classes, expected):
    assert class_counts(targets, classes) == expected


def test_one_class_labels_are_reported_in_words():
    with pytest.warns(BatchContentWarning, match=r"Every training label .* is 'cats'"):
        fit_generator(dense_classifier(), labelled_batches(lambda i: [1] * 8), steps_per_epoch=5,
                      verbose=0, input_meter=InputMeter(class_names=["dogs", "cats", "owls"]))


def test_a_class_absent_from_an_epoch_is_reported():
    with pytest.warns(BatchContentWarning, match="No training batch of epoch 1 held class 2"):
        fit_generator(dense_classifier(), labelled_batches(lambda i: np.arange(8) % 2),
                      steps_per_epoch=6, verbose=0)


def test_data_sorted_by_class_is_reported():
    sorted_labels = lambda i: [min(i // 4, 2)] * 8  # noqa: E731
    with pytest.warns(BatchContentWarning, match=r"batches in a row .* single class"):
        fit_generator(dense_classifier(), labelled_batches(sorted_labels), steps_per_epoch=12,
                      verbose=0)


def test_inputs_in_0_1_are_reported_when_the_model_scales_0_255_itself():
    meter = InputMeter(expects_0_255=True)
    with pytest.warns(BatchContentWarning, match="already scaled to 0-1"):
        fit_generator(dense_classifier(), labelled_batches(lambda i: np.arange(8) % 3),
                      steps_per_epoch=3, verbose=0, input_meter=meter)


def test_correct_data_raises_no_warning():
    def pixels():
        rng = np.random.default_rng(1)
        while True:
            y = rng.permutation(np.arange(8) % 3)
            yield rng.uniform(0, 255, (8, 4)).astype("float32"), y

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit_generator(dense_classifier(), pixels(), steps_per_epoch=12, epochs=2, verbose=0,
                      input_meter=InputMeter(expects_0_255=True))


def test_each_epoch_prints_its_input_bound_share(capsys):
    for verbose in (1, 2):
        fit_generator(dense_classifier(), labelled_batches(lambda i: np.arange(8) % 3),
                      steps_per_epoch=3, epochs=2, verbose=verbose)
        lines = [line for line in capsys.readouterr().out.splitlines()
                 if line.startswith("Input: waited for data")]
        assert len(lines) == 2
        assert "input-bound" in lines[0]


def test_the_meter_can_be_turned_off(capsys):
    seen = []
    fit_generator(dense_classifier(), labelled_batches(lambda i: np.arange(8) % 3),
                  steps_per_epoch=2, verbose=2, input_meter=False,
                  callbacks=[keras.callbacks.LambdaCallback(
                      on_train_begin=lambda logs: seen.append(True))])
    assert seen == [True]
    assert "Input:" not in capsys.readouterr().out


def test_a_batch_whose_shape_changes_stops_training_and_is_named():
    def drifting():
        rng = np.random.default_rng(0)
        i = 0
        while True:
            i += 1
            features = 5 if i == 7 else 4  # batch 7 (counted from 1) is wrong
            yield rng.random((8, features)).astype("float32"), np.arange(8) % 3

    model = dense_classifier()
    with pytest.raises(ValueError, match=r"batch 2 of epoch 2 differs from the first batch: "
                                         r"its inputs have shape \(n, 5\) where the first "
                                         r"batch's had \(n, 4\)"):
        fit_generator(model, drifting(), steps_per_epoch=5, epochs=3, verbose=0)


def test_a_batch_whose_targets_change_kind_is_named():
    def drifting():
        for i in range(1, 100):
            y = np.arange(8) % 3
            yield np.ones((8, 4), "float32"), (y.astype("float32") + 0.5 if i == 3 else y)

    with pytest.raises(ValueError, match=r"batch 3 of epoch 1 differs .* floating-point values"):
        fit_generator(dense_classifier(), drifting(), steps_per_epoch=5, verbose=0)


def test_an_epoch_that_barely_waited_is_not_input_bound_whatever_its_share():
    # A head on cached features: 8 steps of 1 ms and 4 ms of waiting in all.
    assert input_verdict(30.0)[0] == "highly"
    assert input_verdict(30.0, waited_s=0.004) == ("not", "not input-bound")
    assert input_verdict(30.0, waited_s=0.5)[0] == "highly"
