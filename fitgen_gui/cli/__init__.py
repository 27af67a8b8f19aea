"""``fitgen``: the training engine from a terminal, for scripts and servers.

    fitgen demo DIR
    fitgen train --train DIR [--val DIR | --validation-split F] [options]
    fitgen train CONFIG.json [--trust-data-file] [options]
    fitgen resume RUN_DIR [--from-epoch K] [--epochs N] [--trust-data-file]
    fitgen runs [DIR]
    fitgen preview --train DIR [options] --out grid.png
    fitgen check DIR [--val DIR]
    fitgen label-issues RUN_DIR [--folds K] --out issues.csv
    fitgen fixes apply issues.csv --only-suggested | undo [N | --all] | list [--dataset DIR]
    fitgen tap (--train DIR | --data-file FILE) --batch N --out DIR
    fitgen tune-loader (--train DIR | --data-file FILE) [--json OUT]
    fitgen evaluate RUN [--data FOLDER] [--epoch N]
    fitgen predict RUN_OR_MODEL_FILE PATH... [--out FILE.csv]
    fitgen export RUN --format keras,saved_model,onnx,tflite,tflite-int8 [--out DIR]
    fitgen weights list | download ARCH... [--mirror URL]
    fitgen worker --cluster FILE --index I [train options | --resume RUN_DIR]
    srun fitgen worker [train options | --resume RUN_DIR]     (the cluster from SLURM)
    fitgen sweep [train options] --vary KEY=V1,V2 [--random N] [--parallel N] [--slurm ...]
    fitgen sweep --resume SWEEP_DIR | --status SWEEP_DIR
    fitgen compare RUN_OR_SWEEP...
    fitgen cluster-check FILE [--index I]
    fitgen install-desktop [--uninstall]

User errors (a missing folder, one class only, a bad option, a locked run) print one
message and exit with status 2; ``--debug`` shows tracebacks. Ctrl+C stops training after
the current batch and keeps a checkpoint.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from fitgen_gui.cli.common import (
    DEBUG,
    EXIT_FAILED,
    EXIT_STOPPED,
    EXIT_USAGE,
    UserError,
    quiet_tensorflow,
)

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    from fitgen_gui import __version__
    from fitgen_gui.cli import (
        cluster_commands,
        compare_commands,
        desktop_commands,
        fixes_commands,
        label_issue_commands,
        model_commands,
        run_commands,
        sweep_commands,
        weights_commands,
    )

    parser = argparse.ArgumentParser(
        prog="fitgen", description="Train image classifiers from folders of images.")
    parser.add_argument("--version", action="version", version=f"fitgen {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_commands.add_commands(commands)
    model_commands.add_commands(commands)
    weights_commands.add_commands(commands)
    cluster_commands.add_commands(commands)
    sweep_commands.add_commands(commands)
    compare_commands.add_commands(commands)
    fixes_commands.add_commands(commands)
    label_issue_commands.add_commands(commands)
    desktop_commands.add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``fitgen``; returns the exit status."""
    quiet_tensorflow()
    for stream in (sys.stdout, sys.stderr):  # file names that are not valid UTF-8
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    DEBUG["on"] = args.debug
    try:
        return args.func(args)
    except UserError as exc:
        if args.debug:
            raise
        print(f"fitgen: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("fitgen: interrupted.", file=sys.stderr)
        return EXIT_STOPPED
    except Exception as exc:
        if args.debug:
            raise
        print(f"fitgen: {type(exc).__name__}: {exc} (this is a FitGen error; run with "
              "--debug for the details and report it)", file=sys.stderr)
        return EXIT_FAILED
