"""Fast head training on a frozen backbone: each image's features are computed once.

With the backbone frozen (and batch normalization in inference mode), the backbone gives
the same output for the same image in every epoch, so an epoch through it redoes the same
work: decoding every photo and running millions of multiply-adds per image, for a head of a
few thousand weights. Here the whole model is split at the backbone's output into an
*extractor* (pixels to features) and a *head* (features to classes) that share the model's
own layers; the features of every training image (``copies`` augmented copies of each when
augmenting: epoch ``e`` uses copy ``e mod copies``) and of every validation image are
computed once and kept in the run folder, and the head trains on them. The checkpoints are
of the whole model (the head's weights are its weights), so evaluating, exporting and
resuming see an ordinary run.

The cache is reused when the run resumes and rebuilt when the images, the backbone's weights
or a setting that changes the features differ from those it was computed with (its key).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import math
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.run_dir import write_atomic
from fitgen_gui.data.iterators import Iterator

__all__ = ["CachedFeatures", "FeatureIterator", "applies", "build_cache", "split_model"]

FILES = {"train": "features-train.npz", "val": "features-val.npz"}
_VERSION = 1
_STREAM = 7  # the augmentation draws of cached copies (not the training stream's)


def applies(config: RunConfig, from_folders: bool) -> bool:
    """A pretrained-style backbone kept frozen, on images from folders."""
    model = config.model
    return (model.feature_cache and model.architecture != "small_cnn"
            and not model.train_base and from_folders)


def split_model(model: keras.Model) -> tuple[keras.Model, keras.Model]:
    """``(extractor, head)``: pixels to the backbone's features, features to classes.

    Both reuse ``model``'s layers (no copies): training the head trains ``model``.
    """
    names = [layer.name for layer in model.layers]
    head_layers = [model.get_layer(n) for n in ("dropout", "predictions") if n in names]
    features = head_layers[0].input
    extractor = keras.Model(model.inputs, features, name="fitgen_features")
    inputs = x = keras.Input(tuple(features.shape[1:]), name="features")
    for layer in head_layers:
        x = layer(x)
    return extractor, keras.Model(inputs, x, name="fitgen_head")


class FeatureIterator(Iterator):
    """Batches of cached features in the order the image iterator would give its images.

    The sample order of each epoch is the source iterator's (same seed), so a run on cached
    features sees its images in the order a run through the backbone would.
    """

    def __init__(self, features: np.ndarray, targets: np.ndarray, source: Any) -> None:
        # The source's own seed (drawn when it was given none): the same orders.
        super().__init__(features.shape[1], source.batch_size, source.shuffle,
                         source._base_seed)
        self.features, self.targets = features, targets
        self.class_indices = dict(source.class_indices)
        self.classes = source.classes
        self.class_mode = source.class_mode
        self.set_epoch(source.epoch)

    def _get_batches_of_transformed_samples(
        self, index_array: np.ndarray, rng: np.random.Generator | None = None,
        augment: bool = True,
    ) -> Any:
        copy = self.epoch % len(self.features)
        return self.features[copy][index_array], self.targets[copy][index_array]


@dataclasses.dataclass
class CachedFeatures:
    """What a run trains on when its head learns from cached features."""

    head: keras.Model
    train: FeatureIterator
    val: FeatureIterator | None
    reused: dict[str, bool]  # per split: read back from the run folder
    reasons: dict[str, str]  # per split: why it was computed ("" for a new cache)


def _digest(*parts: Any) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else json.dumps(part).encode())
    return hasher.hexdigest()


def _files_digest(iterator: Any) -> str:
    rows = []
    for path, label in zip(iterator.filepaths, iterator.classes, strict=True):
        try:
            stat = os.stat(path)
            rows.append([path, int(label), stat.st_size, stat.st_mtime_ns])
        except OSError:
            rows.append([path, int(label), None, None])
    return _digest(rows)


def _weights_digest(model: keras.Model) -> str:
    return _digest(*(np.ascontiguousarray(w).tobytes() for w in model.get_weights()))


def _key(config: RunConfig, iterator: Any, extractor: keras.Model, copies: int,
         augment: bool) -> dict[str, str]:
    generator = iterator.image_data_generator
    stats = [getattr(generator, k, None) for k in ("mean", "std", "zca_whitening_matrix")]
    data = config.data
    settings = {
        "version": _VERSION, "architecture": config.model.architecture,
        "input_size": list(config.effective_input_size()), "copies": copies,
        "target_size": list(data.target_size), "color_mode": data.color_mode,
        "interpolation": data.interpolation, "keep_aspect_ratio": data.keep_aspect_ratio,
        "fast_resize": data.fast_resize, "class_mode": iterator.class_mode,
        "seed": int(iterator._base_seed),
        "augmentation": config.augmentation.generator_kwargs() if augment else None,
        "normalization": _digest(*(np.asarray(s).tobytes() for s in stats if s is not None)),
    }
    return {"images": _files_digest(iterator), "backbone": _weights_digest(extractor),
            "settings": _digest(settings)}


_WHY = {"images": "the images changed", "backbone": "the backbone's weights changed",
        "settings": "settings that change the features changed"}


def _read(path: Path, key: dict[str, str]) -> tuple[np.ndarray, np.ndarray] | str:
    """The cached arrays, or why they cannot be used."""
    if not path.exists():
        return ""
    try:
        with np.load(path, allow_pickle=False) as stored:
            old = json.loads(str(stored["key"]))
            changed = [_WHY[part] for part in _WHY if old.get(part) != key[part]]
            if changed:
                return " and ".join(changed)
            return stored["features"], stored["targets"]
    except (OSError, ValueError, KeyError, EOFError) as exc:  # a damaged file: rebuilt
        return f"the cache file could not be read ({type(exc).__name__})"


def _write(path: Path, key: dict[str, str], features: np.ndarray, targets: np.ndarray) -> None:
    buffer = io.BytesIO()
    np.savez(buffer, features=features, targets=targets, key=np.array(json.dumps(key)))
    write_atomic(path, buffer.getvalue())


def _compute(extractor: keras.Model, iterator: Any, copies: int, augment: bool,
             workers: int, progress: Callable[[int, int], None]) -> tuple[np.ndarray, ...]:
    """Features (copies, n, dims) and targets (copies, n, ...) of every image, in index order."""
    n, size = iterator.n, iterator.batch_size
    batches = math.ceil(n / size)
    features: np.ndarray | None = None
    targets: np.ndarray | None = None
    done = 0

    def load(copy: int, batch: int) -> Any:
        indices = np.arange(batch * size, min(n, (batch + 1) * size))
        return iterator.samples_at(indices, epoch=copy, batch=batch, augment=augment,
                                   stream=_STREAM)

    jobs = [(copy, batch) for copy in range(copies) for batch in range(batches)]
    with ThreadPoolExecutor(max(1, workers)) as pool:
        pending: deque = deque()
        ahead = iter(jobs)
        for _ in range(2 * max(1, workers)):
            job = next(ahead, None)
            if job is not None:
                pending.append((job, pool.submit(load, *job)))
        while pending:
            (copy, batch), future = pending.popleft()
            x, y = future.result()[:2]
            job = next(ahead, None)
            if job is not None:
                pending.append((job, pool.submit(load, *job)))
            out = keras.ops.convert_to_numpy(extractor.predict_on_batch(x)).astype(np.float32)
            y = np.asarray(y)
            if features is None:
                features = np.empty((copies, n, *out.shape[1:]), np.float32)
                targets = np.empty((copies, n, *y.shape[1:]), y.dtype)
            start = batch * size
            features[copy, start:start + len(out)] = out
            targets[copy, start:start + len(y)] = y
            done += len(out)
            progress(done, copies * n)
    assert features is not None and targets is not None
    return features, targets


def build_cache(model: keras.Model, config: RunConfig, data: Any, run_path: str | Path, *,
                workers: int = 1, progress: Callable[[str, int, int], None] | None = None,
                ) -> CachedFeatures:
    """Split ``model``, compute (or read back) the features of ``data``'s images into
    ``run_path``, and compile the head with ``model``'s optimizer and loss.

    ``progress(split, done, total)`` is called after every batch computed.
    """
    extractor, head = split_model(model)
    augment = config.augmentation.is_random()
    splits: dict[str, FeatureIterator | None] = {"train": None, "val": None}
    reused: dict[str, bool] = {}
    reasons: dict[str, str] = {}
    for split, source in (("train", data.train), ("val", data.val)):
        if source is None:
            continue
        copies = config.model.feature_cache_copies if split == "train" and augment else 1
        key = _key(config, source, extractor, copies, augment and split == "train")
        path = Path(run_path) / FILES[split]
        found = _read(path, key)
        if isinstance(found, tuple):
            reused[split], reasons[split] = True, ""
            arrays = found
        else:
            reused[split], reasons[split] = False, found

            def report(done: int, total: int, split: str = split) -> None:
                if progress is not None:
                    progress(split, done, total)

            arrays = _compute(extractor, source, copies, augment and split == "train",
                              workers, report)
            _write(path, key, *arrays)
        splits[split] = FeatureIterator(*arrays, source)
    head.compile(optimizer=model.optimizer, loss=model.loss, metrics=["accuracy"])
    assert splits["train"] is not None
    return CachedFeatures(head, splits["train"], splits["val"], reused, reasons)
