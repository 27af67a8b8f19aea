"""``RunConfig``: every setting of a training run, as one tree of dataclasses.

The app's panels, the CLI's options and a run's ``config.json`` are all this tree. It
round-trips through JSON with a schema version, and :meth:`RunConfig.validate` returns
every problem at once, each naming the field and what to do.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from fitgen_gui.core.errors import UserError

__all__ = [
    "ARCHITECTURES",
    "SCHEMA_VERSION",
    "AugmentationConfig",
    "CallbacksConfig",
    "ConfigError",
    "DataConfig",
    "ModelConfig",
    "OptimizerConfig",
    "Problem",
    "RunConfig",
    "TrainingConfig",
    "get_field",
    "set_field",
]

SCHEMA_VERSION = 1

ARCHITECTURES = {
    "small_cnn": "Small CNN (fast, learns simple images on a CPU)",
    "mobilenet_v3_small": "MobileNetV3 Small",
    "mobilenet_v3_large": "MobileNetV3 Large",
    "efficientnet_b0": "EfficientNet B0",
    "efficientnet_v2_b0": "EfficientNetV2 B0",
    "convnext_tiny": "ConvNeXt Tiny",
    "resnet50": "ResNet50",
}
# ImageNet backbones learned on 224x224 images: the size the app suggests for them.
IMAGENET_SIZE = (224, 224)
# The smallest input each network accepts: the small CNN halves its input four times,
# the Keras Applications backbones five times (and refuse less than 32 pixels).
MIN_INPUT_SIZE = {"small_cnn": 16}
DEFAULT_MIN_INPUT_SIZE = 32
MAX_STEPS = 10_000_000  # batches per epoch: more is a typing mistake, not a plan
SOURCES = ("folders", "python")
COLOR_MODES = ("rgb", "grayscale", "rgba")
CLASS_MODES = ("categorical", "binary", "sparse")
INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "lanczos", "box", "hamming")
FILL_MODES = ("nearest", "constant", "reflect", "wrap")
OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
SCHEDULES = ("constant", "cosine", "exponential")
MONITORS = ("val_loss", "val_accuracy", "loss", "accuracy")


_INDEX = re.compile(r"^(.*)\[(\d+)\]$")


def get_field(config: RunConfig, dotted: str) -> Any:
    """``config`` value of ``"data.target_size[0]"`` style field names."""
    match = _INDEX.match(dotted)
    path = match.group(1) if match else dotted
    value: Any = config
    for part in path.split("."):
        value = getattr(value, part)
    return value[int(match.group(2))] if match else value


def set_field(config: RunConfig, dotted: str, value: Any) -> None:
    """Set a field of ``config`` in place (tuple elements included)."""
    match = _INDEX.match(dotted)
    path = match.group(1) if match else dotted
    *parents, name = path.split(".")
    owner: Any = config
    for part in parents:
        owner = getattr(owner, part)
    if match:
        items = list(getattr(owner, name) or ())
        index = int(match.group(2))
        while len(items) <= index:
            items.append(value)
        items[index] = value
        value = tuple(items)
    setattr(owner, name, value)


@dataclass(frozen=True)
class Problem:
    """One invalid setting: the dotted field name and a message saying what to do."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ConfigError(UserError, ValueError):
    """Settings that cannot be used; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"The settings have {len(self.problems)} problem(s):\n{lines}")


@dataclass
class DataConfig:
    """Where the images are and how they are read."""

    source: str = "folders"  # "folders" (class sub-folders) or "python" (a data file)
    train_dir: str = ""
    val_dir: str = ""
    validation_split: float = 0.0
    target_size: tuple[int, int] = (64, 64)
    color_mode: str = "rgb"
    class_mode: str = "categorical"
    batch_size: int = 32
    interpolation: str = "bilinear"
    keep_aspect_ratio: bool = False
    follow_links: bool = False
    # GIF and WebP as well as Keras 2's file types (png jpg jpeg bmp ppm tif tiff).
    more_formats: bool = True
    # OpenCV reading (JPEGs decoded at reduced scale): faster, pixels slightly different
    # from Keras 2's and from what an exported model's preprocessing.json declares.
    fast_resize: bool = False
    # A Python file defining class_names and train_data(batch_size) (val_data optional):
    # the data source when ``source`` is "python", for programmers. Its code runs only when
    # the user chose it.
    generator_file: str = ""


@dataclass
class AugmentationConfig:
    """``ImageDataGenerator`` options (Keras 2's names and meanings)."""

    rotation_range: float = 0.0
    width_shift_range: float = 0.0
    height_shift_range: float = 0.0
    shear_range: float = 0.0
    zoom_range: float = 0.0
    brightness_range: tuple[float, float] | None = None
    channel_shift_range: float = 0.0
    fill_mode: str = "nearest"
    cval: float = 0.0
    horizontal_flip: bool = False
    vertical_flip: bool = False
    rescale: float | None = None
    featurewise_center: bool = False
    featurewise_std_normalization: bool = False
    samplewise_center: bool = False
    samplewise_std_normalization: bool = False
    zca_whitening: bool = False
    zca_epsilon: float = 1e-6
    interpolation_order: int = 1

    def is_random(self) -> bool:
        """Whether these settings draw random transforms (not only normalize)."""
        return any(getattr(self, name) for name in (
            "rotation_range", "width_shift_range", "height_shift_range", "shear_range",
            "zoom_range", "brightness_range", "channel_shift_range", "horizontal_flip",
            "vertical_flip"))

    def generator_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``ImageDataGenerator``."""
        kwargs = dataclasses.asdict(self)
        if kwargs["brightness_range"] is not None:
            kwargs["brightness_range"] = list(kwargs["brightness_range"])
        return kwargs


@dataclass
class ModelConfig:
    """The network: architecture, starting weights, head."""

    architecture: str = "small_cnn"
    weights: str = "none"  # "none", "imagenet", or the path of a weights file
    train_base: bool = True
    dropout: float = 0.2
    input_size: tuple[int, int] | None = None  # None: the data's target size
    # Fine-tuning as Keras's transfer-learning guide does it: phase 1 trains the head on the
    # frozen base; from ``fine_tune_from_epoch`` (1-based; None: the second half of the
    # epochs) the top ``fine_tune_fraction`` of the base's layers learn too, at the
    # learning rate times ``fine_tune_lr_factor``. Batch normalization stays frozen.
    fine_tune: bool = False
    fine_tune_from_epoch: int | None = None
    fine_tune_fraction: float = 0.3
    fine_tune_lr_factor: float = 0.1
    # With the base frozen, each image's features are computed once (``feature_cache_copies``
    # augmented copies when augmenting; epoch e uses copy e mod copies) and the head trains
    # on them: epochs in a fraction of the time. Kept in the run folder, reused on resume.
    feature_cache: bool = True
    feature_cache_copies: int = 5

    def fine_tune_epoch(self, epochs: int) -> int:
        """The 0-based epoch at which phase 2 (fine-tuning) begins."""
        if self.fine_tune_from_epoch:
            return int(self.fine_tune_from_epoch) - 1
        return max(1, (int(epochs) + 1) // 2)


@dataclass
class OptimizerConfig:
    """Optimizer and learning-rate schedule."""

    name: str = "adam"
    learning_rate: float = 1e-3
    schedule: str = "constant"
    decay_rate: float = 0.5  # exponential: multiply by this every decay_epochs
    decay_epochs: float = 5.0


@dataclass
class TrainingConfig:
    """``fit_generator``'s arguments, plus seed, device and precision."""

    epochs: int = 10
    steps_per_epoch: int | None = None  # None: ceil(samples / batch size)
    validation_steps: int | None = None
    validation_freq: int = 1
    workers: int = 2
    use_multiprocessing: bool = False
    max_queue_size: int = 10
    shuffle: bool = True
    class_weight: Any = "none"  # "none", "balanced", or {class name: weight}
    verbose: int = 1
    seed: int | None = 1
    device: str = "auto"  # "auto", "cpu", "gpu:0", "all" (every GPU), "gpu:0,gpu:1"
    mixed_precision: bool = False
    # XLA compilation of the training step: "auto" (Keras's choice: on with one GPU, off on
    # the CPU and under a distribution strategy), "on" or "off".
    xla: str = "auto"
    check_data: bool = True  # read every file once before training (the data check)
    max_bad_file_fraction: float = 0.05
    on_nan: str = "stop"  # "stop" or "warn"


@dataclass
class CallbacksConfig:
    """Checkpoints, early stopping, learning-rate reduction, TensorBoard."""

    early_stopping: bool = False
    early_stopping_monitor: str = "val_loss"
    early_stopping_patience: int = 5
    early_stopping_min_delta: float = 0.0
    restore_best_weights: bool = True
    reduce_lr_on_plateau: bool = False
    reduce_lr_monitor: str = "val_loss"
    reduce_lr_factor: float = 0.2
    reduce_lr_patience: int = 3
    reduce_lr_min_lr: float = 1e-6
    tensorboard: bool = False
    # Training batches (from 1, over the run) to profile for TensorBoard, "10-30"; None: none.
    profile_batches: str | None = None
    # The metric that picks the best epoch (kept by the retention, shown in the runs list).
    monitor: str = "val_loss"
    # Full checkpoints kept: the newest N (0: all); the best one is always kept too.
    keep_last_checkpoints: int = 10
    # What model.keras is at the end: the best epoch's checkpoint (by ``monitor``), or the
    # model after the last epoch.
    final_model: str = "best"


@dataclass
class RunConfig:
    """Every setting of a training run."""

    name: str = "run"
    data: DataConfig = field(default_factory=DataConfig)
    augmentation: AugmentationConfig = field(default_factory=AugmentationConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    callbacks: CallbacksConfig = field(default_factory=CallbacksConfig)

    # -- JSON -------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with ``schema_version``."""
        return {"schema_version": SCHEMA_VERSION, **_to_plain(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunConfig:
        """Build from a dict; unknown or mistyped fields raise :class:`ConfigError`."""
        if not isinstance(data, dict):
            raise ConfigError([Problem("config", "must be a JSON object {...}")])
        data = dict(data)
        version = data.pop("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise ConfigError([Problem(
                "schema_version",
                f"is {version!r}; this FitGen reads up to version {SCHEMA_VERSION}. Update "
                "FitGen to open this file.")])
        problems: list[Problem] = []
        section = data.get("data")
        if isinstance(section, dict) and "source" not in section and section.get(
                "generator_file"):
            data["data"] = {**section, "source": "python"}  # written before ``source``
        config = _from_plain(cls, data, "", problems)
        if problems:
            raise ConfigError(problems)
        return config

    @classmethod
    def from_dict_lenient(cls, data: Any) -> tuple[RunConfig, list[Problem]]:
        """Build from a dict, keeping every setting that is valid and listing the rest
        (unknown keys, as a newer FitGen writes them; mistyped values) instead of failing.
        """
        if not isinstance(data, dict):
            return cls(), [Problem("config", "must be a JSON object {...}")]
        problems: list[Problem] = []
        config = cls()
        plain = dict(data)
        version = plain.pop("schema_version", SCHEMA_VERSION)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            problems.append(Problem("schema_version", f"is {version!r}; this FitGen reads up "
                                    f"to version {SCHEMA_VERSION}"))
        section = plain.get("data")
        if isinstance(section, dict) and "source" not in section and section.get(
                "generator_file"):
            plain["data"] = {**section, "source": "python"}
        for key, value in plain.items():
            changes = ({f"{key}.{k}": v for k, v in value.items()}
                       if isinstance(value, dict) else {key: value})
            for dotted, item in changes.items():
                try:
                    config = config.replace(**{dotted: item})
                except ConfigError as exc:
                    problems.extend(exc.problems)
        return config, problems

    @classmethod
    def from_json(cls, text: str) -> RunConfig:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError([Problem(
                "config", f"is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                f"{exc.msg}). The file may be damaged; save the settings again.")]) from None
        return cls.from_dict(data)

    def replace(self, **changes: Any) -> RunConfig:
        """A copy with dotted fields changed: ``replace(**{"data.batch_size": 16})``."""
        data = _to_plain(self)
        problems = []
        for dotted, value in changes.items():
            *sections, name = dotted.split(".")
            target: Any = data
            for part in sections:
                target = target.get(part) if isinstance(target, dict) else None
            if isinstance(target, dict) and isinstance(target.get(name), dict) and not (
                    isinstance(value, dict)):
                first = next(iter(target[name]))
                problems.append(Problem(dotted, f"is a group of settings; set one of them, "
                                        f"e.g. {dotted}.{first}=..."))
                continue
            if not isinstance(target, dict) or name not in target:
                problems.append(Problem(dotted, "is not a setting" + _closest(dotted)))
                continue
            target[name] = value
        if problems:
            raise ConfigError(problems)
        return RunConfig.from_dict(data)

    # -- validation -------------------------------------------------------------------

    def effective_input_size(self) -> tuple[int, int]:
        return tuple(self.model.input_size or self.data.target_size)

    def validate(self, *, check_paths: bool = True, has_validation: bool | None = None,
                 devices: list[str] | None = None) -> list[Problem]:
        """Every problem of these settings, each with the field and the fix.

        Parameters
        ----------
        check_paths
            Check that folders and files exist.
        has_validation
            Whether there is validation data, when known better than the settings say (a
            data file that defines ``val_data``).
        devices
            The devices of this computer (``"cpu"``, ``"gpu:0"``...), when known.
        """
        problems: list[Problem] = []
        if has_validation is None:
            has_validation = self.data.source == "folders" and bool(
                self.data.val_dir or self.data.validation_split)
        _validate_data(self.data, problems, check_paths)
        _validate_augmentation(self.augmentation, self.data, problems)
        _validate_model(self.model, self.data, problems, check_paths)
        _validate_optimizer(self.optimizer, problems)
        _validate_training(self.training, self.data, problems, devices)
        _validate_callbacks(self.callbacks, has_validation, problems)
        epochs = self.training.epochs
        if self.model.fine_tune and isinstance(epochs, int) and \
                self.model.fine_tune_epoch(epochs) >= epochs:
            start = self.model.fine_tune_epoch(epochs) + 1
            problems.append(Problem("training.epochs", f"fine-tuning begins at epoch {start}; "
                                    f"train at least {start} epochs"))
        if self.callbacks.reduce_lr_on_plateau and self.optimizer.schedule != "constant":
            problems.append(Problem("callbacks.reduce_lr_on_plateau", "cannot change a learning "
                                    "rate that follows a schedule; use the 'constant' schedule "
                                    "or turn one of them off"))
        if not str(self.name).strip() or any(c in str(self.name) for c in '/\\:*?"<>|'):
            problems.append(Problem("name", "must be a short name without / \\ : * ? \" < > |"))
        return problems

    def check(self, **context: Any) -> None:
        """Raise :class:`ConfigError` listing every problem, if there is any (the keyword
        arguments are :meth:`validate`'s)."""
        problems = self.validate(**context)
        if problems:
            raise ConfigError(problems)


def _closest(dotted: str) -> str:
    """`` (did you mean 'x.y'?)`` for a near miss of a setting's name, else ``''``."""
    import difflib

    names = []
    hints = typing.get_type_hints(RunConfig)
    for section in dataclasses.fields(RunConfig):
        kind = hints[section.name]
        if dataclasses.is_dataclass(kind):
            names += [f"{section.name}.{f.name}" for f in dataclasses.fields(kind)]
        else:
            names.append(section.name)
    close = difflib.get_close_matches(dotted, names, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _to_plain(v) for k, v in value.items()}
    return value


def _from_plain(cls: type, data: dict, prefix: str, problems: list[Problem]) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in known:
            close = [k for k in known if k.replace("_", "") == str(key).replace("_", "")]
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(f"{prefix}{key}", f"is not a setting{hint}"))
    kwargs = {}
    for name in known:
        if name not in data:
            continue
        value, hint = data[name], hints[name]
        dotted = f"{prefix}{name}"
        if dataclasses.is_dataclass(hint):
            if not isinstance(value, dict):
                problems.append(Problem(dotted, "must be a group of settings {...}"))
                continue
            kwargs[name] = _from_plain(hint, value, f"{dotted}.", problems)
        else:
            kwargs[name] = _coerce(value, hint, dotted, problems)
    return cls(**kwargs)


def _coerce(value: Any, hint: Any, dotted: str, problems: list[Problem]) -> Any:
    """JSON values to the field's type: lists to tuples, ints to floats; else a problem."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(value, inner[0], dotted, problems) if len(inner) == 1 else value
    if origin is tuple:
        if not isinstance(value, list | tuple) or len(value) != len(args):
            problems.append(Problem(dotted, f"must be a list of {len(args)} numbers"))
            return value
        return tuple(_coerce(v, a, dotted, problems) for v, a in zip(value, args, strict=True))
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float, str, bool) and not (
        isinstance(value, hint) and not (hint is not bool and isinstance(value, bool))
    ):
        kind = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}
        problems.append(Problem(dotted, f"must be {kind[hint]}; got {value!r}"))
    return value


def _number(problems: list[Problem], name: str, value: Any, low: float | None = None,
            high: float | None = None, *, whole: bool = False, strict_low: bool = False,
            text: str = "") -> bool:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if ok and whole:
        ok = float(value).is_integer()
    if ok and low is not None:
        ok = value > low if strict_low else value >= low
    if ok and high is not None:
        ok = value <= high
    if not ok:
        if not text:
            bound = []
            if low is not None:
                bound.append(f"{'above' if strict_low else 'at least'} {_plain_number(low)}")
            if high is not None:
                bound.append(f"at most {_plain_number(high)}")
            kind = "a whole number" if whole else "a number"
            text = f"must be {kind}{' ' + ' and '.join(bound) if bound else ''}"
        problems.append(Problem(name, f"{text}; got {value!r}"))
    return ok


def _plain_number(value: float) -> str:
    """A bound as people write it: 2,147,483,647 and 0.0001, never 2.14748e+09 or 1e-04."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.12f}".rstrip("0")


def _folder_problem(name: str, path: str, what: str) -> Problem | None:
    """Why ``path`` is not a folder, in words (None when it is one)."""
    if os.path.isdir(path):
        return None
    if os.path.exists(path):
        return Problem(name, f"'{path}' is a file; choose the folder that holds {what}")
    return Problem(name, f"folder '{path}' does not exist")


def _choice(problems: list[Problem], name: str, value: Any, choices: Any) -> None:
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        problems.append(Problem(name, f"must be one of {listed}; got {value!r}"))


def _validate_data(data: DataConfig, problems: list[Problem], check_paths: bool) -> None:
    _choice(problems, "data.source", data.source, SOURCES)
    if data.source == "python" and not data.generator_file:
        problems.append(Problem("data.generator_file", "choose a data file (a Python file "
                                "defining class_names and train_data)"))
    elif data.source == "python":
        if not data.generator_file.endswith(".py"):
            problems.append(Problem("data.generator_file", "must be a Python file (.py)"))
        elif check_paths and not os.path.isfile(data.generator_file):
            problems.append(Problem("data.generator_file",
                                    f"file '{data.generator_file}' does not exist"))
        if data.validation_split:
            problems.append(Problem("data.validation_split", "does not apply to a Python data "
                                    "file; define val_data(batch_size) in it instead"))
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
    if folders and data.validation_split:
        _number(problems, "data.validation_split", data.validation_split, 0, 1,
                strict_low=True, text="must be between 0 and 1 (a fraction, e.g. 0.2)")
        if isinstance(data.validation_split, int | float) and data.validation_split >= 1:
            problems.append(Problem("data.validation_split", "must be below 1"))
    for i, side in enumerate(("height", "width")):
        _number(problems, f"data.target_size[{i}]", data.target_size[i], 8, 4096, whole=True,
                text=f"the {side} must be a whole number of pixels from 8 to 4096")
    _choice(problems, "data.color_mode", data.color_mode, COLOR_MODES)
    _choice(problems, "data.class_mode", data.class_mode, CLASS_MODES)
    _number(problems, "data.batch_size", data.batch_size, 1, 4096, whole=True)
    _choice(problems, "data.interpolation", data.interpolation, INTERPOLATIONS)


def _validate_augmentation(aug: AugmentationConfig, data: DataConfig,
                           problems: list[Problem]) -> None:
    _number(problems, "augmentation.rotation_range", aug.rotation_range, 0, 360)
    for name in ("width_shift_range", "height_shift_range", "shear_range", "zoom_range",
                 "channel_shift_range", "zca_epsilon"):
        _number(problems, f"augmentation.{name}", getattr(aug, name), 0)
    if aug.zoom_range >= 1:
        problems.append(Problem("augmentation.zoom_range", "must be below 1 (0.2 zooms by up "
                                "to 20% in or out)"))
    if aug.brightness_range is not None:
        low, high = aug.brightness_range
        if _number(problems, "augmentation.brightness_range[0]", low, 0) and _number(
                problems, "augmentation.brightness_range[1]", high, 0) and low > high:
            problems.append(Problem("augmentation.brightness_range",
                                    "the low value must not be above the high value"))
    _choice(problems, "augmentation.fill_mode", aug.fill_mode, FILL_MODES)
    if aug.rescale is not None:
        _number(problems, "augmentation.rescale", aug.rescale, 0, strict_low=True)
    _number(problems, "augmentation.interpolation_order", aug.interpolation_order, 0, 5,
            whole=True)
    if aug.zca_whitening:
        channels = {"rgb": 3, "grayscale": 1, "rgba": 4}.get(data.color_mode, 3)
        size = data.target_size[0] * data.target_size[1] * channels
        if size > 4096:
            problems.append(Problem(
                "augmentation.zca_whitening",
                f"needs a matrix of {size} x {size} values for {data.target_size[0]}x"
                f"{data.target_size[1]} images; use a target size of 32x32 or less, or turn "
                "it off"))


def _validate_model(model: ModelConfig, data: DataConfig, problems: list[Problem],
                    check_paths: bool) -> None:
    _choice(problems, "model.architecture", model.architecture, ARCHITECTURES)
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
    _number(problems, "model.dropout", model.dropout, 0, 0.95)
    if model.fine_tune:
        if model.architecture == "small_cnn":
            problems.append(Problem("model.fine_tune", "fine-tuning is for pretrained "
                                    "backbones; the small CNN learns whole from the start"))
        elif model.train_base:
            problems.append(Problem("model.fine_tune", "fine-tuning first trains the head on a "
                                    "frozen base: turn off 'Train the whole network'"))
        _number(problems, "model.fine_tune_fraction", model.fine_tune_fraction, 0.01, 1.0)
        _number(problems, "model.fine_tune_lr_factor", model.fine_tune_lr_factor, 1e-4, 1.0)
        if model.fine_tune_from_epoch is not None:
            _number(problems, "model.fine_tune_from_epoch", model.fine_tune_from_epoch, 2,
                    whole=True, text="must be epoch 2 or later (epoch 1 trains the head)")
    _number(problems, "model.feature_cache_copies", model.feature_cache_copies, 1, 100,
            whole=True, text="must be a whole number of copies from 1 to 100")
    smallest = MIN_INPUT_SIZE.get(model.architecture, DEFAULT_MIN_INPUT_SIZE)
    name = ARCHITECTURES.get(model.architecture, model.architecture).split(" (")[0]
    if model.input_size is not None:
        for i in range(2):
            _number(problems, f"model.input_size[{i}]", model.input_size[i], smallest, 1024,
                    whole=True, text=f"must be a whole number of pixels from {smallest} to "
                                     f"1024 for {name}")
    else:
        for i, side in enumerate(("height", "width")):
            value = data.target_size[i]
            if isinstance(value, int | float) and 8 <= value < smallest:
                problems.append(Problem(
                    f"data.target_size[{i}]", f"the {side} is {value:g} pixels, but {name} "
                    f"needs at least {smallest}; use a larger image size (or set the model's "
                    "input size)"))
    if model.architecture != "small_cnn" and model.weights == "imagenet" and (
            data.color_mode != "rgb"):
        problems.append(Problem("data.color_mode", "ImageNet weights expect colour images; use "
                                "'rgb'"))


def _validate_optimizer(opt: OptimizerConfig, problems: list[Problem]) -> None:
    _choice(problems, "optimizer.name", opt.name, OPTIMIZERS)
    _number(problems, "optimizer.learning_rate", opt.learning_rate, 0, 10, strict_low=True,
            text="must be a number above 0 (typically 0.0001 to 0.01)")
    _choice(problems, "optimizer.schedule", opt.schedule, SCHEDULES)
    _number(problems, "optimizer.decay_rate", opt.decay_rate, 0, 1, strict_low=True)
    _number(problems, "optimizer.decay_epochs", opt.decay_epochs, 0, strict_low=True)


def _validate_training(training: TrainingConfig, data: DataConfig,
                       problems: list[Problem], devices: list[str] | None) -> None:
    _number(problems, "training.epochs", training.epochs, 1, 100000, whole=True)
    for name in ("steps_per_epoch", "validation_steps"):
        value = getattr(training, name)
        if value is not None:
            _number(problems, f"training.{name}", value, 1, MAX_STEPS, whole=True,
                    text=f"must be a whole number of batches from 1 to {MAX_STEPS:,} (or "
                         "empty for automatic)")
    _number(problems, "training.validation_freq", training.validation_freq, 1, whole=True)
    _number(problems, "training.workers", training.workers, 0, 64, whole=True)
    _number(problems, "training.max_queue_size", training.max_queue_size, 1, 1000, whole=True)
    _choice(problems, "training.verbose", training.verbose, (0, 1, 2))
    if training.seed is not None:
        _number(problems, "training.seed", training.seed, 0, 2**31 - 1, whole=True)
    cw = training.class_weight
    if isinstance(cw, dict):
        for key, weight in cw.items():
            _number(problems, f"training.class_weight[{key!r}]", weight, 0)
    elif cw not in ("none", "balanced"):
        problems.append(Problem("training.class_weight", "must be 'none', 'balanced' or a "
                                f"weight per class; got {cw!r}"))
    device = str(training.device)
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
    if training.mixed_precision and device == "cpu":
        problems.append(Problem("training.mixed_precision", "speeds up GPUs only; turn it off "
                                "when training on the CPU"))
    _number(problems, "training.max_bad_file_fraction", training.max_bad_file_fraction, 0, 1)
    _choice(problems, "training.on_nan", training.on_nan, ("stop", "warn"))
    _choice(problems, "training.xla", training.xla, ("auto", "on", "off"))
    if training.use_multiprocessing and training.workers == 0:
        problems.append(Problem("training.use_multiprocessing", "needs at least 1 worker"))


def _validate_callbacks(cb: CallbacksConfig, validating: bool,
                        problems: list[Problem]) -> None:
    if cb.profile_batches not in (None, ""):
        from fitgen_gui.core.run_requests import parse_batch_range

        try:
            parse_batch_range(cb.profile_batches)
        except ValueError as exc:
            problems.append(Problem("callbacks.profile_batches", str(exc)))
    for enabled, prefix in ((cb.early_stopping, "early_stopping"),
                            (cb.reduce_lr_on_plateau, "reduce_lr")):
        monitor = getattr(cb, f"{prefix}_monitor")
        _choice(problems, f"callbacks.{prefix}_monitor", monitor, MONITORS)
        if enabled and monitor.startswith("val_") and not validating:
            problems.append(Problem(f"callbacks.{prefix}_monitor",
                                    f"watches {monitor}, but there is no validation data; "
                                    "choose a validation folder or split, or watch 'loss'"))
    _number(problems, "callbacks.early_stopping_patience", cb.early_stopping_patience, 0,
            whole=True)
    _number(problems, "callbacks.reduce_lr_patience", cb.reduce_lr_patience, 0, whole=True)
    _number(problems, "callbacks.reduce_lr_factor", cb.reduce_lr_factor, 0, 1, strict_low=True)
    if cb.reduce_lr_factor >= 1:
        problems.append(Problem("callbacks.reduce_lr_factor", "must be below 1"))
    _number(problems, "callbacks.reduce_lr_min_lr", cb.reduce_lr_min_lr, 0)
    _choice(problems, "callbacks.monitor", cb.monitor, MONITORS)
    _choice(problems, "callbacks.final_model", cb.final_model, ("last", "best"))
    _number(problems, "callbacks.keep_last_checkpoints", cb.keep_last_checkpoints, 0, 100000,
            whole=True, text="must be a whole number of checkpoints (0 keeps all)")
