"""``fitgen``: the training engine from a terminal, for scripts and servers.

    fitgen demo DIR
    fitgen train --train DIR [--val DIR | --validation-split F] [options]
    fitgen train CONFIG.json [options]
    fitgen resume RUN_DIR [--from-epoch K] [--epochs N]
    fitgen runs [DIR]
    fitgen preview --train DIR [options] --out grid.png
    fitgen check DIR [--val DIR]

User errors (a missing folder, one class only, a bad option) print one message and exit
with status 2; ``--debug`` shows tracebacks. Ctrl+C stops training after the current
batch and keeps a checkpoint.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 130
_USER_ERRORS = ("ConfigError", "WeightsMissingError", "CheckpointError", "FileNotFoundError",
                "NotADirectoryError", "UserDataError")


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _quiet_tensorflow() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # not even "no CUDA driver" noise


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


def _add_config_options(parser: argparse.ArgumentParser) -> None:
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
    model = parser.add_argument_group("model")
    model.add_argument("--model", dest="architecture",
                       choices=["small_cnn", "mobilenet_v3_small", "efficientnet_b0",
                                "resnet50"])
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
    training.add_argument("--device", help="'auto', 'cpu' or 'gpu:N'")
    training.add_argument("--mixed-precision", action="store_true")
    training.add_argument("--name", help="run name (part of its folder name)")
    parser.add_argument("--augment", nargs="+", metavar="KEY=VALUE",
                        help="augmentation, e.g. rotation_range=20 horizontal_flip=true")
    parser.add_argument("--set", nargs="+", metavar="SECTION.KEY=VALUE",
                        help="any setting, e.g. callbacks.early_stopping=true")


def _config_from_args(args: argparse.Namespace) -> Any:
    from fitgen_gui.core.config import ConfigError, RunConfig

    if args.config:
        try:
            config = RunConfig.from_json(Path(args.config).read_text(encoding="utf-8"))
        except FileNotFoundError:
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
        "verbose": "training.verbose",
    }
    for attribute, dotted in simple.items():
        value = getattr(args, attribute, None)
        if value is not None:
            changes[dotted] = list(value) if isinstance(value, list) else value
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
    try:
        return config.replace(**changes)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _load_engine() -> None:
    from fitgen_gui.training.tf_startup import import_keras_quietly

    import_keras_quietly()


class _Printer:
    """Prints a run's console text: redraws on a terminal, final lines elsewhere."""

    def __init__(self) -> None:
        from fitgen_gui.core.console_text import ConsoleBuffer

        self.tty = sys.stdout is not None and sys.stdout.isatty()
        self.buffer = ConsoleBuffer(lambda line: print(line, flush=True))

    def __call__(self, event: Any) -> None:
        from fitgen_gui.core.events import ConsoleText

        if not isinstance(event, ConsoleText) or sys.stdout is None:
            return
        if self.tty:
            sys.stdout.write(event.text)
            sys.stdout.flush()
        else:
            self.buffer.feed(event.text)


def _finish(final: Any) -> int:
    from fitgen_gui.core.events import TrainingFailed, TrainingStopped

    if isinstance(final, TrainingFailed):
        print(f"fitgen: {final.message}", file=sys.stderr)
        if final.run_dir:
            print(f"Run folder: {final.run_dir}")
        if _DEBUG:
            print(final.details, file=sys.stderr)
        return EXIT_USAGE if final.cause in _USER_ERRORS else EXIT_FAILED
    print(f"Run folder: {final.run_dir}")
    return EXIT_STOPPED if isinstance(final, TrainingStopped) else EXIT_OK


def _run_with_stop(start: Any) -> int:
    stop = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\nStopping after this batch (a checkpoint is kept). Ctrl+C again quits now.",
              file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        return _finish(start(_Printer(), stop))
    finally:
        signal.signal(signal.SIGINT, previous)


def cmd_train(args: argparse.Namespace) -> int:
    _load_engine()
    config = _config_from_args(args)
    problems = config.validate()
    if problems:
        raise UserError("the settings have problems:\n" + "\n".join(f"  - {p}" for p in problems))
    if args.save_config:
        Path(args.save_config).write_text(config.to_json(), encoding="utf-8")
    from fitgen_gui.training.runner import run_training

    return _run_with_stop(lambda sink, stop: run_training(config, sink, stop,
                                                          workspace=args.runs_dir))


def cmd_resume(args: argparse.Namespace) -> int:
    _load_engine()
    if not (Path(args.run_dir) / "config.json").is_file():
        raise UserError(f"'{args.run_dir}' is not a FitGen run folder (it has no config.json).")
    from fitgen_gui.training.runner import resume_training

    return _run_with_stop(lambda sink, stop: resume_training(
        args.run_dir, sink, stop, from_epoch=args.from_epoch, epochs=args.epochs))


