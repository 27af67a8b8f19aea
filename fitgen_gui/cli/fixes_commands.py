"""``fitgen fixes apply | undo | list``: fixes of a dataset from a terminal, each undoable.

``apply`` reads the CSV that ``fitgen label-issues`` wrote (or one edited by hand): a row
whose ``suggested`` column names another class moves its file there, ``exclude`` moves it
to ``_excluded/``; a row whose suggestion is its own label is left alone. Without
``--only-suggested`` it only lists what it would do. Every move goes through the dataset's
journal (:mod:`fitgen_gui.core.fixes`), so ``fitgen fixes undo`` reverses it.
"""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

from fitgen_gui.cli.common import EXIT_OK, UserError

__all__ = ["add_commands", "dataset_of"]


def dataset_of(file: str, label: str) -> Path:
    """The dataset folder of ``file`` labelled ``label`` (see ``fixes.dataset_root_of``)."""
    from fitgen_gui.core.fixes import FixError, dataset_root_of

    try:
        return dataset_root_of(file, label)
    except FixError:
        raise UserError(f"'{file}' is not inside a class folder named '{label}'; give the "
                        "dataset folder with --dataset.") from None


def _recover(dataset: Path) -> None:
    from fitgen_gui.core.fixes import recover

    for message in recover(dataset):
        print(message)


def _rows(csv_path: str) -> list[dict[str, str]]:
    try:
        with open(csv_path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        raise UserError(f"'{csv_path}' does not exist; write it with fitgen label-issues "
                        "RUN_DIR --out issues.csv.") from None
    if rows and not {"file", "label", "suggested"} <= set(rows[0]):
        raise UserError(f"'{csv_path}' has no file, label and suggested columns (its columns: "
                        f"{', '.join(rows[0])}); write it with fitgen label-issues.")
    return rows


def cmd_apply(args: argparse.Namespace) -> int:
    from fitgen_gui.core.fixes import FixError, FixJournal

    planned = [r for r in _rows(args.csv) if r["suggested"] and r["suggested"] != r["label"]]
    if not planned:
        print(f"No row of '{args.csv}' suggests another class: nothing to do.")
        return EXIT_OK
    verb = "Moving" if args.only_suggested else "Would move"
    print(f"{verb} {len(planned)} file(s) to their suggested class:")
    moved = skipped = 0
    for row in planned:
        dataset = Path(args.dataset) if args.dataset else dataset_of(row["file"], row["label"])
        target = ("_excluded/" if row["suggested"] == "exclude" else f"{row['suggested']}/")
        if not args.only_suggested:
            print(f"  {row['file']} -> {target}")
            continue
        journal = FixJournal(dataset)
        if moved + skipped == 0 or not args.dataset:
            _recover(dataset)
        reason = f"fitgen fixes apply {Path(args.csv).name} (quality {row.get('quality', '?')})"
        try:
            if row["suggested"] == "exclude":
                action = journal.exclude(row["file"], reason)
            else:
                action = journal.move(row["file"], row["suggested"], reason)
        except FixError as exc:
            print(f"  skipped: {exc}")
            skipped += 1
            continue
        moved += 1
        print(f"  {action.describe()}")
    if not args.only_suggested:
        print("Nothing was moved. Add --only-suggested to move them (each move is journaled "
              "in the dataset's fixes.jsonl; fitgen fixes undo --all reverses them).")
        return EXIT_OK
    print(f"Moved {moved} file(s)" + (f", skipped {skipped}" if skipped else "") +
          ". Undo: fitgen fixes undo --all --dataset DIR (or one: fitgen fixes undo N).")
    return EXIT_OK


def _journal_of(args: argparse.Namespace):
    from fitgen_gui.core.fixes import JOURNAL, FixJournal

    dataset = Path(args.dataset or os.getcwd())
    if not dataset.is_dir():
        raise UserError(f"Folder '{dataset}' does not exist.")
    journal = FixJournal(dataset)
    if not journal.path.exists():
        raise UserError(f"There is no {JOURNAL} in '{dataset}': no fix was made there. Name "
                        "the folder holding the class folders with --dataset.")
    _recover(dataset)
    return journal


def cmd_list(args: argparse.Namespace) -> int:
    journal = _journal_of(args)
    actions = journal.actions()
    for action in actions:
        print(f"{action.describe()}  {action.time}  {action.reason}".rstrip())
    print(f"{len(actions)} fix(es) in {journal.path}; {len(journal.undoable())} can be undone.")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    from fitgen_gui.core.fixes import FixError

    journal = _journal_of(args)
    try:
        undone = journal.undo_all() if args.all else [journal.undo(args.number)]
    except FixError as exc:
        raise UserError(str(exc)) from None
    for action in undone:
        print(action.describe())
    print(f"Undid {len(undone)} fix(es).")
    return EXIT_OK


def add_commands(commands: argparse._SubParsersAction) -> None:
    fixes = commands.add_parser("fixes", help="move, exclude and undo: fixes of a dataset, "
                                              "journaled")
    sub = fixes.add_subparsers(dest="fixes_command", required=True, metavar="ACTION")
    apply = sub.add_parser("apply", help="move the files of a label-issues CSV to their "
                                         "suggested class")
    apply.add_argument("csv", help="the CSV of fitgen label-issues (or one edited by hand)")
    apply.add_argument("--only-suggested", action="store_true",
                       help="really move the rows whose suggested class differs from their "
                            "label (without it: list them only)")
    apply.add_argument("--dataset", metavar="DIR",
                       help="the folder holding the class folders (default: found from each "
                            "file's path and label)")
    apply.set_defaults(func=cmd_apply)
    undo = sub.add_parser("undo", help="undo a fix (default: the last), or all")
    undo.add_argument("number", nargs="?", type=int, metavar="N",
                      help="the fix's number (fitgen fixes list)")
    undo.add_argument("--all", action="store_true", help="undo every fix, newest first")
    undo.add_argument("--dataset", metavar="DIR",
                      help="the folder holding the class folders (default: this folder)")
    undo.set_defaults(func=cmd_undo)
    listing = sub.add_parser("list", help="the fixes made in a dataset folder")
    listing.add_argument("--dataset", metavar="DIR",
                         help="the folder holding the class folders (default: this folder)")
    listing.set_defaults(func=cmd_list)
