"""The data of a run, built from a ``RunConfig``: what the preview, the CLI and training use.

One module so that the three see the same thing: the same files (one walk of the folders,
:mod:`fitgen_gui.data.folder_scan`), the same augmentation, and the same normalization
statistics (:func:`fit_normalization`: one rule, one sample of files, keyed by the seed).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from fitgen_gui.core.config import ConfigError, Problem, RunConfig
from fitgen_gui.data.file_iterators import DirectoryIterator
from fitgen_gui.data.folder_scan import ClassTree, walk_class_tree
from fitgen_gui.data.image_data_generator import ImageDataGenerator
from fitgen_gui.data.run_counts import automatic_steps, extensions_of

__all__ = [
    "NORMALIZATION_SAMPLE",
    "RunData",
    "automatic_steps",
    "build_run_data",
    "build_train_iterator",
    "class_weights",
    "extensions_of",
    "fit_normalization",
    "plain_iterator",
    "summarize_class_names",
]

_NORMALIZATION = ("rescale", "featurewise_center", "featurewise_std_normalization",
                  "samplewise_center", "samplewise_std_normalization", "zca_whitening",
                  "zca_epsilon")
NORMALIZATION_SAMPLE = 256  # images read to compute featurewise statistics


@dataclass
class RunData:
    """Iterators (or a data file's sources) and facts about the data of one run."""

    train: Any
    val: Any | None
    class_names: list[str]
    class_weight: dict[int, float] | None
    warnings: list[str]
    train_samples: int | None = None
    val_samples: int | None = None
    from_folders: bool = True


def summarize_class_names(names: list[str], limit: int = 12) -> str:
    """``a, b, c`` or, for many classes, ``a, b, ... and 988 more`` (console lines stay short)."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])}, ... and {len(names) - limit} more"


def class_weights(setting: Any, classes: np.ndarray, class_names: list[str]
                  ) -> dict[int, float] | None:
    """``'none'``, ``'balanced'`` (n / (k * count)) or ``{class name: weight}`` as indices."""
    if setting in (None, "none"):
        return None
    if setting == "balanced":
        counts = np.bincount(classes, minlength=len(class_names))
        total, k = counts.sum(), len(class_names)
        return {i: float(total / (k * c)) if c else 1.0 for i, c in enumerate(counts)}
    unknown = [name for name in setting if name not in class_names]
    if unknown:
        raise ConfigError([Problem(
            "training.class_weight",
            f"names classes that are not in the data: {unknown}; the classes are "
            f"{summarize_class_names(class_names)}")])
    return {i: float(setting.get(name, 1.0)) for i, name in enumerate(class_names)}


def _iterator_options(config: RunConfig) -> dict[str, Any]:
    data = config.data
    return {"target_size": tuple(data.target_size), "color_mode": data.color_mode,
            "class_mode": data.class_mode, "batch_size": data.batch_size,
            "interpolation": data.interpolation, "keep_aspect_ratio": data.keep_aspect_ratio,
            "follow_links": data.follow_links, "verbose": False,
            "extensions": extensions_of(config), "fast_resize": data.fast_resize,
            # The app's rule, the same as its data check: a linked class folder is a
            # class only when links are followed.
            "class_links": None}


def train_generator(config: RunConfig) -> ImageDataGenerator:
    """The augmenting generator of the training images (normalization not fitted yet)."""
    return ImageDataGenerator(**config.augmentation.generator_kwargs(),
                              validation_split=config.data.validation_split)


def walk_training_folder(config: RunConfig) -> ClassTree:
    """The walk of the training folder that the iterators, the preview and the steps use."""
    data = config.data
    return walk_class_tree(data.train_dir, follow_links=data.follow_links,
                           extensions=extensions_of(config))


def _split_tree(tree: ClassTree, split: float, subset: str | None) -> ClassTree:
    """The files of ``subset`` of a whole-folder walk, as ``validation_split`` takes them
    (per class: the first ``int(split * n)`` files are validation)."""
    if not subset:
        return tree
    out = ClassTree(tree.root, class_names=list(tree.class_names))
    for index in range(len(tree.class_names)):
        files = [f for f, c in zip(tree.filenames, tree.classes, strict=True) if c == index]
        cut = int(split * len(files))
        part = files[:cut] if subset == "validation" else files[cut:]
        out.filenames.extend(part)
        out.classes.extend([index] * len(part))
    return out


def build_train_iterator(config: RunConfig, *, seed: int | None,
                         tree: ClassTree | None = None) -> DirectoryIterator:
    """The training images with the run's augmentation (the preview shows this iterator).

    ``tree`` reuses a walk of the training folder (:func:`walk_training_folder`).
    Normalization statistics are not fitted here: see :func:`fit_normalization`.
    """
    data = config.data
    subset = "training" if data.validation_split else None
    if tree is not None:
        tree = _split_tree(tree, data.validation_split, subset)
    iterator = train_generator(config).flow_from_directory(
        data.train_dir, subset=subset, shuffle=config.training.shuffle, seed=seed,
        tree=tree, **_iterator_options(config))
    names = list(iterator.class_indices)
    if iterator.samples == 0:
        kinds = ", ".join(extensions_of(config))
        raise ConfigError([Problem(
            "data.train_dir",
            f"no images found in '{data.train_dir}'. It needs one sub-folder per class, "
            f"holding image files ({kinds})")])
    if len(names) < 2:
        listed = f" ({names[0]})" if names else ""
        raise ConfigError([Problem(
            "data.train_dir",
            f"folder '{data.train_dir}' has {len(names)} class{listed}; at least 2 class "
            "sub-folders are needed")])
    return iterator


def plain_iterator(config: RunConfig, tree: ClassTree, fitted: Any = None,
                   *, seed: int | None = None) -> DirectoryIterator:
    """The images of ``tree`` without augmentation, in its order, normalized as the run's
    validation images are (with the statistics of ``fitted``, an iterator whose
    normalization was fitted, when the settings need any)."""
    generator = ImageDataGenerator(**{k: getattr(config.augmentation, k) for k in _NORMALIZATION})
    if fitted is not None:
        source = fitted.image_data_generator
        generator.mean, generator.std = source.mean, source.std
        generator.zca_whitening_matrix = source.zca_whitening_matrix
    return generator.flow_from_directory(
        tree.root, shuffle=False, seed=seed, classes=list(tree.class_names), tree=tree,
        allow_missing_classes=True, **_iterator_options(config))


def needs_normalization_fit(config: RunConfig) -> bool:
    aug = config.augmentation
    return bool(aug.featurewise_center or aug.featurewise_std_normalization
                or aug.zca_whitening)


def fit_normalization(iterator: DirectoryIterator, seed: int | None) -> None:
    """Fit the iterator's featurewise statistics on the same sample of files everywhere.

    The sample is :data:`NORMALIZATION_SAMPLE` files drawn with ``seed``, read without
    augmentation: the preview and training get the same statistics, so the preview shows
    exactly what the model receives.
    """
    generator = iterator.image_data_generator
    if not (generator.featurewise_center or generator.featurewise_std_normalization
            or generator.zca_whitening):
        return
    count = min(NORMALIZATION_SAMPLE, iterator.samples)
    picks = np.sort(np.random.default_rng(seed).choice(iterator.samples, count, replace=False))
    sample = np.stack([iterator.load_image(iterator.filepaths[i]) for i in picks])
    generator.fit(sample.astype(np.float32))


class NormalizationCache:
    """Fitted statistics per (files, seed, options), so that the preview reads its sample
    once, not at every change of an augmentation slider. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stats: dict[str, tuple] = {}

    def apply(self, iterator: DirectoryIterator, key: str, seed: int | None) -> None:
        generator = iterator.image_data_generator
        with self._lock:
            known = self._stats.get(key)
        if known is None:
            fit_normalization(iterator, seed)
            known = (generator.mean, generator.std, generator.zca_whitening_matrix)
            with self._lock:
                self._stats = {key: known}  # one entry: the current settings
        generator.mean, generator.std, generator.zca_whitening_matrix = known


def build_user_data(config: RunConfig) -> RunData:
    """The sources of a Python data file (its code runs here)."""
    from fitgen_gui.data.user_data import load_user_data

    user = load_user_data(config.data.generator_file)
    setting = config.training.class_weight
    if setting == "balanced":
        raise ConfigError([Problem(
            "training.class_weight", "'balanced' needs image folders to count the classes; "
            "give a weight per class instead")])
    weights = None if setting in (None, "none") else class_weights(setting, np.zeros(0, int),
                                                                   user.class_names)
    batch = config.data.batch_size
    return RunData(user.train(batch), user.validation(batch), user.class_names, weights, [],
                   from_folders=False)


def build_run_data(config: RunConfig, *, seed: int | None,
                   train_tree: ClassTree | None = None,
                   val_tree: ClassTree | None = None,
                   progress: Callable[[str], None] | None = None) -> RunData:
    """Training and validation iterators with matching class indices and normalization.

    ``train_tree`` / ``val_tree`` reuse walks of the folders (the data check's).
    """
    if config.data.source == "python":
        return build_user_data(config)
    data = config.data
    if train_tree is None:
        train_tree = walk_training_folder(config)
    train = build_train_iterator(config, seed=seed, tree=train_tree)
    names = list(train.class_indices)
    notes: list[str] = []
    empty = [n for n, count in zip(names, np.bincount(train.classes, minlength=len(names)),
                                   strict=True) if count == 0]
    if empty:
        notes.append(f"Class folder(s) {summarize_class_names(empty)} in '{data.train_dir}' "
                     "have no images.")
    if needs_normalization_fit(config) and progress is not None:
        progress("Computing the normalization statistics")
    fit_normalization(train, seed)
    generator = train.image_data_generator
    val = None
    if data.val_dir or data.validation_split:
        val_generator = ImageDataGenerator(
            **{k: getattr(config.augmentation, k) for k in _NORMALIZATION},
            validation_split=data.validation_split)
        val_generator.mean, val_generator.std = generator.mean, generator.std
        val_generator.zca_whitening_matrix = generator.zca_whitening_matrix
        if data.val_dir:
            if val_tree is None:
                val_tree = walk_class_tree(data.val_dir, follow_links=data.follow_links,
                                           extensions=extensions_of(config))
            present = set(val_tree.class_names)
            only_val = sorted(present - set(names))
            if only_val:
                notes.append(f"Class folder(s) {summarize_class_names(only_val)} are only in "
                             "the validation folder; they are left out of validation.")
            missing = sorted(set(names) - present)
            if missing:
                notes.append(f"Class(es) {summarize_class_names(missing)} have no folder in "
                             f"'{data.val_dir}'; validation does not measure them.")
            val = val_generator.flow_from_directory(
                data.val_dir, shuffle=False, classes=names, allow_missing_classes=True,
                **_iterator_options(config))
        else:
            val = val_generator.flow_from_directory(
                data.train_dir, subset="validation", shuffle=False, classes=names,
                tree=_split_tree(train_tree, data.validation_split, "validation"),
                allow_missing_classes=True, **_iterator_options(config))
        if val.samples == 0:
            notes.append("The validation data has no images; training runs without validation.")
            val = None
    weights = class_weights(config.training.class_weight, train.classes, names)
    return RunData(train, val, names, weights, notes, train.samples,
                   val.samples if val is not None else None)


def describe_tree(tree: ClassTree) -> str:
    """``'Found 245 images belonging to 2 classes: ants, bees.'``"""
    return (f"Found {len(tree.filenames)} images belonging to {len(tree.class_names)} "
            f"classes: {summarize_class_names(tree.class_names)}.")


def absolute(path: str) -> str:
    """An absolute path (a run's config stores them, so that it resumes from anywhere)."""
    return os.path.abspath(path) if path else path
