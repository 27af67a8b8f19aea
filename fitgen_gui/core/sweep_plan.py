"""Making a sweep folder: the part of ``fitgen sweep`` that the app's *Try several settings*
shares, so that both make the very same folders.

From a base :class:`~fitgen_gui.core.config.RunConfig` and ``KEY=V1,V2,...`` texts,
:func:`plan_sweep` works out the combinations (the grid, or ``random`` of them), the runs'
names and each run's settings, checked before anything is written: an unknown key names the
closest setting, a value the setting refuses names the run and the setting's own message.
:func:`write_sweep` then makes ``<runs>/<date>_<time>_sweep[-<name>]/`` with
``settings/<run>.json``, ``sweep.json`` and ``sweep.csv`` (every run ``not started``).
:func:`run_command` is the command line that trains one run of it, on this computer or as a
SLURM task. Nothing here parses arguments or prints: the CLI and the app say it their way.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fitgen_gui.core.config import ConfigError, RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.sweep import (
    SWEEP_FILE,
    Axis,
    Sweep,
    SweepRun,
    count,
    draw,
    grid,
    run_names,
    setting_names,
    suggest_setting,
)
from fitgen_gui.core.sweep_table import RunRow, rows_of, write_table

__all__ = ["MAX_WITHOUT_ASKING", "SweepPlan", "check_keys", "describe", "fitgen_command",
           "list_run_names", "list_sweeps", "plan_sweep", "refresh_table", "run_command",
           "sweep_folder", "varied_settings", "write_sweep"]

# More runs than this are asked about first (the CLI: --yes; the app: a question).
MAX_WITHOUT_ASKING = 100
# Settings a sweep does not vary: each run gets its own name.
_NOT_VARIED = ("name",)


@dataclass(frozen=True)
class SweepPlan:
    """What a sweep will train, checked: ``axes`` as given, ``total`` combinations in
    their grid, the ``combinations`` drawn (all of them without ``random``), one run name
    and one ``RunConfig`` (paths made absolute) per combination."""

    base: RunConfig
    axes: list[Axis]
    total: int
    combinations: list[dict[str, Any]]
    names: list[str]
    configs: list[RunConfig]
    drawn: dict[str, Any] | None = None

    @property
    def keys(self) -> list[str]:
        return [a.key for a in self.axes]


def describe(values: dict[str, Any]) -> str:
    """``optimizer.learning_rate=0.001, model.architecture=small_cnn``."""
    return ", ".join(f"{k}={json.dumps(v) if not isinstance(v, str) else v}"
                     for k, v in values.items())


def list_run_names(names: list[str], shown: int = 6) -> str:
    """``01_learning_rate-0.001; 02_learning_rate-0.01`` (the first ``shown``, then
    ``...``): the runs a sweep will train, as ``fitgen sweep`` and the app list them."""
    return "; ".join(names[:shown]) + ("; ..." if len(names) > shown else "")


def varied_settings(base: RunConfig | None = None) -> list[str]:
    """The settings a sweep can vary, in the panels' order (every ``--set`` key but the
    run's name)."""
    from fitgen_gui.core.config import setting_names as declared

    names = setting_names((base or RunConfig()).to_dict())
    ordered = [n for n in declared() if n in names]
    return [n for n in ordered + [n for n in names if n not in ordered]
            if n not in _NOT_VARIED]


def check_keys(axes: list[Axis], base: RunConfig) -> None:
    """A :class:`UserError` for the first axis whose key is not a setting (naming the
    closest one), or is a whole group of settings."""
    defaults = base.to_dict()
    names = setting_names(defaults)
    for axis in axes:
        if axis.key in names and axis.key not in _NOT_VARIED:
            continue
        if axis.key in _NOT_VARIED:
            raise UserError(f"--vary {axis.key}: each run of a sweep is named after its "
                            "values; vary another setting. Nothing was written.")
        if isinstance(defaults.get(axis.key), dict):
            first = next(iter(defaults[axis.key]))
            raise UserError(f"--vary {axis.key}: '{axis.key}' is a group of settings; vary "
                            f"one of them, e.g. --vary {axis.key}.{first}=... Nothing was "
                            "written.")
        close = suggest_setting(axis.key, names)
        hint = f" Did you mean {close}?" if close else ""
        raise UserError(f"--vary {axis.key}: '{axis.key}' is not a setting.{hint} The "
                        "settings are the SECTION.KEY names of a run's config.json "
                        "(e.g. optimizer.learning_rate). Nothing was written.")


def _absolute(config: RunConfig) -> RunConfig:
    """The settings with their paths made absolute: a run may start in another folder (a
    SLURM task starts in the sweep folder)."""
    changes = {}
    for dotted in ("data.train_dir", "data.val_dir", "data.generator_file"):
        section, name = dotted.split(".")
        value = getattr(getattr(config, section), name)
        if value:
            changes[dotted] = os.path.abspath(value)
    if config.model.weights not in ("none", "imagenet"):
        changes["model.weights"] = os.path.abspath(config.model.weights)
    return config.replace(**changes) if changes else config


