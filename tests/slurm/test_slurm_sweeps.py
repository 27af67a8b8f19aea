"""Sweeps and cluster training on a real SLURM (one node, 2 CPUs: see conftest.py).

Each test submits real jobs to slurmctld/slurmd and trains real tiny runs in them.
"""

import csv
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.core.sweep import Sweep

pytestmark = [pytest.mark.slurm, pytest.mark.slow]

FITGEN = [sys.executable, "-m", "fitgen_gui.cli"]


def run(command, env, cwd, timeout=240):
    return subprocess.run([*map(str, command)], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=timeout)


def tiny(data):
    return ["--train", data / "train", "--val", data / "val", "--target-size", 32, 32,
            "--batch-size", 8, "--workers", 1, "-v", 2]


def submitted_job(output):
    match = re.search(r"Submitted SLURM job (\d+)", output)
    assert match, output[-3000:]
    return match.group(1)


def wait_until_done(job, env, timeout=240):
    """Until SLURM lists no pending or running task of ``job``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        queue = run(["squeue", "-h", "-r", "-j", job, "-o", "%i %T"], env, cwd="/")
        if queue.returncode == 0 and not queue.stdout.strip():
            return
        time.sleep(0.5)
    raise AssertionError(f"job {job} still queued or running after {timeout} s: "
                         f"{queue.stdout}")


def table(sweep_dir):
    with open(Path(sweep_dir) / "sweep.csv", newline="") as f:
        return list(csv.DictReader(f))


def sweep_folder(runs):
    return next(p for p in Path(runs).iterdir() if (p / "sweep.json").is_file())


def test_a_sweep_of_two_runs_is_one_job_array_and_both_finish(tiny_dataset, tmp_path,
                                                               slurm_env):
    started = time.monotonic()
    done = run([*FITGEN, "sweep", *tiny(tiny_dataset), "--epochs", 1, "--vary",
                "optimizer.learning_rate=0.001,0.01", "--slurm", "--gpus-per-run", 0,
                "--time", "00:10:00"], slurm_env, tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    job = submitted_job(done.stdout)
    sweep_dir = sweep_folder(tmp_path / "runs")
    assert [r["status"] for r in table(sweep_dir)] in (
        [s1, s2] for s1 in ("queued", "running") for s2 in ("queued", "running"))
    wait_until_done(job, slurm_env)
    seconds = time.monotonic() - started
    status = run([*FITGEN, "sweep", "--status", sweep_dir], slurm_env, tmp_path)
    assert status.returncode == 0, status.stderr
    rows = table(sweep_dir)
    assert [(r["run"], r["status"]) for r in rows] == [("01_learning_rate-0.001", "finished"),
                                                       ("02_learning_rate-0.01", "finished")]
    assert all(r["best_epoch"] == "1" and r["final_val_accuracy"] for r in rows)
    script = (sweep_dir / "sweep.sbatch").read_text()
    assert "#SBATCH --time=00:10:00" in script and "--gres" not in script
    assert Sweep.read(sweep_dir).jobs[0]["tasks"] == [0, 1]
    logs = sorted((sweep_dir / "logs").glob(f"{job}_*.out"))
    assert len(logs) == 2 and all("Training finished after 1 epoch" in p.read_text()
                                  for p in logs)
    assert seconds < 240  # bench/sweep_timing.py measures it against the same runs here


def last_losses(output):
    """Each task's last epoch loss, from ``srun --label`` output ("0: ... - loss: 1.09")."""
    losses = {}
    for line in output.splitlines():
        task, _, text = line.partition(": ")
        if " - loss: " in text and task.strip().isdigit():
            losses[int(task)] = text.split(" - loss: ")[1].split()[0]
    return losses


def test_two_srun_tasks_of_fitgen_worker_train_one_run_with_the_same_losses(
        tiny_dataset, tmp_path, slurm_env):
    done = run(["srun", "--ntasks", 2, "--cpus-per-task", 1, "--label", "--time", "10",
                *FITGEN, "worker", *tiny(tiny_dataset), "--epochs", 2, "--runs-dir",
                tmp_path / "runs", "--wait", 60], slurm_env, tmp_path, timeout=300)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    for task in ("0", "1"):
        assert re.search(rf"^{task}: This is worker {task} \(\S+:\d+\) of 2", output,
                         re.MULTILINE), output[-4000:]
        assert f"{task}: Training finished after 2 epochs" in output
    assert "0: This is worker 0" in output and ", the chief;" in output
    losses = last_losses(output)
    assert sorted(losses) == [0, 1] and losses[0] == losses[1], losses
    runs = list((tmp_path / "runs").iterdir())
    assert len(runs) == 1  # the chief's run folder; the other task's scratch is gone
    assert [r["epoch"] for r in RunDir(runs[0]).read_history()] == [0, 1]


def test_a_cancelled_task_is_failed_in_the_table_and_resume_reruns_only_it(
        tiny_dataset, tmp_path, slurm_env):
    done = run([*FITGEN, "sweep", *tiny(tiny_dataset), "--vary", "training.epochs=1,30",
                "--slurm", "--gpus-per-run", 0], slurm_env, tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    job = submitted_job(done.stdout)
    sweep_dir = sweep_folder(tmp_path / "runs")
    long_run = sweep_dir / "02_epochs-30"
    deadline = time.monotonic() + 180
    while not (long_run / "checkpoints" / "epoch-0001.keras").exists():
        assert time.monotonic() < deadline, "the long run saved no checkpoint"
        time.sleep(0.1)
    cancel = run(["scancel", f"{job}_1"], slurm_env, tmp_path)
    assert cancel.returncode == 0, cancel.stderr
    wait_until_done(job, slurm_env)
    status = run([*FITGEN, "sweep", "--status", sweep_dir], slurm_env, tmp_path)
    rows = table(sweep_dir)
    assert [r["status"] for r in rows] == ["finished", "failed"], status.stdout
    assert rows[1]["note"] == f"SLURM job {job}_1 was cancelled (scancel)"
    assert "was cancelled (scancel)" in status.stdout
    first_history = (sweep_dir / "01_epochs-1" / "history.csv").stat().st_mtime_ns

    resumed = run([*FITGEN, "sweep", "--resume", sweep_dir], slurm_env, tmp_path)
    assert resumed.returncode == 0, resumed.stdout[-3000:] + resumed.stderr[-2000:]
    assert "Continuing 1 of 2 runs: 02_epochs-30 (failed)" in resumed.stdout
    again = submitted_job(resumed.stdout)
    assert Sweep.read(sweep_dir).jobs[-1]["tasks"] == [1]
    wait_until_done(again, slurm_env)
    run([*FITGEN, "sweep", "--status", sweep_dir], slurm_env, tmp_path)
    assert [r["status"] for r in table(sweep_dir)] == ["finished", "finished"]
    log = (sweep_dir / "logs" / f"{again}_1.out").read_text()
    assert "Resuming from epoch" in log, log[-3000:]
    assert len(RunDir(long_run).read_history()) == 30
    assert (sweep_dir / "01_epochs-1" / "history.csv").stat().st_mtime_ns == first_history
    assert not list((sweep_dir / "logs").glob(f"{again}_0.out"))  # run 1 was not rerun
    assert json.loads((long_run / "run.json").read_text())["status"] == "finished"
