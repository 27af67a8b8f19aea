"""``RunConfig``: every setting of a training run, as one tree of frozen dataclasses.

The app's panels, the CLI's options and a run's ``config.json`` are all this tree. It is
immutable: :meth:`RunConfig.replace` is the one way to change it, and gives a new tree, so
the settings a run trains with cannot change under it and nothing needs copying. Each field
says once what it is (:func:`~fitgen_gui.core.setting_info.setting`: label, help, choices,
range); validation (:mod:`.config_rules`), the panels and the CLI read it from there. It
round-trips through JSON with a schema version (older files are migrated by
:func:`migrate`), and :meth:`RunConfig.validate` returns every problem at once, each naming
the field and what to do.
"""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from dataclasses import dataclass, field
from typing import Any

from fitgen_gui.core.errors import UserError
from fitgen_gui.core.serialization import from_plain, to_plain
from fitgen_gui.core.setting_info import Problem, Setting, setting

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
    "field_label",
    "get_field",
    "migrate",
    "setting_info",
    "setting_names",
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
MONITORS = {"val_loss": "Validation loss", "val_accuracy": "Validation accuracy",
            "loss": "Training loss", "accuracy": "Training accuracy"}
_STEPS_TEXT = (f"must be a whole number of batches from 1 to {MAX_STEPS:,} (or empty for "
               "automatic)")


