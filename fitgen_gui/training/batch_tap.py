"""The batch tap: the exact arrays the training step gets for batch N, and what is odd in them.

Training reads its source as one stream (``fit_generator``'s): a folder iterator or a
PyDataset pass after pass, each pass in the order of its epoch (``set_epoch``), a plain
generator from its start. Batch N (counted from 1 over the whole run, as the console counts
epochs and batches) is rebuilt here the same way, with the run's seed, so its images,
augmentation, labels and sample weights (class weights applied, as the training step gets
them) are those of the training. A run without a seed draws new random numbers each time:
the tap then says its batch is not reproducible.

Flags name what is wrong in words: pixels already in 0-1 while the model scales 0-255
itself (FitGen's models do), values above 1 after a 1/255 rescale, constant images, NaN or
Inf, targets that do not fit the model's output.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.data.batch_streams import is_sequence, sequence_length
from fitgen_gui.data.preview_grid import batch_labels, save_grid
from fitgen_gui.training.batch_contract import class_weights_to_sample_weights

__all__ = ["Flag", "LossSpike", "TappedBatch", "augmentations_of", "batch_flags",
           "batch_statistics", "find_loss_spike", "tap_batch", "write_tap"]

HISTOGRAM_BINS = 32


@dataclass(frozen=True)
class Flag:
    """Something odd in a batch: a stable key and a sentence."""

    key: str
    message: str


@dataclass
class TappedBatch:
    """Batch ``number`` of a run, as the training step gets it."""

    number: int  # from 1, over the whole run
    epoch: int | None  # from 1; None: a plain generator without steps per epoch
    index: int | None  # from 1, within the epoch (None likewise)
    x: np.ndarray
    y: np.ndarray | None
    sample_weight: np.ndarray | None
    files: list[str] | None
    labels: list[str]
    class_names: list[str]
    reproducible: bool
    stats: dict[str, Any] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def position(self) -> str:
        """Where the batch is in the run, in words: "epoch 2, batch 3"."""
        if self.epoch is None:
            return (f"batch {self.number} of the generator's stream; set steps per epoch to "
                    "know its epoch")
        return f"epoch {self.epoch}, batch {self.index}"


def _steps(config: RunConfig, train: Any) -> int | None:
    """Batches per epoch; None for a plain generator without ``steps_per_epoch``: it is one
    stream, so batch N is simply its N-th batch, in no known epoch."""
    if config.training.steps_per_epoch:
        return int(config.training.steps_per_epoch)
    if is_sequence(train):
        length = sequence_length(train)
        if length:
            return int(length)
    return None


def _from_sequence(seq: Any, number: int) -> tuple[Any, list[str] | None]:
    """Batch ``number`` of a pass-after-pass read (what fit_generator's stream does)."""
    length = sequence_length(seq)
    passes, index = divmod(number - 1, length)
    files = None
    if hasattr(seq, "set_epoch"):  # FitGen's iterators: each pass is an epoch's order
        seq.set_epoch(passes)
    else:
        for _ in range(passes):
            end = getattr(seq, "on_epoch_end", None)
            if end is not None:
                end()
    batch = seq[index]
    paths = getattr(seq, "filepaths", None)
    if paths is not None and hasattr(seq, "index_array"):
        window = seq.index_array[seq.batch_size * index:seq.batch_size * (index + 1)]
        files = [paths[i] for i in window]
    return batch, files


def _from_generator(source: Any, number: int) -> Any:

    iterator = iter(source)
    batch = None
    for drawn in range(number):
        try:
            batch = next(iterator)
        except StopIteration:
            raise UserError(f"The training data ended after {drawn} batches; it has no batch "
                            f"{number}.") from None
    return batch


def tap_batch(config: RunConfig, number: int, *, data: Any = None) -> TappedBatch:
    """Batch ``number`` (from 1) of a run of ``config``: arrays, files, statistics, flags.

    ``data`` reuses a ``RunData`` built from ``config`` (the app keeps one).
    """
    import time

    from fitgen_gui.data.pipeline import build_run_data

    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise UserError(f"The batch number must be 1 or more; got {number!r}.")
    started = time.perf_counter()
    seed = config.training.seed
    if data is None:
        data = build_run_data(config, seed=seed)
    steps = _steps(config, data.train)
    if is_sequence(data.train):
        batch, files = _from_sequence(data.train, number)
    else:
        batch, files = _from_generator(data.train, number), None
    if not isinstance(batch, tuple | list) or len(batch) not in (2, 3):
        raise UserError("Each training batch must be a tuple (inputs, targets) or (inputs, "
                        "targets, sample_weights).")
    x = np.asarray(batch[0])
    y = None if batch[1] is None else np.asarray(batch[1])
    w = np.asarray(batch[2], dtype=np.float32) if len(batch) == 3 and batch[2] is not None \
        else None
    if data.class_weight and y is not None:
        weights = class_weights_to_sample_weights(y, data.class_weight)
        w = weights if w is None else w * weights
    epoch = index = None
    if steps is not None:
        epoch, index = (n + 1 for n in divmod(number - 1, steps))
    tapped = TappedBatch(
        number=number, epoch=epoch, index=index, x=x, y=y, sample_weight=w,
        files=files, labels=batch_labels(y, list(data.class_names), config.data.class_mode),
        class_names=list(data.class_names),
        reproducible=seed is not None or not data.from_folders)
    tapped.stats = batch_statistics(x, y, w)
    tapped.flags = batch_flags(x, y, config, len(data.class_names), expects_0_255=True)
    tapped.seconds = time.perf_counter() - started
    return tapped


@dataclass(frozen=True)
class LossSpike:
    """The batch (from 1, over the run) whose loss became NaN or jumped the most."""

    number: int
    epoch: int  # from 1
    index: int  # from 1, within the epoch
    loss: float
    ratio: float  # the loss over the median of the batches before it (inf for NaN)

    def describe(self) -> str:
        where = f"batch {self.number} (epoch {self.epoch}, batch {self.index})"
        if not np.isfinite(self.loss):
            return f"The loss became {self.loss} at {where}."
        return (f"The loss jumped to {self.loss:.4g} at {where}, {self.ratio:.1f} times the "
                "median of the batches before it.")


def find_loss_spike(events: list[Any], window: int = 20) -> LossSpike | None:
    """The first NaN/Inf batch loss in a run's ``BatchEnded`` events, else the batch whose
    loss is the largest multiple of the median of the ``window`` batches before it."""
    from fitgen_gui.core.events import BatchEnded

    numbers: list[tuple[int, int, int]] = []
    losses: list[float] = []
    for event in events:
        if not isinstance(event, BatchEnded) or "loss" not in event.metrics:
            continue
        steps = max(1, event.steps_per_epoch)
        for i, loss in enumerate(event.metrics["loss"]):
            batch = event.first_batch + i
            numbers.append((event.epoch * steps + batch + 1, event.epoch + 1, batch + 1))
            losses.append(float(loss))
    if not losses:
        return None
    values = np.asarray(losses)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        i = int(bad[0])
        return LossSpike(*numbers[i], loss=float(values[i]), ratio=float("inf"))
    best, best_ratio = None, 0.0
    for i in range(min(window, len(values) - 1), len(values)):
        before = values[max(0, i - window):i]
        if before.size < 3:
            continue
        median = float(np.median(before))
        ratio = values[i] / median if median > 0 else 0.0
        if ratio > best_ratio:
            best, best_ratio = i, ratio
    if best is None:
        return None
    return LossSpike(*numbers[best], loss=float(values[best]), ratio=best_ratio)


def _describe(array: np.ndarray | None) -> dict[str, Any] | None:
    if array is None:
        return None
    return {"shape": list(array.shape), "dtype": str(array.dtype)}


def batch_statistics(x: np.ndarray, y: np.ndarray | None = None,
                     w: np.ndarray | None = None) -> dict[str, Any]:
    """Shapes and dtypes; per-channel min, max, mean, std and a histogram of the inputs."""
    values = np.asarray(x, dtype=np.float64)
    if values.ndim >= 2:
        channels = values.reshape(-1, values.shape[-1]) if values.ndim >= 3 else \
            values.reshape(-1, 1)
    else:
        channels = values.reshape(-1, 1)
    finite = np.where(np.isfinite(channels), channels, np.nan)
    per_channel = []
    for c in range(channels.shape[1]):
        column = finite[:, c]
        column = column[~np.isnan(column)]
        if column.size == 0:
            per_channel.append({"min": None, "max": None, "mean": None, "std": None,
                                "histogram": [], "edges": []})
            continue
        counts, edges = np.histogram(column, bins=HISTOGRAM_BINS)
        per_channel.append({
            "min": float(column.min()), "max": float(column.max()),
            "mean": float(column.mean()), "std": float(column.std()),
            "histogram": counts.tolist(), "edges": [float(e) for e in edges]})
    return {"inputs": _describe(np.asarray(x)), "targets": _describe(y),
            "sample_weight": _describe(w), "channels": per_channel}


def batch_flags(x: np.ndarray, y: np.ndarray | None, config: RunConfig | None,
                num_classes: int, *, expects_0_255: bool) -> list[Flag]:
    """What is wrong in a batch, in words (empty when nothing is)."""
    flags: list[Flag] = []
    values = np.asarray(x)
    numeric = values.dtype.kind in "biuf"
    if numeric and values.dtype.kind == "f":
        bad = int((~np.isfinite(values)).sum())
        if bad:
            flags.append(Flag("not_finite", f"{bad} input values are NaN or infinite: the loss "
                                            "will be NaN. Find where the data divides by zero "
                                            "or reads a damaged file."))
    finite = values[np.isfinite(values)] if numeric else np.zeros(0)
    if finite.size:
        low, high = float(finite.min()), float(finite.max())
        rescale = config.augmentation.rescale if config is not None else None
        if expects_0_255 and values.dtype.kind == "f" and low >= 0 and high <= 1.0:
            flags.append(Flag("zero_one", (
                f"Pixels are already in 0-1 (from {low:.3g} to {high:.3g}), but the model "
                "scales 0-255 pixels itself: it sees images 255 times too dark. Remove the "
                "rescale (1/255) from the data.")))
        if rescale and abs(rescale * 255 - 1) < 0.05 and high > 1.0 + 1e-6:
            flags.append(Flag("above_one", (
                f"Values reach {high:.3g} after a rescale of 1/255: they should be at most 1. "
                "Is the data scaled twice, or are the images 16-bit?")))
    if numeric and values.ndim >= 2 and len(values):
        flat = values.reshape(len(values), -1).astype(np.float64)
        spread = np.nanmax(flat, axis=1) - np.nanmin(flat, axis=1)
        constant = [int(i) + 1 for i in np.flatnonzero(spread == 0)]
        if constant:
            listed = ", ".join(map(str, constant[:10])) + (" ..." if len(constant) > 10 else "")
            flags.append(Flag("constant", (
                f"{len(constant)} image(s) of the batch are one flat value (image "
                f"{listed}): blank or failed reads teach the model nothing.")))
    problem = target_problem(y, config.data.class_mode if config else None, num_classes,
                             len(values))
    if problem:
        flags.append(Flag("targets", problem))
    return flags


def target_problem(y: np.ndarray | None, class_mode: str | None, num_classes: int,
                   samples: int) -> str | None:
    """Why targets do not fit the model's output for ``class_mode``, or None."""
    if y is None or class_mode in (None, "input"):
        return None
    arr = np.asarray(y)
    if len(arr) != samples:
        return f"The batch has {samples} images but {len(arr)} targets."
    if arr.dtype.kind not in "biuf":
        return f"The targets are {arr.dtype} values, not numbers."
    if class_mode == "categorical":
        if arr.ndim != 2 or arr.shape[1] != num_classes:
            return (f"The targets have shape {tuple(arr.shape)}, but the model's output is "
                    f"(n, {num_classes}): categorical needs one-hot rows of {num_classes} "
                    "values (or choose class mode 'sparse' for class numbers).")
        if not np.allclose(arr.sum(axis=1), 1.0, atol=1e-3):
            return "Some one-hot target rows do not add up to 1."
        return None
    flat = arr.reshape(-1) if arr.ndim == 1 or (arr.ndim == 2 and arr.shape[1] == 1) else None
    if flat is None:
        return (f"The targets have shape {tuple(arr.shape)}; class mode '{class_mode}' needs "
                "one class number per image, shape (n,).")
    top = 1 if class_mode == "binary" else num_classes - 1
    if flat.min() < 0 or flat.max() > top or not np.array_equal(np.rint(flat), flat):
        return (f"The targets hold values from {flat.min():g} to {flat.max():g}; class mode "
                f"'{class_mode}' needs whole class numbers 0 to {top}.")
    return None


def augmentations_of(config: RunConfig, number: int, sample: int, count: int = 16,
                     *, data: Any = None) -> np.ndarray:
    """The image ``sample`` (from 0) of batch ``number``, augmented ``count`` times.

    Folder data only: the same file through the run's augmentation with ``count``
    different random draws (the first is the one training used).
    """
    from fitgen_gui.data.pipeline import build_run_data

    if data is None:
        data = build_run_data(config, seed=config.training.seed)
    it = data.train
    if not data.from_folders or not hasattr(it, "get_batch"):
        raise UserError("Sixteen augmentations need image folders; a data file makes its own "
                        "images.")
    length = len(it)
    passes, index = divmod(number - 1, length)
    it.set_epoch(passes)
    out = []
    for stream in range(count):
        batch = it.get_batch(index, stream=stream)
        x = batch[0] if isinstance(batch, tuple) else batch
        if not 0 <= sample < len(x):
            raise UserError(f"Batch {number} has {len(x)} images; there is no image "
                            f"{sample + 1}.")
        out.append(np.asarray(x[sample]))
    return np.stack(out)


def write_tap(tapped: TappedBatch, out_dir: str | os.PathLike) -> dict[str, str]:
    """``batch-NNNN.npz`` (x, y, sample_weight, files), ``.png`` (a grid) and ``.json``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"batch-{tapped.number:04d}"
    arrays: dict[str, Any] = {"x": tapped.x}
    if tapped.y is not None:
        arrays["y"] = tapped.y
    if tapped.sample_weight is not None:
        arrays["sample_weight"] = tapped.sample_weight
    if tapped.files is not None:
        arrays["files"] = np.asarray(tapped.files)
    paths = {"npz": str(out / f"{stem}.npz"), "png": str(out / f"{stem}.png"),
             "json": str(out / f"{stem}.json")}
    np.savez(paths["npz"], **arrays)
    if tapped.x.ndim == 4:  # images: a grid with each one's label and weight
        captions = [(tapped.labels[i] if i < len(tapped.labels) else "") + (
            f" w{float(tapped.sample_weight[i]):.3g}" if tapped.sample_weight is not None
            else "") for i in range(len(tapped.x))]
        save_grid(paths["png"], tapped.x, tapped.class_names, None, captions=captions)
    else:
        paths.pop("png")
    record = {
        "batch": tapped.number, "epoch": tapped.epoch, "batch_in_epoch": tapped.index,
        "reproducible": tapped.reproducible, "class_names": tapped.class_names,
        "labels": tapped.labels, "files": tapped.files,
        "sample_weight": None if tapped.sample_weight is None
        else [float(v) for v in tapped.sample_weight],
        "statistics": tapped.stats,
        "flags": [{"key": f.key, "message": f.message} for f in tapped.flags],
    }
    Path(paths["json"]).write_text(json.dumps(record, indent=2), encoding="utf-8")
    return paths
