"""Batch streams over FitGen's iterators: epochs read ahead, the same batches as ``it[i]``."""

import threading

import cv2
import numpy as np
import pytest

from fitgen_gui.data import ImageDataGenerator
from fitgen_gui.data.batch_streams import open_stream


def augmenting_iterator(seed=11):
    x = np.random.default_rng(0).integers(0, 255, (10, 12, 12, 3)).astype(np.float32)
    y = np.arange(10) % 2
    generator = ImageDataGenerator(rotation_range=30, zoom_range=0.2, horizontal_flip=True)
    return generator.flow(x, y, batch_size=4, shuffle=True, seed=seed)


@pytest.mark.parametrize("processes", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_epochs_read_ahead_are_each_epochs_own_batches(processes):
    # Workers build the next epoch's batches while this epoch's last ones are still being
    # built; each batch is still the one `it[i]` gives during its own epoch.
    iterator, reference = augmenting_iterator(), augmenting_iterator()
    epochs, length = 3, len(iterator)
    with open_stream(iterator, workers=2, max_queue_size=3, limit=epochs * length,
                     use_multiprocessing=processes) as stream:
        batches = [stream.next() for _ in range(epochs * length)]
    for number, (x, y) in enumerate(batches):
        epoch, index = divmod(number, length)
        reference.set_epoch(epoch)
        expected_x, expected_y = reference[index]
        np.testing.assert_array_equal(x, expected_x)
        np.testing.assert_array_equal(y, expected_y)
    assert iterator.epoch == epochs
    # The epochs differ (another order, other draws): reading ahead did not repeat one.
    assert not np.array_equal(batches[0][0], batches[length][0])


class GatedSequence:
    """Two batches per epoch; batch 1 of epoch 0 finishes only once epoch 1 has begun."""

    builds_any_epoch = True

    def __init__(self):
        self.epoch = 0
        self.next_epoch_started = threading.Event()

    def __len__(self):
        return 2

    def __getitem__(self, index):
        return self.batch_of_epoch(self.epoch, index)

    def on_epoch_end(self):
        self.epoch += 1

    def batch_of_epoch(self, epoch, index):
        if (epoch, index) == (1, 0):
            self.next_epoch_started.set()
        if (epoch, index) == (0, 1) and not self.next_epoch_started.wait(10):
            raise TimeoutError("epoch 1 was not read ahead")
        return epoch, index


def test_a_sequence_that_builds_any_epoch_is_not_held_at_the_epochs_end():
    sequence = GatedSequence()
    with open_stream(sequence, workers=2, max_queue_size=4, limit=4) as stream:
        assert [stream.next() for _ in range(4)] == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_a_subclass_that_changes_its_batches_is_read_through_its_own_getitem():
    # Keras 2 code may subclass an iterator; its __getitem__ is what training must get.
    class Doubled(type(augmenting_iterator())):
        def __getitem__(self, index):
            x, y = super().__getitem__(index)
            return x, y * 2 + 10

    iterator = augmenting_iterator()
    iterator.__class__ = Doubled
    assert not iterator.builds_any_epoch
    length = len(iterator)
    with open_stream(iterator, workers=2, max_queue_size=3, limit=2 * length) as stream:
        labels = np.concatenate([stream.next()[1] for _ in range(2 * length)])
    assert set(labels.tolist()) == {10, 12}


def test_opencv_uses_one_thread_per_worker_while_a_stream_is_open():
    before = cv2.getNumThreads()
    cv2.setNumThreads(2)  # the user's setting, given back after
    try:
        iterator = augmenting_iterator()
        seen = []
        with open_stream(iterator, workers=2, limit=2) as first, \
                open_stream(iterator, workers=1, limit=1) as second:
            first.next()
            second.next()
            seen.append(cv2.getNumThreads())
        with open_stream(iterator, workers=2, limit=1) as third:
            third.next()
            seen.append(cv2.getNumThreads())
        assert seen == [1, 1]
        assert cv2.getNumThreads() == 2
    finally:
        cv2.setNumThreads(before)
