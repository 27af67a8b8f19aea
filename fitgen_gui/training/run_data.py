"""The data of a run: training and validation iterators built from a ``RunConfig``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from fitgen_gui.core.config import ConfigError, Problem, RunConfig
from fitgen_gui.data.file_iterators import DirectoryIterator
from fitgen_gui.data.image_data_generator import ImageDataGenerator

__all__ = ["RunData", "build_run_data", "class_weights"]

_NORMALIZATION = ("rescale", "featurewise_center", "featurewise_std_normalization",
                  "samplewise_center", "samplewise_std_normalization", "zca_whitening",
                  "zca_epsilon")
_FIT_SAMPLE = 256  # images read to compute featurewise statistics


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
            f"names classes that are not in the training folder: {unknown}; the classes are "
            f"{class_names}")])
    return {i: float(setting.get(name, 1.0)) for i, name in enumerate(class_names)}


def _iterator_options(config: RunConfig) -> dict[str, Any]:
    data = config.data
    return {"target_size": tuple(data.target_size), "color_mode": data.color_mode,
            "class_mode": data.class_mode, "batch_size": data.batch_size,
            "interpolation": data.interpolation, "keep_aspect_ratio": data.keep_aspect_ratio,
            "follow_links": data.follow_links, "verbose": False}


def train_generator(config: RunConfig) -> ImageDataGenerator:
    """The augmenting generator of the training images."""
    return ImageDataGenerator(**config.augmentation.generator_kwargs(),
                              validation_split=config.data.validation_split)


def build_train_iterator(config: RunConfig, *, seed: int | None) -> DirectoryIterator:
    """The training images with the run's augmentation (also what the preview shows)."""
    data = config.data
    subset = "training" if data.validation_split else None
    iterator = train_generator(config).flow_from_directory(
        data.train_dir, subset=subset, shuffle=config.training.shuffle, seed=seed,
        **_iterator_options(config))
    names = list(iterator.class_indices)
    if iterator.samples == 0:
        raise ConfigError([Problem(
            "data.train_dir",
            f"no images found in '{data.train_dir}'. It needs one sub-folder per class, "
            "holding .jpg, .png, .bmp, .tif, .gif or .webp files")])
    if len(names) < 2:
        listed = f" ({names[0]})" if names else ""
        raise ConfigError([Problem(
            "data.train_dir",
            f"folder '{data.train_dir}' has {len(names)} class{listed}; at least 2 class "
            "sub-folders are needed")])
    return iterator


def build_user_data(config: RunConfig) -> RunData:
    """The sources of a Python data file (its code runs here)."""
    from fitgen_gui.training.user_data import load_user_data

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


def build_run_data(config: RunConfig, *, seed: int | None) -> RunData:
    """Training and validation iterators with matching class indices and normalization."""
    if config.data.generator_file:
        return build_user_data(config)
    data = config.data
    train = build_train_iterator(config, seed=seed)
    names = list(train.class_indices)
    notes: list[str] = []
    empty = [n for n, count in zip(names, np.bincount(train.classes, minlength=len(names)),
                                   strict=True) if count == 0]
    if empty:
        notes.append(f"Class folder(s) {empty} in '{data.train_dir}' have no images.")
    augmentation = config.augmentation
    generator = train.image_data_generator
    if augmentation.featurewise_center or augmentation.featurewise_std_normalization or (
            augmentation.zca_whitening):
        count = min(_FIT_SAMPLE, train.samples)
        picks = np.random.default_rng(seed).choice(train.samples, count, replace=False)
        sample = np.stack([train.load_image(train.filepaths[i]) for i in picks])
        generator.fit(sample.astype(np.float32))
    val = None
    if data.val_dir or data.validation_split:
        val_generator = ImageDataGenerator(
            **{k: getattr(augmentation, k) for k in _NORMALIZATION},
            validation_split=data.validation_split)
        val_generator.mean, val_generator.std = generator.mean, generator.std
        val_generator.zca_whitening_matrix = generator.zca_whitening_matrix
        source = data.val_dir or data.train_dir
        val = val_generator.flow_from_directory(
            source, subset="validation" if data.validation_split else None, shuffle=False,
            classes=names, allow_missing_classes=True, **_iterator_options(config))
        if data.val_dir:
            present = {e for e in os.listdir(data.val_dir)
                       if os.path.isdir(os.path.join(data.val_dir, e)) and not e.startswith(".")}
            only_val = sorted(present - set(names))
            if only_val:
                notes.append(f"Class folder(s) {only_val} are only in the validation folder; "
                             "they are left out of validation.")
            missing = sorted(set(names) - present)
            if missing:
                notes.append(f"Class(es) {missing} have no folder in '{data.val_dir}'; "
                             "validation does not measure them.")
        if val.samples == 0:
            notes.append("The validation data has no images; training runs without validation.")
            val = None
    weights = class_weights(config.training.class_weight, train.classes, names)
    return RunData(train, val, names, weights, notes, train.samples,
                   val.samples if val is not None else None)