class ConfigError(UserError, ValueError):
    """Settings that cannot be used; ``problems`` lists each one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"The settings have {len(self.problems)} problem(s):\n{lines}")


def _from_folders(config: RunConfig) -> bool:
    return config.data.source == "folders"


@dataclass(frozen=True)
class DataConfig:
    """Where the images are and how they are read."""

    source: str = setting("folders", label="Data source", choices={
        "folders": "Image folders", "python": "A Python data file (programmers)"},
        help="Folders of images, one sub-folder per class; or your own generator in a Python "
             "file.")
    train_dir: str = setting("", label="Training images", checked=False,
                             help="The folder of training images, with one sub-folder per "
                                  "class (cats/, dogs/...).")
    val_dir: str = setting("", label="Validation folder", checked=False,
                           help="The folder of validation images, one sub-folder per class.")
    validation_split: float = setting(
        0.0, label="Validation share", low=0, high=1, below=True, applies=_from_folders,
        text="must be between 0 and 1 (a fraction, e.g. 0.2)",
        help="The share of each class's training images kept aside for validation.")
    target_size: tuple[int, int] = setting((64, 64), label="Image size (h × w)", low=8,
                                           high=4096, checked=False,
                                           help="Height and width the images are resized to.")
    color_mode: str = setting("rgb", label="Colour", choices={
        "rgb": "Colour (RGB)", "grayscale": "Grayscale", "rgba": "Colour + alpha (RGBA)"},
        help="How many channels the model sees.")
    class_mode: str = setting("categorical", label="Labels", choices={
        "categorical": "One-hot (categorical)", "sparse": "Class index (sparse)",
        "binary": "Binary (2 classes)"},
        help="How labels are given to the model; 'binary' needs exactly 2 classes.")
    batch_size: int = setting(32, label="Batch size", low=1, high=4096, whole=True,
                              help="Images per training step. Smaller uses less memory; larger "
                                   "trains faster per image.")
    interpolation: str = setting("bilinear", label="Resizing", choices={
        "bilinear": "Bilinear", "nearest": "Nearest (Keras 2 default)", "bicubic": "Bicubic",
        "lanczos": "Lanczos", "box": "Area (box)", "hamming": "Hamming"},
        help="How images are resampled to the image size (Pillow's filter of that name, which "
             "an exported model's preprocessing.json names).")
    keep_aspect_ratio: bool = setting(False, label="Crop to keep the aspect ratio",
                                      help="Cut the centre of each image to the target's "
                                           "shape instead of stretching it.")
    follow_links: bool = setting(False, label="Follow linked folders",
                                 help="Include folders reached through links (shortcuts), and "
                                      "class folders that are links.")
    # GIF and WebP as well as Keras 2's file types (png jpg jpeg bmp ppm tif tiff).
    more_formats: bool = setting(True, label="Also read GIF and WebP files",
                                 help="Keras 2's flow_from_directory reads png, jpg, bmp, ppm "
                                      "and tif only; turn this off to train on exactly Keras "
                                      "2's files.")
    # OpenCV reading (JPEGs decoded at reduced scale): faster, pixels slightly different
    # from Keras 2's and from what an exported model's preprocessing.json declares.
    fast_resize: bool = setting(False, label="Fast reading of large photos (OpenCV)",
                                help="Decode JPEGs at reduced scale and resize with OpenCV: "
                                     "faster on large photos, but the pixels differ a little "
                                     "from Keras 2's and from what an exported model's "
                                     "preprocessing.json declares (its self-test then shows "
                                     "the difference).")
    # A Python file defining class_names and train_data(batch_size) (val_data optional):
    # the data source when ``source`` is "python", for programmers. Its code runs only when
    # the user chose it.
    generator_file: str = setting("", label="Data file", checked=False,
                                  help="A file defining class_names and train_data(batch_size)"
                                       " (and val_data): see docs/python-data-file.md.")


@dataclass(frozen=True)
class AugmentationConfig:
    """``ImageDataGenerator`` options (Keras 2's names and meanings)."""

    rotation_range: float = setting(0.0, label="Rotation", low=0, high=360,
                                    help="Turn images by up to this many degrees, left or "
                                         "right.")
    width_shift_range: float = setting(0.0, label="Shift sideways", low=0,
                                       help="Move images sideways by up to this share of their "
                                            "width.")
    height_shift_range: float = setting(0.0, label="Shift up/down", low=0,
                                        help="Move images up or down by up to this share of "
                                             "their height.")
    shear_range: float = setting(0.0, label="Shear", low=0,
                                 help="Slant images by up to this angle, in degrees (Keras 2: "
                                      "0.2 is almost nothing).")
    zoom_range: float = setting(0.0, label="Zoom", low=0, high=1, below=True,
                                text="must be at least 0 and below 1 (0.2 zooms by up to 20% "
                                     "in or out)",
                                help="Zoom in or out by up to this share; width and height "
                                     "are zoomed separately.")
    brightness_range: tuple[float, float] | None = setting(
        None, label="Brightness", checked=False,
        help="Multiply pixel values by a factor from the range (0.8 is 20% darker, 1.2 is 20% "
             "brighter).")
    channel_shift_range: float = setting(0.0, label="Colour shift", low=0,
                                         help="Add a random amount (up to this) to every "
                                              "colour channel.")
    fill_mode: str = setting("nearest", label="Fill uncovered areas", choices={
        "nearest": "Repeat the edge pixels", "reflect": "Mirror the image",
        "wrap": "Tile the image", "constant": "A fixed value"},
        help="What fills the corners uncovered by a rotation, shift or zoom out.")
    cval: float = setting(0.0, label="Fill value",
                          help="The pixel value used when filling with a fixed value (0 black, "
                               "255 white).")
    horizontal_flip: bool = setting(True, label="Left–right",
                                    help="Mirror half of the images left to right.")
    vertical_flip: bool = setting(False, label="Upside down",
                                  help="Flip half of the images upside down (only if that can "
                                       "happen in real images, e.g. cells).")
    rescale: float | None = setting(None, label="Rescale", low=0, strict_low=True,
                                    help="Keras 2's rescale, after augmentation: 1/255 = "
                                         "0.003922.")
    featurewise_center: bool = setting(False, label="Subtract the dataset mean",
                                       help="Per channel, computed from a sample of the "
                                            "training images.")
    featurewise_std_normalization: bool = setting(False, label="Divide by the dataset std",
                                                  help="Per channel, computed from a sample "
                                                       "of the training images.")
    samplewise_center: bool = setting(False, label="Subtract each image's mean")
    samplewise_std_normalization: bool = setting(False, label="Divide by each image's std")
    zca_whitening: bool = setting(False, label="ZCA whitening",
                                  help="Decorrelate pixels (only for images of 32×32 or "
                                       "less).")
    zca_epsilon: float = setting(1e-6, label="ZCA epsilon", low=0,
                                 help="Regularization of ZCA whitening.")
    interpolation_order: int = setting(1, label="Resampling", low=0, high=5, whole=True,
                                       help="How pixels are resampled when images are turned "
                                            "or zoomed.")

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


def _fine_tuning(config: RunConfig) -> bool:
    return config.model.fine_tune


@dataclass(frozen=True)
class ModelConfig:
    """The network: architecture, starting weights, head."""

    architecture: str = setting("small_cnn", label="Architecture", choices=ARCHITECTURES,
                                help="The network that learns. The small CNN is quick on a "
                                     "CPU; the others are stronger, and much stronger with "
                                     "ImageNet weights.")
    weights: str = setting("none", label="Start from", checked=False,
                           help="Start from weights learned on ImageNet (1.2 million photos) "
                                "to learn from few images.")  # "none", "imagenet" or a file
    train_base: bool = setting(True, label="Train the whole network",
                               help="Off: only the new classification head learns (fast, good "
                                    "with pretrained weights and few images).")
    dropout: float = setting(0.2, label="Dropout", low=0, high=0.95,
                             help="Share of features switched off at random in training, "
                                  "against overfitting.")
    input_size: tuple[int, int] | None = setting(
        None, label="Input size", checked=False,
        help="Images are resized to this inside the model.")  # None: the data's target size
    # Fine-tuning as Keras's transfer-learning guide does it: phase 1 trains the head on the
    # frozen base; from ``fine_tune_from_epoch`` (1-based; None: the second half of the
    # epochs) the top ``fine_tune_fraction`` of the base's layers learn too, at the
    # learning rate times ``fine_tune_lr_factor``. Batch normalization stays frozen.
    fine_tune: bool = setting(False, label="Then fine-tune the top of the network",
                              help="Keras's transfer-learning recipe: the new head learns "
                                   "alone on the frozen network for the first half of the "
                                   "epochs, then the top 30% of the network's layers learn "
                                   "too, at a tenth of the learning rate (batch normalization "
                                   "stays frozen). Needs 'Train the whole network' off.")
    fine_tune_from_epoch: int | None = setting(
        None, label="Fine-tune from epoch", low=2, whole=True, applies=_fine_tuning,
        text="must be epoch 2 or later (epoch 1 trains the head)")
    fine_tune_fraction: float = setting(0.3, label="Share of layers fine-tuned", low=0.01,
                                        high=1.0, applies=_fine_tuning)
    fine_tune_lr_factor: float = setting(0.1, label="Fine-tuning learning-rate factor",
                                         low=1e-4, high=1.0, applies=_fine_tuning)
    # With the base frozen, each image's features are computed once (``feature_cache_copies``
    # augmented copies when augmenting; epoch e uses copy e mod copies) and the head trains
    # on them: epochs in a fraction of the time. Kept in the run folder, reused on resume.
    feature_cache: bool = setting(
        True, label="Compute the frozen network's features once",
        help="While the network is frozen it sees each image the same way every epoch: "
             "FitGen runs it once per image, keeps what it sees in the run folder, and the "
             "head learns from that (epochs many times faster; the saved model is the whole "
             "network as usual). With augmentation, several augmented copies of each image "
             "are kept and the epochs take them in turn.")
    feature_cache_copies: int = setting(
        5, label="Augmented copies", low=1, high=100, whole=True,
        text="must be a whole number of copies from 1 to 100",
        help="With augmentation: augmented copies of each image computed once; more copies "
             "give more variety and take longer to compute.")

    def fine_tune_epoch(self, epochs: int) -> int:
        """The 0-based epoch at which phase 2 (fine-tuning) begins."""
        if self.fine_tune_from_epoch:
            return int(self.fine_tune_from_epoch) - 1
        return max(1, (int(epochs) + 1) // 2)


def _step_decay(config: RunConfig) -> bool:
    return config.optimizer.schedule == "exponential"


def _cosine(config: RunConfig) -> bool:
    return config.optimizer.schedule == "cosine"


@dataclass(frozen=True)
class OptimizerConfig:
    """Optimizer and learning-rate schedule."""

    name: str = setting("adam", label="Optimizer", choices={
        "adam": "Adam", "adamw": "AdamW", "sgd": "SGD with momentum", "rmsprop": "RMSprop"},
        help="How the weights are updated. Adam is a good default.")
    learning_rate: float = setting(1e-3, label="Learning rate", low=0, high=10,
                                   strict_low=True,
                                   text="must be a number above 0 (typically 0.0001 to 0.01)",
                                   help="Step size of learning. Too high: the loss jumps or "
                                        "becomes NaN; too low: slow.")
    schedule: str = setting("cosine", label="Schedule", choices={
        "constant": "Constant", "cosine": "Cosine decay to 0", "exponential": "Step decay"},
        help="How the learning rate changes during training.")
    decay_rate: float = setting(0.5, label="Step decay factor", low=0, high=1,
                                strict_low=True, applies=_step_decay,
                                help="Step decay: multiply the rate by this...")
    decay_epochs: float = setting(5.0, label="Step decay every", low=0, strict_low=True,
                                  applies=_step_decay, help="...every this many epochs.")
    warmup_epochs: float = setting(
        2.0, label="Warm-up", low=0, high=1000, applies=_cosine,
        help="Cosine decay: the learning rate rises from a tenth of its value to its value "
             "over these first epochs, then decays to 0 (0: no warm-up). Steadier first "
             "epochs on small data.")


def _early_stopping(config: RunConfig) -> bool:
    return config.callbacks.early_stopping


def _reducing_lr(config: RunConfig) -> bool:
    return config.callbacks.reduce_lr_on_plateau


@dataclass(frozen=True)
class TrainingConfig:
    """``fit_generator``'s arguments, plus seed, device and precision."""

    epochs: int = setting(10, label="Epochs", low=1, high=100000, whole=True,
                          help="Passes over the training images.")
    steps_per_epoch: int | None = setting(
        None, label="Steps per epoch", low=1, high=MAX_STEPS, whole=True, text=_STEPS_TEXT,
        help="Batches per epoch; automatic is every image once (ceil(images / batch size)).")
    validation_steps: int | None = setting(
        None, label="Validation steps", low=1, high=MAX_STEPS, whole=True, text=_STEPS_TEXT,
        help="Validation batches after an epoch; automatic is all.")
    validation_freq: int = setting(1, label="Validate every", low=1, whole=True,
                                   help="Validate after every N epochs.")
    workers: int = setting(2, label="Workers", low=0, high=64, whole=True,
                           help="Threads preparing batches while the model trains; 0 prepares "
                                "them in turn.")
    use_multiprocessing: bool = setting(False, label="Use processes instead of threads",
                                        help="Rarely faster for image files; needs more "
                                             "memory.")
    max_queue_size: int = setting(10, label="Queue size", low=1, high=1000, whole=True,
                                  help="Batches prepared ahead, at most.")
    shuffle: bool = setting(True, label="Shuffle images every epoch",
                            help="A new order every epoch (recommended).")
    # "none", "balanced", or {class name: weight}
    class_weight: Any = setting("none", label="Class weights", checked=False,
                                help="Make rare classes count more in the loss.")
    verbose: int = setting(1, label="Console", choices={
        1: "Progress bar", 2: "One line per epoch", 0: "Silent"},
        help="What the console shows, as Keras's verbose 1, 2 or 0.")
    seed: int | None = setting(1, label="Seed", low=0, high=2**31 - 1, whole=True,
                               help="The same seed repeats the same shuffling, augmentation "
                                    "and dropout.")
    # "auto", "cpu", "gpu:0", "all" (every GPU), "gpu:0,gpu:1"
    device: str = setting("auto", label="Device", checked=False,
                          help="Where the model trains. GPUs appear once TensorFlow has "
                               "loaded.")
    mixed_precision: bool = setting(False, label="Mixed precision (GPU)",
                                    help="16-bit arithmetic where safe: faster on recent GPUs, "
                                         "no use on a CPU.")
    # XLA compilation of the training step: "auto" (Keras's choice: on with one GPU, off on
    # the CPU and under a distribution strategy), "on" or "off".
    xla: str = setting("auto", label="XLA compilation", choices={
        "auto": "Automatic (on with one GPU)", "on": "On", "off": "Off"},
        help="XLA compiles the training step into fused GPU code: often faster on a GPU after "
             "a longer first batch; rarely worth it on a CPU.")
    check_data: bool = setting(True, label="Check every file before training",
                               help="Find unreadable files first (they are skipped).")
    max_bad_file_fraction: float = setting(0.05, label="Stop if unreadable above", low=0,
                                           high=1,
                                           help="Stop when more than this share of images "
                                                "fails to load during training.")
    on_nan: str = setting("stop", label="When the loss is NaN", choices={
        "stop": "Stop", "warn": "Warn and go on"},
        help="What to do when the loss becomes NaN (not a number).")


@dataclass(frozen=True)
class CallbacksConfig:
    """Checkpoints, early stopping, learning-rate reduction, TensorBoard."""

    early_stopping: bool = setting(False, label="Stop early",
                                   help="Stop when the watched value stops improving.")
    early_stopping_monitor: str = setting("val_loss", label="Watch", choices=MONITORS,
                                          help="The value to watch.")
    early_stopping_patience: int = setting(5, label="Patience", low=0, whole=True,
                                           applies=_early_stopping,
                                           help="Epochs without improvement to wait.")
    early_stopping_min_delta: float = setting(0.0, label="Smallest improvement", low=0,
                                              applies=_early_stopping)
    restore_best_weights: bool = setting(True, label="Keep the best epoch's weights")
    reduce_lr_on_plateau: bool = setting(False, label="Lower the learning rate",
                                         help="Multiply the rate by the factor when the watched "
                                              "value stops improving (constant schedule "
                                              "only).")
    reduce_lr_monitor: str = setting("val_loss", label="Watch", choices=MONITORS)
    reduce_lr_factor: float = setting(0.2, label="Factor", low=0, high=1, strict_low=True,
                                      below=True, applies=_reducing_lr,
                                      help="Multiply the rate by this.")
    reduce_lr_patience: int = setting(3, label="Patience", low=0, whole=True,
                                      applies=_reducing_lr, help="Epochs to wait.")
    reduce_lr_min_lr: float = setting(1e-6, label="Lowest learning rate", low=0,
                                      applies=_reducing_lr)
    tensorboard: bool = setting(False, label="Write TensorBoard logs",
                                help="In the run folder's tensorboard/ sub-folder.")
    # Training batches (from 1, over the run) to profile for TensorBoard, "10-30"; None: none.
    profile_batches: str | None = setting(None, label="Profile batches", checked=False,
                                          help="Training batches to profile, e.g. 10-30.")
    # The metric that picks the best epoch (kept by the retention, shown in the runs list).
    monitor: str = setting("val_loss", label="Best epoch by", choices=MONITORS,
                           help="The value that decides which epoch is the best.")
    # Full checkpoints kept: the newest N (0: all); the best one is always kept too.
    keep_last_checkpoints: int = setting(
        10, label="Keep checkpoints", low=0, high=100000, whole=True,
        text="must be a whole number of checkpoints (0 keeps all)",
        help="Checkpoints of the newest epochs kept; the best epoch's is kept as well.")
    # What model.keras is at the end: the best epoch's checkpoint (by ``monitor``), or the
    # model after the last epoch.
    final_model: str = setting("best", label="Final model", choices={
        "best": "The best epoch (by the value above)", "last": "The last epoch"},
        help="What model.keras is when training ends: the best epoch's checkpoint, or the "
             "model after the last epoch.")


@dataclass(frozen=True)
class RunConfig:
    """Every setting of a training run (immutable: :meth:`replace` gives a changed copy)."""

    name: str = setting("run", label="Run name", checked=False)
    data: DataConfig = field(default_factory=DataConfig)
    augmentation: AugmentationConfig = field(default_factory=AugmentationConfig)
    model: ModelConfig = field(default_factory=ModelConfig)
    optimizer: OptimizerConfig = field(default_factory=OptimizerConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    callbacks: CallbacksConfig = field(default_factory=CallbacksConfig)

    # -- JSON -------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with ``schema_version``."""
        return {"schema_version": SCHEMA_VERSION, **to_plain(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=False)

    @classmethod
    def from_dict(cls, data: Any) -> RunConfig:
        """Build from a dict; unknown or mistyped fields raise :class:`ConfigError`."""
        plain, problems = migrate(data)
        if problems:
            raise ConfigError(problems)
        config = _build(plain, problems)
        if problems:
            raise ConfigError(problems)
        return config

    @classmethod
    def from_dict_lenient(cls, data: Any) -> tuple[RunConfig, list[Problem]]:
        """Build from a dict, keeping every setting that is valid and listing the rest
        (unknown keys, as a newer FitGen writes them; mistyped values) instead of failing.
        """
        plain, problems = migrate(data, lenient=True)
        config = cls()
        changes = {}
        for key, value in plain.items():
            changes.update({f"{key}.{k}": v for k, v in value.items()}
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

    # -- changing ---------------------------------------------------------------------

    def replace(self, **changes: Any) -> RunConfig:
        """A copy with dotted fields changed: ``replace(**{"data.batch_size": 16})``;
        an element of a pair by its index: ``replace(**{"data.target_size[0]": 96})``.

        Names and types are checked (a :class:`ConfigError` names each problem); ranges and
        the fields' agreement are :meth:`validate`'s.
        """
        data = to_plain(self)
        problems = []
        for dotted, value in changes.items():
            problem = _set_plain(data, dotted, to_plain(value))
            if problem is not None:
                problems.append(problem)
        if problems:
            raise ConfigError(problems)
        config = _build(data, problems)
        if problems:
            raise ConfigError(problems)
        return config

    def get(self, dotted: str) -> Any:
        """The value of a dotted field: ``get("data.target_size[0]")``."""
        return get_field(self, dotted)

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
        from fitgen_gui.core.config_rules import validate

        return validate(self, check_paths=check_paths, has_validation=has_validation,
                        devices=devices)

    def check(self, **context: Any) -> None:
        """Raise :class:`ConfigError` listing every problem, if there is any (the keyword
        arguments are :meth:`validate`'s)."""
        problems = self.validate(**context)
        if problems:
            raise ConfigError(problems)


# -- migrations and building ---------------------------------------------------------------


def migrate(data: Any, *, lenient: bool = False) -> tuple[dict[str, Any], list[Problem]]:
    """Settings written by any FitGen, as this schema has them, with what cannot be read.

    Every schema migration lives here: ``from_dict`` and ``from_dict_lenient`` (and so the
    session, project files and run folders) read old files through it.
    """
    if not isinstance(data, dict):
        return {}, [Problem("config", "must be a JSON object {...}")]
    plain = dict(data)
    problems = []
    version = plain.pop("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        text = f"is {version!r}; this FitGen reads up to version {SCHEMA_VERSION}"
        problems.append(Problem("schema_version", text if lenient else
                                f"{text}. Update FitGen to open this file."))
        if not lenient:
            return plain, problems
    section = plain.get("data")
    if isinstance(section, dict) and "source" not in section and section.get("generator_file"):
        plain["data"] = {**section, "source": "python"}  # written before ``source`` existed
    return plain, problems


def _build(plain: dict[str, Any], problems: list[Problem]) -> RunConfig:
    mismatches: list = []
    config = from_plain(RunConfig, plain, mismatches)
    problems.extend(Problem(m.field, m.message) for m in mismatches)
    return config


_INDEX = re.compile(r"^(.*)\[(\d+)\]$")


def _set_plain(data: dict[str, Any], dotted: str, value: Any) -> Problem | None:
    """Set a dotted field in the plain form of a config; the problem if it is not one."""
    match = _INDEX.match(dotted)
    path = match.group(1) if match else dotted
    *sections, name = path.split(".")
    target: Any = data
    for part in sections:
        target = target.get(part) if isinstance(target, dict) else None
    if isinstance(target, dict) and isinstance(target.get(name), dict) and not (
            isinstance(value, dict)):
        first = next(iter(target[name]))
        return Problem(dotted, f"is a group of settings; set one of them, e.g. "
                               f"{dotted}.{first}=...")
    if not isinstance(target, dict) or name not in target:
        return Problem(dotted, "is not a setting" + _closest(dotted))
    if match:
        items = list(target[name] or ())
        index = int(match.group(2))
        if index > 1:
            return Problem(dotted, "is not a setting (a pair has [0] and [1])")
        items += [value] * (index + 1 - len(items))
        items[index] = value
        value = items
    target[name] = value
    return None


def get_field(config: RunConfig, dotted: str) -> Any:
    """``config``'s value of a ``"data.target_size[0]"`` style field name."""
    match = _INDEX.match(dotted)
    path = match.group(1) if match else dotted
    value: Any = config
    for part in path.split("."):
        value = getattr(value, part)
    return value[int(match.group(2))] if match else value


# -- what each setting is -------------------------------------------------------------------


def setting_names() -> list[str]:
    """Every setting's dotted name (``"data.batch_size"``...), in declaration order."""
    return list(_SETTINGS)


def setting_info(dotted: str) -> Setting:
    """The description of setting ``dotted`` (an index such as ``[0]`` is ignored)."""
    return _SETTINGS[dotted.split("[")[0]]


def field_label(dotted: str) -> str:
    """A setting's name as the panels show it."""
    base = dotted.split("[")[0]
    info = _SETTINGS.get(base)
    if info is not None:
        return info.label
    return base.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def _collect() -> dict[str, Setting]:
    found: dict[str, Setting] = {}
    hints = typing.get_type_hints(RunConfig)
    for section in dataclasses.fields(RunConfig):
        kind = hints[section.name]
        if dataclasses.is_dataclass(kind):
            for f in dataclasses.fields(kind):
                found[f"{section.name}.{f.name}"] = f.metadata["setting"]
        else:
            found[section.name] = section.metadata["setting"]
    return found


_SETTINGS = _collect()


def _closest(dotted: str) -> str:
    """`` (did you mean 'x.y'?)`` for a near miss of a setting's name, else ``''``."""
    import difflib

    close = difflib.get_close_matches(dotted, list(_SETTINGS), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""
