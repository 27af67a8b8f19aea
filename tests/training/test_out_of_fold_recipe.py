"""How a fold turns its training into probabilities: weights kept at points spread over the
training, each with batch normalization's statistics computed again over training batches."""

import keras
import numpy as np

from fitgen_gui.training.out_of_fold import precise_batch_norm, snapshot_epochs


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
