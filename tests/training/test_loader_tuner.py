"""The loader tuner on real tiny trainings: the bottleneck named, workers ranked."""

import json
import textwrap

import pytest

from fitgen_gui.cli import main
from fitgen_gui.core.config import RunConfig
from fitgen_gui.training.loader_tuner import tune_loader

pytestmark = pytest.mark.slow

SLEEPING = '''
import time
import numpy as np
import keras

class_names = ["a", "b"]


class Slow(keras.utils.PyDataset):
    """Each batch takes SLEEP seconds to make (as reading files from a slow disk)."""

    def __init__(self):
        super().__init__()

    def __len__(self):
        return 50

    def __getitem__(self, index):
        time.sleep(SLEEP)
        rng = np.random.default_rng(index)
        y = np.arange(8) % 2
        return rng.uniform(0, 255, (8, 16, 16, 3)).astype("float32"), np.eye(2)[y]


def train_data(batch_size):
    return Slow()
'''


def config_for(tmp_path, sleep):
    path = tmp_path / "slow.py"
    path.write_text(textwrap.dedent(SLEEPING).replace("SLEEP", repr(sleep)))
    config = RunConfig(name="slow")
    config = config.replace(**{
        "data.source": "python",
        "data.generator_file": str(path),
        "data.target_size": (16, 16),
        "data.batch_size": 8,
        "training.workers": 0,
    })
    return config


def test_a_sleeping_source_is_the_bottleneck_and_workers_beat_none(tmp_path):
    report = tune_loader(config_for(tmp_path, 0.04), batches=8, warmup=2,
                         sweep_processes=False)
    assert report.bottleneck == "data", report.sentence
    assert report.data_only < report.model_only
    by_workers = {t.workers: t for t in report.trials if not t.use_multiprocessing
                  and t.max_queue_size == 10}
    assert by_workers[2].images_per_s > 1.3 * by_workers[0].images_per_s
    assert report.recommended.workers >= 1
    assert report.recommendation.startswith(f"Use {report.recommended.label}")


def test_more_workers_are_not_recommended_when_the_model_is_slower(tmp_path):
    config = config_for(tmp_path, 0.0)
    config = config.replace(**{"training.workers": 1})
    report = tune_loader(config, batches=6, warmup=2, sweep_processes=False)
    assert report.bottleneck == "model", report.sentence
    assert report.recommended.workers <= 1
    assert "More workers will not speed it up" in report.sentence


def test_fitgen_tune_loader_prints_and_writes_json(tmp_path, capsys):
    settings = tmp_path / "config.json"
    settings.write_text(config_for(tmp_path, 0.01).to_json())
    out = tmp_path / "tune.json"
    status = main(["tune-loader", str(settings), "--trust-data-file", "--batches", "4",
                   "--json", str(out)])
    assert status == 0
    printed = capsys.readouterr().out
    assert "Data only:" in printed and "Model only:" in printed and "Full:" in printed
    assert "bottleneck" in printed
    record = json.loads(out.read_text())
    assert {"data_only", "model_only", "full", "trials", "recommended"} <= set(record)
    recommended = record["recommended"]
    trial = next(t for t in record["trials"] if (t["workers"], t["use_multiprocessing"],
                                                 t["max_queue_size"]) == (
        recommended["workers"], recommended["use_multiprocessing"],
        recommended["max_queue_size"]))  # one of the settings it timed
    assert trial["images_per_s"] == max(t["images_per_s"] for t in record["trials"]
                                        if not t["error"]) or "will not speed" in printed
    assert recommended["settings"]["training.workers"] == recommended["workers"]
