"""``fitgen label-issues RUN_DIR``: the training images that are probably in the wrong folder."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from fitgen_gui.cli.common import EXIT_OK, EXIT_STOPPED, load_engine

__all__ = ["add_commands"]


def _printer() -> Any:
    last = {"text": ""}
    tty = sys.stdout is not None and sys.stdout.isatty()

    def show(progress: Any) -> None:
        if sys.stdout is None:
            return
        if tty:
            end = "\n" if progress.stage in ("done", "reused") else ""
            sys.stdout.write(f"\r{progress.text:<70}{end}")
            sys.stdout.flush()
        elif progress.stage in ("done", "reused") or progress.text.split(":")[0] != (
                last["text"].split(":")[0]):
            print(progress.text, flush=True)
        last["text"] = progress.text

    return show


def cmd_label_issues(args: argparse.Namespace) -> int:
    load_engine()
    from fitgen_gui.training.label_issues import find_label_issues_of_run, issues_path
    from fitgen_gui.training.out_of_fold import OofStopped, plan_out_of_fold

    plan = plan_out_of_fold(args.run, args.folds)
    print(plan.describe(), flush=True)
    stop = threading.Event()

    def on_interrupt(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        print("\nStopping after this batch (finished folds are kept). Ctrl+C again quits "
              "now.", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        table = find_label_issues_of_run(args.run, plan=plan, stop=stop, progress=_printer())
    except OofStopped as exc:
        print(f"fitgen: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    finally:
        signal.signal(signal.SIGINT, previous)
    out = table.write(args.out) if args.out else issues_path(args.run)
    issues = table.issues
    print(f"{len(issues)} likely label error(s) among {len(table.rows)} training images:")
    for name, count in table.per_class().items():
        print(f"  in {name}: {count}")
    for label, suggested, count in table.pairs()[:5]:
        print(f"    {count} in {label} look like {suggested}")
    print(f"Table (most suspect first): {Path(out).resolve()}")
    if issues:
        print(f"Move them to their suggested class: fitgen fixes apply {out} --only-suggested "
              "(each move is journaled and can be undone).")
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "label-issues", help="find training images that are probably in the wrong class "
                             "folder (out-of-fold predictions + confident learning)")
    parser.add_argument("run", metavar="RUN_DIR", help="a run folder (its settings and "
                                                       "training folder are used)")
    parser.add_argument("--folds", type=int, default=5, metavar="K",
                        help="folds of cross-validation (default 5); each trains with the "
                             "run's settings on the others")
    parser.add_argument("--out", metavar="FILE.csv",
                        help="write the table here too (it is always kept in the run folder's "
                             "label-issues/issues.csv)")
    parser.set_defaults(func=cmd_label_issues)
