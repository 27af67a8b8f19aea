"""What fit_generator tells callbacks and listeners explicitly: the input meter given to a
FitCallback, and the batch a data source failed on, on real tiny trainings."""

import keras
import numpy as np
import pytest

from fitgen_gui.training.fit_context import FitCallback
from fitgen_gui.training.generator_training import fit_generator
from fitgen_gui.training.input_meter import InputMeter
from tests.training.conftest import IdDataset, batch_with_id, dense_classifier


class MeterReader(FitCallback):
    def __init__(self):
        super().__init__()
        self.meters = []
        self.waits = []

    def on_train_begin(self, logs=None):
        self.meters.append(self.input_meter)

    def on_train_batch_end(self, batch, logs=None):
        if self.input_meter is not None:
            self.waits.append(self.input_meter.batch(-1)[0])


def test_a_fit_callback_reads_the_meter_of_each_call_through_its_context():
    meter = InputMeter(class_names=["a", "b", "c"])
    reader = MeterReader()
    fit_generator(dense_classifier(), IdDataset(3), epochs=2, verbose=0, callbacks=[reader],
                  input_meter=meter)
    assert reader.meters == [meter]
    assert len(reader.waits) == 6 and all(w >= 0 for w in reader.waits)
    assert "input_meter" not in vars(reader)  # given, not set as an attribute

    fit_generator(dense_classifier(), IdDataset(3), verbose=0, callbacks=[reader],
                  input_meter=False)
    assert reader.meters[-1] is None


def test_a_fit_callback_outside_fit_generator_has_an_empty_context():
    reader = MeterReader()
    model = dense_classifier()
    x, y = batch_with_id(0)
    model.fit(x, y, epochs=1, verbose=0, callbacks=[reader])
    assert reader.meters == [None]
    assert reader.fit_context.take_metric_values() is None


def failing_generator(fail_at):
    for i in range(100):
        if i == fail_at:
            raise OSError(f"cannot read image {i}.jpg")
        yield batch_with_id(i)


class FailingDataset(IdDataset):
    def __getitem__(self, index):
        if index == 1:
            raise ValueError("broken batch")
        return super().__getitem__(index)


@pytest.mark.parametrize("workers", [0, 2])
def test_the_listener_hears_which_training_batch_the_generator_failed_on(workers):
    heard = []
    with pytest.raises(OSError, match=r"3\.jpg") as raised:
        fit_generator(dense_classifier(), failing_generator(3), steps_per_epoch=5, verbose=0,
                      workers=workers, on_data_failure=heard.append)
    assert len(heard) == 1
    failure = heard[0]
    assert (failure.role, failure.batch, failure.source) == ("training", 3, "generator")
    assert failure.error is raised.value  # the caller still gets the data's own error
    assert "batch 3" in "\n".join(raised.value.__notes__)


def test_the_listener_hears_which_validation_batch_a_dataset_failed_on():
    heard = []
    with pytest.raises(ValueError, match="broken batch") as raised:
        fit_generator(dense_classifier(), IdDataset(2), verbose=0, workers=0,
                      validation_data=FailingDataset(3), on_data_failure=heard.append)
    assert [(f.role, f.batch, f.source) for f in heard] == [("validation", 1, "__getitem__")]
    assert heard[0].error is raised.value


def test_training_on_good_data_tells_the_listener_nothing():
    heard = []
    history = fit_generator(dense_classifier(), IdDataset(3), epochs=2, verbose=0,
                            validation_data=IdDataset(2), on_data_failure=heard.append)
    assert heard == [] and np.isfinite(history.history["val_loss"]).all()
    assert isinstance(history, keras.callbacks.History)
