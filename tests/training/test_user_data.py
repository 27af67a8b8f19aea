"""A Python data file as the data source: trains, and its failures are reported clearly."""

import threading

import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import ConsoleText, TrainingFailed, TrainingFinished
from fitgen_gui.training.runner import run_training
from tests.training.conftest import data_file

pytestmark = pytest.mark.slow

def config_for(path, steps=4):
    config = RunConfig(name="user")
    config = config.replace(**{
        "data.source": "python",
        "data.generator_file": str(path),
        "data.target_size": (24, 24),
        "data.batch_size": 8,
        "training.epochs": 3,
        "training.steps_per_epoch": steps,
    })
    return config


def train(config, tmp_path):
    events = []
    final = run_training(config, events.append, threading.Event(), workspace=tmp_path / "runs")
    return final, "".join(e.text for e in events if isinstance(e, ConsoleText))


def test_a_data_file_trains_and_the_console_says_its_code_ran(tmp_path):
    path = data_file(tmp_path)
    final, console = train(config_for(path), tmp_path)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    assert f"Running your data code from {path}" in console
    assert "Classes: dark, bright." in console and "val_accuracy" in console


def test_a_raising_generator_stops_with_its_batch_traceback_and_checkpoint(tmp_path):
    final, console = train(config_for(data_file(tmp_path, fail_at=6)), tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "The training data failed while building batch 6" in final.message
    assert "sensor export unreadable" in final.message
    assert "in batches" in final.details  # the generator's own traceback
    assert final.checkpoint.endswith("epoch-0001.keras")
    assert "The last checkpoint (epoch 1) is kept" in final.message
    # The error starts a line of its own, never glued to the progress bar.
    assert any(line.startswith("ERROR: The training data failed") for line in
               console.replace("\r", "\n").split("\n"))
    assert "\nERROR:" in console


def test_a_data_file_failing_before_any_checkpoint_says_none_was_saved(tmp_path):
    final, _ = train(config_for(data_file(tmp_path, fail_at=2)), tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "building batch 2" in final.message
    assert "No checkpoint was saved yet" in final.message and "is kept" not in final.message


@pytest.mark.parametrize(("source", "message"), [
    ("def train_data(b):\n    pass\n", "must define class_names"),
    ("class_names = ['a', 'b']\n", "must define train_data(batch_size)"),
    ("class_names = ['a', 'b']\nraise ImportError('no module named lab')\n",
     "raised ImportError while loading: no module named lab"),
])
def test_a_bad_data_file_is_a_clear_message(tmp_path, source, message):
    path = tmp_path / "bad.py"
    path.write_text(source)
    final, _ = train(config_for(path), tmp_path)
    assert isinstance(final, TrainingFailed) and final.cause == "UserDataError"
    assert message in final.message and "bad.py" in final.message


def test_a_generator_needs_steps_per_epoch(tmp_path):
    final, _ = train(config_for(data_file(tmp_path), steps=None), tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "training.steps_per_epoch" in final.message and "generator" in final.message


def test_a_data_file_runs_val_data_is_evaluated_and_exported_only_when_trusted(tmp_path):
    import json

    import numpy as np

    from fitgen_gui.cli import main as fitgen
    from fitgen_gui.core.errors import UserError
    from fitgen_gui.training.evaluation import evaluate
    from fitgen_gui.training.model_source import open_model

    final, _ = train(config_for(data_file(tmp_path)), tmp_path)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    source = open_model(final.run_dir)
    with pytest.raises(UserError, match="pass --trust-data-file"):
        evaluate(source, "val")
    evaluation = evaluate(source, "val", data_file_trusted=True)
    # The two validation batches of 8, named by batch and position; their true classes are
    # the file's targets, counted here from the same batches.
    assert [p.file for p in evaluation.predictions[:2]] == ["batch 1 #1", "batch 1 #2"]
    namespace: dict = {}
    exec(data_file(tmp_path).read_text(), namespace)
    targets = np.concatenate([y.argmax(1) for _, y in namespace["Validation"]().parts])
    assert [p.true for p in evaluation.predictions] == [["dark", "bright"][t] for t in targets]
    assert np.sum(evaluation.confusion_matrix) == 16
    out = tmp_path / "export"
    assert fitgen(["export", final.run_dir, "--format", "onnx", "--out", str(out)]) == 2
    assert not out.exists()  # refused before writing anything
    assert fitgen(["export", final.run_dir, "--format", "onnx", "--out", str(out),
                   "--trust-data-file"]) == 0
    report = json.loads((out / "export-report.json").read_text())
    assert report["formats"][0]["images"] == 16 and report["all_ok"]
