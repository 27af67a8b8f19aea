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
only grows, and a torn last line is skipped when read (and ended before the next append).

At the end of an epoch its metrics go into ``epoch-NNNN.json`` *before* the checkpoint is
renamed into place, so a checkpoint on disk always carries its epoch's logs: a crash right
after it, before ``history.csv`` or ``events.jsonl`` were written, is repaired from it
(:meth:`RunDir.repair`). A run being trained holds an OS lock on ``run.lock``
(:class:`RunLock`), released by the OS when the process dies, so a second writer is
refused while readers may follow the run.
"""

from __future__ import annotations

import contextlib
import csv
import errno
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

# Re-exported: the run folder's writers, where the engine has always imported them from.
from fitgen_gui.core.atomic_files import copy_atomic, fsync_dir, write_atomic
from fitgen_gui.core.errors import NotARunFolderError, RunLockedError, UserError
from fitgen_gui.core.events import event_from_dict, event_to_dict
from fitgen_gui.core.faults import crash_point

__all__ = [
    "EVENTS_SCHEMA_VERSION",
    "CheckpointInfo",
    "DiskFullError",
    "EventLog",
    "EventsRead",
    "RunDir",
    "RunLock",
    "RunSummary",
    "copy_atomic",
    "fsync_dir",
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
LOCK = "run.lock"
LABELS = "labels.txt"  # class names, one per line, in the model's output order
NORMALIZATION = "normalization.npz"  # featurewise statistics, when the run fitted any

_CHECKPOINT = re.compile(r"^epoch-(\d{4,})(-partial)?\.keras$")
# Temporary files of writes cut short by a crash: .config.json.tmp, .epoch-0002.json.tmp,
# .epoch-0002.tmp.keras, .history.csv.tmp...
_STALE = re.compile(r"^\..+\.tmp(\.keras)?$")


class DiskFullError(UserError, OSError):
    """No space left where a run writes; the message names the folder and the space."""


def free_space_message(folder: str | os.PathLike, needed: int | None = None) -> str:
    """``'... has 12 MB free; about 40 MB are needed ...'`` for a full disk."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    have = f" has {free / 2**20:.0f} MB free" if free is not None else " is full"
    want = f"; about {needed / 2**20:.0f} MB are needed" if needed else ""
    return (f"The disk of '{folder}'{have}{want}. Free some space or choose another runs "
            "folder, then start again; nothing was lost.")


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


class RunLock:
    """An OS lock on a run folder, held while one process trains it.

    ``flock`` (POSIX) or ``msvcrt.locking`` (Windows): the OS releases it when the process
    ends, killed or not, so a stale lock never blocks a resume. The lock file holds the
    owner's pid and start time, to name it in the refusal.
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.path = Path(folder) / LOCK
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`RunLockedError` naming the process that has it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock_fd(fd)
        except OSError:
            os.close(fd)
            owner = self.owner()
            who = f"process {owner['pid']}" if owner.get("pid") else "another process"
            since = f" (since {owner['since']})" if owner.get("since") else ""
            raise RunLockedError(
                f"Run '{self.path.parent.name}' is being trained by {who}{since}. Wait for "
                "it to finish or stop it first; you can watch it meanwhile (fitgen runs, or "
                "Open in the app's Runs list).") from None
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "since": datetime.now().isoformat(
            timespec="seconds")}).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def owner(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def is_locked(self) -> bool:
        """Whether another process (or another lock object here) holds the lock now."""
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return False
        try:
            _lock_fd(fd)
        except OSError:
            return True
        finally:
            os.close(fd)  # also releases the probe's own lock
        return False

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _lock_fd(fd: int) -> None:
    """Lock ``fd`` without waiting; OSError if someone holds it."""
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


@dataclass(frozen=True)
class CheckpointInfo:
    """A checkpoint: after ``epoch`` epochs (1-based), or ``partial`` inside that epoch.

    ``meta`` is the rest of its ``.json``: for a full checkpoint, the epoch's history row
    (``row``) and event (``event``); for a partial one, the state to resume mid-epoch.
    """

    epoch: int
    partial: bool
    path: str
    logs: dict[str, float] = field(default_factory=dict)
    batches: int | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def initial_epoch(self) -> int:
        """The epoch (0-based) training continues in: a partial checkpoint's own epoch."""
        return self.epoch - 1 if self.partial else self.epoch

    @property
    def label(self) -> str:
        text = f"epoch {self.epoch}"
        if self.partial:
            text += f" (stopped after {self.batches} batches)" if self.batches else " (partial)"
        return text


