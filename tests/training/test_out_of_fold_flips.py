"""Test-time flips: when the run trained on randomly mirrored images, a fold's answer for an
image is the mean over the image and its mirror images, so an image and its mirror copy get
the same probabilities; without flips in training, the image is predicted as it is."""

import keras
import numpy as np

from fitgen_gui.core.config import RunConfig
from fitgen_gui.training.out_of_fold import _mirrors, _predict_batch


def lopsided_model():
    """A small untrained network whose answer depends on where things are in the image."""
    keras.utils.set_random_seed(3)
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Flatten()(inputs)
    outputs = keras.layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def answers(config, images):
    return _predict_batch(lopsided_model(), images, _mirrors(config))


def test_with_left_right_flips_an_image_and_its_mirror_get_the_same_answer():
    image = np.random.default_rng(0).uniform(0, 1, (1, 8, 8, 3)).astype(np.float32)
    pair = np.concatenate([image, image[:, :, ::-1]])
    flips = RunConfig().replace(**{"augmentation.horizontal_flip": True,
                                   "augmentation.vertical_flip": False})
    found = answers(flips, pair)
    assert np.allclose(found[0], found[1], atol=1e-6)
    assert np.allclose(found.sum(axis=1), 1.0, atol=1e-5)
    upside_down = np.concatenate([image, image[:, ::-1]])
    both = flips.replace(**{"augmentation.vertical_flip": True})
    found = answers(both, upside_down)
    assert np.allclose(found[0], found[1], atol=1e-6)


def test_without_flips_in_training_the_image_is_predicted_as_it_is():
    image = np.random.default_rng(0).uniform(0, 1, (1, 8, 8, 3)).astype(np.float32)
    pair = np.concatenate([image, image[:, :, ::-1]])
    plain = RunConfig().replace(**{"augmentation.horizontal_flip": False,
                                   "augmentation.vertical_flip": False})
    found = answers(plain, pair)
    assert np.allclose(found, lopsided_model().predict_on_batch(pair), atol=1e-6)
    assert not np.allclose(found[0], found[1], atol=1e-3)
