"""Training on several devices: the CPU split into 2 logical devices (a new TensorFlow
process each time: devices are made once per process). Each replica gets half of the batch,
and 2 replicas learn what one device learns from the same global batch."""

import json
import subprocess
import sys

import pytest

from fitgen_gui.core.run_dir import RunDir
from tests.conftest import run_fitgen as fitgen
from tests.training.replica_script import script

pytestmark = pytest.mark.slow

TWO_REPLICAS = script("""
    import os
    os.environ["FITGEN_VIRTUAL_DEVICES"] = "2"
    from fitgen_gui.training import tf_devices

    device = tf_devices.configure("all", False)
""")


def test_two_replicas_each_take_half_the_batch_and_learn_what_one_device_learns(tmp_path):
    done = subprocess.run([sys.executable, "-c", TWO_REPLICAS], capture_output=True,
                          text=True, timeout=240, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["replicas"] == 2 and "CPU:0, CPU:1" in result["name"]
    assert result["sizes"] == [4]  # batches of 8, 4 per replica: never the whole 8
    assert result["difference"] < 1e-5
    for key, values in result["one"].items():  # global metrics, class weights applied
        assert result["two"][key] == pytest.approx(values, abs=1e-5), key


def test_fitgen_trains_on_all_devices_and_resumes_there(tiny_dataset, tmp_path):
    done = fitgen("train", "--train", tiny_dataset / "train", "--val", tiny_dataset / "val",
                  "--target-size", 32, 32, "--batch-size", 8, "--epochs", 2, "--workers", 1,
                  "--devices", "all", "--virtual-devices", 2, "--runs-dir", tmp_path / "runs",
                  "-v", 2, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "2 replicas: each batch of 8 is split, 4 images per replica" in done.stdout
    run = RunDir(next((tmp_path / "runs").iterdir()))
    assert [row["epoch"] for row in run.read_history()] == [0, 1]
    assert [c.epoch for c in run.checkpoints()] == [1, 2]

    resumed = fitgen("resume", run.path, "--from-epoch", 1, "--epochs", 3,
                     "--virtual-devices", 2, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stdout[-2000:] + resumed.stderr[-2000:]
    assert "Resuming from" in resumed.stdout and "2 replicas" in resumed.stdout
    assert [row["epoch"] for row in run.read_history()] == [0, 1, 2]

    # Without the split the computer has one device, and 'all' says so.
    refused = fitgen("train", "--train", tiny_dataset / "train", "--devices", "all",
                     "--runs-dir", tmp_path / "runs2", cwd=tmp_path)
    assert refused.returncode == 2
    assert "'all' needs several devices" in refused.stdout + refused.stderr


@pytest.mark.parametrize(("devices", "xla"), [("cpu", "on"), ("all", "on"), ("cpu", "off")])
def test_xla_compiles_the_training_step_when_asked(tiny_dataset, tmp_path, devices, xla):
    import os

    done = subprocess.run(
        [sys.executable, "-m", "fitgen_gui.cli", *map(str, [
            "train", "--train", tiny_dataset / "train", "--target-size", 32, 32,
            "--batch-size", 8, "--epochs", 1, "--workers", 1, "--devices", devices,
            "--virtual-devices", 2, "--xla", xla, "--runs-dir", tmp_path / "runs", "-v", 2])],
        cwd=tmp_path, capture_output=True, text=True, timeout=240,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "0"})  # TensorFlow says when XLA compiles
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    split_cpu = devices == "all"  # XLA compiles for one CPU device: off, and said so
    assert ("Compiled cluster using XLA" in done.stderr) == (xla == "on" and not split_cpu)
    assert ("XLA compilation is off when CPU devices train together" in done.stdout) == (
        split_cpu and xla == "on")
    run = RunDir(next((tmp_path / "runs").iterdir()))
    assert json.loads(run.read_config_text())["training"]["xla"] == xla
