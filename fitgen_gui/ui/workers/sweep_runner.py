"""A sweep's runs trained from the app: one ``fitgen train`` process after another.

It is the loop of ``fitgen sweep`` on one computer, for a background task: each run is the
command :func:`~fitgen_gui.core.sweep_plan.run_command` builds (the one the CLI and a SLURM
task run), in a process of its own, so a run that crashes or runs out of memory ends alone
and each starts with a fresh TensorFlow, while the app stays responsive. The task's
``cancelled()`` is polled: on Stop the run in progress gets one SIGINT (it stops after the
batch and keeps a checkpoint, as Ctrl+C does) and no other run starts. After each run the
sweep's attempts and ``sweep.csv`` are rewritten, so what is unfinished is on disk and
*Resume sweep* continues only that. No signal handler is installed: this runs on a worker
thread, where Python refuses ``signal.signal``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.core.sweep import LOGS, Sweep, SweepRun
from fitgen_gui.core.sweep_plan import refresh_table, run_command
from fitgen_gui.core.sweep_table import UNFINISHED, RunRow

__all__ = ["SweepOutcome", "run_sweep", "unfinished_runs"]

POLL_S = 0.2  # how often Stop and the run's folder are looked at


@dataclass(frozen=True)
class SweepOutcome:
    """How a sweep's turn ended: its folder, the table's rows, whether Stop ended it, and
    how many of the runs it was asked to train did not finish."""

    sweep_dir: str
    rows: list[RunRow]
    stopped: bool
    unfinished: int


def unfinished_runs(sweep_dir: str | os.PathLike) -> list[str]:
    """The runs *Resume sweep* trains again: not started, stopped, failed or
    interrupted (as ``fitgen sweep --resume``)."""
    sweep = Sweep.read(sweep_dir)
    return [row.run for row in refresh_table(sweep_dir, sweep) if row.status in UNFINISHED]


def _following(folder: Path) -> bool:
    """Whether the run's folder shows it training (its plots can be followed)."""
    run = RunDir(folder)
    return run.exists() and run.status() == "running"


def _train_one(sweep_dir: Path, sweep: Sweep, run: SweepRun, context: Any,
               report: Any) -> tuple[int, bool]:
    """Train ``run`` in a child process; its exit status, and whether Stop interrupted it
    (one SIGINT, as Ctrl+C)."""
    command = run_command(sweep_dir, run, sweep)
    (sweep_dir / LOGS).mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(sweep_dir / LOGS / f"{run.name}.log", "ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
        interrupted, followed = False, False
        while True:
            try:
                return process.wait(timeout=POLL_S), interrupted
            except subprocess.TimeoutExpired:
                pass
            if context.cancelled() and not interrupted:
                interrupted = True
                try:
                    process.send_signal(signal.SIGINT)
                except OSError:  # ended meanwhile
                    pass
            if not followed and _following(sweep_dir / run.name):
                followed = True
                report("following", str(sweep_dir / run.name))


def run_sweep(sweep_dir: str | os.PathLike, names: list[str], context: Any) -> SweepOutcome:
    """Train the runs ``names`` of the sweep in ``sweep_dir``, one after another.

    ``context`` is a :class:`~fitgen_gui.ui.workers.background.TaskContext`; its progress
    gets ``("started", number, total, run)``, ``("following", run_folder)`` once the run's
    folder shows it training, and ``("ended", number, total, run, status)``.
    """
    sweep_dir = Path(sweep_dir)
    sweep = Sweep.read(sweep_dir)
    todo = [sweep.run(name) for name in names]
    ended: list[str] = []
    for number, run in enumerate(todo, 1):
        if context.cancelled():
            break
        context.progress("started", number, len(todo), run.name)
        started = time.monotonic()
        code, interrupted = _train_one(sweep_dir, sweep, run, context, context.progress)
        if interrupted and not (sweep_dir / run.name / "config.json").is_file():
            code = None  # stopped before its folder was made: not started, not failed
        sweep.attempts[run.name] = {
            "exit": code, "ended": datetime.now().isoformat(timespec="seconds"),
            "seconds": round(time.monotonic() - started, 1)}
        sweep.write(sweep_dir)
        rows = refresh_table(sweep_dir, sweep)
        status = next(r.status for r in rows if r.run == run.name)
        if status == "finished":
            ended.append(run.name)
        context.progress("ended", number, len(todo), run.name, status)
    rows = refresh_table(sweep_dir, sweep)
    return SweepOutcome(str(sweep_dir), rows, context.cancelled(), len(todo) - len(ended))
