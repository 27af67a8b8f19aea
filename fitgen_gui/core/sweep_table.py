"""``sweep.csv``: one row per run of a sweep, built from the run folders themselves.

Each row is computed from what is on disk (the run's ``run.json`` and ``history.csv``) and,
for a sweep on SLURM, from what the scheduler says of the run's task. So the table is never
a second truth that can disagree with the runs: it is rewritten whole (atomically, under a
name of its own per writer, so two SLURM tasks ending at once cannot mix their writes)
whenever a run ends or someone asks (``fitgen sweep --status``).

A run's status in the table:

``not started``  never began (a local sweep stopped before it)
``queued``       waiting in SLURM's queue
``running``      training now
``finished``     trained all its epochs (or stopped early by early stopping)
``stopped``      stopped by the user (Ctrl+C, Stop); a checkpoint is kept
``interrupted``  its process died (killed, machine down); resumable
``failed``       it ended in an error, or its SLURM task was cancelled, timed out or failed
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fitgen_gui.core.run_dir import RunDir, fsync_dir, summarize
from fitgen_gui.core.sweep import LOGS, Sweep

__all__ = ["SWEEP_TABLE", "UNFINISHED", "RunRow", "SlurmTask", "count_statuses",
           "format_table", "ranked", "rows_of", "status_of", "table_text", "write_table"]

SWEEP_TABLE = "sweep.csv"
# What ``fitgen sweep --resume`` starts again.
UNFINISHED = ("not started", "failed", "stopped", "interrupted")
# SLURM job states (squeue/sacct) of a task that is still to run, or running.
SLURM_WAITING = {"PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
                 "RESIZING", "SUSPENDED", "SPECIAL_EXIT"}
SLURM_RUNNING = {"RUNNING", "COMPLETING", "STAGE_OUT", "SIGNALING", "STOPPED"}


@dataclass(frozen=True)
class SlurmTask:
    """What SLURM says of one array task: ``state`` (``PENDING``, ``CANCELLED``...) and
    ``reason`` (why it waits, or what ended it), as squeue or sacct print them."""

    job: str
    state: str
    reason: str = ""


@dataclass(frozen=True)
class RunRow:
    """One line of ``sweep.csv``. ``best_epoch`` counts from 1, as the console does."""

    run: str
    values: dict[str, Any]
    status: str
    monitor: str | None = None
    best: float | None = None
    best_epoch: int | None = None
    final_val_accuracy: float | None = None
    note: str = ""


def status_of(run_status: str | None, task: SlurmTask | None = None,
              exit_code: int | None = None) -> tuple[str, str]:
    """The table's status of a run and a note saying why, from its folder's status
    (``None`` when it has no folder yet), its SLURM task, and a local attempt's exit status.
    """
    if run_status == "finished":
        return "finished", ""
    if run_status == "running":
        return "running", ""
    if task is not None:
        state = task.state.split()[0].rstrip("+") if task.state else ""
        if state in SLURM_WAITING:
            reason = f" ({task.reason})" if task.reason not in ("", "None") else ""
            return "queued", f"SLURM job {task.job}: {state.lower()}{reason}"
        if state in SLURM_RUNNING:
            return "running", f"SLURM job {task.job}"
        if state and state != "COMPLETED":
            what = {"CANCELLED": "was cancelled (scancel)", "TIMEOUT": "ran out of time "
                    "(--time)", "OUT_OF_MEMORY": "ran out of memory", "NODE_FAIL": "lost its "
                    "node", "PREEMPTED": "was preempted"}.get(state, f"ended {state}")
            return "failed", f"SLURM job {task.job} {what}"
        if run_status is None:
            return "failed", (f"SLURM job {task.job} ended without starting the run; see "
                              f"its log in {LOGS}/")
    if run_status in ("failed", "stopped", "interrupted"):
        return run_status, ""
    if exit_code not in (None, 0):
        return "failed", f"exit status {exit_code} before training began; see {LOGS}/"
    if run_status is None:
        return "not started", ""
    return "failed", f"run status '{run_status}'"


def _final(history: list[dict[str, Any]], key: str) -> float | None:
    for row in reversed(history):
        if isinstance(row.get(key), float):
            return row[key]
    return None


def rows_of(sweep_dir: str | os.PathLike, sweep: Sweep,
            tasks: dict[int, SlurmTask] | None = None) -> list[RunRow]:
    """The rows of ``sweep.csv`` as the folders (and SLURM's ``tasks``, by run index) say."""
    rows = []
    for index, spec in enumerate(sweep.runs):
        run = RunDir(Path(sweep_dir) / spec.name)
        attempt = sweep.attempts.get(spec.name) or {}
        exit_code = attempt.get("exit")
        if not run.exists():
            status, note = status_of(None, (tasks or {}).get(index), exit_code)
            rows.append(RunRow(spec.name, spec.values, status, note=note))
            continue
        summary = summarize(run)
        status, note = status_of(summary.status, (tasks or {}).get(index), exit_code)
        error = _failure(run) if status == "failed" and not note else ""
        rows.append(RunRow(
            spec.name, spec.values, status, summary.best_metric, summary.best_value,
            None if summary.best_epoch is None else summary.best_epoch + 1,
            _final(run.read_history(), "val_accuracy"), note or error))
    return rows


def _failure(run: RunDir) -> str:
    """The message of a failed run's last ``TrainingFailed`` event, shortened."""
    for record in reversed(run.events.records()):
        if record.get("type") == "TrainingFailed":
            message = str(record.get("message", "")).splitlines()
            return message[0][:200] if message else ""
    return ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return value if isinstance(value, str) else json.dumps(value)


def table_text(keys: list[str], rows: list[RunRow]) -> str:
    """The CSV text: ``run``, one column per varied key, ``status``, ``monitor``, ``best``,
    ``best_epoch``, ``final_val_accuracy``, ``note``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["run", *keys, "status", "monitor", "best", "best_epoch",
                     "final_val_accuracy", "note"])
    for row in rows:
        writer.writerow([row.run, *(_cell(row.values.get(k)) for k in keys), row.status,
                         _cell(row.monitor), _cell(row.best), _cell(row.best_epoch),
                         _cell(row.final_val_accuracy), row.note])
    return buffer.getvalue()


def write_table(sweep_dir: str | os.PathLike, keys: list[str], rows: list[RunRow]) -> Path:
    """Rewrite ``sweep.csv`` atomically: readers see the old table or the new one, and two
    writers at once each rename a whole file of their own."""
    path = Path(sweep_dir) / SWEEP_TABLE
    fd, tmp = tempfile.mkstemp(prefix=f".{SWEEP_TABLE}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(table_text(keys, rows))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return path


def count_statuses(rows: list[RunRow]) -> str:
    """``"2 finished, 1 failed"``, in the order of the first run of each status."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in counts.items())


def ranked(rows: list[RunRow]) -> tuple[list[RunRow], str | None]:
    """The rows best first by their monitored value (lower is better for a loss, higher
    for the rest, as :func:`~fitgen_gui.core.run_dir.best_epoch` picks a run's best), the
    runs without a value after them in the sweep's order; and the metric they were ranked
    by. When the runs monitor different metrics (``callbacks.monitor`` is varied) their
    values do not compare: the sweep's order is kept and the metric is None."""
    scored = [row for row in rows if row.best is not None]
    metrics = {row.monitor for row in scored}
    if len(metrics) != 1:
        return list(rows), None
    metric = next(iter(metrics)) or ""
    sign = 1 if "loss" in metric else -1
    order = sorted(scored, key=lambda row: sign * row.best)  # stable: ties keep the order
    return order + [row for row in rows if row.best is None], metric


def format_table(keys: list[str], rows: list[RunRow]) -> str:
    """The table for a terminal: aligned columns, the note last."""
    header = ["run", *keys, "status", "best", "epoch", "val_acc"]
    lines = [[row.run, *(_cell(row.values.get(k)) for k in keys), row.status,
              f"{row.monitor} {row.best:.4f}" if row.best is not None else "-",
              _cell(row.best_epoch) or "-",
              f"{row.final_val_accuracy:.4f}" if row.final_val_accuracy is not None else "-"]
             for row in rows]
    widths = [max(len(str(c)) for c in column) for column in zip(header, *lines, strict=True)]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    for row, line in zip(rows, lines, strict=True):
        text = "  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True))
        out.append((text + ("  " + row.note if row.note else "")).rstrip())
    return "\n".join(out)
