"""A 2-run sweep on SLURM against the same two runs one after another here. Prints JSON.

The same sweep (the demo shapes, 12 training and 4 validation images per class, 32x32,
1 epoch, ``--vary optimizer.learning_rate=0.001,0.01``) is timed, in alternating rounds:

- ``local``: ``fitgen sweep`` without SLURM (the runs one after another, each its own
  process, as the sweep always starts them), from the command to its end;
- ``slurm``: ``fitgen sweep --slurm --gpus-per-run 0``, from the command to the moment
  ``squeue`` lists no task of the job (both runs trained, as tasks of one job array).

Needs a SLURM cluster: ``eval $(.ci/slurm-up)`` starts the one-node test cluster (2 CPUs;
both tasks run at once, one CPU each), ``.ci/slurm-down`` stops it.

    python bench/sweep_timing.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FITGEN = [sys.executable, "-m", "fitgen_gui.cli"]


def sweep(data: Path, runs: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [*FITGEN, "sweep", "--train", str(data / "train"), "--val", str(data / "val"),
               "--target-size", "32", "32", "--batch-size", "8", "--workers", "1",
               "--epochs", "1", "-v", "0", "--vary", "optimizer.learning_rate=0.001,0.01",
               "--runs-dir", str(runs), *extra]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"sweep failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done


def local(data: Path, runs: Path) -> float:
    started = time.monotonic()
    sweep(data, runs)
    return time.monotonic() - started


def on_slurm(data: Path, runs: Path) -> float:
    started = time.monotonic()
    done = sweep(data, runs, "--slurm", "--gpus-per-run", "0")
    job = re.search(r"Submitted SLURM job (\d+)", done.stdout).group(1)
    while True:
        queue = subprocess.run(["squeue", "-h", "-r", "-j", job], capture_output=True,
                               text=True, timeout=60)
        if queue.returncode == 0 and not queue.stdout.strip():
            return time.monotonic() - started
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("SLURM_CONF") and subprocess.run(
            ["sinfo"], capture_output=True).returncode != 0:
        raise SystemExit("No SLURM cluster answers: eval $(.ci/slurm-up) first.")
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    times: dict[str, list[float]] = {"local": [], "slurm": []}
    with tempfile.TemporaryDirectory() as tmp:
        data = write_demo_dataset(Path(tmp) / "shapes", counts={"train": 12, "val": 4})
        for i in range(args.rounds):
            order = [("local", local), ("slurm", on_slurm)]
            for name, measure in order if i % 2 == 0 else reversed(order):
                times[name].append(round(measure(data, Path(tmp) / f"runs-{name}-{i}"), 2))
    print(json.dumps({
        "runs": 2, "epochs": 1, "image_size": 32,
        "local_one_after_another_s": times["local"],
        "slurm_submit_to_both_finished_s": times["slurm"],
        "median_local_s": statistics.median(times["local"]),
        "median_slurm_s": statistics.median(times["slurm"]),
        "slurm_over_local": round(statistics.median(times["slurm"]) /
                                  statistics.median(times["local"]), 3),
    }, indent=2))


if __name__ == "__main__":
    main()