def cmd_runs(args: argparse.Namespace) -> int:
    from fitgen_gui.core.run_dir import list_runs

    runs = list_runs(args.dir)
    if not runs:
        print(f"No runs in '{args.dir}'.")
        return EXIT_OK
    print(f"{'run':<40} {'status':<12} {'epochs':>8}  {'best':<22} checkpoints")
    for run in runs:
        epochs = f"{run.epochs_done}/{run.epochs_planned or '?'}"
        best = f"{run.best_metric} {run.best_value:.4f}" if run.best_metric else "-"
        print(f"{run.name:<40} {run.status:<12} {epochs:>8}  {best:<22} {run.checkpoints}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    root = write_demo_dataset(args.dir)
    print(f"Demo dataset written to {root} (train/ and val/, 3 classes).")
    print(f"Try: fitgen train --train {root / 'train'} --val {root / 'val'} --epochs 5")
    return EXIT_OK


def cmd_preview(args: argparse.Namespace) -> int:
    _load_engine()
    config = _config_from_args(args)
    problems = [p for p in config.validate() if p.field.startswith(("data.", "augmentation."))]
    if problems:
        raise UserError("the settings have problems:\n" + "\n".join(f"  - {p}" for p in problems))
    from fitgen_gui.data.preview_grid import save_grid
    from fitgen_gui.training.run_data import build_train_iterator

    iterator = build_train_iterator(config, seed=config.training.seed)
    index = min(args.batch_index, len(iterator) - 1)
    batch = iterator.get_batch(index, augment=not args.no_augment)
    count = save_grid(args.out, batch, list(iterator.class_indices), config.data.class_mode)
    print(f"Saved {count} images of batch {index} to {args.out}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from fitgen_gui.data.data_check import check_folders, format_report

    if not os.path.isdir(args.dir):
        raise UserError(f"Folder '{args.dir}' does not exist.")
    report = check_folders(args.dir, args.val, progress=not args.quiet)
    print(format_report(report, verbose=args.verbose))
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    return EXIT_OK if report.can_train else EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fitgen", description="Train image classifiers from folders of images.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="write the built-in demo dataset")
    demo.add_argument("dir")
    demo.set_defaults(func=cmd_demo)

    train = commands.add_parser("train", help="train a new run")
    _add_config_options(train)
    train.add_argument("-v", "--verbose", type=int, choices=[0, 1, 2],
                       help="0 quiet, 1 progress bar, 2 one line per epoch")
    train.add_argument("--runs-dir", default="runs", help="where run folders go (./runs)")
    train.add_argument("--save-config", metavar="PATH", help="also write the settings here")
    train.set_defaults(func=cmd_train)

    resume = commands.add_parser("resume", help="continue a run from a checkpoint")
    resume.add_argument("run_dir")
    resume.add_argument("--from-epoch", type=int, metavar="K",
                        help="the checkpoint epoch to continue from (default: the latest)")
    resume.add_argument("--epochs", type=int, metavar="N", help="train until epoch N")
    resume.set_defaults(func=cmd_resume)

    runs = commands.add_parser("runs", help="list runs")
    runs.add_argument("dir", nargs="?", default="runs")
    runs.set_defaults(func=cmd_runs)

    preview = commands.add_parser("preview", help="save a grid of one augmented batch")
    _add_config_options(preview)
    preview.add_argument("--out", required=True, help="image file to write (grid.png)")
    preview.add_argument("--batch-index", type=int, default=0)
    preview.add_argument("--no-augment", action="store_true", help="show the images as read")
    preview.set_defaults(func=cmd_preview)

    check = commands.add_parser("check", help="check a dataset before training")
    check.add_argument("dir")
    check.add_argument("--val", metavar="DIR")
    check.add_argument("--json", metavar="PATH", help="also save the report as JSON")
    check.add_argument("--verbose", action="store_true", help="list every file concerned")
    check.add_argument("--quiet", action="store_true", help="no progress bar")
    check.set_defaults(func=cmd_check)
    return parser


_DEBUG = False


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``fitgen``; returns the exit status."""
    global _DEBUG
    _quiet_tensorflow()
    for stream in (sys.stdout, sys.stderr):  # file names that are not valid UTF-8
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    _DEBUG = args.debug
    try:
        return args.func(args)
    except UserError as exc:
        print(f"fitgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (FileNotFoundError, NotADirectoryError, ValueError) as exc:
        if _DEBUG:
            raise
        print(f"fitgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("fitgen: interrupted.", file=sys.stderr)
        return EXIT_STOPPED


if __name__ == "__main__":
    sys.exit(main())
