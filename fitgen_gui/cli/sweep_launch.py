"""Starting a sweep's runs: as processes on this computer, or as a SLURM job array.

Each run is its own ``fitgen train SETTINGS --run-folder RUN`` process (``fitgen resume RUN``
when its folder exists): a run that crashes or runs out of memory ends alone, each starts
with a fresh TensorFlow, and it is the very command a SLURM task runs, so the two ways
cannot drift apart. The processes get their own process group: a Ctrl+C reaches the sweep,
which passes it on once (stop after the batch, keep a checkpoint) and starts nothing more.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from fitgen_gui.cli.common import UserError
from fitgen_gui.core.slurm import array_spec, parse_sacct, parse_squeue
from fitgen_gui.core.sweep import LOGS, Sweep, SweepRun
from fitgen_gui.core.sweep_plan import fitgen_command, refresh_table, run_command
from fitgen_gui.core.sweep_table import SlurmTask, count_statuses

__all__ = ["fitgen_command", "refresh_table", "run_here", "slurm_tasks", "submit"]

SCRIPT = "sweep.sbatch"


_command = run_command  # the one command line of a run, shared with the app


@dataclass
class _Child:
    run: SweepRun
    number: int
    process: subprocess.Popen
    slot: str | None
    log: IO[bytes]
    started: float
    command: str  # train, resume or evaluate


def _recorded_device(sweep_dir: Path, run: SweepRun) -> str | None:
    import json

    with contextlib.suppress(OSError, ValueError, AttributeError):
        data = json.loads((sweep_dir / run.name / "config.json").read_text(encoding="utf-8"))
        return str(data["training"]["device"])
    return None


def _pick(pending: list[SweepRun], slot: str | None, slots: list[str | None],
          sweep_dir: Path) -> SweepRun | None:
    """The next run for a free ``slot``: a new run, or a resumed one whose recorded device
    is this slot (or no slot at all); a run resumed on another slot's GPU waits for it."""
    for run in pending:
        device = _recorded_device(sweep_dir, run) if slot else None
        if device is None or device == slot or device not in slots:
            return run
    return None


