"""``fitgen sweep`` and ``fitgen compare`` end to end, in subprocesses, with real tiny
trainings (32x32 images, 1 epoch)."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.core.sweep import Sweep

pytestmark = [pytest.mark.smoke]


def fitgen(*args, cwd, timeout=240, env=None):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})}
    return subprocess.run([sys.executable, "-m", "fitgen_gui.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=env)


def tiny(data):
    return ["--train", data / "train", "--val", data / "val", "--target-size", 32, 32,
            "--batch-size", 8, "--workers", 1, "--epochs", 1, "-v", 2]


def table(sweep_dir):
    with open(Path(sweep_dir) / "sweep.csv", newline="") as f:
        return list(csv.DictReader(f))


def sweep_written(runs_dir):
    """The sweep folder once its sweep.json is written (None before)."""
    if not Path(runs_dir).is_dir():
        return None
    found = [p for p in Path(runs_dir).iterdir() if (p / "sweep.json").is_file()]
    return found[0] if found else None


def the_sweep(runs_dir):
    folders = [p for p in Path(runs_dir).iterdir() if (p / "sweep.json").is_file()]
    assert len(folders) == 1, folders
    return folders[0]


@pytest.mark.slow
def test_a_sweep_of_two_learning_rates_writes_two_runs_a_table_and_compares_them(
        tiny_dataset, tmp_path):
    done = fitgen("sweep", *tiny(tiny_dataset), "--vary",
                  "optimizer.learning_rate=0.001,0.01", "--evaluate", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    sweep_dir = the_sweep(tmp_path / "runs")
    rows = table(sweep_dir)
    assert [(r["run"], r["optimizer.learning_rate"], r["status"]) for r in rows] == [
        ("01_learning_rate-0.001", "0.001", "finished"),
        ("02_learning_rate-0.01", "0.01", "finished")]
    for row in rows:
        run = RunDir(sweep_dir / row["run"])
        history = run.read_history()
        assert [h["epoch"] for h in history] == [0]  # an ordinary run folder
        assert row["monitor"] == "val_loss" and row["best_epoch"] == "1"
        assert float(row["best"]) == pytest.approx(history[0]["val_loss"], rel=1e-5)
        assert float(row["final_val_accuracy"]) == pytest.approx(history[0]["val_accuracy"],
                                                                 rel=1e-5)
        config = json.loads((run.path / "config.json").read_text())
        assert config["optimizer"]["learning_rate"] == float(row["optimizer.learning_rate"])
        assert (run.path / "model.keras").is_file() and (run.path / "evaluation.json").is_file()
    assert "01_learning_rate-0.001" in done.stdout and "2 finished" in done.stdout

    compare = fitgen("compare", sweep_dir / rows[0]["run"], sweep_dir / rows[1]["run"],
                     cwd=tmp_path)
    assert compare.returncode == 0, compare.stderr
    lines = compare.stdout.splitlines()
    assert lines[0].split() == ["01_learning_rate-0.001", "02_learning_rate-0.01"]
    assert next(line for line in lines if "optimizer.learning_rate" in line).split() == [
        "optimizer.learning_rate", "0.001", "0.01"]
    assert any(line.split()[0] == "circle" and len(line.split()) == 3 for line in lines)
    assert "12 images;" in compare.stdout and "wrong -> right" in compare.stdout
    whole = fitgen("compare", sweep_dir, cwd=tmp_path)  # a sweep folder: all its runs
    assert whole.stdout == compare.stdout
    listed = fitgen("runs", tmp_path / "runs", cwd=tmp_path)
    assert f"sweep {sweep_dir.name}: 2 finished" in listed.stdout
    inside = fitgen("runs", sweep_dir, cwd=tmp_path)  # its runs are ordinary runs
    assert inside.stdout.count("finished") == 2


def no_sweep_written(tmp_path):
    return not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


@pytest.mark.parametrize(("vary", "extra", "message"), [
    (["learning_rate=0.001,0.01"], [],
     "--vary learning_rate: 'learning_rate' is not a setting. Did you mean "
     "optimizer.learning_rate?"),
    (["optimizer.learning_rate=0.001,-1"], [],
     "The run with optimizer.learning_rate=-1 cannot train: optimizer.learning_rate must be a "
     "number above 0"),
    (["optimizer.name=adam,adagrad"], [], "optimizer.name must be one of 'adam'"),
    (["data.batch_size=" + ",".join(map(str, range(1, 12))),
      "optimizer.learning_rate=" + ",".join(f"{i / 100}" for i in range(1, 11))], [],
     "This sweep has 110 runs (more than 100). Pass --yes"),
    (["optimizer.learning_rate=0.001,0.01"], ["--parallel", "64"],
     "--parallel 64 trains 64 runs at a time, one GPU each, but this computer's GPUs are"),
])
def test_bad_input_is_one_sentence_and_nothing_is_written(tiny_dataset, tmp_path, vary, extra,
                                                          message):
    args = [item for v in vary for item in ("--vary", v)]
    done = fitgen("sweep", *tiny(tiny_dataset), *args, *extra, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert no_sweep_written(tmp_path)


def test_slurm_without_sbatch_is_refused_before_anything_is_written(tiny_dataset, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    done = fitgen("sweep", *tiny(tiny_dataset), "--vary", "optimizer.learning_rate=0.1,0.2",
                  "--slurm", cwd=tmp_path, env={"PATH": str(empty)})
    assert done.returncode == 2
    assert "--slurm needs SLURM's sbatch command, which is not on this computer's PATH" in \
        done.stderr
    assert no_sweep_written(tmp_path)


def wait_for(predicate, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def stop(process):
    """End a sweep a failed assertion left running, and its runs (their own sessions)."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.send_signal(signal.SIGINT)  # twice: the runs quit at once
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def running_pid(run_folder):
    state = RunDir(run_folder).read_state()
    return state.get("pid") if state.get("status") == "running" else None


