"""fit_generator reads its data as Keras 2 did: continuous streams, exact counts, workers."""

import threading
import time

import keras
import numpy as np
import pytest

from fitgen_gui.training import DataExhaustedWarning, fit_generator
from tests.training.conftest import (
    CountingGenerator,
    IdDataset,
    batch_with_id,
    dense_classifier,
    recording_model,
)


@pytest.mark.parametrize("workers", [0, 1, 3])
def test_generator_epochs_are_cut_from_one_stream_without_replay(workers):
    model = recording_model()
    source = CountingGenerator()
    history = fit_generator(model, iter(source), steps_per_epoch=4, epochs=3, verbose=0,
                            workers=workers)
    # Every batch trained once, in the generator's order, epochs continuing the stream.
    assert model.trained_ids == list(range(12))
    # Never read ahead of what training needs (Keras 3's fit peeks and replays 2).
    assert source.calls == 12
    assert history.epoch == [0, 1, 2]


def test_workers_zero_reads_on_the_calling_thread_and_workers_use_background_threads():
    source = CountingGenerator()
    fit_generator(dense_classifier(), iter(source), steps_per_epoch=3, epochs=1, verbose=0,
                  workers=0)
    assert source.threads == {threading.current_thread().name}

    source = CountingGenerator()
    fit_generator(dense_classifier(), iter(source), steps_per_epoch=3, epochs=1, verbose=0,
                  workers=2)
    assert threading.current_thread().name not in source.threads


def test_plain_generator_is_never_called_by_two_threads_at_once():
    # A Python generator entered twice raises "generator already executing".
    def slow_generator():
        i = 0
        while True:
            time.sleep(0.002)
            yield batch_with_id(i)
            i += 1

    history = fit_generator(dense_classifier(), slow_generator(), steps_per_epoch=10,
                            epochs=2, verbose=0, workers=4, max_queue_size=2)
    assert len(history.history["loss"]) == 2


def test_data_work_overlaps_the_training_step():
    step_windows: list[tuple[float, float]] = []
    produced_at: list[float] = []

    class Timing(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            self._t = time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            time.sleep(0.03)  # a training step long enough to overlap with
            step_windows.append((self._t, time.perf_counter()))

    def generator():
        i = 0
        while True:
            produced_at.append(time.perf_counter())
            yield batch_with_id(i)
            i += 1

    fit_generator(dense_classifier(), generator(), steps_per_epoch=6, epochs=1, verbose=0,
                  workers=1, max_queue_size=1, callbacks=[Timing()])
    during_steps = [t for t in produced_at if any(a < t < b for a, b in step_windows)]
    assert len(during_steps) >= 3


@pytest.mark.parametrize("workers", [0, 2])
def test_pydataset_each_batch_once_per_epoch_shuffled_with_on_epoch_end(workers):
    model = recording_model()
    dataset = IdDataset(n=6)
    keras.utils.set_random_seed(1)
    history = fit_generator(model, dataset, epochs=3, verbose=0, workers=workers, shuffle=True)
    assert history.params["steps"] == 6  # steps_per_epoch defaults to len()
    epochs = [model.trained_ids[i * 6:(i + 1) * 6] for i in range(3)]
    assert all(sorted(ids) == list(range(6)) for ids in epochs)
    assert len({tuple(ids) for ids in epochs}) > 1, "batch order was not shuffled"
    assert dataset.log.count("end") == 3
    # on_epoch_end() comes after all of its epoch's batches were built, never in between.
    reads = [entry for entry in dataset.log]
    assert [i for i, e in enumerate(reads) if e == "end"] == [6, 13, 20]


def test_pydataset_without_shuffle_keeps_order():
    model = recording_model()
    fit_generator(model, IdDataset(n=4), epochs=2, verbose=0, workers=2, shuffle=False)
    assert model.trained_ids == [0, 1, 2, 3, 0, 1, 2, 3]


def test_pydataset_with_fewer_steps_than_batches_continues_across_epochs():
    model = recording_model()
    dataset = IdDataset(n=5)
    fit_generator(model, dataset, steps_per_epoch=2, epochs=5, verbose=0, workers=0,
                  shuffle=False)
    assert model.trained_ids == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]
    assert dataset.log.count("end") == 2


def test_pydataset_with_processes_trains_every_batch():
    model = recording_model()
    dataset = IdDataset(n=4)
    fit_generator(model, dataset, epochs=2, verbose=0, workers=2, use_multiprocessing=True,
                  shuffle=False)
    assert model.trained_ids == [0, 1, 2, 3, 0, 1, 2, 3]


def test_plain_generator_with_processes_trains_on_threads_with_a_warning():
    # Keras 2 warned and trained: code that ran there runs here, on threads.
    source = CountingGenerator()
    with pytest.warns(UserWarning, match=r"read by 2 thread\(s\) instead") as record:
        history = fit_generator(dense_classifier(), iter(source), steps_per_epoch=2, epochs=2,
                                verbose=0, workers=2, use_multiprocessing=True)
    assert len(history.history["loss"]) == 2
    assert all(name.startswith("fitgen-training-gen") for name in source.threads)
    assert len([w for w in record if "thread(s) instead" in str(w.message)]) == 1


@pytest.mark.parametrize("workers", [0, 2])
def test_generator_running_out_stops_training_with_a_warning(workers):
    model = recording_model()
    source = CountingGenerator(limit=7)
    with pytest.warns(DataExhaustedWarning, match=r"in this case, 15 batches\); it gave 7"):
        history = fit_generator(model, iter(source), steps_per_epoch=3, epochs=5, verbose=0,
                                workers=workers)
    assert model.trained_ids == list(range(7))  # never a stale or replayed batch
    assert history.epoch == [0, 1, 2]  # the partial third epoch is recorded, then training stops


def test_float_steps_are_rounded_up():
    model = recording_model()
    history = fit_generator(model, iter(CountingGenerator()), steps_per_epoch=10 / 4,
                            epochs=2, verbose=0,
                            validation_data=iter(CountingGenerator()), validation_steps=1.2)
    assert history.params["steps"] == 3
    assert len(model.trained_ids) == 6
    assert len(model.tested_ids) == 4  # 2 validation batches per epoch


def test_generator_without_steps_per_epoch_is_a_clear_error():
    with pytest.raises(ValueError, match="steps_per_epoch is needed when the training data is a "
                                         "generator"):
        fit_generator(dense_classifier(), iter(CountingGenerator()), verbose=0)


def test_exception_in_generator_reaches_the_caller_with_the_batch_number():
    def failing():
        yield batch_with_id(0)
        yield batch_with_id(1)
        raise OSError("cannot read image cat_17.jpg")

    for workers in (0, 2):
        with pytest.raises(OSError, match=r"cat_17\.jpg") as info:
            fit_generator(dense_classifier(), failing(), steps_per_epoch=5, verbose=0,
                          workers=workers)
        assert "batch 2" in "\n".join(info.value.__notes__)


def test_ragged_last_batch_trains():
    class Ragged(keras.utils.PyDataset):
        def __len__(self):
            return 3

        def __getitem__(self, index):
            return batch_with_id(index, size=8 if index < 2 else 3)

    history = fit_generator(dense_classifier(), Ragged(), epochs=2, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
