"""Grad-CAM: where in an image the model looked for a class (TensorFlow's GradientTape).

The heat map is the last convolution's activations weighted by the gradient of the class
score, averaged over each channel (Selvaraju et al., 2017). FitGen's models are a chain of
layers, with a Keras Applications backbone nested as one layer: the chain is walked by
hand, and inside a backbone the last 4-D layer is read, so the same code serves the small
CNN and every backbone offered.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

__all__ = ["gradcam"]


def _last_spatial(layers: list) -> int:
    """Index of the last layer with a 4-D output bigger than 1x1 (a convolution's map)."""
    for index in range(len(layers) - 1, -1, -1):
        shape = layers[index].output.shape
        if len(shape) == 4 and (shape[1] is None or shape[1] > 1) and not isinstance(
                layers[index], keras.layers.InputLayer):
            return index
    raise ValueError("The model has no convolution whose map Grad-CAM could show.")


def _forward(model: keras.Model, x: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """``(feature map, predictions)`` of a FitGen model: a chain of layers, one of which
    may be a nested backbone."""
    layers = model.layers[1:]  # after the InputLayer
    nested = [i for i, layer in enumerate(layers) if isinstance(layer, keras.Model)]
    feature = None
    if nested:
        base_index = nested[-1]
        base = layers[base_index]
        inner = base.layers
        spatial = inner[_last_spatial(inner)]
        split = keras.Model(base.inputs, [spatial.output, base.output])
        for i, layer in enumerate(layers):
            if i == base_index:
                feature, x = split(x, training=False)
            else:
                x = layer(x, training=False)
        return feature, x
    spatial_index = _last_spatial(layers)
    for i, layer in enumerate(layers):
        x = layer(x, training=False)
        if i == spatial_index:
            feature = x
    return feature, x


def gradcam(model: keras.Model, image: np.ndarray, class_index: int | None = None
            ) -> tuple[np.ndarray, int]:
    """The Grad-CAM map of one input ``image`` (H, W, C, as the model takes it), scaled to
    0-1 and resized to (H, W); and the class it is for (the predicted one by default)."""
    x = tf.convert_to_tensor(image[None].astype("float32"))
    with tf.GradientTape() as tape:
        feature, predictions = _forward(model, x)
        tape.watch(feature)
        if class_index is None:
            class_index = int(tf.argmax(predictions[0]))
        if predictions.shape[-1] == 1:  # binary: the score of class 1, or of class 0
            score = predictions[0, 0] if class_index == 1 else 1.0 - predictions[0, 0]
        else:
            score = predictions[0, class_index]
    gradients = tape.gradient(score, feature)
    weights = tf.reduce_mean(gradients, axis=(0, 1, 2))
    heat = tf.nn.relu(tf.reduce_sum(feature[0] * weights, axis=-1))
    peak = float(tf.reduce_max(heat))
    heat = heat / peak if peak > 0 else tf.zeros_like(heat)  # tiny gradients are still a map
    resized = tf.image.resize(heat[..., None], image.shape[:2], method="bilinear")
    return np.clip(resized.numpy()[..., 0], 0.0, 1.0), class_index
