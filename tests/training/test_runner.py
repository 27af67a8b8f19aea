"""run_training / resume_training on real tiny trainings: run folders, stop, resume."""

import json
import threading
from pathlib import Path

import keras
import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import (
    BatchEnded,
    ConsoleText,
    EpochEnded,
    EpochStarted,
    PhaseStarted,
    RunResumed,
    RunStarted,
    TrainingFailed,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.training.runner import resume_training, run_training

pytestmark = pytest.mark.slow


class Recorder:
    """A sink that keeps events and can press Stop when it sees a given one."""

    def __init__(self, stop_when=None):
        self.events = []
        self.stop = threading.Event()
        self._stop_when = stop_when

    def __call__(self, event):
        self.events.append(event)
        if self._stop_when is not None and self._stop_when(event):
            self.stop.set()

    def of(self, kind):
        return [e for e in self.events if isinstance(e, kind)]


def train(config, tmp_path, stop_when=None):
    sink = Recorder(stop_when)
    final = run_training(config, sink, sink.stop, workspace=tmp_path / "runs")
    return final, sink


def test_a_run_writes_its_whole_run_directory(tiny_config, tmp_path):
    final, sink = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    run = RunDir(final.run_dir)
    # Every path in the run's settings is absolute: it resumes from any directory.
    assert RunConfig.from_json(run.read_config_text()) == tiny_config
    assert run.status() == "finished"
    started = sink.of(RunStarted)[0]
    assert started.class_names == ("circle", "square", "triangle")
    assert (started.steps_per_epoch, started.train_samples, started.val_samples) == (5, 36, 12)
    # Batch events are grouped, never dropped: every batch of every epoch is there.
    for epoch in (0, 1):
        batches = [e for e in sink.of(BatchEnded) if e.epoch == epoch]
        covered = [b for e in batches for b in range(e.first_batch, e.last_batch + 1)]
        assert covered == list(range(5))
    history = run.read_history()
    assert [r["epoch"] for r in history] == [0, 1]
    assert {"loss", "accuracy", "val_loss", "val_accuracy", "learning_rate"} <= set(history[0])
    assert [(c.epoch, c.partial) for c in run.checkpoints()] == [(1, False), (2, False)]
    assert keras.saving.load_model(final.model_path, safe_mode=True).output_shape == (None, 3)
    # The event log rebuilds what the app showed (console text goes to console.log).
    logged = run.events.events()
    assert [type(e) for e in logged if not isinstance(e, BatchEnded | PhaseStarted)] == [
        RunStarted, EpochStarted, EpochEnded, EpochStarted, EpochEnded, TrainingFinished]
    # The status named each phase before the first batch, in order.
    phases = [e.phase for e in sink.of(PhaseStarted)]
    assert phases[:2] == ["preparing", "scanning"]
    assert phases.index("checking") < phases.index("building") < phases.index("compiling")
    # The first validation compiles its step: said once, after the training step's.
    assert phases.count("validating") == 1 and phases.index("validating") > phases.index(
        "compiling")
    console = (run.path / "console.log").read_text()
    assert "Epoch 2/2" in console and "5/5 ━━━━" in console and "\r" not in console
    assert "".join(e.text for e in sink.of(ConsoleText)).count("Epoch") == 2


def test_stop_mid_epoch_keeps_a_partial_checkpoint_and_skips_validation(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 3})
    final, sink = train(tiny_config, tmp_path,
                        stop_when=lambda e: isinstance(e, EpochStarted) and e.epoch == 1)
    assert isinstance(final, TrainingStopped)
    assert (final.epoch, final.batch) == (1, 1)
    run = RunDir(final.run_dir)
    assert run.status() == "stopped"
    assert [(c.epoch, c.partial, c.batches) for c in run.checkpoints()] == [
        (1, False, None), (2, True, 1)]
    assert final.checkpoint.endswith("epoch-0002-partial.keras")
    assert [r["epoch"] for r in run.read_history()] == [0]  # a partial epoch is no epoch
    assert [e.epoch for e in sink.of(EpochEnded)] == [0]


def test_stop_during_validation_keeps_the_epoch_without_its_partial_validation(
        tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 3, "training.validation_steps": 2})
    final, _ = train(tiny_config, tmp_path, stop_when=lambda e: isinstance(e, BatchEnded)
                     and e.epoch == 0 and e.last_batch == 4)
    assert isinstance(final, TrainingStopped)
    run = RunDir(final.run_dir)
    assert [(c.epoch, c.partial) for c in run.checkpoints()] == [(1, False)]
    assert [k for k in run.read_history()[0] if k.startswith("val_")] == []


