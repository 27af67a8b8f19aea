"""``fitgen demo | train | resume | runs | preview | check``: runs from a terminal."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from fitgen_gui.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UserError,
    add_config_options,
    config_from_args,
    data_file_trusted,
    load_engine,
    run_with_stop,
)

__all__ = ["add_commands"]


def _virtual_devices(args: argparse.Namespace) -> None:
    """``--virtual-devices N``: set before TensorFlow starts (it reads it once)."""
    count = getattr(args, "virtual_devices", None)
    if count is not None:
        if count < 1:
            raise UserError(f"--virtual-devices must be 1 or more; got {count}.")
        from fitgen_gui.training.tf_devices import VIRTUAL_DEVICES_ENV

        os.environ[VIRTUAL_DEVICES_ENV] = str(count)


def cmd_train(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    if args.run_folder:
        from fitgen_gui.core.run_dir import RunDir

        RunDir.check_new(args.run_folder)
    if args.save_config:
        Path(args.save_config).write_text(config.to_json(), encoding="utf-8")
    _virtual_devices(args)
    load_engine()
    from fitgen_gui.training.runner import run_training

    trusted = data_file_trusted(args)
    return run_with_stop(lambda sink, stop: run_training(
        config, sink, stop, workspace=args.runs_dir, data_file_trusted=trusted,
        run_folder=args.run_folder))


def cmd_resume(args: argparse.Namespace) -> int:
    if not (Path(args.run_dir) / "config.json").is_file():
        raise UserError(f"'{args.run_dir}' is not a FitGen run folder (it has no config.json).")
    _virtual_devices(args)
    load_engine()
    from fitgen_gui.training.runner import resume_training

    return run_with_stop(lambda sink, stop: resume_training(
        args.run_dir, sink, stop, from_epoch=args.from_epoch, epochs=args.epochs,
        data_file_trusted=args.trust_data_file))


def cmd_runs(args: argparse.Namespace) -> int:
    from fitgen_gui.core.run_dir import list_runs

    if args.dir and args.runs_dir and Path(args.dir) != Path(args.runs_dir):
        raise UserError(f"Two runs folders given ('{args.dir}' and --runs-dir "
                        f"'{args.runs_dir}'); give one.")
    folder = args.runs_dir or args.dir or "runs"
    runs = list_runs(folder)
    sweeps = _sweeps(folder)
    if not runs and not sweeps:
        print(f"No runs in '{folder}'.")
        return EXIT_OK
    for line in sweeps:
        print(line)
    if not runs:
        return EXIT_OK
    print(f"{'run':<40} {'status':<12} {'epochs':>8}  {'best':<30} {'model.keras':<32} "
          "checkpoints")
    for run in runs:
        epochs = f"{run.epochs_done}/{run.epochs_planned or '?'}"
        best = "-"
        if run.best_metric:
            best = f"{run.best_metric} {run.best_value:.4f}"
            if run.best_epoch is not None:
                best += f" (epoch {run.best_epoch + 1})"
        print(f"{run.name:<40} {run.status:<12} {epochs:>8}  {best:<30} "
              f"{run.model_label() or '-':<32} {run.checkpoints}")
    return EXIT_OK


def _sweeps(folder: str) -> list[str]:
    """A line per sweep folder in ``folder`` (its runs are listed by fitgen runs SWEEP)."""
    from fitgen_gui.core.sweep import SWEEP_FILE, Sweep
    from fitgen_gui.core.sweep_table import count_statuses, rows_of

    lines = []
    for path in sorted(Path(folder).glob(f"*/{SWEEP_FILE}"), reverse=True):
        try:
            sweep = Sweep.read(path.parent)
        except UserError:
            continue
        lines.append(f"sweep {path.parent.name}: {count_statuses(rows_of(path.parent, sweep))}"
                     f" (fitgen sweep --status {path.parent})")
    return lines


def cmd_demo(args: argparse.Namespace) -> int:
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    root = write_demo_dataset(args.dir)
    print(f"Demo dataset written to {root} (train/ and val/, 3 classes).")
    print(f"Try: fitgen train --train {root / 'train'} --val {root / 'val'} "
          "--epochs 5")
    return EXIT_OK


def _data_settings(args: argparse.Namespace, fields: tuple[str, ...] | None = (
        "data.", "augmentation.")) -> Any:
    """The settings of a command that reads the data: checked (only ``fields``' sections,
    or all with None), a data file run only when trusted; TensorFlow loaded."""
    from fitgen_gui.core.config import ConfigError

    config = config_from_args(args)
    problems = [p for p in config.validate() if fields is None or p.field.startswith(fields)]
    if problems:
        raise ConfigError(problems)
    if config.data.source == "python" and not data_file_trusted(args):
        raise UserError(f"These settings get their data by running '"
                        f"{config.data.generator_file}'; pass --trust-data-file to run it.")
    load_engine()
    return config


def cmd_preview(args: argparse.Namespace) -> int:
    config = _data_settings(args)
    from PIL import Image

    from fitgen_gui.data.preview import DataFilePreview, FolderPreview, PreviewError
    from fitgen_gui.data.preview_grid import make_grid

    try:
        if config.data.source == "python":
            batch = DataFilePreview().compute(config, args.batch_index, 10**6)
        else:
            batch = FolderPreview().compute(config, args.batch_index, 0, not args.no_augment,
                                            10**6)
    except PreviewError as exc:
        raise UserError(str(exc)) from None
    scale = max(1, 96 // max(batch.images[0].shape[:2]))
    Image.fromarray(make_grid(batch.images, batch.labels, scale=scale)).save(args.out)
    print(f"Saved {len(batch.images)} images of batch {batch.index + 1} to "
          f"{args.out} (built in {batch.seconds * 1000:.0f} ms; values {batch.value_range[0]:.3g}"
          f" to {batch.value_range[1]:.3g}).")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from fitgen_gui.data import check_cache
    from fitgen_gui.data.data_check import check_folders, format_report
    from fitgen_gui.data.image_io import IMAGE_EXTENSIONS, KERAS2_EXTENSIONS

    if not os.path.isdir(args.dir):
        raise UserError(f"Folder '{args.dir}' does not exist.")
    extensions = KERAS2_EXTENSIONS if args.keras2_formats else IMAGE_EXTENSIONS
    report = check_folders(args.dir, args.val, progress=not args.quiet,
                           follow_links=args.follow_links, extensions=extensions)
    check_cache.store(report)
    print(format_report(report, verbose=args.verbose))
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
    return EXIT_OK if report.can_train else EXIT_USAGE


def cmd_tap(args: argparse.Namespace) -> int:
    config = _data_settings(args)
    from fitgen_gui.training.batch_tap import tap_batch, write_tap

    tapped = tap_batch(config, args.batch)
    try:
        paths = write_tap(tapped, args.out)
    except OSError as exc:
        raise UserError(f"Could not write to '{args.out}': {exc.strerror or exc}.") from None
    stats = tapped.stats
    print(f"Batch {tapped.number} ({tapped.position}): inputs "
          f"{tuple(stats['inputs']['shape'])} {stats['inputs']['dtype']}"
          + (f", targets {tuple(stats['targets']['shape'])} {stats['targets']['dtype']}"
             if stats["targets"] else "")
          + (f", sample weights {tuple(stats['sample_weight']['shape'])}"
             if stats["sample_weight"] else "") + ".")
    for c, channel in enumerate(stats["channels"]):
        if channel["min"] is not None:
            print(f"  channel {c}: min {channel['min']:.4g}, max {channel['max']:.4g}, mean "
                  f"{channel['mean']:.4g}, std {channel['std']:.4g}")
    if not tapped.reproducible:
        print("Note: no seed is set, so this batch's order and augmentation are drawn anew; "
              "set --seed to see exactly what a run with that seed trains on.")
    for flag in tapped.flags:
        print(f"FLAG {flag.key}: {flag.message}")
    if not tapped.flags:
        print("No problems seen in this batch.")
    print("Wrote " + ", ".join(paths.values()))
    return EXIT_OK


def cmd_tune_loader(args: argparse.Namespace) -> int:
    config = _data_settings(args, fields=None)  # it trains: every setting counts
    from fitgen_gui.training.loader_tuner import tune_loader

    report = tune_loader(config, batches=args.batches,
                         progress=lambda text: print(f"{text}...", flush=True))
    print(f"Data only:  {report.data_only:8.1f} images/s")
    print(f"Model only: {report.model_only:8.1f} images/s")
    print(f"Full:       {report.full:8.1f} images/s")
    print(report.sentence)
    print(f"{'setting':42} {'images/s':>9} {'queue full':>10}")
    for trial in report.trials:
        if trial.error:
            print(f"{trial.label:42} {'failed':>9}   {trial.error}")
        else:
            print(f"{trial.label:42} {trial.images_per_s:9.1f} {trial.queue_fill:10.0%}")
    print(report.recommendation)
    if report.recommended is not None:
        best = report.recommended
        print(f"Settings: --workers {best.workers} --set training.use_multiprocessing="
              f"{str(best.use_multiprocessing).lower()} training.max_queue_size="
              f"{best.max_queue_size}")
    if args.json:
        try:
            Path(args.json).write_text(json.dumps(report.to_dict(), indent=2),
                                       encoding="utf-8")
        except OSError as exc:
            raise UserError(f"Could not write '{args.json}': {exc.strerror or exc}.") from None
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="write the built-in demo dataset")
    demo.add_argument("dir")
    demo.set_defaults(func=cmd_demo)

    train = commands.add_parser("train", help="train a new run")
    add_config_options(train)
    train.add_argument("-v", "--verbose", type=int, choices=[0, 1, 2],
                       help="0 quiet, 1 progress bar, 2 one line per epoch")
    train.add_argument("--runs-dir", default="runs", help="where run folders go (./runs)")
    train.add_argument("--run-folder", metavar="DIR",
                       help="train into this folder (new or empty) instead of a new dated "
                            "folder in --runs-dir; a sweep's runs are trained so")
    train.add_argument("--save-config", metavar="PATH", help="also write the settings here")
    train.add_argument("--profile-batches", metavar="FIRST-LAST",
                       help="write a TensorBoard profile of these training batches (from 1, "
                            "over the run), e.g. 10-30, and print the profiler's verdict")
    train.set_defaults(func=cmd_train)

    resume = commands.add_parser("resume", help="continue a run from a checkpoint")
    resume.add_argument("run_dir")
    resume.add_argument("--from-epoch", type=int, metavar="K",
                        help="the checkpoint epoch to continue from (default: the latest)")
    resume.add_argument("--epochs", type=int, metavar="N", help="train until epoch N")
    resume.add_argument("--trust-data-file", action="store_true",
                        help="run the data file the run's settings name")
    resume.add_argument("--virtual-devices", type=int, metavar="N",
                        help="split the CPU into N devices (for a run on 'all' devices)")
    resume.set_defaults(func=cmd_resume)

    tap = commands.add_parser(
        "tap", help="write the exact arrays of training batch N (npz, png grid, json)")
    add_config_options(tap)
    tap.add_argument("--batch", type=int, required=True, metavar="N",
                     help="batch number over the whole run, from 1")
    tap.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    tap.set_defaults(func=cmd_tap)

    tune = commands.add_parser(
        "tune-loader", help="find whether the data or the model is the bottleneck, and the "
                            "fastest loader settings")
    add_config_options(tune)
    tune.add_argument("--batches", type=int, default=20, metavar="N",
                      help="batches timed per measurement (20)")
    tune.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    tune.set_defaults(func=cmd_tune_loader)

    runs = commands.add_parser("runs", help="list runs")
    # The runs folder as train and the other commands take it (--runs-dir), or positional.
    runs.add_argument("dir", nargs="?", help="the runs folder (default: runs)")
    runs.add_argument("--runs-dir", metavar="DIR", help="the runs folder (default: runs)")
    runs.set_defaults(func=cmd_runs)

    preview = commands.add_parser("preview", help="save a grid of one augmented batch")
    add_config_options(preview)
    preview.add_argument("--out", required=True, help="image file to write (grid.png)")
    preview.add_argument("--batch-index", type=int, default=0,
                         help="the batch to show, counted from 0")
    preview.add_argument("--no-augment", action="store_true", help="show the images as read")
    preview.set_defaults(func=cmd_preview)

    check = commands.add_parser("check", help="check a dataset before training")
    check.add_argument("dir")
    check.add_argument("--val", metavar="DIR")
    check.add_argument("--json", metavar="PATH", help="also save the report as JSON")
    check.add_argument("--verbose", action="store_true", help="list every file concerned")
    check.add_argument("--quiet", action="store_true", help="no progress bar")
    check.add_argument("--follow-links", action="store_true",
                       help="follow linked folders (and linked class folders)")
    check.add_argument("--keras2-formats", action="store_true",
                       help="only Keras 2's file types (no GIF, no WebP)")
    check.set_defaults(func=cmd_check)
