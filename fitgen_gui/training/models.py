"""Model builders: a small CNN and Keras Applications backbones, with a classification head.

Resizing and pixel scaling live inside the model, built from standard Keras layers only,
so a saved ``.keras`` file takes raw RGB pixels (0-255) of any size and loads anywhere
with ``safe_mode=True``: no Lambda layers, no custom classes.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.training.weights_files import WeightsMissingError, imagenet_weights_file

__all__ = ["WeightsMismatchError", "WeightsMissingError", "build_model", "compile_model",
           "imagenet_weights_file", "recipe"]


class WeightsMismatchError(UserError, ValueError):
    """A weights file that is of another architecture (or has its top layers)."""

_CHANNELS = {"rgb": 3, "grayscale": 1, "rgba": 4}

# What the models and optimizers built here do that no setting shows. Results kept from
# an earlier build (the out-of-fold folds of label-issues/) are keyed on it, so raise
# RECIPE_VERSION whenever a model or optimizer changes without a setting changing.
BN_MOMENTUM = 0.6  # the small CNN's batch normalization (2: was 0.9)
SGD_MOMENTUM = 0.9
RECIPE_VERSION = 2


def recipe() -> dict[str, float]:
    """The built-in choices of this module that change what a training learns."""
    return {"models_recipe": RECIPE_VERSION, "small_cnn_bn_momentum": BN_MOMENTUM,
            "sgd_momentum": SGD_MOMENTUM}


def _fixed_1x1(name: str, kernel: np.ndarray, bias: np.ndarray) -> keras.layers.Conv2D:
    """A frozen 1x1 convolution: a per-pixel colour transform from standard layers."""
    layer = keras.layers.Conv2D(kernel.shape[1], 1, name=name, trainable=False,
                                dtype="float32")
    layer.build((None, None, None, kernel.shape[0]))
    layer.set_weights([kernel.reshape(1, 1, *kernel.shape).astype("float32"),
                       bias.astype("float32")])
    return layer


def _as_rgb(x: Any, channels: int) -> Any:
    """Grayscale repeated to 3 channels, RGBA reduced to RGB, for ImageNet backbones."""
    if channels == 3:
        return x
    kernel = np.ones((1, 3)) if channels == 1 else np.eye(4, 3)
    return _fixed_1x1("to_rgb", kernel, np.zeros(3))(x)


def _backbone(architecture: str, size: tuple[int, int], weights: Any) -> keras.Model:
    shape = (*size, 3)
    if architecture == "mobilenet_v3_small":
        return keras.applications.MobileNetV3Small(
            input_shape=shape, include_top=False, weights=weights, pooling="avg",
            include_preprocessing=True)
    if architecture == "mobilenet_v3_large":
        return keras.applications.MobileNetV3Large(
            input_shape=shape, include_top=False, weights=weights, pooling="avg",
            include_preprocessing=True)
    if architecture == "efficientnet_b0":
        return keras.applications.EfficientNetB0(
            input_shape=shape, include_top=False, weights=weights, pooling="avg")
    if architecture == "efficientnet_v2_b0":  # rescales 0-255 to -1..1 itself
        return keras.applications.EfficientNetV2B0(
            input_shape=shape, include_top=False, weights=weights, pooling="avg",
            include_preprocessing=True)
    if architecture == "convnext_tiny":  # normalizes 0-255 pixels itself
        return keras.applications.ConvNeXtTiny(
            input_shape=shape, include_top=False, weights=weights, pooling="avg",
            include_preprocessing=True)
    if architecture == "resnet50":
        return keras.applications.ResNet50(
            input_shape=shape, include_top=False, weights=weights, pooling="avg")
    raise ValueError(f"Unknown architecture {architecture!r}.")


def _caffe_preprocessing(x: Any) -> Any:
    """ResNet50's ``preprocess_input``: RGB to BGR and ImageNet means subtracted."""
    to_bgr = np.eye(3)[:, ::-1]
    return _fixed_1x1("caffe_preprocessing", to_bgr, -np.array([103.939, 116.779, 123.68]))(x)


def _small_cnn(x: Any) -> Any:
    """Four blocks of two 3x3 convolutions: about 290k weights; on the demo set it reaches
    over 90% validation accuracy in about ten epochs on a laptop CPU."""
    x = keras.layers.Rescaling(1 / 255, name="rescale")(x)
    for block, filters in enumerate((16, 32, 64, 128), start=1):
        for conv in (1, 2):
            name = f"block{block}_conv{conv}"
            x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False, name=name)(x)
            # Momentum 0.6: with 8 steps an epoch (245 photos) 0.9's moving statistics lag the
            # weights and validation called every image one class (docs/notes/recipe-readme.md).
            x = keras.layers.BatchNormalization(momentum=BN_MOMENTUM, name=f"{name}_bn")(x)
            x = keras.layers.Activation("relu", name=f"{name}_relu")(x)
        x = keras.layers.MaxPooling2D(name=f"block{block}_pool")(x)
    return keras.layers.GlobalAveragePooling2D(name="features")(x)


