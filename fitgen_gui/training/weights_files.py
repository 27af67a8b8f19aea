"""Where pretrained weights live, without importing Keras (the app asks before TF loads)."""

from __future__ import annotations

import os
from typing import NamedTuple

from fitgen_gui.core.errors import UserError

__all__ = ["WEIGHTS", "WeightsEntry", "WeightsMissingError", "check_weights_file",
           "imagenet_weights_file", "keras_cache_dir", "weights_problems"]

_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"

class WeightsEntry(NamedTuple):
    """A file of Keras Applications' ImageNet weights without the top, as Keras downloads
    it: its name in Keras's cache, the address it comes from, the hash Keras publishes for
    it (``tests`` check these against the installed Keras) and its size, roughly."""

    file_name: str
    base_url: str
    file_hash: str
    approx_mb: float


WEIGHTS = {
    "mobilenet_v3_small": WeightsEntry(
        "weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5",
        "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v3/",
        "d3e8ec802a04aa4fc771ee12a9a9b836", 4.3),
    "mobilenet_v3_large": WeightsEntry(
        "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5",
        "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v3/",
        "07fb09a5933dd0c8eaafa16978110389", 12.0),
    "efficientnet_v2_b0": WeightsEntry(
        "efficientnetv2-b0_notop.h5",
        "https://storage.googleapis.com/tensorflow/keras-applications/efficientnet_v2/",
        "893217f2bb855e2983157299931e43ff", 24.0),
    "convnext_tiny": WeightsEntry(
        "convnext_tiny_notop.h5",
        "https://storage.googleapis.com/tensorflow/keras-applications/convnext/",
        "d547c096cabd03329d7be5562c5e14798aa39ed24b474157cef5e85ab9e49ef1", 106.0),
    "efficientnet_b0": WeightsEntry(
        "efficientnetb0_notop.h5", "https://storage.googleapis.com/keras-applications/",
        "50bc09e76180e00e4465e1a485ddc09d", 16.7),
    "resnet50": WeightsEntry(
        "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
        "https://storage.googleapis.com/tensorflow/keras-applications/resnet/",
        "4d473c1dd8becc155b73f8504c6f6626", 94.7),
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
    name, base_url = WEIGHTS[architecture][:2]
    candidates = [os.path.join(keras_cache_dir(), name), os.path.join("/tmp/.keras/models", name)]
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise WeightsMissingError(
        f"The ImageNet weights of {architecture} are not on this computer. Press Download "
        f"in the Model panel (or run 'fitgen weights download {architecture}'), or download "
        f"{base_url}{name} and put it in {candidates[0]} (or choose the file as the weights "
        "path), or train with weights 'none'."
    )


def check_weights_file(path: str) -> str | None:
    """Why ``path`` cannot be a Keras weights file (empty, not HDF5), or None."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(len(_HDF5_SIGNATURE))
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "is empty (0 bytes); download it again"
    if head != _HDF5_SIGNATURE:
        return "is not a Keras weights file (.h5); choose the .h5 file of the architecture"
    return None


def weights_problems(config: object) -> list:
    """Problems of a ``RunConfig``'s starting weights: missing ImageNet weights, a weights
    file that is empty or not a weights file (a missing file is ``validate``'s to name)."""
    from fitgen_gui.core.config import Problem

    model = config.model  # type: ignore[attr-defined]
    weights = model.weights
    if model.architecture == "small_cnn" or weights in ("none", ""):
        return []
    if weights == "imagenet":
        try:
            path = imagenet_weights_file(model.architecture)
        except WeightsMissingError as exc:
            return [Problem("model.weights", str(exc))]
    else:
        path = weights
        if not os.path.isfile(path):
            return []
    reason = check_weights_file(path)
    return [Problem("model.weights", f"the weights file '{path}' {reason}")] if reason else []
