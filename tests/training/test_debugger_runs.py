"""The generator debugger in real runs: the meter and the class counts reach events.jsonl,
the console and the warnings; a batch that breaks the contract stops the run by its number."""

import textwrap

import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import (
    BatchEnded,
    ConsoleText,
    EpochEnded,
    RunWarning,
    TrainingFailed,
    TrainingFinished,
)
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.training.runner import run_training

pytestmark = pytest.mark.slow


def train(config, tmp_path):
    events = []
    final = run_training(config, events.append, workspace=tmp_path / "runs")
    return final, events


def test_every_batch_s_wait_step_and_classes_are_in_the_run_folder(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 1})
    final, events = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    logged = RunDir(final.run_dir).events.events()
    batches = [e for e in logged if isinstance(e, BatchEnded)]
    waits = [w for e in batches for w in e.wait_s]
    steps = [s for e in batches for s in e.step_s]
    counts = [c for e in batches for c in e.class_counts]
    assert len(waits) == len(steps) == len(counts) == 5  # 36 images, batch 8
    assert all(w >= 0 for w in waits) and all(s > 0 for s in steps)
    # Every image of the epoch is counted once, by its class folder: 12 per class.
    epoch = next(e for e in logged if isinstance(e, EpochEnded))
    assert epoch.class_counts == (12, 12, 12)
    assert [sum(column) for column in zip(*counts, strict=True)] == [12, 12, 12]
    assert epoch.val_class_counts == (4, 4, 4)
    assert sum(map(sum, epoch.val_batch_counts)) == 12
    assert epoch.input_step_s > 0 and 0 <= epoch.input_percent <= 100
    console = "".join(e.text for e in events if isinstance(e, ConsoleText))
    assert "Input: waited for data " in console and "input-bound" in console
    assert not [e for e in events if isinstance(e, RunWarning) and e.kind == "batch_content"]


def test_pixels_already_in_0_1_are_reported(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 1, "augmentation.rescale": 1 / 255})
    final, events = train(tiny_config, tmp_path)
    assert isinstance(final, TrainingFinished)
    warned = [e.message for e in events if isinstance(e, RunWarning)
              and e.kind == "batch_content"]
    assert len(warned) == 1 and "already scaled to 0-1" in warned[0]


DATA_FILE = '''
import numpy as np

class_names = ["dark", "bright"]

def train_data(batch_size):
    rng = np.random.default_rng(0)
    n = 0
    while True:
        n += 1
        size = 20 if n == 7 else 24   # batch 7 is made at another size
        y = rng.integers(0, 2, 8)
        x = rng.uniform(0, 255, (8, size, size, 3)).astype("float32")
        yield x, np.eye(2, dtype="float32")[y]
'''


def test_a_batch_of_another_shape_stops_the_run_and_is_named(tmp_path):
    path = tmp_path / "drifting.py"
    path.write_text(textwrap.dedent(DATA_FILE))
    config = RunConfig(name="drift")
    config = config.replace(**{
        "data.source": "python",
        "data.generator_file": str(path),
        "data.target_size": (24, 24),
        "data.batch_size": 8,
        "training.epochs": 2,
        "training.steps_per_epoch": 4,
        "training.workers": 0,
    })
    final, _ = train(config, tmp_path)
    assert isinstance(final, TrainingFailed)
    assert "batch 3 of epoch 2 differs from the first batch" in final.message
    assert "(n, 20, 20, 3) where the first batch's had (n, 24, 24, 3)" in final.message
    # The epoch before it is kept.
    assert [c.epoch for c in RunDir(final.run_dir).checkpoints()] == [1]
