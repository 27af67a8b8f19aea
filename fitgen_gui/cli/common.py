"""What the ``fitgen`` commands share: settings from options, printing a run, exit codes."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fitgen_gui.core.errors import UserError

if TYPE_CHECKING:
    from fitgen_gui.core.events import Event, FinalEvent, Sink

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_STOPPED", "EXIT_USAGE", "UserError",
           "add_config_options", "config_from_args", "finish", "load_engine", "run_with_stop"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 130
DEBUG = {"on": False}


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _pairs(items: list[str] | None, prefix: str = "") -> dict[str, Any]:
    out = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UserError(f"'{item}' is not KEY=VALUE (for example rotation_range=20).")
        out[f"{prefix}{key.strip()}"] = _value(value.strip())
    return out


# The options that set one setting each: (flags, group, the setting, dest, metavar). Their type,
# choices and help come from the setting's own description (core/config.py), so the CLI and
# the app's panels cannot drift; nargs 2 for pairs of pixels.
_SETTING_OPTIONS = (
    (("--train",), "data", "data.train_dir", "train", "DIR"),
    (("--val",), "data", "data.val_dir", "val", "DIR"),
    (("--validation-split",), "data", "data.validation_split", "validation_split", "F"),
    (("--target-size",), "data", "data.target_size", "target_size", ("H", "W")),
    (("--batch-size",), "data", "data.batch_size", "batch_size", "N"),
    (("--color-mode",), "data", "data.color_mode", "color_mode", None),
    (("--class-mode",), "data", "data.class_mode", "class_mode", None),
    (("--model",), "model", "model.architecture", "architecture", None),
    (("--weights",), "model", "model.weights", "weights", "W"),
    (("--dropout",), "model", "model.dropout", "dropout", "F"),
    (("--epochs",), "training", "training.epochs", "epochs", "N"),
    (("--steps-per-epoch",), "training", "training.steps_per_epoch", "steps_per_epoch", "N"),
    (("--validation-steps",), "training", "training.validation_steps", "validation_steps", "N"),
    (("--workers",), "training", "training.workers", "workers", "N"),
    (("--optimizer",), "training", "optimizer.name", "optimizer", None),
    (("--lr", "--learning-rate"), "training", "optimizer.learning_rate", "learning_rate", "LR"),
    (("--seed",), "training", "training.seed", "seed", "N"),
    (("--xla",), "training", "training.xla", "xla", None),
    (("--name",), "training", "name", "name", "NAME"),
)
_HELP_EXTRA = {
    "model.weights": " ('none', 'imagenet' or a weights file)",
    "data.val_dir": " (default: a val/ folder beside the training folder)",
}


def _add_setting_option(group: Any, flags: tuple[str, ...], dotted: str, dest: str,
                        metavar: Any) -> None:
    import types
    import typing

    from fitgen_gui.core.config import RunConfig, setting_info

    info = setting_info(dotted)
    section, _, name = dotted.rpartition(".")
    owner = getattr(RunConfig(), section) if section else RunConfig()
    hint = typing.get_type_hints(type(owner))[name]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):  # X | None
        hint = next(k for k in typing.get_args(hint) if k is not type(None))
    kind = hint
    text = (info.help or info.label) + _HELP_EXTRA.get(dotted, "")
    options: dict[str, Any] = {"dest": dest, "metavar": metavar,
                               "help": text.replace("%", "%%")}  # argparse formats with %
    if typing.get_origin(kind) is tuple:
        options.update(nargs=len(typing.get_args(kind)), type=typing.get_args(kind)[0])
    elif info.choices:
        options.update(choices=list(info.values), type=type(info.values[0]))
        options.pop("metavar")
    elif kind in (int, float, str):
        options["type"] = kind
    group.add_argument(*flags, **options)


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """The options that make a ``RunConfig`` (train, preview...)."""
    parser.add_argument("config", nargs="?", help="a settings file (config.json) to start from")
    groups = {name: parser.add_argument_group(name) for name in ("data", "model", "training")}
    for flags, group, dotted, dest, metavar in _SETTING_OPTIONS:
        _add_setting_option(groups[group], flags, dotted, dest, metavar)
    data = groups["data"]
    data.add_argument("--data-file", metavar="FILE.py",
                      help="a Python file defining class_names and train_data(batch_size) "
                           "(and val_data): the data source instead of folders; its code runs")
    data.add_argument("--trust-data-file", action="store_true",
                      help="run the data file that a settings file (or a run) names; FitGen "
                           "runs a data file only when you ask for it")
    groups["model"].add_argument("--freeze-base", action="store_true",
                                 help="train only the new head on a pretrained base")
    training = groups["training"]
    training.add_argument("--class-weight", help="'none', 'balanced' or JSON {class: weight}")
    training.add_argument("--device", "--devices", dest="device",
                          help="'auto', 'cpu', 'gpu:N', 'all' (every GPU, each with its share "
                               "of the batch) or a list 'gpu:0,gpu:1'")
    training.add_argument("--virtual-devices", type=int, metavar="N",
                          help="split the CPU into N devices (to try or test training on "
                               "several devices: --devices all)")
    training.add_argument("--mixed-precision", action="store_true")
    parser.add_argument("--augment", nargs="+", metavar="KEY=VALUE",
                        help="augmentation, e.g. rotation_range=20 horizontal_flip=true")
    parser.add_argument("--set", nargs="+", metavar="SECTION.KEY=VALUE",
                        help="any setting, e.g. callbacks.early_stopping=true")


def config_from_args(args: argparse.Namespace) -> Any:
    """The ``RunConfig`` of the options (and the settings file, if given)."""
    from fitgen_gui.core.config import RunConfig

    if args.config:
        try:
            config = RunConfig.from_json(Path(args.config).read_text(encoding="utf-8"))
        except (FileNotFoundError, IsADirectoryError):
            raise UserError(f"Settings file '{args.config}' does not exist.") from None
    else:
        config = RunConfig()
    changes: dict[str, Any] = {}
    for _, _, dotted, dest, _ in _SETTING_OPTIONS:
        value = getattr(args, dest, None)
        if value is not None:
            changes[dotted] = list(value) if isinstance(value, list) else value
    # Options some commands add themselves (train's -v, --profile-batches).
    for attribute, dotted in (("data_file", "data.generator_file"), ("device", "training.device"),
                              ("verbose", "training.verbose"),
                              ("profile_batches", "callbacks.profile_batches")):
        value = getattr(args, attribute, None)
        if value is not None:
            changes[dotted] = value
    if getattr(args, "data_file", None):
        changes["data.source"] = "python"
    elif changes.get("data.train_dir"):
        changes["data.source"] = "folders"
    if getattr(args, "freeze_base", False):
        changes["model.train_base"] = False
    if getattr(args, "mixed_precision", False):
        changes["training.mixed_precision"] = True
    if getattr(args, "class_weight", None):
        changes["training.class_weight"] = _value(args.class_weight)
    train, val = changes.get("data.train_dir"), changes.get("data.val_dir")
    if train and not val and "data.validation_split" not in changes and not args.config:
        sibling = Path(train).resolve().parent / "val"
        if sibling.is_dir() and sibling != Path(train).resolve():
            changes["data.val_dir"] = str(sibling)  # the usual train/ + val/ layout
    changes.update(_pairs(getattr(args, "augment", None), "augmentation."))
    changes.update(_pairs(getattr(args, "set", None)))
    return config.replace(**changes)


def data_file_trusted(args: argparse.Namespace) -> bool:
    """A data file runs when it was named on this command line or trusted explicitly."""
    return bool(getattr(args, "data_file", None) or getattr(args, "trust_data_file", False))


def load_engine() -> None:
    from fitgen_gui.training.tf_startup import import_keras_quietly

    import_keras_quietly()


class Printer:
    """Prints a run's console text: redraws on a terminal, final lines elsewhere."""

    def __init__(self) -> None:
        from fitgen_gui.core.console_text import ConsoleBuffer

        self.tty = sys.stdout is not None and sys.stdout.isatty()
        self.buffer = ConsoleBuffer(lambda line: print(line, flush=True))

    def __call__(self, event: Event) -> None:
        from fitgen_gui.core.events import ConsoleText

        if not isinstance(event, ConsoleText) or sys.stdout is None:
            return
        if self.tty:
            sys.stdout.write(event.text)
            sys.stdout.flush()
        else:
            self.buffer.feed(event.text)


def finish(final: FinalEvent) -> int:
    """Print a run's outcome; its exit status (2 for what the user can fix)."""
    from fitgen_gui.core.events import TrainingFailed, TrainingStopped

    if isinstance(final, TrainingFailed):
        print(f"fitgen: {final.message}", file=sys.stderr)
        if final.run_dir:
            print(f"Run folder: {final.run_dir}")
        if DEBUG["on"]:
            print(final.details, file=sys.stderr)
        return EXIT_USAGE if final.user_error else EXIT_FAILED
    if final.run_dir:
        print(f"Run folder: {final.run_dir}")
    return EXIT_STOPPED if isinstance(final, TrainingStopped) else EXIT_OK


def run_with_stop(start: Callable[[Sink, threading.Event], FinalEvent]) -> int:
    """Run ``start(sink, stop)``; Ctrl+C stops after the batch, twice quits at once."""
    stop = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\nStopping after this batch (a checkpoint is kept). Ctrl+C again quits now.",
              file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        return finish(start(Printer(), stop))
    finally:
        signal.signal(signal.SIGINT, previous)


def quiet_tensorflow() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # not even "no CUDA driver" noise
