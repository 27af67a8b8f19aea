"""How a fold turns its training into probabilities: weights kept at points spread over the
training, each with batch normalization's statistics computed again over training batches."""

import keras
import numpy as np

from fitgen_gui.training.out_of_fold import MixupBatches, precise_batch_norm, snapshot_epochs


def test_snapshots_are_spread_over_the_training_and_end_with_it():
    assert snapshot_epochs(27, 4) == [6, 13, 20, 26]
    assert snapshot_epochs(2, 4) == [0, 1]
    assert snapshot_epochs(1, 4) == [0]


def test_precise_batch_norm_sets_the_mean_of_the_batches_statistics():
    inputs = keras.Input((2,))
    norm = keras.layers.BatchNormalization(momentum=0.6)
    model = keras.Model(inputs, norm(inputs))
    rng = np.random.default_rng(0)
    batches = [rng.normal(loc, 1.0, (8, 2)).astype("float32") for loc in (0.0, 4.0, 8.0)]
    assert precise_batch_norm(model, batches) == 3
    moving_mean = keras.ops.convert_to_numpy(norm.moving_mean)
    np.testing.assert_allclose(moving_mean, np.mean([b.mean(axis=0) for b in batches], axis=0),
                               rtol=1e-5)
    moving_var = keras.ops.convert_to_numpy(norm.moving_variance)
    np.testing.assert_allclose(moving_var, np.mean([b.var(axis=0) for b in batches], axis=0),
                               rtol=1e-4)
    assert norm.momentum == 0.6  # the layer's own momentum is back


def test_a_frozen_batch_norm_keeps_its_statistics():
    inputs = keras.Input((2,))
    norm = keras.layers.BatchNormalization()
    norm.trainable = False
    model = keras.Model(inputs, norm(inputs))
    assert precise_batch_norm(model, [np.full((4, 2), 5.0, "float32")]) == 0
    assert np.allclose(keras.ops.convert_to_numpy(norm.moving_mean), 0.0)


class _Batches:
    """Four images per batch, each image filled with its own number; one-hot labels."""

    builds_any_epoch = True

    def __init__(self):
        self.epoch, self.ends = 0, 0

    def __len__(self):
        return 3

    def batch_of_epoch(self, epoch, index):
        start = 10 * epoch + 4 * index
        x = np.stack([np.full((2, 2, 1), start + i, "float32") for i in range(4)])
        return x, np.eye(2, dtype="float32")[[0, 1, 0, 1]]

    def __getitem__(self, index):
        return self.batch_of_epoch(self.epoch, index)

    def on_epoch_end(self):
        self.epoch += 1
        self.ends += 1


def test_mixup_blends_each_image_and_its_label_with_the_same_weight():
    inner = _Batches()
    mixed = MixupBatches(inner, alpha=1.0, seed=3)
    assert len(mixed) == 3 and mixed.builds_any_epoch
    x, y = mixed[1]
    original = inner[1][0][:, 0, 0, 0]
    values = x[:, 0, 0, 0]
    labels = inner[1][1]
    for i in range(4):
        # x_i = l * x_i + (1 - l) * x_j for an image j of the batch, and its label is the
        # same blend of the two labels.
        def blend_of(j, i=i):
            if j == i:
                return np.isclose(values[i], original[i]) and np.allclose(y[i], labels[i])
            lam = (values[i] - original[j]) / (original[i] - original[j])
            return 0 <= lam <= 1 and np.allclose(y[i], lam * labels[i] + (1 - lam) * labels[j],
                                                 atol=1e-5)
        assert any(blend_of(j) for j in range(4)), (i, values, y)
    # the same batch again (a worker building it ahead) is the same blend
    x_again, y_again = mixed.batch_of_epoch(inner.epoch, 1)
    np.testing.assert_array_equal(x, x_again)
    np.testing.assert_array_equal(y, y_again)
    assert not np.allclose(values, original)  # blended, not the images as they were
    mixed.on_epoch_end()
    assert inner.ends == 1 and mixed.epoch == 1
    assert not np.allclose(mixed[1][0], x)  # another epoch, other images and weights
