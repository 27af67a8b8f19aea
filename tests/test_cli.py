"""The fitgen command line, end to end in subprocesses, as scripts and servers use it."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fitgen_gui.core.run_dir import EventLog, RunDir
from tests.conftest import run_fitgen as fitgen

pytestmark = [pytest.mark.slow, pytest.mark.smoke]


def test_demo_then_train_then_runs_then_preview(tmp_path):
    demo = fitgen("demo", "shapes", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert sorted(p.name for p in (tmp_path / "shapes" / "train").iterdir()) == [
        "circle", "square", "triangle"]
    result = fitgen("train", "--train", "shapes/train", "--epochs", "2", "--target-size",
                    "32", "32", "--batch-size", "16", "-v", "2", "--augment",
                    "rotation_range=10", "horizontal_flip=true", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Run folder: "))
    assert lines[first].startswith("Run folder: runs/")  # printed before training...
    assert first < lines.index("Epoch 1/2")
    assert lines[-1].startswith("Run folder: runs/")  # ...and at the end
    assert "Found 120 validation images." in out  # shapes/val found next to shapes/train
    assert "Epoch 2/2" in out and "23/23 - " in out
    runs = fitgen("runs", cwd=tmp_path)
    assert runs.returncode == 0
    assert "finished" in runs.stdout and "2/2" in runs.stdout
    assert "val_loss" in runs.stdout and "(epoch " in runs.stdout  # the best epoch, named
    preview = fitgen("preview", "--train", "shapes/train", "--augment", "rotation_range=30",
                     "--out", "grid.png", "--batch-size", "8", cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    assert (tmp_path / "grid.png").stat().st_size > 1000


@pytest.mark.parametrize(("args", "message"), [
    (["train", "--train", "nowhere"], "folder 'nowhere' does not exist"),
    (["train", "--train", "one", "--epochs", "1"], "has 1 class (only) with images; at least 2"),
    (["train", "--train", "one", "--augment", "rotation_range"], "is not KEY=VALUE"),
    (["train", "--train", "one", "--set", "data.batch=3"], "data.batch: is not a setting"),
    (["train", "--train", "one", "--target-size", "12", "12"], "needs at least 16"),
    (["train", "--train", "one", "--device", "gpu:99"], "gpu:99 is not on this computer"),
    (["resume", "nowhere"], "is not a FitGen run folder"),
    (["train", "--set", "data.train_dir=one/only/a.png"],
     "'one/only/a.png' is a file; choose the folder that holds one sub-folder per class"),
    (["train", "--train", "one", "--seed", "3000000000"], "at most 2,147,483,647; got"),
    (["runs", "one", "--runs-dir", "two"], "Two runs folders given"),
])
def test_user_errors_print_one_message_and_exit_2(tmp_path, args, message):
    (tmp_path / "one" / "only").mkdir(parents=True)
    from tests.data.conftest import natural_image, save

    save(tmp_path / "one" / "only" / "a.png", natural_image(0, 16, 16))
    result = fitgen(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_runs_takes_the_runs_folder_as_train_does_or_positionally(tmp_path, tiny_config):
    from fitgen_gui.training.runner import run_training

    run_training(tiny_config.replace(**{"training.epochs": 1}), lambda event: None,
                 workspace=tmp_path / "elsewhere")
    for args in (["--runs-dir", "elsewhere"], ["elsewhere"]):
        listed = fitgen("runs", *args, cwd=tmp_path)
        assert listed.returncode == 0, listed.stderr
        assert "finished" in listed.stdout and "1/1" in listed.stdout


def wait_for(predicate, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_a_killed_training_resumes_from_its_last_checkpoint(tmp_path, tiny_dataset):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    log = open(tmp_path / "train.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(
        [sys.executable, "-m", "fitgen_gui.cli", "train", "--train", tiny_dataset / "train",
         "--epochs", "6", "--target-size", "32", "32", "--batch-size", "4", "-v", "0"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        runs = tmp_path / "runs"

        def mid_epoch_3():
            for run_path in runs.glob("*") if runs.exists() else []:
                records = EventLog(run_path / "events.jsonl").records()
                return any(r["type"] == "BatchEnded" and r["epoch"] == 2 for r in records)
            return False

        assert wait_for(mid_epoch_3), (tmp_path / "train.log").read_text()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        log.close()
    (run_path,) = runs.iterdir()
    run = RunDir(run_path)
    assert run.status() == "interrupted"
    before = run.read_history()
    assert [r["epoch"] for r in before] == [0, 1]
    result = fitgen("resume", run_path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Resuming from epoch 2" in (run_path / "console.log").read_text()
    after = run.read_history()
    assert [r["epoch"] for r in after] == [0, 1, 2, 3, 4, 5]
    assert after[:2] == before  # the history from before the crash is intact
    assert run.status() == "finished"
    assert json.loads((run_path / "run.json").read_text())["epochs_done"] == 6
    assert Path(run_path / "model.keras").exists()


@pytest.mark.parametrize("setting", ["a.b.c=1", "training.epochs.x=1", "training=3"])
def test_impossible_set_paths_are_refused_in_one_line(tmp_path, setting):
    result = fitgen("train", "--train", "x", "--set", setting, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert setting.split("=")[0] in result.stderr


def test_impossible_augment_keys_are_refused_in_one_line(tmp_path):
    result = fitgen("train", "--train", "x", "--augment", "rotation_range.x=1", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "augmentation.rotation_range.x: is not a setting" in result.stderr


def test_a_data_file_named_by_a_settings_file_runs_only_when_trusted(tmp_path):
    from fitgen_gui.core.config import RunConfig
    from tests.training.conftest import data_file

    marker = tmp_path / "ran.txt"
    path = data_file(tmp_path)
    path.write_text(path.read_text() + f"\nopen({str(marker)!r}, 'a').write('ran\\n')\n")
    config = RunConfig(name="user")
    config = config.replace(**{
        "data.source": "python",
        "data.generator_file": str(path),
        "data.target_size": (24, 24),
        "data.batch_size": 8,
        "training.epochs": 1,
        "training.steps_per_epoch": 2,
    })
    (tmp_path / "settings.json").write_text(config.to_json())
    refused = fitgen("train", "settings.json", cwd=tmp_path)
    assert refused.returncode == 2 and "--trust-data-file" in refused.stderr
    assert not marker.exists() and not (tmp_path / "runs").exists()
    trusted = fitgen("train", "settings.json", "--trust-data-file", cwd=tmp_path)
    assert trusted.returncode == 0, trusted.stderr
    (run,) = (tmp_path / "runs").iterdir()
    runs_before = marker.read_text().count("ran")
    refused = fitgen("resume", run, "--epochs", "2", cwd=tmp_path)
    assert refused.returncode == 2 and "--trust-data-file" in refused.stderr
    assert marker.read_text().count("ran") == runs_before  # its code did not run
    preview = fitgen("preview", "settings.json", "--out", "grid.png", cwd=tmp_path)
    assert preview.returncode == 2 and "--trust-data-file" in preview.stderr
    preview = fitgen("preview", "settings.json", "--trust-data-file", "--out", "grid.png",
                     cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    assert "Folder ''" not in preview.stdout + preview.stderr
    assert (tmp_path / "grid.png").stat().st_size > 500


def test_user_errors_have_one_base_class_in_the_engine_and_the_cli():
    from fitgen_gui.core.config import ConfigError
    from fitgen_gui.core.errors import (
        CheckpointError,
        MissingFolderError,
        RunLockedError,
        UserError,
    )
    from fitgen_gui.data.file_iterators import TooManyBadFiles
    from fitgen_gui.data.user_data import UserDataError
    from fitgen_gui.training.weights_files import WeightsMissingError

    for kind in (ConfigError, CheckpointError, MissingFolderError, RunLockedError,
                 TooManyBadFiles, UserDataError, WeightsMissingError):
        assert issubclass(kind, UserError)
    from fitgen_gui.cli.common import finish
    from fitgen_gui.core.events import TrainingFailed

    too_many = TrainingFailed.from_exception(TooManyBadFiles("3 of 36 images..."))
    assert too_many.user_error and finish(too_many) == 2
    missing = TrainingFailed.from_exception(MissingFolderError("Folder 'x' does not exist."))
    assert missing.user_error and finish(missing) == 2
    assert finish(TrainingFailed.from_exception(RuntimeError("a bug"))) == 1