def run_here(sweep_dir: Path, sweep: Sweep, todo: list[SweepRun], *,
             slots: list[str | None]) -> tuple[int, bool]:
    """Train ``todo`` here, ``len(slots)`` at a time (each slot a device such as
    ``gpu:1``, or None to keep the settings' device); one after another with one slot, the
    output shown as it comes. Returns how many runs did not finish, and whether a Ctrl+C
    stopped the sweep."""
    total, pending = len(todo), list(todo)
    numbers = {run.name: i for i, run in enumerate(todo, 1)}
    free, running, interrupts = list(slots), [], [0]
    show = len(slots) == 1
    (sweep_dir / LOGS).mkdir(exist_ok=True)

    def on_interrupt(signum: int, frame: Any) -> None:
        interrupts[0] += 1
        if interrupts[0] == 1:
            print("\nStopping the sweep: the run(s) in progress stop after this batch and "
                  "keep a checkpoint; no other run starts. Ctrl+C again stops them now.",
                  file=sys.stderr, flush=True)
        for child in running:
            with contextlib.suppress(OSError):
                child.process.send_signal(signal.SIGINT)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    unfinished = 0
    try:
        while (pending and not interrupts[0]) or running:
            while pending and free and not interrupts[0]:
                slot = free[0]
                run = _pick(pending, slot, slots, sweep_dir)
                if run is None:
                    break
                pending.remove(run)
                free.remove(slot)
                running.append(_start(sweep_dir, sweep, run, numbers[run.name], total, slot,
                                      show))
            done = _wait_one(running, show)
            running.remove(done)
            code = done.process.returncode
            if code == 0 and sweep.options.get("evaluate") and not interrupts[0] and (
                    done.command != "evaluate"):
                running.append(_start(sweep_dir, sweep, done.run, done.number, total,
                                      done.slot, show, evaluate=True))
                running[-1].started = done.started
                continue
            free.append(done.slot)
            sweep.attempts[done.run.name] = {
                "exit": code, "ended": datetime.now().isoformat(timespec="seconds"),
                "seconds": round(time.monotonic() - done.started, 1)}
            sweep.write(sweep_dir)
            rows = refresh_table(sweep_dir, sweep)
            row = next(r for r in rows if r.run == done.run.name)
            unfinished += row.status != "finished"
            best = (f": {row.monitor} {row.best:.4f} (epoch {row.best_epoch})"
                    if row.best is not None else "")
            accuracy = (f", val_accuracy {row.final_val_accuracy:.4f}"
                        if row.final_val_accuracy is not None else "")
            print(f"[{done.number}/{total}] {done.run.name} {row.status}{best}{accuracy}"
                  f"{' - ' + row.note if row.note else ''}", flush=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    rows = refresh_table(sweep_dir, sweep)
    print(f"Sweep {sweep_dir.name}: {count_statuses(rows)}.")
    if interrupts[0]:
        print(f"Stopped with {len(pending)} run(s) not started; continue with: fitgen sweep "
              f"--resume {sweep_dir}")
    return unfinished + len(pending), bool(interrupts[0])


def _start(sweep_dir: Path, sweep: Sweep, run: SweepRun, number: int, total: int,
           slot: str | None, show: bool, evaluate: bool = False) -> _Child:
    if evaluate:
        trust = ["--trust-data-file"] if sweep.options.get("trust_data_file") else []
        command = [*fitgen_command(), "evaluate", str(sweep_dir / run.name), *trust]
    else:
        command = _command(sweep_dir, run, sweep, slot)
    log_path = sweep_dir / LOGS / f"{run.name}.log"
    log = open(log_path, "ab")  # noqa: SIM115 - closed when the run ends
    kind = command[len(fitgen_command())]
    verb = {"resume": "Resuming", "evaluate": "Evaluating"}.get(kind, "Training")
    values = ", ".join(f"{k}={v}" for k, v in run.values.items())
    on = f" on {slot}" if slot else ""
    print(f"[{number}/{total}] {verb} {run.name} ({values}){on}"
          + ("" if show else f"; output in {log_path}"), flush=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE if show else log,
                               stderr=subprocess.STDOUT, env=env, start_new_session=True)
    return _Child(run, number, process, slot, log, time.monotonic(), kind)


def _wait_one(running: list[_Child], show: bool) -> _Child:
    """Wait for one child to end; with one child shown, copy its output to the terminal and
    its log as it comes."""
    if show:
        child = running[0]
        assert child.process.stdout is not None
        fd = child.process.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except InterruptedError:
                continue
            if not chunk:
                break
            child.log.write(chunk)
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
        child.process.stdout.close()
        _reap(child)
        return child
    while True:
        for child in running:
            if child.process.poll() is not None:
                _reap(child)
                return child
        time.sleep(0.2)


def _reap(child: _Child) -> None:
    while True:
        try:
            child.process.wait()
            break
        except InterruptedError:
            continue
    child.log.close()


# -- SLURM ----------------------------------------------------------------------------------

def require_sbatch() -> str:
    sbatch = shutil.which("sbatch")
    if sbatch is None:
        raise UserError("--slurm needs SLURM's sbatch command, which is not on this "
                        "computer's PATH: run the sweep on the cluster's login node (or load "
                        "SLURM first, e.g. module load slurm). Nothing was written.")
    return sbatch


def submit(sweep_dir: Path, sweep: Sweep, indexes: list[int]) -> str:
    """Submit the tasks ``indexes`` of the sweep's job array; record and return the job id."""
    sbatch = require_sbatch()
    spec = array_spec(indexes, sweep.options.get("at_once"))
    (sweep_dir / LOGS).mkdir(exist_ok=True)
    try:
        done = subprocess.run([sbatch, "--parsable", f"--array={spec}", SCRIPT],
                              cwd=sweep_dir, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise UserError("sbatch did not answer within 2 minutes; check the cluster (sinfo) "
                        "and submit again with fitgen sweep --resume.") from None
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().replace("sbatch: error: ", "")
        raise UserError(f"sbatch refused the job array: {message}")
    job = done.stdout.strip().split(";")[0]
    sweep.jobs.append({"job": job, "tasks": sorted(indexes), "array": spec,
                       "submitted": datetime.now().isoformat(timespec="seconds")})
    sweep.write(sweep_dir)
    return job


def _query(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        return ""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (subprocess.TimeoutExpired, OSError):
        return ""
    return done.stdout if done.returncode == 0 else ""


def slurm_tasks(sweep: Sweep) -> dict[int, SlurmTask]:
    """What SLURM says of each run's latest task, by run index: ``squeue`` for the tasks it
    still knows (waiting, running, or recently ended), ``sacct`` for older ones."""
    latest: dict[str, list[int]] = {}
    for index in range(len(sweep.runs)):
        job = sweep.latest_job(index)
        if job is not None:
            latest.setdefault(job, []).append(index)
    tasks: dict[int, SlurmTask] = {}
    for job, indexes in latest.items():
        known = parse_squeue(_query(["squeue", "-h", "-r", "-t", "all", "-j", job,
                                     "-o", "%i|%T|%r"]))
        missing = [i for i in indexes if i not in known]
        if missing:
            older = parse_sacct(_query(["sacct", "-n", "-P", "-X", "-j", job,
                                        "-o", "JobID,State,ExitCode"]))
            known = {**older, **known}
        tasks.update({i: known[i] for i in indexes if i in known})
    return tasks