EVENTS_SCHEMA_VERSION = 1
_SCHEMA_RECORD = "EventLogSchema"  # the first line of an events.jsonl: its schema version


@dataclass
class EventsRead:
    """What :meth:`EventLog.read_from` read: the events, where the next read starts (a byte
    offset: only what was appended since is read again), and the records that could not be
    read, each as "line N: why"."""

    events: list[Any]
    offset: int
    unreadable: list[str]
    lines: int = 0  # complete lines read (the line numbers of the next read go on from it)


class EventLog:
    """``events.jsonl``: one JSON object per line, appended and flushed as they come.

    Its first line names the schema version (``{"type": "EventLogSchema", ...}``); files
    from before it have none and are read as version 1.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._file: io.TextIOWrapper | None = None

    def append(self, event: Any, *, sync: bool = False) -> None:
        if self._file is None:
            torn = _ends_torn(self.path)
            new = not self.path.exists() or self.path.stat().st_size == 0
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open
            if torn:  # a crash cut the last line: end it, so this record stands alone
                self._file.write("\n")
            if new:
                self._file.write(json.dumps({"type": _SCHEMA_RECORD,
                                             "schema_version": EVENTS_SCHEMA_VERSION}) + "\n")
        record = {"t": round(time.time(), 3), **event_to_dict(event)}
        self._file.write(json.dumps(record, allow_nan=True) + "\n")
        self._file.flush()
        if sync:
            os.fsync(self._file.fileno())
        crash_point(f"event:{record['type']}")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _lines_from(self, offset: int) -> tuple[list[str], int]:
        """The complete lines after byte ``offset`` and the offset after the last of them
        (a line still being written, or cut by a crash, waits for the next read)."""
        try:
            with open(self.path, "rb") as f:
                f.seek(offset)
                data = f.read()
        except FileNotFoundError:
            return [], offset
        end = data.rfind(b"\n") + 1
        text = data[:end].decode("utf-8", errors="replace")
        return text.splitlines(), offset + end

    def records(self) -> list[dict[str, Any]]:
        """Every complete record (the schema line left out); a torn or damaged line (a
        crash mid-write) is left out too (:meth:`read_from` says which)."""
        lines, _ = self._lines_from(0)
        out = []
        for line in lines:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and record.get("type") != _SCHEMA_RECORD:
                out.append(record)
        return out

    def read_from(self, offset: int = 0, first_line: int = 1) -> EventsRead:
        """The events appended after byte ``offset`` (0: all), and which records could not
        be read (``first_line``: the line number at ``offset``, for those messages).

        Reading on from the returned offset costs what was appended since, not the whole
        file: a followed run is read once a second however long it gets.
        """
        lines, end = self._lines_from(offset)
        events, unreadable = [], []
        for number, line in enumerate(lines, start=first_line):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                unreadable.append(f"line {number}: not JSON ({exc.msg})")
                continue
            if isinstance(record, dict) and record.get("type") == _SCHEMA_RECORD:
                version = record.get("schema_version")
                if not isinstance(version, int) or version > EVENTS_SCHEMA_VERSION:
                    unreadable.append(f"line {number}: written by a newer FitGen (events "
                                      f"schema {version!r}); update FitGen to read it all")
                continue
            try:
                events.append(event_from_dict(record))
            except ValueError as exc:
                unreadable.append(f"line {number}: {exc}")
        return EventsRead(events, end, unreadable, len(lines))

    def events(self) -> list[Any]:
        """Every event that can be read (:meth:`read_from` also says what could not)."""
        return self.read_from(0).events


def _ends_torn(path: Path) -> bool:
    """Whether ``path`` exists and its last line has no newline (a write cut short)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            if f.tell() == 0:
                return False
            f.seek(-1, os.SEEK_END)
            return f.read(1) != b"\n"
    except OSError:
        return False


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
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    raise DiskFullError(free_space_message(workspace)) from exc
                raise
        (path / CHECKPOINTS).mkdir()
        return cls(path)

    @classmethod
    def check_new(cls, path: str | os.PathLike) -> None:
        """Refuse a folder a new run cannot be written into: one that holds files."""
        folder = Path(path)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            what = "a run" if (folder / CONFIG).is_file() else "files"
            hint = f" (to continue that run: fitgen resume {folder})" if what == "a run" else ""
            raise UserError(f"'{folder}' already holds {what}; a new run needs a new or empty "
                            f"folder{hint}.")

    @classmethod
    def create_at(cls, path: str | os.PathLike) -> RunDir:
        """A new run in the folder ``path`` itself (a sweep's run), made if missing; it
        must be empty (:meth:`check_new`)."""
        cls.check_new(path)
        folder = Path(path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / CHECKPOINTS).mkdir()
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(free_space_message(folder.parent)) from exc
            raise
        return cls(folder)

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
        except (FileNotFoundError, NotADirectoryError):
            raise NotARunFolderError(
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
        if status == "running":
            if (self.path / LOCK).exists():
                if not RunLock(self.path).is_locked():
                    return "interrupted"
            elif not _pid_alive(int(state.get("pid", -1))):
                return "interrupted"
        return status

    def lock(self) -> RunLock:
        """The run's lock (not yet taken)."""
        return RunLock(self.path)

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

    def has_model(self) -> bool:
        """Whether there is a model to use: ``model.keras`` or a whole epoch's checkpoint."""
        return (self.path / MODEL).exists() or any(
            not c.partial for c in self.checkpoints())

    def class_names(self) -> list[str]:
        """The run's classes in output order (``labels.txt``; older runs: their events)."""
        try:
            return [line for line in (self.path / LABELS).read_text(
                encoding="utf-8").splitlines() if line]
        except OSError:
            pass
        for record in reversed(self.events.records()):
            if record.get("type") == "RunStarted":
                return list(record.get("class_names") or [])
        return []

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
        """Write a checkpoint's ``.json``; for a full epoch, before the checkpoint itself."""
        meta = {**info.meta, "epoch": info.epoch, "partial": info.partial,
                "batches": info.batches, "logs": info.logs}
        write_atomic(Path(info.path).with_suffix(".json"), json.dumps(meta, indent=2,
                                                                      allow_nan=True))

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
            logs, batches, meta = {}, None, {}
            try:
                meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
                logs, batches = meta.get("logs") or {}, meta.get("batches")
            except (OSError, ValueError, AttributeError):
                meta = {}
                if not partial and epoch - 1 in history:
                    logs = {k: v for k, v in history[epoch - 1].items() if k != "epoch"}
            if not isinstance(meta, dict):
                meta = {}
            found.append(CheckpointInfo(epoch, partial, str(path), logs, batches, meta))
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

    # -- crash repair and housekeeping ------------------------------------------------

    def remove_stale_temporaries(self) -> list[str]:
        """Delete the temporary files of writes a crash cut short; return their names."""
        removed = []
        for folder in (self.path, self.checkpoints_dir):
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                if _STALE.match(entry.name) and entry.is_file():
                    with contextlib.suppress(OSError):
                        entry.unlink()
                        removed.append(entry.name)
        for meta in self.checkpoints_dir.glob("epoch-*.json") if self.checkpoints_dir.is_dir() \
                else []:
            # The metrics of an epoch whose checkpoint never landed: the epoch in flight.
            if not meta.with_suffix(".keras").exists():
                with contextlib.suppress(OSError):
                    meta.unlink()
                    removed.append(meta.name)
        return removed

    def repair(self) -> list[int]:
        """Put back what the full checkpoints imply and the run lost in a crash: history
        rows and ``EpochEnded`` events of epochs whose checkpoint exists. Returns the
        epochs (0-based) that were repaired."""
        full = [c for c in self.checkpoints() if not c.partial and c.meta.get("row")]
        if not full:
            return []
        history = {r["epoch"]: r for r in self.read_history()}
        missing = [c for c in full if c.epoch - 1 not in history]
        records = self.events.records()
        ended = {r.get("epoch") for r in records if r.get("type") == "EpochEnded"}
        lost_events = [c for c in full if c.epoch - 1 not in ended and c.meta.get("event")]
        if missing:
            for c in missing:
                history[c.epoch - 1] = {"epoch": c.epoch - 1, **c.meta["row"]}
            self.write_history(history.values())
        if lost_events:
            for c in sorted(lost_events, key=lambda c: c.epoch):
                event = {"t": c.meta.get("t", 0.0), "type": "EpochEnded", **c.meta["event"]}
                records.insert(_epoch_end_index(records, c.epoch - 1), event)
            write_atomic(self.path / EVENTS, "".join(json.dumps(r, allow_nan=True) + "\n"
                                                     for r in records))
        return sorted({c.epoch - 1 for c in (*missing, *lost_events)})

    def apply_retention(self, keep_last: int, best_epoch: int | None = None,
                        protect: Iterable[str] = ()) -> list[str]:
        """Delete full checkpoints beyond the newest ``keep_last`` (0 keeps all), never the
        newest, the best one (``best_epoch``, 1-based) or those in ``protect``."""
        if keep_last <= 0:
            return []
        full = [c for c in self.checkpoints() if not c.partial]
        keep = {c.path for c in full[-keep_last:]} | set(protect)
        if full:
            keep.add(full[-1].path)  # a resume needs the newest
        removed = []
        for c in full:
            if c.path in keep or c.epoch == best_epoch:
                continue
            for path in (Path(c.path), Path(c.path).with_suffix(".json")):
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(c.path)
        return removed

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


def _epoch_end_index(records: list[dict[str, Any]], epoch: int) -> int:
    """Where the ``EpochEnded`` of ``epoch`` belongs: after that epoch's last record."""
    at = None
    for i, record in enumerate(records):
        number = record.get("epoch")
        if isinstance(number, int) and number <= epoch and record.get("type") in (
                "EpochStarted", "BatchEnded", "EpochEnded"):
            at = i + 1
    return len(records) if at is None else at


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


def best_epoch(rows: list[dict[str, Any]], monitor: str) -> tuple[int, float] | None:
    """``(epoch, value)`` of the best row of a history by ``monitor`` (lower is better for a
    loss, higher for the rest); the monitor's training value when validation is absent."""
    keys = dict.fromkeys((monitor, monitor.removeprefix("val_"), "val_loss", "val_accuracy",
                          "loss", "accuracy"))
    for key in keys:
        values = [(r["epoch"], r[key]) for r in rows if isinstance(r.get(key), float)
                  and math.isfinite(r[key])]
        if values:
            lower = "loss" in key
            return (min if lower else max)(values, key=lambda item: item[1])
    return None


@dataclass(frozen=True)
class RunSummary:
    """A line of ``fitgen runs`` / the app's runs list. ``best_epoch`` is 0-based."""

    path: str
    name: str
    status: str
    epochs_done: int
    epochs_planned: int | None
    best_metric: str | None
    best_value: float | None
    checkpoints: int
    best_epoch: int | None = None
    model_epoch: int | None = None  # the epoch (1-based) model.keras is, when finished
    model_is: str = ""  # "last", "best", or "early stopping's best"

    def model_label(self) -> str:
        """Which epoch ``model.keras`` is, and whether it is the best one: "epoch 3
        (best)", "epoch 5 (last; best is epoch 3)"; "" when the run has no final model."""
        if self.model_epoch is None:
            return ""
        if self.best_epoch is not None and self.model_epoch == self.best_epoch + 1:
            return f"epoch {self.model_epoch} (best)"
        best = f"; best is epoch {self.best_epoch + 1}" if self.best_epoch is not None else ""
        return f"epoch {self.model_epoch} ({self.model_is or 'last'}{best})"


def summarize(run: RunDir) -> RunSummary:
    history = run.read_history()
    planned, monitor = None, "val_loss"
    try:
        config = json.loads(run.read_config_text())
        planned = config.get("training", {}).get("epochs")
        monitor = config.get("callbacks", {}).get("monitor", monitor)
    except (FileNotFoundError, ValueError, AttributeError, UserError):
        pass
    monitor = monitor if isinstance(monitor, str) else "val_loss"
    best = best_epoch(history, monitor)
    metric = None
    if best is not None:
        row = next(r for r in history if r["epoch"] == best[0])
        metric = next(k for k in (monitor, monitor.removeprefix("val_"), "val_loss",
                                  "val_accuracy", "loss", "accuracy") if row.get(k) == best[1])
    state = run.read_state()
    model_epoch, model_is = state.get("model_epoch"), str(state.get("model_is", ""))
    epochs_done = len({r["epoch"] for r in history})
    if model_epoch is None and state.get("status") == "finished" and run.file(MODEL).exists():
        model_epoch, model_is = epochs_done, "last"  # runs of FitGen before "keep the best"
    return RunSummary(
        path=str(run.path), name=run.name, status=run.status(),
        epochs_done=epochs_done,
        epochs_planned=planned if isinstance(planned, int) else None,
        best_metric=metric, best_value=best[1] if best else None,
        checkpoints=len(run.checkpoints()), best_epoch=best[0] if best else None,
        model_epoch=model_epoch if isinstance(model_epoch, int) else None, model_is=model_is,
    )


def list_runs(workspace: str | os.PathLike) -> list[RunSummary]:
    """Summaries of the runs in ``workspace``, newest first."""
    root = Path(workspace)
    if not root.is_dir():
        return []
    runs = [RunDir(p) for p in root.iterdir() if p.is_dir() and (p / CONFIG).is_file()]
    return [summarize(r) for r in sorted(runs, key=lambda r: r.name, reverse=True)]
