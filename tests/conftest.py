"""Test settings, applied before anything imports Qt or TensorFlow.

Tests make their own tiny data in ``tmp_path``; they never need ``../shared``, the network
or a GPU.
"""

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")


import pytest


@pytest.fixture
def tiny_dataset(tmp_path):
    """The demo dataset, small: 3 classes, 12 training and 4 validation images each."""
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    return write_demo_dataset(tmp_path / "shapes", counts={"train": 12, "val": 4})


@pytest.fixture
def tiny_config(tiny_dataset, tmp_path):
    """Settings for a quick real training on ``tiny_dataset`` (32x32, batch 8)."""
    from fitgen_gui.core.config import RunConfig

    config = RunConfig(name="tiny")
    config = config.replace(**{
        "data.train_dir": str(tiny_dataset / "train"),
        "data.val_dir": str(tiny_dataset / "val"),
        "data.target_size": (32, 32),
        "data.batch_size": 8,
        "training.epochs": 2,
        "training.workers": 1,
        "training.verbose": 1,
    })
    return config


def run_fitgen(*args, cwd, timeout=240, **kwargs):
    """``fitgen ARGS`` in a subprocess, as scripts and servers run it; its CompletedProcess."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, "-m", "fitgen_gui.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=env, **kwargs)
