"""The rules a ``RunConfig`` must follow, each problem naming the field and the fix.

Each setting's own range and choices come from its description (``setting(...)`` in
:mod:`.config`); the rules here are the ones between settings (a validation folder *or* a
split, fine-tuning only on a frozen backbone...), and the settings whose values need more
than a range (paths, pairs of pixels, devices, class weights).
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Any

from fitgen_gui.core.setting_info import Problem, check_number, check_setting

if TYPE_CHECKING:
    from fitgen_gui.core.config import RunConfig

__all__ = ["validate"]


def validate(config: RunConfig, *, check_paths: bool, has_validation: bool | None,
             devices: list[str] | None) -> list[Problem]:
    """Every problem of ``config`` (see :meth:`RunConfig.validate`)."""
    problems: list[Problem] = []
    if has_validation is None:
        has_validation = config.data.source == "folders" and bool(
            config.data.val_dir or config.data.validation_split)
    _check_described(config, problems)
    _data(config, problems, check_paths)
    _augmentation(config, problems)
    _model(config, problems, check_paths)
    _training(config, problems, devices)
    _callbacks(config, has_validation, problems)
    return problems


def _check_described(config: RunConfig, problems: list[Problem]) -> None:
    """Each setting against its own description: its choices, its range."""
    from fitgen_gui.core.config import get_field, setting_info, setting_names

    for name in setting_names():
        info = setting_info(name)
        if not info.checked or (info.applies is not None and not info.applies(config)):
            continue
        value = get_field(config, name)
        if value is None and _optional(config, name):
            continue
        check_setting(problems, name, value, info)


def _optional(config: RunConfig, name: str) -> bool:
    section, _, field = name.rpartition(".")
    owner: Any = config if not section else getattr(config, section)
    kind = next(f.type for f in dataclasses.fields(owner) if f.name == field)
    return "None" in str(kind)


def _folder_problem(name: str, path: str, what: str) -> Problem | None:
    """Why ``path`` is not a folder, in words (None when it is one)."""
    if os.path.isdir(path):
        return None
    if os.path.exists(path):
        return Problem(name, f"'{path}' is a file; choose the folder that holds {what}")
    return Problem(name, f"folder '{path}' does not exist")


def _data(config: RunConfig, problems: list[Problem], check_paths: bool) -> None:
    data = config.data
    if data.source == "python":
        _data_file(data, problems, check_paths)
    elif not data.train_dir:
        problems.append(Problem("data.train_dir", "choose the folder of training images "
                                "(one sub-folder per class)"))
    elif check_paths and (problem := _folder_problem(
            "data.train_dir", data.train_dir, "one sub-folder per class")):
        problems.append(problem)
    folders = data.source == "folders"
    if folders and data.val_dir and check_paths and (problem := _folder_problem(
            "data.val_dir", data.val_dir, "the validation images, one sub-folder per class")):
        problems.append(problem)
    if folders and data.val_dir and data.validation_split:
        problems.append(Problem("data.validation_split", "use either a validation folder or a "
                                "validation split, not both (set one of them to empty/0)"))
    for i, side in enumerate(("height", "width")):
        check_number(problems, f"data.target_size[{i}]", data.target_size[i], 8, 4096,
                     whole=True, text=f"the {side} must be a whole number of pixels from 8 to "
                                      "4096")


def _data_file(data: Any, problems: list[Problem], check_paths: bool) -> None:
    if not data.generator_file:
        problems.append(Problem("data.generator_file", "choose a data file (a Python file "
                                "defining class_names and train_data)"))
        return
    if not data.generator_file.endswith(".py"):
        problems.append(Problem("data.generator_file", "must be a Python file (.py)"))
    elif check_paths and not os.path.isfile(data.generator_file):
        problems.append(Problem("data.generator_file",
                                f"file '{data.generator_file}' does not exist"))
    if data.validation_split:
        problems.append(Problem("data.validation_split", "does not apply to a Python data "
                                "file; define val_data(batch_size) in it instead"))


def _augmentation(config: RunConfig, problems: list[Problem]) -> None:
    aug, data = config.augmentation, config.data
    if aug.brightness_range is not None:
        low, high = aug.brightness_range
        if check_number(problems, "augmentation.brightness_range[0]", low, 0) and \
                check_number(problems, "augmentation.brightness_range[1]", high, 0) and \
                low > high:
            problems.append(Problem("augmentation.brightness_range",
                                    "the low value must not be above the high value"))
    if aug.zca_whitening:
        channels = {"rgb": 3, "grayscale": 1, "rgba": 4}.get(data.color_mode, 3)
        size = data.target_size[0] * data.target_size[1] * channels
        if size > 4096:
            problems.append(Problem(
                "augmentation.zca_whitening",
                f"needs a matrix of {size} x {size} values for {data.target_size[0]}x"
                f"{data.target_size[1]} images; use a target size of 32x32 or less, or turn "
                "it off"))


def _model(config: RunConfig, problems: list[Problem], check_paths: bool) -> None:
    model, data = config.model, config.data
    _weights(model, problems, check_paths)
    if model.fine_tune:
        if model.architecture == "small_cnn":
            problems.append(Problem("model.fine_tune", "fine-tuning is for pretrained "
                                    "backbones; the small CNN learns whole from the start"))
        elif model.train_base:
            problems.append(Problem("model.fine_tune", "fine-tuning first trains the head on a "
                                    "frozen base: turn off 'Train the whole network'"))
        epochs = config.training.epochs
        if isinstance(epochs, int) and model.fine_tune_epoch(epochs) >= epochs:
            start = model.fine_tune_epoch(epochs) + 1
            problems.append(Problem("training.epochs", f"fine-tuning begins at epoch {start}; "
                                    f"train at least {start} epochs"))
    _input_size(model, data, problems)
    if model.architecture != "small_cnn" and model.weights == "imagenet" and (
            data.color_mode != "rgb"):
        problems.append(Problem("data.color_mode", "ImageNet weights expect colour images; use "
                                "'rgb'"))


def _weights(model: Any, problems: list[Problem], check_paths: bool) -> None:
    if model.weights not in ("none", "imagenet"):
        if model.architecture == "small_cnn":
            problems.append(Problem("model.weights", "the small CNN has no pretrained weights; "
                                    "choose 'none'"))
        elif check_paths and not os.path.isfile(model.weights):
            problems.append(Problem("model.weights", f"weights file '{model.weights}' does not "
                                    "exist; choose 'none', 'imagenet' or an existing .h5 file"))
    if model.weights == "imagenet" and model.architecture == "small_cnn":
        problems.append(Problem("model.weights", "the small CNN has no ImageNet weights; choose "
                                "'none' or another architecture"))


def _input_size(model: Any, data: Any, problems: list[Problem]) -> None:
    from fitgen_gui.core.config import ARCHITECTURES, DEFAULT_MIN_INPUT_SIZE, MIN_INPUT_SIZE

    smallest = MIN_INPUT_SIZE.get(model.architecture, DEFAULT_MIN_INPUT_SIZE)
    name = ARCHITECTURES.get(model.architecture, model.architecture).split(" (")[0]
    if model.input_size is not None:
        for i in range(2):
            check_number(problems, f"model.input_size[{i}]", model.input_size[i], smallest,
                         1024, whole=True, text=f"must be a whole number of pixels from "
                                                f"{smallest} to 1024 for {name}")
        return
    for i, side in enumerate(("height", "width")):
        value = data.target_size[i]
        if isinstance(value, int | float) and 8 <= value < smallest:
            problems.append(Problem(
                f"data.target_size[{i}]", f"the {side} is {value:g} pixels, but {name} needs "
                f"at least {smallest}; use a larger image size (or set the model's input "
                "size)"))


def _training(config: RunConfig, problems: list[Problem], devices: list[str] | None) -> None:
    training = config.training
    cw = training.class_weight
    if isinstance(cw, dict):
        for key, weight in cw.items():
            check_number(problems, f"training.class_weight[{key!r}]", weight, 0)
    elif cw not in ("none", "balanced"):
        problems.append(Problem("training.class_weight", "must be 'none', 'balanced' or a "
                                f"weight per class; got {cw!r}"))
    _device(str(training.device), problems, devices)
    if training.mixed_precision and training.device == "cpu":
        problems.append(Problem("training.mixed_precision", "speeds up GPUs only; turn it off "
                                "when training on the CPU"))
    if training.use_multiprocessing and training.workers == 0:
        problems.append(Problem("training.use_multiprocessing", "needs at least 1 worker"))
    if config.callbacks.reduce_lr_on_plateau and config.optimizer.schedule != "constant":
        problems.append(Problem("callbacks.reduce_lr_on_plateau", "cannot change a learning "
                                "rate that follows a schedule; use the 'constant' schedule "
                                "or turn one of them off"))
    if not str(config.name).strip() or any(c in str(config.name) for c in '/\\:*?"<>|'):
        problems.append(Problem("name", "must be a short name without / \\ : * ? \" < > |"))


def _device(device: str, problems: list[Problem], devices: list[str] | None) -> None:
    listed = device.split(",") if "," in device else []
    if listed and all(d.startswith("gpu:") and d[4:].isdigit() for d in listed):
        missing = [d for d in listed if devices is not None and d not in devices]
        if missing:
            problems.append(Problem("training.device", f"{', '.join(missing)} not on this "
                                    "computer; choose 'all' or GPUs it has"))
    elif device not in ("auto", "cpu", "all") and not (
            device.startswith("gpu:") and device[4:].isdigit()):
        problems.append(Problem("training.device", f"must be 'auto', 'cpu', 'all', 'gpu:N' "
                                f"or a list 'gpu:0,gpu:1'; got {device!r}"))
    elif devices is not None and device == "all" and "all" not in devices:
        problems.append(Problem("training.device", "'all' needs several devices and this "
                                "computer has one; choose 'auto'"))
    elif devices is not None and device not in ("auto", "cpu", "all") and (
            device not in devices):
        gpus = [d for d in devices if d.startswith("gpu:")]
        found = ", ".join(gpus) if gpus else "none"
        problems.append(Problem("training.device", f"{device} is not on this computer (GPUs "
                                f"found: {found}); choose 'auto' or 'cpu'"))


def _callbacks(config: RunConfig, validating: bool, problems: list[Problem]) -> None:
    cb = config.callbacks
    if cb.profile_batches not in (None, ""):
        from fitgen_gui.core.run_requests import parse_batch_range

        try:
            parse_batch_range(cb.profile_batches)
        except ValueError as exc:
            problems.append(Problem("callbacks.profile_batches", str(exc)))
    for enabled, prefix in ((cb.early_stopping, "early_stopping"),
                            (cb.reduce_lr_on_plateau, "reduce_lr")):
        monitor = getattr(cb, f"{prefix}_monitor")
        if enabled and str(monitor).startswith("val_") and not validating:
            problems.append(Problem(f"callbacks.{prefix}_monitor",
                                    f"watches {monitor}, but there is no validation data; "
                                    "choose a validation folder or split, or watch 'loss'"))
