"""Where pretrained weights live, without importing Keras (the app asks before TF loads)."""

from __future__ import annotations

import os

from fitgen_gui.core.errors import UserError

__all__ = ["WeightsMissingError", "imagenet_weights_file", "keras_cache_dir"]

# Keras Applications' ImageNet weights without the top (file name, download address).
_WEIGHTS = {
    "mobilenet_v3_small": (
        "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5",
        "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v3/"),
    "efficientnet_b0": (
        "efficientnetb0_notop.h5",
        "https://storage.googleapis.com/keras-applications/"),
    "resnet50": (
        "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
        "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"),
}


class WeightsMissingError(UserError, FileNotFoundError):
    """ImageNet weights were asked for and are not on this computer."""


def keras_cache_dir() -> str:
    """Keras's model cache: ``$KERAS_HOME/models`` (``~/.keras/models``)."""
    return os.path.join(os.environ.get("KERAS_HOME", os.path.expanduser("~/.keras")), "models")


def imagenet_weights_file(architecture: str) -> str:
    """Where Keras keeps the ImageNet weights of ``architecture``; raise if absent.

    FitGen never downloads during training: a lab computer may have no network, and a
    half-downloaded file would fail later.
    """
    name, base_url = _WEIGHTS[architecture]
    candidates = [os.path.join(keras_cache_dir(), name), os.path.join("/tmp/.keras/models", name)]
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise WeightsMissingError(
        f"The ImageNet weights of {architecture} are not on this computer. Download "
        f"{base_url}{name} and put it in {candidates[0]} (or choose the file as the weights "
        "path), or train with weights 'none'."
    )
