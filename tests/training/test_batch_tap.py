"""The batch tap: batch N's exact arrays, written by ``fitgen tap``, and its flags."""

import json
import textwrap

import keras
import numpy as np
import pytest

from fitgen_gui.cli import main
from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import TrainingFinished
from fitgen_gui.training.batch_tap import augmentations_of, batch_flags, tap_batch
from fitgen_gui.training.runner import run_training

pytestmark = pytest.mark.slow


def test_a_tapped_batch_is_what_the_training_step_got(tiny_config, tmp_path, monkeypatch):
    tiny_config = tiny_config.replace(**{
        "training.seed": 7,
        "training.epochs": 2,
        "augmentation.rotation_range": 30.0,
        "augmentation.horizontal_flip": True,
        "training.class_weight": {"circle": 2.0, "square": 1.0, "triangle": 0.5},
    })
    seen = []
    original = keras.Model.train_on_batch

    def spy(self, x, y=None, sample_weight=None, **kwargs):
        seen.append((np.array(x), np.array(y), np.array(sample_weight)))
        return original(self, x, y, sample_weight=sample_weight, **kwargs)

    monkeypatch.setattr(keras.Model, "train_on_batch", spy)
    final = run_training(tiny_config, lambda event: None, workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    monkeypatch.undo()
    assert len(seen) == 10  # 36 images in batches of 8: 5 per epoch
    for number in (2, 8):  # one in each epoch: the second has another order
        tapped = tap_batch(tiny_config, number)
        x, y, w = seen[number - 1]
        np.testing.assert_array_equal(tapped.x, x)
        np.testing.assert_array_equal(tapped.y, y)
        np.testing.assert_array_equal(tapped.sample_weight, w)
        assert (tapped.epoch, tapped.index) == ((number - 1) // 5 + 1, (number - 1) % 5 + 1)
        assert tapped.reproducible
        # Each image's file, in the batch's order, names the class of its label.
        assert [f.split("/")[-2] for f in tapped.files] == tapped.labels


DATA_FILE = '''
import numpy as np

class_names = ["a", "b", "c"]

def train_data(batch_size):
    n = 0
    while True:
        n += 1
        x = np.full((4, 16, 16, 3), float(n), dtype="float32")
        x[:, 0, 0, :] = 200.0
        yield x, np.eye(3, dtype="float32")[np.arange(4) % 3]
'''


def data_file_config(tmp_path, text=DATA_FILE):
    path = tmp_path / "numbered.py"
    path.write_text(textwrap.dedent(text))
    config = RunConfig(name="numbered")
    config = config.replace(**{
        "data.source": "python",
        "data.generator_file": str(path),
        "data.target_size": (16, 16),
        "data.batch_size": 4,
        "training.steps_per_epoch": 3,
    })
    return config


def test_fitgen_tap_writes_batch_n_of_a_data_file(tmp_path, capsys):
    config = data_file_config(tmp_path)
    settings = tmp_path / "config.json"
    settings.write_text(config.to_json())
    status = main(["tap", str(settings), "--trust-data-file", "--batch", "5", "--out",
                   str(tmp_path / "out")])
    assert status == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "Batch 5 (epoch 2, batch 2)" in out
    with np.load(tmp_path / "out" / "batch-0005.npz") as arrays:
        assert set(arrays.files) == {"x", "y"}
        assert arrays["x"][0, 1, 1, 0] == 5.0  # the fifth batch the generator yields
        assert arrays["y"].shape == (4, 3)
    record = json.loads((tmp_path / "out" / "batch-0005.json").read_text())
    assert record["batch"] == 5 and record["labels"] == ["a", "b", "c", "a"]
    assert record["statistics"]["inputs"] == {"shape": [4, 16, 16, 3], "dtype": "float32"}
    assert record["statistics"]["channels"][0]["max"] == 200.0
    assert record["flags"] == []
    assert (tmp_path / "out" / "batch-0005.png").stat().st_size > 0


def test_fitgen_tap_counts_over_a_plain_generators_stream_without_steps(tmp_path, capsys):
    config = data_file_config(tmp_path).replace(**{"training.steps_per_epoch": None})
    settings = tmp_path / "config.json"
    settings.write_text(config.to_json())
    status = main(["tap", str(settings), "--trust-data-file", "--batch", "3", "--out",
                   str(tmp_path / "out")])
    assert status == 0, capsys.readouterr()
    assert "Batch 3 (batch 3 of the generator's stream" in capsys.readouterr().out
    with np.load(tmp_path / "out" / "batch-0003.npz") as arrays:
        assert arrays["x"][0, 1, 1, 0] == 3.0  # the third batch the generator yields
    record = json.loads((tmp_path / "out" / "batch-0003.json").read_text())
    assert record["epoch"] is None and record["batch_in_epoch"] is None


def test_fitgen_tap_of_folders_names_the_files(tiny_dataset, tmp_path, capsys):
    status = main(["tap", "--train", str(tiny_dataset / "train"), "--target-size", "32", "32",
                   "--batch-size", "8", "--seed", "1", "--batch", "3", "--out",
                   str(tmp_path / "out")])
    assert status == 0
    with np.load(tmp_path / "out" / "batch-0003.npz") as arrays:
        assert arrays["x"].shape == (8, 32, 32, 3)
        assert len(arrays["files"]) == 8
        assert all(str(f).endswith(".png") for f in arrays["files"])
    assert "No problems seen" in capsys.readouterr().out


def test_flags_fire_on_bad_batches_and_stay_silent_on_good_ones(tiny_config):
    good = np.random.default_rng(0).uniform(0, 255, (4, 8, 8, 3)).astype("float32")
    one_hot = np.eye(3, dtype="float32")[[0, 1, 2, 0]]
    assert batch_flags(good, one_hot, tiny_config, 3, expects_0_255=True) == []

    def keys(x, y=one_hot, config=tiny_config):
        return {f.key for f in batch_flags(x, y, config, 3, expects_0_255=True)}

    assert keys(good / 255) == {"zero_one"}
    rescaled = tiny_config.replace(**{"augmentation.rescale": 1 / 255})
    assert keys(good / 100, config=rescaled) == {"above_one"}
    flat = good.copy()
    flat[2] = 17.0
    assert keys(flat) == {"constant"}
    broken = good.copy()
    broken[1, 0, 0, 0] = np.nan
    assert keys(broken) == {"not_finite"}
    assert keys(good, y=np.array([0, 1, 2, 0])) == {"targets"}  # indices, not one-hot
    sparse = tiny_config.replace(**{"data.class_mode": "sparse"})
    assert keys(good, y=np.array([0, 1, 5, 0]), config=sparse) == {"targets"}


def test_sixteen_augmentations_of_one_image(tiny_config):
    tiny_config = tiny_config.replace(**{
        "training.seed": 3,
        "augmentation.rotation_range": 40.0,
        "augmentation.zoom_range": 0.2,
    })
    images = augmentations_of(tiny_config, 2, 1)
    assert images.shape == (16, 32, 32, 3)
    np.testing.assert_array_equal(images[0], tap_batch(tiny_config, 2).x[1])
    assert len({image.tobytes() for image in images}) == 16
