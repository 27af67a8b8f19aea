"""``fitgen compare RUN RUN...``: runs side by side (a sweep folder stands for its runs)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fitgen_gui.cli.common import EXIT_OK, UserError
from fitgen_gui.core.run_compare import format_metric, format_value

__all__ = ["add_commands", "format_comparison", "print_sweep_comparison"]




def format_comparison(comparison: Any, files: int = 20) -> str:
    """The comparison as text: one column per run, then the images that changed."""
    runs = comparison.runs
    rows: list[tuple[str, list[str]]] = [("status", [r.status for r in runs])]
    rows.append(("epochs", [str(r.epochs) for r in runs]))
    if comparison.settings:
        rows.append(("settings that differ:", []))
        rows += [(f"  {key}", [format_value(v) for v in values])
                 for key, values in comparison.settings]
    else:
        rows.append(("settings: the same in every run", []))
    rows.append(("best (epoch)", [f"{r.monitor} {r.best:.4f} ({r.best_epoch})"
                                  if r.best is not None else "-" for r in runs]))
    for key in ("val_accuracy", "val_loss", "accuracy", "loss"):
        if any(key in r.final for r in runs):
            rows.append((f"final {key}", [format_metric(r.final.get(key)) for r in runs]))
    if any(r.class_accuracy for r in runs):
        rows.append(("evaluated accuracy", [format_metric(r.evaluated_accuracy) for r in runs]))
        rows.append(("accuracy per class:", []))
        rows += [(f"  {name}", [format_metric(r.class_accuracy.get(name)) for r in runs])
                 for name in comparison.classes]
    else:
        rows.append(("accuracy per class: no run evaluated (fitgen evaluate RUN)", []))
    label_width = max(len(label) for label, values in rows if values) + 2
    widths = [max(len(r.name), *(len(v[i]) for _, v in rows if v)) + 2
              for i, r in enumerate(runs)]
    lines = [" " * label_width + "".join(r.name.ljust(w) for r, w in zip(runs, widths,
                                                                          strict=True))]
    for label, values in rows:
        if not values:
            lines.append(label)
            continue
        lines.append(label.ljust(label_width) + "".join(
            v.ljust(w) for v, w in zip(values, widths, strict=True)))
    for change in comparison.changes:
        head = f"Validation images, {change.first} -> {change.other}: "
        if change.reason:
            lines.append(head + f"not compared ({change.reason}).")
            continue
        lines.append(head + f"{change.images} images; {len(change.wrong_to_right)} wrong -> "
                     f"right, {len(change.right_to_wrong)} right -> wrong.")
        for title, images in (("wrong -> right", change.wrong_to_right),
                              ("right -> wrong", change.right_to_wrong)):
            if images:
                shown = images[:files]
                more = f" ... and {len(images) - len(shown)} more" if len(images) > files \
                    else ""
                lines.append(f"  {title}: " + ", ".join(shown) + more)
    return "\n".join(line.rstrip() for line in lines)


def _expand(paths: list[str]) -> list[Path]:
    """Run folders; a sweep folder stands for its runs that have started."""
    from fitgen_gui.core.sweep import SWEEP_FILE, Sweep

    runs = []
    for text in paths:
        path = Path(text)
        if (path / SWEEP_FILE).is_file():
            sweep = Sweep.read(path)
            runs += [path / r.name for r in sweep.runs if (path / r.name / "config.json")
                     .is_file()]
        elif (path / "config.json").is_file():
            runs.append(path)
        else:
            raise UserError(f"'{text}' is not a FitGen run folder (it has no config.json) "
                            "nor a sweep folder (sweep.json).")
    return runs


def cmd_compare(args: argparse.Namespace) -> int:
    from fitgen_gui.core.run_compare import compare_runs

    runs = _expand(args.runs)
    if len(runs) < 2:
        raise UserError(f"Give at least two runs to compare (found {len(runs)} in "
                        f"{', '.join(args.runs)}).")
    print(format_comparison(compare_runs(runs), files=args.files))
    return EXIT_OK


def print_sweep_comparison(sweep_dir: Path, sweep: Any, rows: list[Any]) -> None:
    """After a sweep: its finished runs side by side, when there are two or more."""
    from fitgen_gui.core.run_compare import compare_runs

    finished = [sweep_dir / row.run for row in rows if row.status == "finished"]
    if len(finished) >= 2:
        print()
        print(format_comparison(compare_runs(finished), files=10))


def add_commands(commands: argparse._SubParsersAction) -> None:
    compare = commands.add_parser(
        "compare", help="runs side by side: settings that differ, best epoch, accuracy per "
                        "class, images that changed")
    compare.add_argument("runs", nargs="+", metavar="RUN",
                         help="run folders (the first is the reference), or a sweep folder")
    compare.add_argument("--files", type=int, default=20, metavar="N",
                         help="list at most N changed images each way (20)")
    compare.set_defaults(func=cmd_compare)