def test_resume_continues_a_stopped_run_from_its_latest_checkpoint(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 3})
    stopped, _ = train(tiny_config, tmp_path,
                       stop_when=lambda e: isinstance(e, EpochStarted) and e.epoch == 1)
    sink = Recorder()
    final = resume_training(stopped.run_dir, sink, sink.stop)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    assert final.epochs_done == 3
    (resumed,) = sink.of(RunResumed)
    assert resumed.from_epoch == 2 and resumed.checkpoint.endswith("epoch-0002-partial.keras")
    assert sink.of(RunStarted)[0].initial_epoch == 1  # the partial epoch runs again in full
    run = RunDir(final.run_dir)
    assert [r["epoch"] for r in run.read_history()] == [0, 1, 2]
    assert [type(e).__name__ for e in run.events.events()
            if isinstance(e, RunStarted | RunResumed | TrainingStopped | TrainingFinished)] == [
        "RunStarted", "RunStarted", "RunResumed", "TrainingFinished"]


def test_resume_from_an_earlier_epoch_sets_the_later_ones_aside(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 3})
    first, _ = train(tiny_config, tmp_path)
    run = RunDir(first.run_dir)
    old_history = run.read_history()
    sink = Recorder()
    final = resume_training(first.run_dir, sink, sink.stop, from_epoch=1, epochs=4)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    (resumed,) = sink.of(RunResumed)
    aside = Path(resumed.set_aside)
    assert sorted(p.name for p in (aside / "checkpoints").glob("*.keras")) == [
        "epoch-0002.keras", "epoch-0003.keras"]
    assert (aside / "model.keras").exists()
    history = run.read_history()
    assert [r["epoch"] for r in history] == [0, 1, 2, 3]
    assert history[0] == old_history[0]
    assert json.loads((run.path / "config.json").read_text())["training"]["epochs"] == 4


def test_loss_and_learning_rate_schedule_continue_after_resume(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 4, "optimizer.schedule": "cosine"})
    assert tiny_config.model.dropout > 0  # its masks too must be drawn as in the whole run
    whole, _ = train(tiny_config, tmp_path / "a")
    stopped, _ = train(tiny_config, tmp_path / "b",
                       stop_when=lambda e: isinstance(e, EpochEnded) and e.epoch == 1)
    assert isinstance(stopped, TrainingStopped)
    final = resume_training(stopped.run_dir, Recorder(), None, from_epoch=2)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    a, b = RunDir(whole.run_dir).read_history(), RunDir(final.run_dir).read_history()
    # Optimizer state came back: the cosine schedule is where it was.
    assert b[3]["learning_rate"] == pytest.approx(a[3]["learning_rate"], rel=1e-4)
    # The same images in the same order, the same dropout masks: the resumed epochs learn
    # as the whole run did (up to the order of float sums across threads).
    for epoch in (2, 3):
        assert b[epoch]["loss"] == pytest.approx(a[epoch]["loss"], rel=1e-3)
    assert b[2]["loss"] < a[0]["loss"]


def test_bad_settings_and_data_end_in_a_clear_failure(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"data.train_dir": str(tmp_path / "missing")})
    final, _ = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "does not exist" in final.message and final.cause == "ConfigError"
    one_class = tmp_path / "one"
    (one_class / "cats").mkdir(parents=True)
    (Path(tiny_config.data.val_dir) / "circle" / "circle_000.png").rename(
        one_class / "cats" / "x.png")
    tiny_config = tiny_config.replace(**{"data.train_dir": str(one_class)})
    final, _ = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "has 1 class (cats) with images; at least 2 class sub-folders are needed" in (
        final.message)


def test_stop_before_the_first_batch_ends_at_once_and_leaves_nothing(tiny_config, tmp_path):
    sink = Recorder(stop_when=lambda e: isinstance(e, PhaseStarted) and e.phase == "checking")
    final = run_training(tiny_config, sink, sink.stop, workspace=tmp_path / "runs")
    assert isinstance(final, TrainingStopped) and final.checkpoint is None
    assert final.run_dir is None
    assert not sink.of(BatchEnded)
    assert not (tmp_path / "runs").exists() or not list((tmp_path / "runs").iterdir())


def test_a_run_on_folders_trains_with_loader_processes(tiny_config, tmp_path):
    """use_multiprocessing sends the image iterator to other processes: the run's own
    listener of unreadable files (a closure of this process) stays behind."""
    config = tiny_config.replace(**{"training.use_multiprocessing": True,
                                    "training.workers": 2, "training.epochs": 1})
    final, _ = train(config, tmp_path)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    assert len(RunDir(final.run_dir).read_history()) == 1
