"""A sweep: one ordinary run per combination of a few settings' values, in one folder.

::

    runs/<date>_<time>_sweep-<name>/
      sweep.json                 what was varied, the runs, how they were started (jobs)
      sweep.csv                  one row per run, rewritten as runs finish (sweep_table.py)
      settings/01_learning_rate-0.001.json   each run's settings (``fitgen train`` reads it)
      01_learning_rate-0.001/    each run's folder, made when it starts (a normal run)
      logs/                      each run's terminal output (SLURM: one file per task)
      sweep.sbatch               on SLURM: the job array's script

The runs are ordinary run folders, so each can be resumed, evaluated, exported and opened in
the app on its own; the sweep adds only the table and the record of what was varied. Every
name and value here is plain data: the command line builds a plan with :func:`parse_vary`,
:func:`grid` or :func:`draw`, and writes it with :meth:`Sweep.write`.
"""

from __future__ import annotations

import difflib
import itertools
import json
import math
import random
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fitgen_gui.core.errors import UserError

__all__ = ["SWEEP_FILE", "Axis", "Sweep", "SweepRun", "count", "draw", "grid",
           "parse_values", "parse_vary", "run_names", "setting_names", "suggest_setting"]

SWEEP_FILE = "sweep.json"
SETTINGS = "settings"
LOGS = "logs"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Axis:
    """One varied setting: its dotted key and the values it takes, in the order given."""

    key: str
    values: tuple[Any, ...]


def _value(text: str) -> Any:
    """A value as ``--set`` reads it: JSON when it parses (numbers, true, [32, 32]), else
    the text itself."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def parse_values(text: str) -> list[Any]:
    """``"0.001,0.01"`` -> ``[0.001, 0.01]``; commas inside brackets or quotes stay
    (``"[32,32],[64,64]"`` is two values)."""
    values, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            values.append(text[start:i])
            start = i + 1
    values.append(text[start:])
    return [_value(v.strip()) for v in values]


def parse_vary(items: list[str]) -> list[Axis]:
    """The axes of ``--vary KEY=V1,V2,...`` options (each key once, each value once)."""
    axes: list[Axis] = []
    for item in items:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key or not text.strip():
            raise UserError(f"--vary '{item}' is not KEY=V1,V2,... (for example "
                            "--vary optimizer.learning_rate=0.001,0.01).")
        values = parse_values(text)
        if any(v == "" for v in values):
            raise UserError(f"--vary '{item}' has an empty value; separate values with one "
                            "comma, e.g. 0.001,0.01.")
        repeated = sorted({json.dumps(v) for v in values if values.count(v) > 1})
        if repeated:
            raise UserError(f"--vary {key} lists {', '.join(repeated)} more than once; give "
                            "each value once.")
        if any(a.key == key for a in axes):
            raise UserError(f"--vary {key} is given twice; list all its values in one "
                            f"--vary {key}=V1,V2,...")
        axes.append(Axis(key, tuple(values)))
    return axes


def count(axes: list[Axis]) -> int:
    """How many combinations the grid of ``axes`` has."""
    return math.prod(len(a.values) for a in axes) if axes else 0


def _combination(axes: list[Axis], number: int) -> dict[str, Any]:
    """The ``number``-th combination of the grid, in :func:`grid`'s order (last key
    fastest), without building the grid."""
    values = {}
    for axis in reversed(axes):
        number, at = divmod(number, len(axis.values))
        values[axis.key] = axis.values[at]
    return {a.key: values[a.key] for a in axes}


def grid(axes: list[Axis]) -> list[dict[str, Any]]:
    """Every combination of the axes' values: the first key changes slowest."""
    return [dict(zip((a.key for a in axes), combo, strict=True))
            for combo in itertools.product(*(a.values for a in axes))]


