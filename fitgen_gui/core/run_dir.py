"""The run directory: one folder per training run, which the app, the CLI and resume read.

::

    runs/<date>_<time>_<name>/
      config.json                every setting (schema-versioned)
      run.json                   status: running / finished / stopped / failed, and pid
      events.jsonl               append-only, one JSON event per line
      history.csv                per-epoch metrics (Keras CSVLogger's columns)
      checkpoints/epoch-0003.keras  (+ epoch-0003.json: metrics, partial or not)
      model.keras                the final model
      console.log                what the console pane showed
      set-aside/<time>/          what a resume from an earlier epoch replaced

Everything is written so that a crash loses at most the epoch in flight: whole files are
written to a temporary name, flushed to disk and renamed over the old one; the event log
only grows, and a torn last line is skipped when read.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fitgen_gui.core.events import event_from_dict, event_to_dict

__all__ = [
    "CheckpointInfo",
    "EventLog",
    "RunDir",
    "RunSummary",
    "list_runs",
    "write_atomic",
]

CONFIG = "config.json"
STATE = "run.json"
EVENTS = "events.jsonl"
HISTORY = "history.csv"
CHECKPOINTS = "checkpoints"
MODEL = "model.keras"
CONSOLE = "console.log"
SET_ASIDE = "set-aside"
CHECK_REPORT = "data-check.json"

_CHECKPOINT = re.compile(r"^epoch-(\d{4,})(-partial)?\.keras$")


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write a whole file so that it is either the old or the new version, never half."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open(tmp, "wb") as f:
        f.write(payload)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip()).strip("-.")
    return slug[:40] or "run"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) terminates processes on Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class CheckpointInfo:
    """A checkpoint: after ``epoch`` epochs (1-based), or ``partial`` inside that epoch."""

    epoch: int
    partial: bool
    path: str
    logs: dict[str, float] = field(default_factory=dict)
    batches: int | None = None

    @property
    def initial_epoch(self) -> int:
        """The ``initial_epoch`` to resume with: a partial epoch is run again in full."""
        return self.epoch - 1 if self.partial else self.epoch

    @property
    def label(self) -> str:
        text = f"epoch {self.epoch}"
        if self.partial:
            text += f" (stopped after {self.batches} batches)" if self.batches else " (partial)"
        return text


class EventLog:
    """``events.jsonl``: one JSON object per line, appended and flushed as they come."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._file: io.TextIOWrapper | None = None

    def append(self, event: Any, *, sync: bool = False) -> None:
        if self._file is None:
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open
        record = {"t": round(time.time(), 3), **event_to_dict(event)}
        self._file.write(json.dumps(record, allow_nan=True) + "\n")
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def records(self) -> list[dict[str, Any]]:
        """Every complete record; a torn or damaged line (a crash mid-write) is skipped."""
        if not self.path.exists():
            return []
        out = []
        with open(self.path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.endswith("\n"):
                    break  # the last line was being written when the process died
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict):
                    out.append(record)
        return out

    def events(self) -> list[Any]:
        out = []
        for record in self.records():
            try:
                out.append(event_from_dict(record))
            except (ValueError, TypeError):
                continue
        return out


def _float(value: str) -> float | str:
    try:
        return float(value)
    except ValueError:
        return value


