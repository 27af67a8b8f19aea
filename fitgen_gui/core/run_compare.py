"""Two or more runs side by side: what differs in their settings, how good each got, per
class, and which validation images one run gets right that another gets wrong.

All of it is read from the run folders (``config.json``, ``history.csv``, ``run.json``,
``evaluation.json``), so comparing never loads a model: the CLI prints it, the app draws it.
The images are compared only when both runs were evaluated on the same validation images
(the same files, found by their path inside the validation folder, so a copy of the
dataset elsewhere still matches); otherwise the comparison says why it cannot.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fitgen_gui.core.errors import NotARunFolderError
from fitgen_gui.core.run_dir import RunDir, summarize

__all__ = ["Comparison", "ImageChanges", "RunFacts", "compare_runs", "differing_settings",
           "image_changes", "read_run"]

EVALUATION = "evaluation.json"
_IGNORED = {"schema_version", "name"}  # a run's name differs by nature


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if not prefix and key in _IGNORED:
            continue
        if isinstance(value, dict) and not prefix:
            out.update(_flat(value, f"{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@dataclass
class RunFacts:
    """What a comparison needs of one run. ``best_epoch`` counts from 1.

    ``predictions`` maps each evaluated image (its path inside the data folder) to whether
    the run got it right; empty when the run has no ``evaluation.json``.
    """

    path: str
    name: str
    status: str
    settings: dict[str, Any]
    monitor: str | None = None
    best: float | None = None
    best_epoch: int | None = None
    epochs: int = 0
    final: dict[str, float] = field(default_factory=dict)  # the last epoch's metrics
    classes: list[str] = field(default_factory=list)
    class_accuracy: dict[str, float] = field(default_factory=dict)
    evaluated_accuracy: float | None = None
    evaluated_on: str = ""  # "validation", "training", a folder
    predictions: dict[str, bool] = field(default_factory=dict)


def _image_key(file: str, folders: list[str]) -> str:
    """A file's path inside the first data folder that holds it (else its whole path)."""
    for folder in folders:
        if folder:
            try:
                relative = os.path.relpath(file, folder)
            except ValueError:  # another drive (Windows)
                continue
            if not relative.startswith(".."):
                return relative.replace(os.sep, "/")
    return file.replace(os.sep, "/")


def read_run(path: str | os.PathLike) -> RunFacts:
    """The facts of the run in folder ``path``."""
    run = RunDir(path)
    try:
        config = json.loads(run.read_config_text())
    except ValueError:
        raise NotARunFolderError(f"The settings of run '{path}' (config.json) are damaged; "
                                 "it cannot be compared.") from None
    summary = summarize(run)
    history = run.read_history()
    final = ({k: v for k, v in history[-1].items() if k != "epoch" and isinstance(v, float)}
             if history else {})
    facts = RunFacts(str(run.path), run.name, summary.status, _flat(config),
                     summary.best_metric, summary.best_value,
                     None if summary.best_epoch is None else summary.best_epoch + 1,
                     summary.epochs_done, final, run.class_names())
    try:
        evaluation = json.loads((run.path / EVALUATION).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return facts
    if not isinstance(evaluation, dict):
        return facts
    data = config.get("data", {}) if isinstance(config.get("data"), dict) else {}
    folders = [str(data.get("val_dir") or ""), str(data.get("train_dir") or "")]
    facts.classes = list(evaluation.get("classes") or facts.classes)
    per_class = evaluation.get("per_class") or {}
    facts.class_accuracy = {name: float(row["recall"]) for name, row in per_class.items()
                            if isinstance(row, dict) and isinstance(row.get("recall"),
                                                                     int | float)}
    accuracy = evaluation.get("accuracy")
    facts.evaluated_accuracy = float(accuracy) if isinstance(accuracy, int | float) else None
    facts.evaluated_on = str(evaluation.get("data", ""))
    for item in evaluation.get("predictions") or []:
        if isinstance(item, dict) and "file" in item:
            facts.predictions[_image_key(str(item["file"]), folders)] = (
                item.get("true") == item.get("predicted"))
    return facts


def differing_settings(runs: list[RunFacts]) -> list[tuple[str, list[Any]]]:
    """``(setting, [each run's value])`` for every setting not the same in all runs."""
    keys = sorted({k for run in runs for k in run.settings})
    missing = object()
    out = []
    for key in keys:
        values = [run.settings.get(key, missing) for run in runs]
        if any(v != values[0] for v in values[1:]):
            out.append((key, [None if v is missing else v for v in values]))
    return out


@dataclass
class ImageChanges:
    """Between a first run and another: the images (paths inside the validation folder)
    the other gets right and the first got wrong, and the reverse."""

    first: str
    other: str
    images: int = 0
    wrong_to_right: list[str] = field(default_factory=list)
    right_to_wrong: list[str] = field(default_factory=list)
    reason: str = ""  # why the images cannot be compared, when they cannot


def image_changes(first: RunFacts, other: RunFacts) -> ImageChanges:
    """Which images changed from wrong to right and from right to wrong, going from
    ``first`` to ``other``, when both were evaluated on the same validation images."""
    changes = ImageChanges(first.name, other.name)
    missing = [run.name for run in (first, other) if not run.predictions]
    if missing:
        who = "neither run" if len(missing) == 2 else f"{missing[0]} not"
        changes.reason = (f"{who} evaluated; fitgen evaluate RUN, or a sweep with --evaluate, "
                          f"writes {EVALUATION}")
        return changes
    if first.evaluated_on != other.evaluated_on:
        changes.reason = (f"evaluated on different data ({first.evaluated_on or '?'} and "
                          f"{other.evaluated_on or '?'})")
        return changes
    if set(first.predictions) != set(other.predictions):
        shared = len(set(first.predictions) & set(other.predictions))
        changes.reason = (f"evaluated on different images ({len(first.predictions)} and "
                          f"{len(other.predictions)}, {shared} in both)")
        return changes
    changes.images = len(first.predictions)
    for image in sorted(first.predictions):
        before, after = first.predictions[image], other.predictions[image]
        if after and not before:
            changes.wrong_to_right.append(image)
        elif before and not after:
            changes.right_to_wrong.append(image)
    return changes


@dataclass
class Comparison:
    """Runs side by side: each run's facts, the settings that differ, and the image
    changes from the first run to each other run."""

    runs: list[RunFacts]
    settings: list[tuple[str, list[Any]]]
    changes: list[ImageChanges]

    @property
    def classes(self) -> list[str]:
        """Every class any run knows, in the first run's order."""
        names: list[str] = []
        for run in self.runs:
            names += [c for c in run.classes if c not in names]
        return names


def compare_runs(paths: list[str | os.PathLike]) -> Comparison:
    """Compare the runs in ``paths`` (the first is the one the others are measured from)."""
    runs = [read_run(Path(p)) for p in paths]
    return Comparison(runs, differing_settings(runs),
                      [image_changes(runs[0], other) for other in runs[1:]])


def format_value(value: Any, missing: str = "-") -> str:
    """A setting's value as a comparison shows it (``missing`` when a run lacks it)."""
    if value is None:
        return missing
    if isinstance(value, float):
        return f"{value:.6g}"
    return value if isinstance(value, str) else json.dumps(value)


def format_metric(value: float | None, missing: str = "-") -> str:
    """A metric as a comparison shows it: four decimals."""
    return missing if value is None else f"{value:.4f}"
