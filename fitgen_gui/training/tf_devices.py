"""Devices: which GPUs there are, which one trains, memory growth, mixed precision.

TensorFlow-specific (hence the name); on the JAX or PyTorch backends Keras picks the
device itself and this reports what it uses.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

import keras

__all__ = ["DeviceInfo", "available_devices", "configure", "device_scope"]

# Set before TensorFlow touches a GPU: take GPU memory as needed, not all of it at start.
os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")


@dataclass(frozen=True)
class DeviceInfo:
    """The device a run trains on."""

    key: str  # "cpu", "gpu:0"...
    name: str  # for people: "GPU 0 (NVIDIA H100 80GB HBM3)"
    framework_name: str | None  # "/GPU:0" for tf.device; None: the backend decides
    is_gpu: bool


def _tf_gpus() -> list:
    if keras.backend.backend() != "tensorflow":
        return []
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    for gpu in gpus:
        with contextlib.suppress(RuntimeError, ValueError):  # already initialised
            tf.config.experimental.set_memory_growth(gpu, True)
    return gpus


def _gpu_label(index: int, gpu: object) -> str:
    import tensorflow as tf

    try:
        details = tf.config.experimental.get_device_details(gpu)
    except (RuntimeError, ValueError):
        details = {}
    model = details.get("device_name")
    return f"GPU {index} ({model})" if model else f"GPU {index}"


def _other_backend_devices() -> list[tuple[str, str]]:
    backend = keras.backend.backend()
    try:
        if backend == "torch":
            import torch

            return [(f"gpu:{i}", f"GPU {i} ({torch.cuda.get_device_name(i)})")
                    for i in range(torch.cuda.device_count())]
        if backend == "jax":
            import jax

            return [(f"gpu:{i}", f"GPU {i} ({d.device_kind})")
                    for i, d in enumerate(d for d in jax.devices() if d.platform == "gpu")]
    except Exception:  # noqa: BLE001 - a broken GPU stack still leaves the CPU
        return []
    return []


def available_devices() -> list[tuple[str, str]]:
    """``[(key, label)]``: ``auto``, ``cpu`` and each GPU found."""
    if keras.backend.backend() == "tensorflow":
        gpus = [(f"gpu:{i}", _gpu_label(i, g)) for i, g in enumerate(_tf_gpus())]
    else:
        gpus = _other_backend_devices()
    return [("auto", "Automatic (GPU when there is one)"), ("cpu", "CPU"), *gpus]


def configure(device: str, mixed_precision: bool) -> DeviceInfo:
    """Choose the device for ``device`` (``auto``, ``cpu``, ``gpu:N``) and the precision.

    Call on the training thread before building the model: Keras's dtype policy is
    thread-local.

    Raises
    ------
    ValueError
        A GPU that is not there, or mixed precision without a GPU.
    """
    gpus = [key for key, _ in available_devices() if key.startswith("gpu:")]
    labels = dict(available_devices())
    if device == "auto":
        device = gpus[0] if gpus else "cpu"
    if device.startswith("gpu:") and device not in gpus:
        found = ", ".join(gpus) or "none"
        raise ValueError(
            f"Device '{device}' is not available (GPUs found: {found}). Choose 'auto' or "
            "'cpu'."
        )
    is_gpu = device != "cpu"
    if mixed_precision and not is_gpu:
        raise ValueError(
            "Mixed precision speeds up GPUs only, and this run uses the CPU. Turn mixed "
            "precision off."
        )
    keras.mixed_precision.set_dtype_policy("mixed_float16" if mixed_precision else "float32")
    framework = None
    if keras.backend.backend() == "tensorflow":
        framework = f"/GPU:{device[4:]}" if is_gpu else "/CPU:0"
    label = labels.get(device, device) if is_gpu else "CPU"
    if mixed_precision:
        label += ", mixed precision"
    return DeviceInfo(device, label, framework, is_gpu)


@contextlib.contextmanager
def device_scope(info: DeviceInfo) -> Iterator[None]:
    """Run the enclosed Keras work on ``info``'s device (TensorFlow)."""
    if info.framework_name is None or keras.backend.backend() != "tensorflow":
        yield
        return
    import tensorflow as tf

    with tf.device(info.framework_name):
        yield