class RunDir:
    """One run's folder and the files in it."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)

    @classmethod
    def create(cls, workspace: str | os.PathLike, name: str,
               now: datetime | None = None) -> RunDir:
        """A new, empty run folder ``<workspace>/<date>_<time>_<name>``."""
        now = now or datetime.now()
        base = Path(workspace) / f"{now:%Y-%m-%d_%H-%M-%S}_{_slug(name)}"
        path, n = base, 1
        while True:
            try:
                path.mkdir(parents=True)
                break
            except FileExistsError:
                n += 1
                path = base.with_name(f"{base.name}-{n}")
        (path / CHECKPOINTS).mkdir()
        return cls(path)

    # -- files ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return self.path.name

    def file(self, name: str) -> Path:
        return self.path / name

    @property
    def events(self) -> EventLog:
        return EventLog(self.path / EVENTS)

    @property
    def checkpoints_dir(self) -> Path:
        return self.path / CHECKPOINTS

    def exists(self) -> bool:
        return (self.path / CONFIG).is_file()

    def write_config(self, config_json: str) -> None:
        write_atomic(self.path / CONFIG, config_json)

    def read_config_text(self) -> str:
        try:
            return (self.path / CONFIG).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FileNotFoundError(
                f"'{self.path}' is not a FitGen run folder (it has no {CONFIG})."
            ) from None

    # -- status -----------------------------------------------------------------------

    def write_state(self, status: str, **extra: Any) -> None:
        state = {**self.read_state(), "status": status, "pid": os.getpid(),
                 "updated": datetime.now().isoformat(timespec="seconds"), **extra}
        write_atomic(self.path / STATE, json.dumps(state, indent=2))

    def read_state(self) -> dict[str, Any]:
        try:
            state = json.loads((self.path / STATE).read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError):
            return {}
        return state if isinstance(state, dict) else {}

    def status(self) -> str:
        """``running``, ``finished``, ``stopped``, ``failed``, or ``interrupted`` (a run
        marked running whose process is gone: killed, or the computer went down)."""
        state = self.read_state()
        status = state.get("status", "unknown")
        if status == "running" and not _pid_alive(int(state.get("pid", -1))):
            return "interrupted"
        return status

    # -- history ----------------------------------------------------------------------

    def read_history(self) -> list[dict[str, Any]]:
        """Rows of ``history.csv``: ``epoch`` (0-based) and the epoch's metrics."""
        path = self.path / HISTORY
        if not path.exists():
            return []
        with open(path, newline="", encoding="utf-8") as f:
            rows = []
            for row in csv.DictReader(f):
                try:
                    epoch = int(row.pop("epoch"))
                except (KeyError, TypeError, ValueError):
                    continue
                rows.append({"epoch": epoch, **{k: _float(v) for k, v in row.items()
                                                if k and v not in (None, "")}})
            return rows

    def write_history(self, rows: Iterable[dict[str, Any]]) -> None:
        """Rewrite ``history.csv`` atomically (CSVLogger's layout: epoch, sorted keys)."""
        rows = sorted(rows, key=lambda r: r["epoch"])
        keys = sorted({k for r in rows for k in r if k != "epoch"})
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["epoch", *keys])
        for row in rows:
            writer.writerow([row["epoch"], *(_csv_value(row.get(k, "")) for k in keys)])
        write_atomic(self.path / HISTORY, buffer.getvalue())

    def record_epoch(self, epoch: int, logs: dict[str, Any]) -> None:
        """Put one epoch's metrics in ``history.csv`` (replacing that epoch if present)."""
        rows = [r for r in self.read_history() if r["epoch"] != epoch]
        self.write_history([*rows, {"epoch": epoch, **logs}])

    # -- checkpoints ------------------------------------------------------------------

    @staticmethod
    def checkpoint_name(epoch: int, partial: bool = False) -> str:
        return f"epoch-{epoch:04d}{'-partial' if partial else ''}.keras"

    def checkpoint_path(self, epoch: int, partial: bool = False) -> Path:
        return self.checkpoints_dir / self.checkpoint_name(epoch, partial)

    def write_checkpoint_info(self, info: CheckpointInfo) -> None:
        meta = {"epoch": info.epoch, "partial": info.partial, "batches": info.batches,
                "logs": info.logs}
        write_atomic(Path(info.path).with_suffix(".json"), json.dumps(meta, indent=2))

    def checkpoints(self) -> list[CheckpointInfo]:
        """Checkpoints on disk, oldest first, with their metrics where known."""
        if not self.checkpoints_dir.is_dir():
            return []
        history = {r["epoch"]: r for r in self.read_history()}
        found = []
        for path in self.checkpoints_dir.iterdir():
            match = _CHECKPOINT.match(path.name)
            if not match:
                continue
            epoch, partial = int(match.group(1)), bool(match.group(2))
            logs, batches = {}, None
            try:
                meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
                logs, batches = meta.get("logs") or {}, meta.get("batches")
            except (FileNotFoundError, json.JSONDecodeError, AttributeError):
                if not partial and epoch - 1 in history:
                    logs = {k: v for k, v in history[epoch - 1].items() if k != "epoch"}
            found.append(CheckpointInfo(epoch, partial, str(path), logs, batches))
        return sorted(found, key=lambda c: (c.epoch, not c.partial))

    def checkpoint(self, epoch: int | None = None, *, partial: bool | None = None
                   ) -> CheckpointInfo | None:
        """The checkpoint of ``epoch`` (a full one before a partial one), or the latest."""
        candidates = self.checkpoints()
        if epoch is not None:
            candidates = [c for c in candidates if c.epoch == epoch]
        if partial is not None:
            candidates = [c for c in candidates if c.partial == partial]
        if not candidates:
            return None
        if epoch is not None:
            full = [c for c in candidates if not c.partial]
            return full[0] if full else candidates[0]
        return candidates[-1]

    # -- resume -----------------------------------------------------------------------

    def set_aside_after(self, checkpoint: CheckpointInfo) -> Path | None:
        """Move what came after ``checkpoint`` into ``set-aside/<time>/`` and cut the
        history and the event log back to it. Returns the folder, or None if nothing
        came after."""
        keep_epochs = checkpoint.initial_epoch  # epochs 0 .. keep_epochs - 1 are kept
        later = [c for c in self.checkpoints()
                 if c.path != checkpoint.path and (c.epoch > checkpoint.epoch or (
                     c.epoch == checkpoint.epoch and c.partial and not checkpoint.partial))]
        history = self.read_history()
        records = self.events.records()
        cut = _event_cut(records, keep_epochs)
        model = self.path / MODEL
        if not later and all(r["epoch"] < keep_epochs for r in history) and (
                cut == len(records)) and not model.exists():
            return None
        folder = self.path / SET_ASIDE / datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
        folder.mkdir(parents=True, exist_ok=True)
        for name in (HISTORY, EVENTS, CONSOLE, STATE):
            if (self.path / name).exists():
                shutil.copy2(self.path / name, folder / name)
        for c in later:
            for path in (Path(c.path), Path(c.path).with_suffix(".json")):
                if path.exists():
                    (folder / CHECKPOINTS).mkdir(exist_ok=True)
                    os.replace(path, folder / CHECKPOINTS / path.name)
        if model.exists():
            os.replace(model, folder / MODEL)
        self.write_history([r for r in history if r["epoch"] < keep_epochs])
        lines = "".join(json.dumps(r, allow_nan=True) + "\n" for r in records[:cut])
        write_atomic(self.path / EVENTS, lines)
        return folder


