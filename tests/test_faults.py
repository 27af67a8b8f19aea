"""Faults: killed processes, NaN, a failing data source, a full disk, damaged files.

Nothing may be lost: a checkpoint stays valid, the history readable, and the message says
what happened and what to do.
"""

import errno
import itertools
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import keras
import pytest

from fitgen_gui.core.events import TrainingFailed, TrainingFinished
from fitgen_gui.core.run_dir import EventLog, RunDir
from fitgen_gui.data.file_iterators import FileBatchMixin
from fitgen_gui.training.runner import resume_training, run_training
from tests.conftest import run_fitgen

pytestmark = pytest.mark.slow


def train(config, tmp_path, sink=None):
    events = []
    final = run_training(config, sink or events.append, threading.Event(),
                         workspace=tmp_path / "runs")
    return final, events


def _epoch_started(workspace, epoch):
    events = list((workspace / "runs").glob("*/events.jsonl"))
    return bool(events) and any(r["type"] == "EpochStarted" and r["epoch"] == epoch
                                for r in EventLog(events[0]).records())


def _start_training(workspace, dataset, env):
    log = open(workspace / "train.log", "wb")  # noqa: SIM115 - closed by the caller
    process = subprocess.Popen(
        [sys.executable, "-m", "fitgen_gui.cli", "train", "--train", dataset / "train",
         "--epochs", "3", "--target-size", "32", "32", "--batch-size", "4", "-v", "0",
         "--runs-dir", "runs"],
        cwd=workspace, stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        events = list((workspace / "runs").glob("*/events.jsonl"))
        if events and any(r["type"] == "EpochStarted" for r in EventLog(events[0]).records()):
            break
        time.sleep(0.02)
    return process, log, time.monotonic()


# A few trials in `make test`; `make stress` runs 20 (FITGEN_KILL_TRIALS).
KILL_TRIALS = int(os.environ.get("FITGEN_KILL_TRIALS", "3"))


@pytest.fixture(scope="module")
def epoch_spans(tmp_path_factory):
    """How long each epoch of the trials' training takes on this machine (batches,
    validation, checkpoint), from one uninterrupted run."""
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    base = tmp_path_factory.mktemp("kill")
    dataset = write_demo_dataset(base / "shapes", counts={"train": 12, "val": 4})
    (base / "timing").mkdir()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    process, log, _ = _start_training(base / "timing", dataset, env)
    process.wait(timeout=240)
    log.close()
    records = next((base / "timing" / "runs").iterdir()) / "events.jsonl"
    times = [r["t"] for r in EventLog(records).records()
             if r["type"] in ("EpochStarted", "TrainingFinished")]
    return dataset, [b - a for a, b in itertools.pairwise(times)]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
@pytest.mark.timeout(240)
@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_sigkill_at_a_random_moment_always_resumes(epoch_spans, tmp_path, trial):
    dataset, spans = epoch_spans
    rng = random.Random(20261122 + trial)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    workspace = tmp_path / f"trial{trial}"
    workspace.mkdir()
    process, log, _ = _start_training(workspace, dataset, env)
    try:
        # Somewhere in the batches, validation or checkpoint write of one epoch.
        epoch = trial % len(spans)
        deadline = time.monotonic() + 120
        while not _epoch_started(workspace, epoch) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, spans[epoch]))
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        log.close()
    (run_path,) = (workspace / "runs").iterdir()
    run = RunDir(run_path)
    history = run.read_history()  # always readable
    assert [r["epoch"] for r in history] == list(range(len(history)))
    for record in run.events.records():  # every line that was kept is whole JSON
        assert "type" in record
    if run.status() == "finished":
        return  # finished before the kill: nothing to resume
    assert run.status() == "interrupted"
    checkpoints = run.checkpoints()
    assert [c.epoch for c in checkpoints] == list(range(1, len(checkpoints) + 1))
    # In this process: `fitgen resume` itself is tested in test_cli.py.
    result = resume_training(run_path, lambda event: None)
    assert isinstance(result, TrainingFinished), getattr(result, "details", result)
    after = run.read_history()
    assert [r["epoch"] for r in after] == [0, 1, 2]
    assert run.status() == "finished"
    if not checkpoints:
        return  # killed before the first checkpoint: started again with its settings
    # Rows written before the kill are kept; a kill between a checkpoint's rename and its
    # history row (metrics go into the checkpoint first) is repaired from it.
    assert len(history) <= len(checkpoints)
    assert after[:len(history)] == history
    for checkpoint in checkpoints[len(history):]:
        assert after[checkpoint.epoch - 1] == {"epoch": checkpoint.epoch - 1,
                                              **checkpoint.meta["row"]}


def poison_batches_after(monkeypatch, count):
    """NaN pixels in every batch after the first ``count`` (a broken normalization)."""
    original, calls = FileBatchMixin._get_batches_of_transformed_samples, [0]

    def poisoned(self, *args, **kwargs):
        batch = original(self, *args, **kwargs)
        calls[0] += 1
        if calls[0] > count:
            batch[0][...] = float("nan")
        return batch

    monkeypatch.setattr(FileBatchMixin, "_get_batches_of_transformed_samples", poisoned)


