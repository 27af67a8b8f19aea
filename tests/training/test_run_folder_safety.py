"""A run folder that loses nothing: crashes at each file event, locks, resumes
that repeat the uninterrupted run, and runs that cannot start leave nothing behind."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import keras
import numpy as np
import pytest

from fitgen_gui.core.events import (
    BatchEnded,
    EpochStarted,
    TrainingFailed,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.core.run_dir import EventLog, RunDir
from fitgen_gui.data.file_iterators import FileBatchMixin
from fitgen_gui.training.runner import resume_training, run_training

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name == "nt", reason="SIGKILL and flock are POSIX")


class Sink:
    def __init__(self, stop_when=None):
        self.events, self.stop, self._when = [], threading.Event(), stop_when

    def __call__(self, event):
        self.events.append(event)
        if self._when is not None and self._when(event):
            self.stop.set()


def slow_images(monkeypatch, seconds=0.01):
    original = FileBatchMixin.load_image

    def slow(self, path, params=None):
        time.sleep(seconds)
        return original(self, path, params)

    monkeypatch.setattr(FileBatchMixin, "load_image", slow)


def metrics(run_dir):
    return [{k: v for k, v in row.items() if k in ("loss", "accuracy", "val_loss",
                                                   "val_accuracy")}
            for row in RunDir(run_dir).read_history()]


def assert_same_metrics(got, expected):
    assert [sorted(r) for r in got] == [sorted(r) for r in expected]
    for a, b in zip(got, expected, strict=True):
        for key in a:
            assert a[key] == pytest.approx(b[key], rel=1e-4, abs=1e-6), (key, got, expected)


def epoch_ends(run_dir):
    return [r["epoch"] for r in EventLog(Path(run_dir) / "events.jsonl").records()
            if r["type"] == "EpochEnded"]


# -- 5: a stop mid-epoch then resume repeats the uninterrupted run --------------------------


def test_stop_mid_epoch_then_resume_gives_the_uninterrupted_runs_metrics(
        tiny_config, tmp_path, monkeypatch):
    slow_images(monkeypatch)
    tiny_config = tiny_config.replace(**{
        "training.epochs": 3,
        "training.workers": 0,
        "data.batch_size": 4,
    })
    whole = run_training(tiny_config, Sink(), workspace=tmp_path / "whole")
    sink = Sink(lambda e: isinstance(e, BatchEnded) and e.epoch == 1 and e.last_batch >= 2)
    stopped = run_training(tiny_config, sink, sink.stop, workspace=tmp_path / "stopped")
    assert isinstance(stopped, TrainingStopped) and 2 < stopped.batch < 9
    assert stopped.checkpoint.endswith("epoch-0002-partial.keras")
    resumed = Sink()
    final = resume_training(stopped.run_dir, resumed)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    (event,) = [e for e in resumed.events if type(e).__name__ == "RunResumed"]
    assert event.from_batch == stopped.batch  # continued at the next batch
    first = min(e.first_batch for e in resumed.events
                if isinstance(e, BatchEnded) and e.epoch == 1)
    assert first == stopped.batch
    assert_same_metrics(metrics(final.run_dir), metrics(whole.run_dir))
    assert epoch_ends(final.run_dir) == [0, 1, 2]


# -- 1: a crash at each file event of the epoch end and the run end -------------------------

EPOCH_END = ["write:epoch-0002.json:half", "write:epoch-0002.json:tmp",
             "save:epoch-0002.keras:tmp", "save:epoch-0002.keras:done",
             "write:history.csv:half#2", "write:history.csv:tmp#2",
             "write:history.csv:done#2", "event:EpochEnded#2"]
RUN_END = ["save:model.keras:tmp", "save:model.keras:done", "write:run.json:half#2",
           "write:run.json:done#2", "event:TrainingFinished"]
# A few of each kind in `make test`; `make stress` runs every one.
QUICK = {"save:epoch-0002.keras:done", "write:history.csv:half#2", "event:EpochEnded#2",
         "save:model.keras:done"}
STRESS = os.environ.get("FITGEN_STRESS") == "1"


def _train_cli(workspace, dataset, crash_at):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "FITGEN_CRASH_AT": crash_at}
    return subprocess.run(
        [sys.executable, "-m", "fitgen_gui.cli", "train", "--train", dataset / "train",
         "--val", dataset / "val", "--epochs", "3", "--target-size", "32", "32",
         "--batch-size", "8", "--workers", "1", "-v", "0", "--runs-dir", "runs"],
        cwd=workspace, env=env, capture_output=True, text=True, timeout=240)


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    base = tmp_path_factory.mktemp("reference")
    dataset = write_demo_dataset(base / "shapes", counts={"train": 12, "val": 4})
    result = _train_cli(base, dataset, "")
    assert result.returncode == 0, result.stderr
    (run,) = (base / "runs").iterdir()
    return dataset, metrics(run)


@posix_only
@pytest.mark.parametrize("point", [p for p in EPOCH_END + RUN_END if STRESS or p in QUICK])
def test_a_crash_at_each_file_event_loses_nothing(point, uninterrupted, tmp_path):
    dataset, reference = uninterrupted
    result = _train_cli(tmp_path, dataset, point)
    assert result.returncode == -signal.SIGKILL, (point, result.stdout, result.stderr)
    (run_path,) = (tmp_path / "runs").iterdir()
    run = RunDir(run_path)
    if point in ("write:run.json:done#2", "event:TrainingFinished"):
        assert run.status() == "finished"  # killed after the run was recorded as done
    else:
        assert run.status() == "interrupted"
        final = resume_training(run_path, Sink())
        assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    assert [r["epoch"] for r in run.read_history()] == [0, 1, 2]
    assert epoch_ends(run_path) == [0, 1, 2]  # one EpochEnded each
    assert_same_metrics(metrics(run_path), reference)
    assert run.status() == "finished" and (run_path / "model.keras").exists()
    assert not list(run_path.rglob(".*.tmp*"))  # nothing half-written is left


# -- 2: a run being trained is locked ---------------------------------------------------------


@posix_only
def test_resuming_a_run_another_process_trains_is_refused_and_reading_it_works(
        tiny_dataset, tmp_path):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    process = subprocess.Popen(
        [sys.executable, "-m", "fitgen_gui.cli", "train", "--train", tiny_dataset / "train",
         "--epochs", "200", "--target-size", "32", "32", "--batch-size", "4", "-v", "0"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        run_path = None
        while time.monotonic() < deadline:
            runs = list((tmp_path / "runs").glob("*/events.jsonl"))
            if runs and any(r["type"] == "EpochEnded" for r in EventLog(runs[0]).records()):
                run_path = runs[0].parent
                break
            time.sleep(0.1)
        assert run_path is not None
        history_before = RunDir(run_path).read_history()
        final = resume_training(run_path, Sink(), epochs=400)
        assert isinstance(final, TrainingFailed) and final.user_error
        assert f"is being trained by process {process.pid}" in final.message
        assert RunDir(run_path).status() == "running"  # untouched
        assert json.loads((run_path / "config.json").read_text())["training"]["epochs"] == 200
        assert RunDir(run_path).read_history()[:len(history_before)] == history_before
        cli = subprocess.run([sys.executable, "-m", "fitgen_gui.cli", "resume", run_path],
                             cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=120)
        assert cli.returncode == 2 and "is being trained by process" in cli.stderr
    finally:
        process.kill()
        process.wait(30)
    # The OS released the lock of the killed process: the run resumes now.
    assert RunDir(run_path).status() == "interrupted"
    final = resume_training(run_path, Sink(), epochs=RunDir(run_path).checkpoint().epoch + 1)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)


# -- resume: no checkpoint yet, relative paths, stale temporaries ----------------------------


def test_a_run_killed_before_its_first_checkpoint_starts_again_with_its_settings(
        tiny_config, tmp_path):
    sink = Sink(lambda e: isinstance(e, EpochStarted))
    stopped = run_training(tiny_config, sink, sink.stop, workspace=tmp_path / "runs")
    run = RunDir(stopped.run_dir)
    for c in run.checkpoints():  # as if killed before the first checkpoint
        Path(c.path).unlink()
        Path(c.path).with_suffix(".json").unlink(missing_ok=True)
    (run.checkpoints_dir / ".epoch-0001.json.tmp").write_text("{")
    (run.checkpoints_dir / ".epoch-0001.tmp.keras").write_bytes(b"half")
    run.write_state("running", pid=2**22 + 7)
    resumed = Sink()
    final = resume_training(stopped.run_dir, resumed)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    console = (run.path / "console.log").read_text()
    assert "starting it again from epoch 1 with its settings" in console
    assert "  " not in console.split("starting it again")[0].splitlines()[-1]
    assert [r["epoch"] for r in run.read_history()] == [0, 1]
    assert not list(run.checkpoints_dir.glob(".*"))  # stale temporaries removed
    assert run.status() == "finished"


def test_a_run_trained_with_relative_paths_resumes_from_another_directory(
        tiny_dataset, tmp_path, monkeypatch):
    from fitgen_gui.core.config import RunConfig

    monkeypatch.chdir(tiny_dataset.parent)
    config = RunConfig(name="relative")
    config = config.replace(**{
        "data.train_dir": "shapes/train",
        "data.val_dir": "shapes/val",
        "data.target_size": (32, 32),
        "data.batch_size": 8,
        "training.epochs": 1,
    })
    first = run_training(config, Sink(), workspace=tmp_path / "runs")
    assert isinstance(first, TrainingFinished), getattr(first, "details", first)
    stored = json.loads((Path(first.run_dir) / "config.json").read_text())["data"]
    assert stored["train_dir"] == str(tiny_dataset / "train")
    monkeypatch.chdir(tmp_path)
    final = resume_training(first.run_dir, Sink(), epochs=2)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)


# -- nothing is created for a run that cannot start --------------------------------------------


@pytest.mark.parametrize(("change", "message"), [
    ({"data.target_size": [12, 12]}, "Small CNN needs at least 16"),
    ({"training.device": "gpu:99"}, "gpu:99 is not on this computer"),
    ({"training.class_weight": {"circle": 1.0, "hexagon": 2.0}}, "'hexagon'"),
    ({"training.steps_per_epoch": 10**12}, "from 1 to 10,000,000"),
    ({"model.architecture": "mobilenet_v3_small", "model.weights": "imagenet"},
     "are not on this computer"),
])
def test_settings_that_cannot_run_are_refused_before_anything_is_written(
        tiny_config, tmp_path, monkeypatch, change, message):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty-keras-home"))
    config = tiny_config.replace(**change)
    final = run_training(config, Sink(), workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFailed) and final.user_error, final
    assert message in final.message
    assert "\x1b[" not in final.message  # no terminal colour codes
    assert final.run_dir is None and not (tmp_path / "runs").exists()


def test_a_full_disk_at_start_names_the_folder_and_leaves_nothing(tiny_config, tmp_path,
                                                                  monkeypatch):
    import shutil as shutil_module

    from fitgen_gui.training import preflight

    usage = shutil_module.disk_usage(tmp_path)
    monkeypatch.setattr(preflight.shutil, "disk_usage",
                        lambda path: usage._replace(free=3 << 20))
    final = run_training(tiny_config, Sink(), workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFailed) and final.user_error
    assert str(tmp_path) in final.message and "3 MB free" in final.message
    assert "64 MB are needed" in final.message
    assert not (tmp_path / "runs").exists()


def test_a_checkpoint_of_another_model_is_named_not_trained(tiny_config, tmp_path):
    first = run_training(tiny_config, Sink(), workspace=tmp_path / "a")
    other = keras.Sequential([keras.Input((None, None, 3)), keras.layers.GlobalAveragePooling2D(),
                              keras.layers.Dense(5, activation="softmax")], name="lab_model")
    other.compile("adam", "categorical_crossentropy")
    other.train_on_batch(np.zeros((2, 8, 8, 3)), np.eye(5)[:2])  # a complete, loadable model
    other.save(RunDir(first.run_dir).checkpoint(2).path)
    final = resume_training(first.run_dir, Sink(), epochs=3)
    assert isinstance(final, TrainingFailed) and final.cause == "CheckpointError"
    assert "holds another model (lab_model, 5 outputs)" in final.message
    assert len(final.message) < 400


# -- the data check is reused while the folders are unchanged ---------------------------------


def test_an_unchanged_check_report_is_reused_and_a_changed_file_is_checked_again(
        tiny_config, tmp_path, monkeypatch):
    monkeypatch.setenv("FITGEN_CACHE_DIR", str(tmp_path / "cache"))
    first = Sink()
    run_training(tiny_config, first, workspace=tmp_path / "runs")
    assert "checking" in [e.phase for e in first.events if type(e).__name__ == "PhaseStarted"]
    second = Sink()
    final = run_training(tiny_config, second, workspace=tmp_path / "runs")
    phases = [e.phase for e in second.events if type(e).__name__ == "PhaseStarted"]
    assert "checking" not in phases  # no file was read again
    assert "Data check reused from an earlier check" in (
        Path(final.run_dir) / "console.log").read_text()
    touched = Path(tiny_config.data.train_dir) / "circle" / "circle_000.png"
    os.utime(touched, (time.time() + 5, time.time() + 5))
    third = Sink()
    run_training(tiny_config, third, workspace=tmp_path / "runs")
    assert "checking" in [e.phase for e in third.events if type(e).__name__ == "PhaseStarted"]


# -- retention, long epochs, many classes ------------------------------------------------------


def test_checkpoints_beyond_the_newest_and_the_best_are_deleted(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{
        "training.epochs": 5,
        "callbacks.keep_last_checkpoints": 2,
    })
    final = run_training(tiny_config, Sink(), workspace=tmp_path / "runs")
    run = RunDir(final.run_dir)
    kept = [c.epoch for c in run.checkpoints()]
    best = min(run.read_history(), key=lambda r: r["val_loss"])["epoch"] + 1
    assert kept == sorted({4, 5, best})
    assert len(run.read_history()) == 5  # the history is whole


def test_per_batch_values_stay_exact_over_long_epochs():
    from fitgen_gui.training.run_recorder import _MetricSums

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.train_on_batch(np.zeros((4, 2)), np.zeros(4))
    sums = _MetricSums(model)
    total, count = sums.pairs["accuracy"]
    rng = np.random.default_rng(0)
    seen_total, seen_count, worst = 0.0, 0.0, 0.0
    naive_worst, previous_mean = 0.0, None
    for n in range(1, 5001):
        correct = float(rng.integers(0, 33))  # of 32 samples
        seen_total, seen_count = seen_total + correct, seen_count + 32
        total.assign(np.float32(seen_total))
        count.assign(np.float32(seen_count))
        own = sums.own_values()["accuracy"]
        worst = max(worst, abs(own - correct / 32))
        mean = np.float32(seen_total / seen_count)  # what Keras reports, float32
        if previous_mean is not None:
            naive = float(mean) * n - float(previous_mean) * (n - 1)
            naive_worst = max(naive_worst, abs(naive - correct / 32))
        previous_mean = mean
    assert worst == 0.0  # sample counts are exact
    assert naive_worst > 1e-4  # the old formula drifted out of range


def test_a_thousand_classes_keep_console_lines_short(tmp_path):
    from fitgen_gui.data.pipeline import summarize_class_names

    names = [f"class{i:04d}" for i in range(1000)]
    text = summarize_class_names(names)
    assert len(text) < 200 and text.endswith("... and 988 more")


def test_gc_never_runs_on_the_apps_training_thread(tiny_config, tmp_path, monkeypatch):
    import gc

    threads = []
    original = gc.collect

    def recording(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(gc, "collect", recording)
    tiny_config = tiny_config.replace(**{"training.epochs": 1})
    worker = threading.Thread(target=run_training, name="training",
                              args=(tiny_config, Sink()), kwargs={"workspace": tmp_path})
    worker.start()
    worker.join(300)
    assert "training" not in threads
