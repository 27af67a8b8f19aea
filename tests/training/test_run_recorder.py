"""RunRecorder's hooks called directly on a tiny compiled model, as Keras's own callback
tests do: what each hook writes to the run folder and tells the sink."""

import math
import threading

import numpy as np
import pytest

from fitgen_gui.core.events import BatchEnded, EpochEnded, EpochStarted, RunWarning
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.training.run_recorder import RunRecorder
from tests.training.conftest import dense_classifier

STEPS = 3


@pytest.fixture
def recorder(tmp_path):
    """A recorder on a built, compiled model, its events, its stop request and its run."""
    model = dense_classifier()
    model.train_on_batch(np.zeros((2, 4), "float32"), np.zeros(2))  # built, metrics made
    run = RunDir.create(tmp_path / "runs", "hooks")
    events, stop = [], threading.Event()

    def make(**options):
        callback = RunRecorder(run, events.append, stop, batch_size=8,
                               batch_interval=3600.0, **options)
        callback.set_model(model)
        callback.set_params({"epochs": 1, "steps": STEPS, "verbose": 0})
        callback.on_train_begin()
        return callback

    return make, events, stop, run, model


def _batches(callback, losses, first=0, key="loss"):
    for batch, loss in enumerate(losses, start=first):
        callback.on_train_batch_begin(batch)
        callback.on_train_batch_end(batch, {key: loss})


def test_batches_are_grouped_into_one_event_with_each_batchs_own_loss(recorder):
    make, events, _, _, _ = recorder
    callback = make()
    callback.on_epoch_begin(0)
    # Keras reports running means (of a metric the model does not track itself): 1.0,
    # then (1.0 + 0.5) / 2, then (1.0 + 0.5 + 0.0) / 3.
    _batches(callback, [1.0, 0.75, 0.5], key="score")
    batches = [e for e in events if isinstance(e, BatchEnded)]
    assert isinstance(events[0], EpochStarted)
    assert len(batches) == 1  # the interval is long: one event at the epoch's last batch
    assert batches[0].first_batch == 0 and batches[0].steps_per_epoch == STEPS
    assert np.allclose(batches[0].metrics["score"], (1.0, 0.5, 0.0))
    assert batches[0].running["score"] == 0.5


def test_a_full_epoch_writes_its_checkpoint_then_its_history_row_then_tells(recorder):
    make, events, _, run, _ = recorder
    callback = make()
    callback.on_epoch_begin(0)
    _batches(callback, [1.0, 0.8, 0.6])
    callback.on_epoch_end(0, {"loss": 0.6, "accuracy": 0.5})
    (ended,) = [e for e in events if isinstance(e, EpochEnded)]
    assert ended.checkpoint == str(run.checkpoint_path(1))
    assert run.checkpoint(1) is not None and not run.checkpoint(1).partial
    assert [row["epoch"] for row in run.read_history()] == [0]
    assert run.read_history()[0]["loss"] == pytest.approx(0.6)
    assert callback.last_full_epoch == 1


def test_a_stop_request_ends_after_the_batch_and_keeps_a_partial_checkpoint(recorder):
    make, events, stop, run, model = recorder
    callback = make()
    callback.on_epoch_begin(0)
    _batches(callback, [1.0])
    stop.set()
    _batches(callback, [0.9], first=1)
    assert model.stop_training and callback.stopped_by_user
    callback.on_epoch_end(0, {"loss": 0.9})
    assert not any(isinstance(e, EpochEnded) for e in events)  # not a finished epoch
    partial = run.checkpoints()[-1]
    assert partial.partial and partial.batches == 2
    assert run.read_history() == []


def test_a_stop_during_validation_stops_evaluating_too(recorder):
    make, _, stop, _, model = recorder
    callback = make()
    callback.on_epoch_begin(0)
    stop.set()
    callback.on_test_begin()
    callback.on_test_batch_end(0)
    assert model.stop_evaluating and model.stop_training
    assert callback.stopped_in_validation


def test_a_nan_loss_stops_and_keeps_the_last_good_checkpoint(recorder):
    make, _, _, run, model = recorder
    callback = make(on_nan="stop")
    callback.on_epoch_begin(0)
    _batches(callback, [1.0, math.nan, math.nan])
    assert model.stop_training and callback.nan_at == (0, 1)
    callback.on_epoch_end(0, {"loss": math.nan})
    assert run.checkpoints() == [] and run.read_history() == []


def test_a_nan_loss_with_warn_warns_once_an_epoch_and_goes_on(recorder):
    make, events, _, _, model = recorder
    callback = make(on_nan="warn")
    callback.on_epoch_begin(0)
    _batches(callback, [1.0, math.nan, math.nan])
    warnings = [e for e in events if isinstance(e, RunWarning)]
    assert len(warnings) == 1 and warnings[0].kind == "nan"
    assert "epoch 1, batch 2" in warnings[0].message
    assert not model.stop_training