def build_model(config: RunConfig, num_classes: int) -> keras.Model:
    """The model for ``config``: raw pixels in, class probabilities out.

    Parameters
    ----------
    config
        The run's settings (``model``, ``data.color_mode``, ``data.class_mode``).
    num_classes
        Number of classes; ``class_mode='binary'`` gives one sigmoid output.

    Raises
    ------
    WeightsMissingError
        ImageNet weights were asked for and are not in the Keras cache.
    """
    model_config = config.model
    channels = _CHANNELS[config.data.color_mode]
    size = tuple(config.effective_input_size())
    inputs = keras.Input((None, None, channels), name="image")
    # training=False on this node: Keras 3 stashes a layer's default training value (True
    # for preprocessing layers) for the layers after it, so model(x) without `training`
    # would run BatchNormalization and Dropout in training mode (and so would the graphs
    # of model.export). An explicit value is replaced by the outer one when fit passes it.
    x = keras.layers.Resizing(*size, name="resize")(inputs, training=False)
    if model_config.architecture == "small_cnn":
        x = _small_cnn(x)
    else:
        weights: Any = None
        if model_config.weights == "imagenet":
            weights = imagenet_weights_file(model_config.architecture)
        elif model_config.weights not in ("none", "", None):
            weights = model_config.weights
        x = _as_rgb(x, channels)
        if model_config.architecture == "resnet50":
            x = _caffe_preprocessing(x)
        try:
            base = _backbone(model_config.architecture, size, weights)
        except (ValueError, OSError) as exc:
            if weights is None:
                raise
            # Keras lists every layer in its message (kilobytes): the first line says it.
            first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            raise WeightsMismatchError(
                f"The weights file '{weights}' is not of {model_config.architecture} without "
                f"its top layers (Keras: {first}). Choose the weights of that architecture "
                "(include_top=False), or start from ImageNet or from scratch."
            ) from exc
        base.trainable = model_config.train_base
        # A frozen base keeps its batch-norm statistics (Keras's transfer-learning advice).
        x = base(x, training=False if not model_config.train_base else None)
    if model_config.dropout:
        x = keras.layers.Dropout(model_config.dropout, name="dropout")(x)
    binary = config.data.class_mode == "binary"
    # float32 output keeps the loss stable under mixed precision.
    outputs = keras.layers.Dense(
        1 if binary else num_classes, activation="sigmoid" if binary else "softmax",
        dtype="float32", name="predictions")(x)
    return keras.Model(inputs, outputs, name=f"fitgen_{model_config.architecture}")


def _learning_rate(config: RunConfig, steps_per_epoch: int) -> Any:
    opt = config.optimizer
    if opt.schedule == "cosine":
        total = max(1, config.training.epochs * steps_per_epoch)
        # The warm-up takes at most half of the training (a short run still decays).
        warm = min(round(opt.warmup_epochs * steps_per_epoch), total // 2)
        if warm < 1:
            return keras.optimizers.schedules.CosineDecay(opt.learning_rate, decay_steps=total)
        return keras.optimizers.schedules.CosineDecay(
            opt.learning_rate / 10, decay_steps=max(1, total - warm),
            warmup_target=opt.learning_rate, warmup_steps=warm)
    if opt.schedule == "exponential":
        return keras.optimizers.schedules.ExponentialDecay(
            opt.learning_rate, decay_steps=max(1, round(opt.decay_epochs * steps_per_epoch)),
            decay_rate=opt.decay_rate, staircase=True)
    return opt.learning_rate


def compile_model(model: keras.Model, config: RunConfig, steps_per_epoch: int) -> None:
    """Compile with the configured optimizer, the loss of the class mode, and accuracy."""
    rate = _learning_rate(config, steps_per_epoch)
    optimizers = {
        "adam": lambda: keras.optimizers.Adam(rate),
        "adamw": lambda: keras.optimizers.AdamW(rate),
        "sgd": lambda: keras.optimizers.SGD(rate, momentum=SGD_MOMENTUM),
        "rmsprop": lambda: keras.optimizers.RMSprop(rate),
    }
    loss = {
        "categorical": "categorical_crossentropy",
        "sparse": "sparse_categorical_crossentropy",
        "binary": "binary_crossentropy",
    }[config.data.class_mode]
    jit = {"auto": "auto", "on": True, "off": False}[config.training.xla]
    model.compile(optimizers[config.optimizer.name](), loss, metrics=["accuracy"],
                  jit_compile=jit)


def current_learning_rate(model: keras.Model) -> float | None:
    """The optimizer's learning rate now (schedules evaluated at the current step)."""
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        return None
    try:
        return float(keras.ops.convert_to_numpy(optimizer.learning_rate))
    except (TypeError, ValueError, AttributeError):
        return None


def unfreeze_top(model: keras.Model, fraction: float) -> int:
    """Let the top ``fraction`` of the backbone's layers learn (fine-tuning's phase 2).

    Batch normalization layers stay frozen, and the backbone keeps running them in inference
    mode (it is called with ``training=False``), as Keras's transfer-learning guide advises:
    their statistics from ImageNet are kept. Returns the number of layers that now learn.
    """
    base = next((layer for layer in model.layers if isinstance(layer, keras.Model)), None)
    if base is None:
        raise ValueError("This model has no backbone to fine-tune.")
    base.trainable = True
    layers = [layer for layer in base.layers if layer.weights]
    first = round(len(layers) * (1.0 - fraction))
    learning = 0
    for i, layer in enumerate(layers):
        frozen = i < first or isinstance(layer, keras.layers.BatchNormalization)
        layer.trainable = not frozen
        learning += not frozen
    return learning