@pytest.mark.slow
def test_a_killed_run_is_reported_and_resume_trains_only_the_unfinished(tiny_dataset,
                                                                        tmp_path):
    sweep = subprocess.Popen(
        [sys.executable, "-m", "fitgen_gui.cli", "sweep", *map(str, tiny(tiny_dataset)),
         "--vary", "training.epochs=1,3,2"], cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        sweep_dir = wait_for(lambda: sweep_written(tmp_path / "runs"))
        second = sweep_dir / "02_epochs-3"
        pid = wait_for(lambda: running_pid(second))
        os.kill(pid, signal.SIGKILL)  # its machine fails mid-run
        output, _ = sweep.communicate(timeout=240)
    finally:
        stop(sweep)
    assert sweep.returncode == 1, output[-3000:]  # one run did not finish
    assert [r["status"] for r in table(sweep_dir)] == ["finished", "interrupted", "finished"]
    first_history = (sweep_dir / "01_epochs-1" / "history.csv").stat().st_mtime_ns

    resumed = fitgen("sweep", "--resume", sweep_dir, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stdout[-3000:] + resumed.stderr[-2000:]
    assert "Continuing 1 of 3 runs: 02_epochs-3 (interrupted)" in resumed.stdout
    assert [r["status"] for r in table(sweep_dir)] == ["finished", "finished", "finished"]
    assert [h["epoch"] for h in RunDir(second).read_history()] == [0, 1, 2]
    assert (sweep_dir / "01_epochs-1" / "history.csv").stat().st_mtime_ns == first_history
    again = fitgen("sweep", "--resume", sweep_dir, cwd=tmp_path)
    assert "Nothing to continue" in again.stdout


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGINT to a process is POSIX")
def test_ctrl_c_stops_the_run_in_progress_and_starts_no_other(tiny_dataset, tmp_path):
    args = [*map(str, tiny(tiny_dataset)), "--steps-per-epoch", "1", "--validation-steps", "1"]
    sweep = subprocess.Popen(
        [sys.executable, "-m", "fitgen_gui.cli", "sweep", *args, "--vary",
         "training.epochs=500,1"], cwd=tmp_path, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        sweep_dir = wait_for(lambda: sweep_written(tmp_path / "runs"))
        first = sweep_dir / "01_epochs-500"
        wait_for(lambda: (first / "checkpoints" / "epoch-0001.keras").exists())
        sweep.send_signal(signal.SIGINT)  # to the sweep only, as a terminal's Ctrl+C would
        output, _ = sweep.communicate(timeout=120)
    finally:
        stop(sweep)
    assert sweep.returncode == 130, output[-3000:]
    assert "Stopping the sweep" in output
    assert f"continue with: fitgen sweep --resume {sweep_dir}" in output
    assert [r["status"] for r in table(sweep_dir)] == ["stopped", "not started"]
    assert not (sweep_dir / "02_epochs-1").exists()
    assert RunDir(first).checkpoint() is not None


@pytest.mark.slow
def test_parallel_runs_share_the_cpu_when_asked_and_keep_their_output_apart(tiny_dataset,
                                                                            tmp_path):
    done = fitgen("sweep", *tiny(tiny_dataset), "--device", "cpu", "--parallel", 2,
                  "--vary", "optimizer.learning_rate=0.001,0.01", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    lines = done.stdout.splitlines()
    started = [i for i, line in enumerate(lines) if "] Training " in line]
    ended = [i for i, line in enumerate(lines) if line.endswith("finished") or
             " finished: " in line]
    assert len(started) == 2 and max(started) < min(ended)  # both ran at once
    sweep_dir = the_sweep(tmp_path / "runs")
    assert [r["status"] for r in table(sweep_dir)] == ["finished", "finished"]
    for name in ("01_learning_rate-0.001", "02_learning_rate-0.01"):
        log = (sweep_dir / "logs" / f"{name}.log").read_text()
        assert f"Run folder: {sweep_dir / name}" in log and "Epoch 1/1" in log
    assert Sweep.read(sweep_dir).attempts["02_learning_rate-0.01"]["exit"] == 0


def test_no_submit_writes_the_settings_and_a_script_sbatch_can_run(tiny_dataset, tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "sbatch").write_text(f"#!/bin/sh\ntouch {tmp_path}/submitted\necho 7\n")
    (fake / "sbatch").chmod(0o755)
    done = fitgen("sweep", *tiny(tiny_dataset), "--vary", "optimizer.learning_rate=0.1,0.2",
                  "--slurm", "--no-submit", "--nodes-per-run", 2, "--partition", "gpu",
                  cwd=tmp_path, env={"PATH": f"{fake}:{os.environ['PATH']}"})
    assert done.returncode == 0, done.stderr
    sweep_dir = the_sweep(tmp_path / "runs")
    assert f"cd {sweep_dir} && sbatch --array=0-1 sweep.sbatch" in done.stdout
    assert not (tmp_path / "submitted").exists()
    script = (sweep_dir / "sweep.sbatch").read_text()
    assert "#SBATCH --nodes=2" in script and "#SBATCH --partition=gpu" in script
    assert (sweep_dir / "logs").is_dir()  # SLURM fails a task whose log it cannot open
    settings = json.loads((sweep_dir / "settings" / "02_learning_rate-0.2.json").read_text())
    assert settings["optimizer"]["learning_rate"] == 0.2
    assert settings["data"]["train_dir"] == str(tiny_dataset / "train")  # absolute
    assert [r["status"] for r in table(sweep_dir)] == ["not started", "not started"]