def draw(axes: list[Axis], n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` different combinations drawn at random (the same ones for the same seed),
    in grid order; the whole grid when it has ``n`` or fewer."""
    total = count(axes)
    if n < 1:
        raise UserError(f"--random must be 1 or more; got {n}.")
    if n >= total:
        return grid(axes)
    numbers = sorted(random.Random(seed).sample(range(total), n))
    return [_combination(axes, i) for i in numbers]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.+-]+", "-", text).strip("-.") or "x"


def run_names(combinations: list[dict[str, Any]]) -> list[str]:
    """Folder names that say what each run tried: ``01_learning_rate-0.001``, numbered
    so that they sort in the sweep's order and never collide."""
    width = max(2, len(str(len(combinations))))
    names = []
    for i, values in enumerate(combinations, 1):
        parts = [f"{key.rsplit('.', 1)[-1]}-{_slug(_text(v))}" for key, v in values.items()]
        label = "_".join(parts)[:60].rstrip("_-.")
        names.append(f"{i:0{width}d}_{label}" if label else f"{i:0{width}d}")
    return names


def setting_names(defaults: dict[str, Any]) -> list[str]:
    """Every dotted setting of a config's ``to_dict()`` (``optimizer.learning_rate``...)."""
    names = []
    for key, value in defaults.items():
        if key == "schema_version":
            continue
        if isinstance(value, dict):
            names += [f"{key}.{inner}" for inner in value]
        else:
            names.append(key)
    return names


def suggest_setting(key: str, names: list[str]) -> str | None:
    """The setting a mistyped ``key`` most likely meant: the one whose last part it is
    (``learning_rate`` -> ``optimizer.learning_rate``), else the closest spelling."""
    tail = key.rsplit(".", 1)[-1]
    same_tail = [n for n in names if n.rsplit(".", 1)[-1] == tail]
    if len(same_tail) == 1:
        return same_tail[0]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return close[0]
    tails = {n.rsplit(".", 1)[-1]: n for n in names}
    close = difflib.get_close_matches(tail, list(tails), n=1, cutoff=0.7)
    return tails[close[0]] if close else None


@dataclass
class SweepRun:
    """One run of a sweep: its folder's name (inside the sweep folder) and its values."""

    name: str
    values: dict[str, Any]

    def settings_file(self, sweep_dir: str | Path) -> Path:
        return Path(sweep_dir) / SETTINGS / f"{self.name}.json"


@dataclass
class Sweep:
    """``sweep.json``: what was varied, the runs, and how they were started.

    ``engine`` is ``"local"`` or ``"slurm"``; ``options`` the engine's options (SLURM's
    partition, time...). ``jobs`` lists each submission (``{"job": "12", "tasks": [0, 1]}``),
    ``attempts`` each local run's last exit status by run name.
    """

    keys: list[str]
    runs: list[SweepRun]
    engine: str = "local"
    options: dict[str, Any] = field(default_factory=dict)
    drawn: dict[str, Any] | None = None  # {"n": 5, "seed": 1, "of": 24} for --random
    jobs: list[dict[str, Any]] = field(default_factory=list)
    attempts: dict[str, dict[str, Any]] = field(default_factory=dict)
    created: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "created": self.created, "keys": self.keys,
                "drawn": self.drawn, "engine": self.engine, "options": self.options,
                "runs": [{"name": r.name, "values": r.values} for r in self.runs],
                "jobs": self.jobs, "attempts": self.attempts}

    @classmethod
    def from_dict(cls, data: Any, where: str = SWEEP_FILE) -> Sweep:
        try:
            if data.get("schema_version", 1) > SCHEMA_VERSION:
                raise UserError(f"{where} was written by a newer FitGen; update FitGen to "
                                "continue this sweep.")
            runs = [SweepRun(str(r["name"]), dict(r["values"])) for r in data["runs"]]
            return cls(keys=list(data["keys"]), runs=runs, engine=str(data.get("engine",
                       "local")), options=dict(data.get("options") or {}),
                       drawn=data.get("drawn"), jobs=list(data.get("jobs") or []),
                       attempts=dict(data.get("attempts") or {}),
                       created=str(data.get("created", "")))
        except (AttributeError, KeyError, TypeError, ValueError):
            raise UserError(f"{where} is damaged (it does not list the sweep's keys and "
                            "runs); its run folders can still be opened one by one.") from None

    @classmethod
    def read(cls, sweep_dir: str | Path) -> Sweep:
        """The sweep of folder ``sweep_dir``; a :class:`UserError` saying what it is not."""
        path = Path(sweep_dir) / SWEEP_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except (FileNotFoundError, NotADirectoryError):
            raise UserError(f"'{sweep_dir}' is not a FitGen sweep folder (it has no "
                            f"{SWEEP_FILE}).") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise UserError(f"{path} is not valid JSON; the file is damaged.") from None
        return cls.from_dict(data, str(path))

    def write(self, sweep_dir: str | Path) -> None:
        from fitgen_gui.core.run_dir import write_atomic

        write_atomic(Path(sweep_dir) / SWEEP_FILE, json.dumps(self.to_dict(), indent=2))

    def run(self, name: str) -> SweepRun:
        return next(r for r in self.runs if r.name == name)

    def latest_job(self, index: int) -> str | None:
        """The id of the last SLURM submission that included run ``index`` (0-based)."""
        for job in reversed(self.jobs):
            if index in job.get("tasks", []):
                return str(job["job"])
        return None
