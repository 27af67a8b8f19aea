"""*Try several settings* says what ``fitgen sweep`` says: the same runs, listed in the
same words, and for a value the setting refuses the very sentence the CLI prints (each
``fitgen sweep`` runs in a subprocess; nothing trains: the CLI stops on the bad value, and
the good values are planned with ``--slurm --no-submit``)."""

import os
import shutil
import subprocess
import sys

import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.ui.dialogs.sweep_dialog import SweepDialog


def fitgen_sweep(data, vary, runs_dir, *extra):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run(
        [sys.executable, "-m", "fitgen_gui.cli", "sweep", "--train", str(data / "train"),
         "--val", str(data / "val"), "--vary", vary, "--runs-dir", str(runs_dir), *extra],
        capture_output=True, text=True, timeout=120, env=env)


@pytest.fixture
def dialog(qtbot, tiny_dataset):
    base = RunConfig().replace(**{"data.train_dir": str(tiny_dataset / "train"),
                                  "data.val_dir": str(tiny_dataset / "val")})
    dialog = SweepDialog(base)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(("key", "values"), [
    ("optimizer.learning_rate", "0.001,-1"),
    ("optimizer.name", "adam,adagrad"),
    ("optimizer.learning_rate", "0.1,0.1"),
    ("data.batch_size", "8,abc"),
])
def test_a_refused_value_is_refused_with_the_sentence_fitgen_sweep_prints(
        dialog, tiny_dataset, tmp_path, key, values):
    done = fitgen_sweep(tiny_dataset, f"{key}={values}", tmp_path / "runs")
    assert done.returncode == 2, done.stdout + done.stderr
    printed = done.stderr.strip().removeprefix("fitgen: ")
    dialog.choose(0, key, values)
    # The CLI's sentence, but the values are the fields here, not --vary.
    assert dialog.message.text() == dialog.said_here(printed)
    assert "--vary" in printed and "--vary" not in dialog.message.text()
    reason = printed.removeprefix("--vary ").split(" Change the values of")[0]
    assert dialog.message.text().startswith(reason.removesuffix(" Nothing was written."))
    assert not dialog.ok_button.isEnabled()
    assert not (tmp_path / "runs").exists()  # neither wrote anything


@pytest.mark.skipif(shutil.which("sbatch") is None,
                    reason="fitgen sweep --slurm --no-submit (the CLI's plan without "
                           "training) needs sbatch on PATH")
def test_the_dialog_lists_the_runs_fitgen_sweep_would_train(dialog, tiny_dataset, tmp_path):
    vary = "optimizer.learning_rate=0.001,0.01,0.1"
    done = fitgen_sweep(tiny_dataset, vary, tmp_path / "runs", "--slurm", "--no-submit")
    assert done.returncode == 0, done.stderr
    [line] = [line for line in done.stdout.splitlines() if line.startswith("3 runs: ")]
    dialog.choose(0, *vary.split("="))
    assert dialog.runs.text() == line
    assert dialog.ok_button.isEnabled()
    assert dialog.plan.names == line.removeprefix("3 runs: ").split("; ")
    assert [c.optimizer.learning_rate for c in dialog.plan.configs] == [0.001, 0.01, 0.1]


def test_the_sentence_says_what_to_do_in_the_dialog(dialog):
    dialog.choose(0, "optimizer.learning_rate", "0.001,-1")
    assert dialog.message.text() == (
        "The run with optimizer.learning_rate=-1 cannot train: optimizer.learning_rate must "
        "be a number above 0 (typically 0.0001 to 0.01); got -1.0. Change the values above.")
