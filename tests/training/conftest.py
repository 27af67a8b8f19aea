"""Tiny real models and data sources for the training tests."""

import textwrap
import threading

import keras
import numpy as np
import pytest


def dense_classifier(n_features: int = 4, n_classes: int = 3, *, lr: float = 0.05,
                     run_eagerly: bool = False, seed: int = 0) -> keras.Model:
    """A compiled one-layer softmax classifier (trains in milliseconds)."""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((n_features,), name="features"),
        keras.layers.Dense(n_classes, activation="softmax", name="probabilities"),
    ])
    model.compile(keras.optimizers.SGD(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"], run_eagerly=run_eagerly)
    return model


class RecordingModel(keras.Model):
    """Records the id (``x[0, 0]``) of every batch it trains or tests on; runs eagerly."""

    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(3, activation="softmax")
        self.trained_ids: list[int] = []
        self.tested_ids: list[int] = []

    def call(self, x):
        return self.dense(x)

    def train_step(self, data):
        self.trained_ids.append(int(np.asarray(data[0])[0, 0]))
        return super().train_step(data)

    def test_step(self, data):
        self.tested_ids.append(int(np.asarray(data[0])[0, 0]))
        return super().test_step(data)


def recording_model() -> RecordingModel:
    keras.utils.set_random_seed(0)
    model = RecordingModel()
    model.compile("sgd", "sparse_categorical_crossentropy", run_eagerly=True)
    return model


def batch_with_id(batch_id: int, size: int = 8, n_features: int = 4):
    """A batch whose inputs carry its id in ``x[:, 0]``."""
    rng = np.random.default_rng(batch_id)
    x = rng.random((size, n_features)).astype("float32")
    x[:, 0] = batch_id
    y = rng.integers(0, 3, size)
    return x, y


class CountingGenerator:
    """An endless (or finite) batch generator that counts its calls and their threads."""

    def __init__(self, limit: int | None = None, size: int = 8):
        self.calls = 0
        self.threads: set[str] = set()
        self.limit = limit
        self.size = size

    def __iter__(self):
        while self.limit is None or self.calls < self.limit:
            self.threads.add(threading.current_thread().name)
            batch = batch_with_id(self.calls, self.size)
            self.calls += 1
            yield batch


class IdDataset(keras.utils.PyDataset):
    """A PyDataset of ``n`` batches with ids 0..n-1 that logs its calls."""

    def __init__(self, n: int = 5, size: int = 8, **kwargs):
        super().__init__(**kwargs)
        self.n, self.size = n, size
        self.log: list = []
        self._lock = threading.Lock()

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        with self._lock:
            self.log.append(index)
        return batch_with_id(index, self.size)

    def on_epoch_end(self):
        with self._lock:
            self.log.append("end")

    def __getstate__(self):  # picklable for use_multiprocessing=True
        state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._lock = threading.Lock()


@pytest.fixture
def classifier():
    return dense_classifier()


DATA_FILE = '''
import numpy as np
import keras

class_names = ["dark", "bright"]


def batches(seed, fail_at=None):
    rng = np.random.default_rng(seed)
    n = 0
    while True:
        if fail_at is not None and n + 1 == fail_at:  # batch numbers count from 1
            raise RuntimeError("sensor export unreadable")
        y = rng.integers(0, 2, 8)
        x = rng.uniform(0, 100, (8, 24, 24, 3)) + 120 * y[:, None, None, None]
        n += 1
        yield x.astype("float32"), keras.utils.to_categorical(y, 2)


def train_data(batch_size):
    return batches(0, FAIL_AT)


class Validation(keras.utils.PyDataset):
    def __init__(self):
        super().__init__()
        self.parts = [next(batches(100 + i)) for i in range(2)]

    def __len__(self):
        return 2

    def __getitem__(self, index):
        return self.parts[index]


def val_data(batch_size):
    return Validation()
'''


def data_file(tmp_path, fail_at=None):
    path = tmp_path / "my_data.py"
    path.write_text(textwrap.dedent(DATA_FILE).replace("FAIL_AT", repr(fail_at)))
    return path