def _configs(base: RunConfig, combinations: list[dict[str, Any]],
             names: list[str]) -> list[RunConfig]:
    configs = []
    for values, name in zip(combinations, names, strict=True):
        try:
            config = base.replace(**values, name=name)
        except ConfigError as exc:
            raise UserError(f"--vary {describe(values)}: " + "; ".join(
                f"{p.field} {p.message}" for p in exc.problems) + ". Nothing was written.") \
                from None
        configs.append(_absolute(config))
    problems = [config.validate() for config in configs]
    common = set.intersection(*(set(p) for p in problems))
    if common:  # not the varied values: the sweep's own settings
        raise ConfigError([p for p in problems[0] if p in common])
    for values, found in zip(combinations, problems, strict=True):
        if found:
            raise UserError(f"The run with {describe(values)} cannot train: " + "; ".join(
                f"{p.field} {p.message}" for p in found) + ". Change the values of --vary; "
                "nothing was written.")
    return configs


def plan_sweep(base: RunConfig, axes: list[Axis], *, random: int | None = None,
               seed: int = 0) -> SweepPlan:
    """The runs of a sweep of ``axes`` (from :func:`~fitgen_gui.core.sweep.parse_vary`)
    on the settings ``base``: every combination, or ``random`` of them drawn with ``seed``.

    Raises a :class:`UserError` (a :class:`ConfigError` when the base settings themselves
    cannot train) with the sentence ``fitgen sweep`` prints; nothing is written.
    """
    if not axes:
        raise UserError("Give at least one --vary KEY=V1,V2,... (for example --vary "
                        "optimizer.learning_rate=0.001,0.01); one run is fitgen train.")
    if random is not None and random < 1:
        raise UserError(f"--random must be 1 or more; got {random}.")
    check_keys(axes, base)
    total = count(axes)
    combinations = draw(axes, random, seed) if random else grid(axes)
    names = run_names(combinations)
    configs = _configs(base, combinations, names)
    drawn = {"n": len(combinations), "seed": seed, "of": total} if random else None
    return SweepPlan(base, list(axes), total, combinations, names, configs, drawn)


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip()).strip("-.")[:40] or "sweep"


def sweep_folder(runs_dir: str | os.PathLike, name: str) -> Path:
    """A new folder ``<runs>/<date>_<time>_sweep[-<name>]`` (the name when one was given)."""
    label = "sweep" if name == "run" else f"sweep-{_slug(name)}"
    base = Path(runs_dir) / f"{datetime.now():%Y-%m-%d_%H-%M-%S}_{label}"
    path, n = base, 1
    while True:
        try:
            path.mkdir(parents=True)
            return path.resolve()
        except FileExistsError:
            n += 1
            path = base.with_name(f"{base.name}-{n}")


def refresh_table(sweep_dir: str | os.PathLike, sweep: Sweep,
                  tasks: dict[int, Any] | None = None) -> list[RunRow]:
    """Rewrite ``sweep.csv`` from the run folders (and SLURM's ``tasks``); its rows."""
    rows = rows_of(sweep_dir, sweep, tasks)
    write_table(sweep_dir, sweep.keys, rows)
    return rows


def write_sweep(plan: SweepPlan, runs_dir: str | os.PathLike, *, engine: str = "local",
                options: dict[str, Any] | None = None) -> tuple[Path, Sweep]:
    """Make the sweep folder of ``plan`` in ``runs_dir``: each run's settings file,
    ``sweep.json`` and ``sweep.csv``. Returns the folder and its :class:`Sweep`."""
    sweep = Sweep(keys=plan.keys,
                  runs=[SweepRun(n, v) for n, v in zip(plan.names, plan.combinations,
                                                       strict=True)],
                  engine=engine, options=dict(options or {}), drawn=plan.drawn)
    sweep_dir = sweep_folder(runs_dir, plan.base.name)
    (sweep_dir / "settings").mkdir()
    for run, config in zip(sweep.runs, plan.configs, strict=True):
        run.settings_file(sweep_dir).write_text(config.to_json(), encoding="utf-8")
    sweep.write(sweep_dir)
    refresh_table(sweep_dir, sweep)
    return sweep_dir, sweep


def fitgen_command() -> list[str]:
    """How a child process starts this FitGen (the bundle's executable is fitgen itself)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "fitgen_gui.cli"]


def run_command(sweep_dir: str | os.PathLike, run: SweepRun, sweep: Sweep,
                device: str | None = None) -> list[str]:
    """The command that trains ``run`` of the sweep: ``fitgen train settings/<run>.json
    --run-folder <run>`` (on ``device`` when given), or ``fitgen resume <run>`` when its
    folder was started already."""
    sweep_dir = Path(sweep_dir)
    folder = sweep_dir / run.name
    trust = ["--trust-data-file"] if sweep.options.get("trust_data_file") else []
    if (folder / "config.json").is_file():
        return [*fitgen_command(), "resume", str(folder), *trust]
    extra = ["--device", device] if device else []
    return [*fitgen_command(), "train", str(run.settings_file(sweep_dir)), "--run-folder",
            str(folder), *extra, *trust]


def list_sweeps(runs_dir: str | os.PathLike) -> list[tuple[Path, Sweep]]:
    """The sweep folders in ``runs_dir`` with their sweeps, newest first (a damaged
    ``sweep.json`` is left out: its runs can still be opened one by one)."""
    root = Path(runs_dir)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.iterdir(), key=lambda p: p.name, reverse=True):
        if (path / SWEEP_FILE).is_file():
            try:
                found.append((path, Sweep.read(path)))
            except UserError:
                continue
    return found
