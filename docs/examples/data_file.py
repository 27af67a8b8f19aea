"""An example FitGen data file: bright and dark noise patches, made on the fly.

    fitgen train --data-file docs/examples/data_file.py --steps-per-epoch 20 --epochs 3
"""

import keras
import numpy as np

class_names = ["dark", "bright"]


def _batches(batch_size, seed):
    rng = np.random.default_rng(seed)
    while True:
        labels = rng.integers(0, 2, batch_size)
        images = rng.uniform(0, 110, (batch_size, 48, 48, 3)) + 120 * labels[:, None, None, None]
        yield images.astype("float32"), keras.utils.to_categorical(labels, 2)


def train_data(batch_size):
    return _batches(batch_size, seed=0)


class _Validation(keras.utils.PyDataset):
    """A fixed validation set: a PyDataset knows its length."""

    def __init__(self, batch_size):
        super().__init__()
        stream = _batches(batch_size, seed=1)
        self.batches = [next(stream) for _ in range(4)]

    def __len__(self):
        return len(self.batches)

    def __getitem__(self, index):
        return self.batches[index]


def val_data(batch_size):
    return _Validation(batch_size)
