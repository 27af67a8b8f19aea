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

__all__ = ["VIRTUAL_DEVICES_ENV", "DeviceInfo", "available_devices", "configure",
           "device_scope", "join_cluster", "joined_cluster"]

# Set before TensorFlow touches a GPU: take GPU memory as needed, not all of it at start.
os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
# Split the CPU into this many logical devices (``fitgen train --virtual-devices N``): to
# try or test training on several replicas on a computer with one device.
VIRTUAL_DEVICES_ENV = "FITGEN_VIRTUAL_DEVICES"
_virtual_done = False
# The cluster this process trains in (``join_cluster``), and its strategy.
_cluster: tuple[object, object] | None = None


def _split_cpu() -> None:
    """Apply ``FITGEN_VIRTUAL_DEVICES`` once, before TensorFlow makes its devices."""
    global _virtual_done
    if _virtual_done or keras.backend.backend() != "tensorflow":
        return
    _virtual_done = True
    count = int(os.environ.get(VIRTUAL_DEVICES_ENV) or 0)
    if count <= 1:
        return
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    try:
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(count)])
    except RuntimeError as exc:  # TensorFlow made its devices already
        raise RuntimeError(
            f"{VIRTUAL_DEVICES_ENV}={count} must be set before TensorFlow starts (it had "
            "started): set it in the environment of the process.") from exc


@dataclass(frozen=True)
class DeviceInfo:
    """The device a run trains on."""

    key: str  # "cpu", "gpu:0"...
    name: str  # for people: "GPU 0 (NVIDIA H100 80GB HBM3)"
    framework_name: str | None  # "/GPU:0" for tf.device; None: the backend decides
    is_gpu: bool
    replicas: int = 1
    strategy: object = None  # a tf.distribute strategy when several devices train
    workers: int = 1  # machines (processes) training together
    worker_index: int = 0  # this one's place among them; 0 is the chief

    def batch_text(self, batch_size: int) -> str:
        """How a batch is shared: "" on one device."""
        if self.replicas <= 1:
            return ""
        share = batch_size / self.replicas
        each = f"{share:g}" if share.is_integer() else f"about {share:.1f}"
        return (f"{self.replicas} replicas: each batch of {batch_size} is split, {each} "
                "images per replica")

    @property
    def is_chief(self) -> bool:
        return self.worker_index == 0


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
    """``[(key, label)]``: ``auto``, ``cpu``, each GPU found, and ``all`` when there are
    several devices (GPUs, or the CPU split by ``FITGEN_VIRTUAL_DEVICES``)."""
    _split_cpu()
    if keras.backend.backend() == "tensorflow":
        gpus = [(f"gpu:{i}", _gpu_label(i, g)) for i, g in enumerate(_tf_gpus())]
    else:
        gpus = _other_backend_devices()
    devices = [("auto", "Automatic (GPU when there is one)"), ("cpu", "CPU"), *gpus]
    several = len(_replica_devices()) if keras.backend.backend() == "tensorflow" else 1
    if several > 1:
        kind = "GPUs" if gpus else "CPU devices"
        devices.append(("all", f"All {kind} ({several})"))
    return devices


def _replica_devices() -> list[str]:
    """The devices ``all`` trains on: every GPU, else every (logical) CPU device."""
    import tensorflow as tf

    gpus = tf.config.list_logical_devices("GPU")
    return [d.name for d in (gpus or tf.config.list_logical_devices("CPU"))]


def _set_precision(mixed_precision: bool, is_gpu: bool) -> None:
    """Keras's (thread-local) dtype policy; mixed precision only on GPUs."""
    if mixed_precision and not is_gpu:
        raise ValueError(
            "Mixed precision speeds up GPUs only, and this run uses the CPU. Turn mixed "
            "precision off."
        )
    keras.mixed_precision.set_dtype_policy("mixed_float16" if mixed_precision else "float32")