def test_nan_loss_stops_naming_epoch_and_batch_and_keeps_the_last_good_checkpoint(
        tiny_config, tmp_path, monkeypatch):
    tiny_config = tiny_config.replace(**{"training.epochs": 3, "training.workers": 0})
    poison_batches_after(monkeypatch, 6)  # 5 training + 2 validation batches per epoch
    final, _ = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "NaN (not a number) at epoch 2, batch 1" in final.message
    assert "lower learning rate" in final.message
    run = RunDir(final.run_dir)
    assert [c.epoch for c in run.checkpoints()] == [1]
    model = keras.saving.load_model(run.checkpoints()[0].path)  # good weights only
    assert all(bool(keras.ops.all(keras.ops.isfinite(w))) for w in model.weights)


def test_nan_can_warn_instead(tiny_config, tmp_path, monkeypatch):
    tiny_config = tiny_config.replace(**{"training.epochs": 1, "training.on_nan": "warn"})
    poison_batches_after(monkeypatch, 2)
    final, events = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFinished)
    assert [getattr(e, "kind", "") for e in events].count("nan") == 1


def test_a_failing_data_source_stops_with_the_batch_and_its_traceback(
        tiny_config, tmp_path, monkeypatch):
    tiny_config = tiny_config.replace(**{"training.epochs": 3, "training.workers": 0})
    original, calls = FileBatchMixin.load_image, [0]

    def broken_reader(self, path, params=None):
        calls[0] += 1
        if calls[0] > 60:  # well into the second epoch
            raise RuntimeError("the microscope export is half-written")
        return original(self, path, params)

    monkeypatch.setattr(FileBatchMixin, "load_image", broken_reader)
    final, _ = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "The training data failed while building batch 2" in final.message  # from 1
    assert "half-written" in final.message
    assert "broken_reader" in final.details  # the data's own traceback
    assert final.checkpoint and final.checkpoint.endswith("epoch-0001.keras")
    assert keras.saving.load_model(final.checkpoint).output_shape == (None, 3)


def test_out_of_memory_says_so_with_the_batch_size_to_try(tiny_config, tmp_path, monkeypatch):
    import tensorflow as tf

    tiny_config = tiny_config.replace(**{"training.epochs": 3, "training.workers": 0})
    original, calls = FileBatchMixin.load_image, [0]

    def huge_reader(self, path, params=None):
        calls[0] += 1
        if calls[0] > 60:  # a real allocation far beyond any machine's memory
            return tf.zeros((2**22, 2**22, 3))
        return original(self, path, params)

    monkeypatch.setattr(FileBatchMixin, "load_image", huge_reader)
    final, _ = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFailed)
    assert final.message.startswith("Out of memory")
    assert "Try a batch size of 4 (now 8)" in final.message
    assert final.checkpoint and final.checkpoint.endswith("epoch-0001.keras")


def test_disk_full_while_saving_stops_and_keeps_the_previous_checkpoint(
        tiny_config, tmp_path, monkeypatch):
    tiny_config = tiny_config.replace(**{"training.epochs": 4})
    original, saves = keras.Model.save, [0]

    def full_disk(self, path, *args, **kwargs):
        saves[0] += 1
        if saves[0] == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(keras.Model, "save", full_disk)
    final, _ = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "epoch-0002.keras" in final.message and "No space left on device" in final.message
    assert "stopped rather than go on unsaved" in final.message
    run = RunDir(final.run_dir)
    assert [c.epoch for c in run.checkpoints()] == [1]
    assert not list(run.checkpoints_dir.glob(".*tmp*"))  # no half-written file left
    assert keras.saving.load_model(run.checkpoints()[0].path).output_shape == (None, 3)
    assert [r["epoch"] for r in run.read_history()] == [0]


def test_an_unwritable_workspace_is_a_clear_message(tiny_config, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    final = run_training(tiny_config, lambda e: None, workspace=blocker / "runs")
    assert isinstance(final, TrainingFailed)
    assert "Cannot write" in final.message and "not-a-folder" in final.message


def test_a_truncated_checkpoint_is_refused_and_the_previous_one_offered(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 2})
    first, _ = train(tiny_config, tmp_path)
    run = RunDir(first.run_dir)
    damaged = Path(run.checkpoint(2).path)
    damaged.write_bytes(damaged.read_bytes()[:5000])
    history_before = run.read_history()
    final = resume_training(first.run_dir, lambda e: None, epochs=3)
    assert isinstance(final, TrainingFailed) and final.cause == "CheckpointError"
    assert "epoch-0002.keras" in final.message and "damaged or incomplete" in final.message
    assert "--from-epoch 1" in final.message
    assert "File not found" not in final.message and "filepath=" not in final.message
    assert "File not found" in final.details  # Keras's own words stay in the details
    assert run.read_history() == history_before  # nothing was changed or set aside
    resumed = resume_training(first.run_dir, lambda e: None, from_epoch=1, epochs=3)
    assert isinstance(resumed, TrainingFinished), getattr(resumed, "details", resumed)


def test_a_damaged_config_is_a_clear_message(tiny_config, tmp_path):
    first, _ = train(tiny_config, tmp_path)
    config_path = Path(first.run_dir) / "config.json"
    config_path.write_text(config_path.read_text()[:40])
    result = run_fitgen("resume", first.run_dir, cwd=tmp_path)
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    assert json.loads((Path(first.run_dir) / "run.json").read_text())["status"] == "finished"