def _csv_value(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    return value


def _event_cut(records: list[dict[str, Any]], keep_epochs: int) -> int:
    """Index of the first record that belongs after epoch ``keep_epochs - 1`` ended."""
    last_kept = -1
    for i, record in enumerate(records):
        epoch = record.get("epoch")
        if record.get("type") == "EpochEnded" and isinstance(epoch, int):
            if epoch < keep_epochs:
                last_kept = i
            else:
                return last_kept + 1
        elif isinstance(epoch, int) and epoch >= keep_epochs and record.get("type") in (
                "EpochStarted", "BatchEnded", "TrainingStopped"):
            return last_kept + 1
    if keep_epochs == 0:
        return 0
    return len(records)


@dataclass(frozen=True)
class RunSummary:
    """A line of ``fitgen runs`` / the app's runs list."""

    path: str
    name: str
    status: str
    epochs_done: int
    epochs_planned: int | None
    best_metric: str | None
    best_value: float | None
    checkpoints: int


def summarize(run: RunDir) -> RunSummary:
    history = run.read_history()
    planned = None
    try:
        planned = json.loads(run.read_config_text()).get("training", {}).get("epochs")
    except (FileNotFoundError, json.JSONDecodeError, AttributeError):
        pass
    best_metric, best_value = None, None
    for metric, better in (("val_accuracy", max), ("val_loss", min), ("accuracy", max),
                           ("loss", min)):
        values = [r[metric] for r in history if isinstance(r.get(metric), float)
                  and math.isfinite(r[metric])]
        if values:
            best_metric, best_value = metric, better(values)
            break
    return RunSummary(
        path=str(run.path), name=run.name, status=run.status(),
        epochs_done=len({r["epoch"] for r in history}),
        epochs_planned=planned if isinstance(planned, int) else None,
        best_metric=best_metric, best_value=best_value,
        checkpoints=len(run.checkpoints()),
    )


def list_runs(workspace: str | os.PathLike) -> list[RunSummary]:
    """Summaries of the runs in ``workspace``, newest first."""
    root = Path(workspace)
    if not root.is_dir():
        return []
    runs = [RunDir(p) for p in root.iterdir() if p.is_dir() and (p / CONFIG).is_file()]
    return [summarize(r) for r in sorted(runs, key=lambda r: r.name, reverse=True)]
