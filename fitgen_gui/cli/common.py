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


def add_config_options(parser: argparse.ArgumentParser) -> None:
    """The options that make a ``RunConfig`` (train, preview...)."""
    from fitgen_gui.core.config import ARCHITECTURES

    parser.add_argument("config", nargs="?", help="a settings file (config.json) to start from")
    data = parser.add_argument_group("data")
    data.add_argument("--train", metavar="DIR", help="training folder, one sub-folder per class")
    data.add_argument("--val", metavar="DIR", help="validation folder")
    data.add_argument("--validation-split", type=float, metavar="F",
                      help="fraction of the training folder kept for validation")
    data.add_argument("--target-size", type=int, nargs=2, metavar=("H", "W"))
    data.add_argument("--batch-size", type=int)
    data.add_argument("--color-mode", choices=["rgb", "grayscale", "rgba"])
    data.add_argument("--class-mode", choices=["categorical", "binary", "sparse"])
    data.add_argument("--data-file", metavar="FILE.py",
                      help="a Python file defining class_names and train_data(batch_size) "
                           "(and val_data): the data source instead of folders; its code runs")
    data.add_argument("--trust-data-file", action="store_true",
                      help="run the data file that a settings file (or a run) names; FitGen "
                           "runs a data file only when you ask for it")
    model = parser.add_argument_group("model")
    model.add_argument("--model", dest="architecture", choices=list(ARCHITECTURES))
    model.add_argument("--weights", help="'none', 'imagenet' or a weights file")
    model.add_argument("--freeze-base", action="store_true",
                       help="train only the new head on a pretrained base")
    model.add_argument("--dropout", type=float)
    training = parser.add_argument_group("training")
    training.add_argument("--epochs", type=int)
    training.add_argument("--steps-per-epoch", type=int)
    training.add_argument("--validation-steps", type=int)
    training.add_argument("--workers", type=int)
    training.add_argument("--optimizer", choices=["adam", "adamw", "sgd", "rmsprop"])
    training.add_argument("--lr", "--learning-rate", dest="learning_rate", type=float)
    training.add_argument("--class-weight", help="'none', 'balanced' or JSON {class: weight}")
    training.add_argument("--seed", type=int)
    training.add_argument("--device", "--devices", dest="device",
                          help="'auto', 'cpu', 'gpu:N', 'all' (every GPU, each with its share "
                               "of the batch) or a list 'gpu:0,gpu:1'")
    training.add_argument("--virtual-devices", type=int, metavar="N",
                          help="split the CPU into N devices (to try or test training on "
                               "several devices: --devices all)")
    training.add_argument("--mixed-precision", action="store_true")
    training.add_argument("--xla", choices=["auto", "on", "off"],
                          help="XLA compilation of the training step (auto: on with one GPU)")
    training.add_argument("--name", help="run name (part of its folder name)")
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
    simple = {
        "train": "data.train_dir", "val": "data.val_dir", "data_file": "data.generator_file",
        "validation_split": "data.validation_split", "target_size": "data.target_size",
        "batch_size": "data.batch_size", "color_mode": "data.color_mode",
        "class_mode": "data.class_mode", "architecture": "model.architecture",
        "weights": "model.weights", "dropout": "model.dropout", "epochs": "training.epochs",
        "steps_per_epoch": "training.steps_per_epoch",
        "validation_steps": "training.validation_steps", "workers": "training.workers",
        "optimizer": "optimizer.name", "learning_rate": "optimizer.learning_rate",
        "seed": "training.seed", "device": "training.device", "name": "name",
        "verbose": "training.verbose", "profile_batches": "callbacks.profile_batches",
        "xla": "training.xla",
    }
    for attribute, dotted in simple.items():
        value = getattr(args, attribute, None)
        if value is not None:
            changes[dotted] = list(value) if isinstance(value, list) else value
    if getattr(args, "data_file", None):
        changes["data.source"] = "python"
    elif getattr(args, "train", None):
        changes["data.source"] = "folders"
    if getattr(args, "freeze_base", False):
        changes["model.train_base"] = False
    if getattr(args, "mixed_precision", False):
        changes["training.mixed_precision"] = True
    if getattr(args, "class_weight", None):
        changes["training.class_weight"] = _value(args.class_weight)
    if args.train and not args.val and args.validation_split is None and not args.config:
        sibling = Path(args.train).resolve().parent / "val"
        if sibling.is_dir() and sibling != Path(args.train).resolve():
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