def _mirrored(device: str, mixed_precision: bool) -> DeviceInfo:
    import tensorflow as tf

    names = _replica_devices()
    if device != "all":
        wanted = [f"/GPU:{key[4:]}" if key.startswith("gpu:") else "/CPU:0"
                  for key in device.split(",")]
        names = [n for n in names if any(n.endswith(w[1:]) for w in wanted)]
        if len(names) != len(wanted):
            raise ValueError(f"Devices '{device}' are not all on this computer (found: "
                             f"{', '.join(_replica_devices())}).")
    is_gpu = any("GPU" in n for n in names)
    _set_precision(mixed_precision, is_gpu)
    short = ", ".join(n.split("device:")[-1] for n in names)
    if len(names) == 1:
        return DeviceInfo("all", short, names[0], is_gpu)
    strategy = tf.distribute.MirroredStrategy(devices=names)
    label = f"{len(names)} devices ({short})" + (", mixed precision" if mixed_precision
                                                   else "")
    return DeviceInfo(device, label, None, is_gpu, len(names), strategy)


def join_cluster(cluster: object) -> None:
    """Train in ``cluster`` (a :class:`fitgen_gui.core.cluster.Cluster`): every later
    :func:`configure` of this process trains on all its workers.

    TensorFlow configures its collective operations once, at program start: call this
    before anything else of TensorFlow runs (the CLI's ``fitgen worker`` does).
    """
    global _cluster
    if keras.backend.backend() != "tensorflow":
        raise RuntimeError("Training on several machines needs the TensorFlow backend.")
    os.environ["TF_CONFIG"] = cluster.tf_config()  # type: ignore[attr-defined]
    import tensorflow as tf

    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    _cluster = (cluster, strategy)


def joined_cluster() -> object | None:
    """The cluster :func:`join_cluster` joined, or None."""
    return None if _cluster is None else _cluster[0]


def _cluster_device(mixed_precision: bool) -> DeviceInfo:
    assert _cluster is not None
    cluster, strategy = _cluster
    local = list(strategy.extended.worker_devices)  # type: ignore[attr-defined]
    is_gpu = any("GPU" in d for d in local)
    _set_precision(mixed_precision, is_gpu)
    workers = len(cluster.workers)  # type: ignore[attr-defined]
    replicas = int(strategy.num_replicas_in_sync)  # type: ignore[attr-defined]
    kind = "GPU" if is_gpu else "CPU"
    each = f"{len(local)} {kind}{'s' if len(local) > 1 else ''}"
    label = (f"{workers} workers, {each} each; this is "
             f"{cluster.worker_text()}"  # type: ignore[attr-defined]
             + (", the chief" if cluster.is_chief else "")  # type: ignore[attr-defined]
             + (", mixed precision" if mixed_precision else ""))
    return DeviceInfo("cluster", label, None, is_gpu, replicas, strategy, workers,
                      cluster.index)  # type: ignore[attr-defined]


def configure(device: str, mixed_precision: bool) -> DeviceInfo:
    """Choose the device for ``device`` (``auto``, ``cpu``, ``gpu:N``) and the precision.

    Call on the training thread before building the model: Keras's dtype policy is
    thread-local. In a process that joined a cluster, every worker's devices train
    (``device`` is not used).

    Raises
    ------
    ValueError
        A GPU that is not there, or mixed precision without a GPU.
    """
    if _cluster is not None:
        return _cluster_device(mixed_precision)
    labels = dict(available_devices())
    if (device == "all" or "," in device) and keras.backend.backend() == "tensorflow":
        return _mirrored(device, mixed_precision)
    gpus = [key for key in labels if key.startswith("gpu:")]
    if device == "auto":
        device = gpus[0] if gpus else "cpu"
    if device.startswith("gpu:") and device not in gpus:
        found = ", ".join(gpus) or "none"
        raise ValueError(
            f"Device '{device}' is not available (GPUs found: {found}). Choose 'auto' or "
            "'cpu'."
        )
    is_gpu = device != "cpu"
    _set_precision(mixed_precision, is_gpu)
    framework = None
    if keras.backend.backend() == "tensorflow":
        framework = f"/GPU:{device[4:]}" if is_gpu else "/CPU:0"
    label = labels.get(device, device) if is_gpu else "CPU"
    if mixed_precision:
        label += ", mixed precision"
    return DeviceInfo(device, label, framework, is_gpu)


@contextlib.contextmanager
def device_scope(info: DeviceInfo) -> Iterator[None]:
    """Run the enclosed Keras work on ``info``'s device, or in its strategy's scope."""
    if info.strategy is not None:
        with info.strategy.scope():  # type: ignore[attr-defined]
            yield
        return
    if info.framework_name is None or keras.backend.backend() != "tensorflow":
        yield
        return
    import tensorflow as tf

    with tf.device(info.framework_name):
        yield
