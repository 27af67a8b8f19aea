"""A fold kept in ``label-issues/`` is reused only under the recipe it was computed with:
a changed setting, or a changed built-in choice of the code (a model's batch normalization,
the folds' test-time flips), computes it again. No training: the run folder is written by
hand and a fold's probabilities are made up."""

import numpy as np
import pytest

from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.training import models, out_of_fold
from fitgen_gui.training.out_of_fold import _write_fold, plan_out_of_fold


def _run_folder(tmp_path, config):
    run = RunDir(tmp_path / "run")
    run.path.mkdir(exist_ok=True)
    run.write_config(config.to_json())
    return run.path


def _plan_with_a_kept_fold(tmp_path, config):
    plan = plan_out_of_fold(_run_folder(tmp_path, config), 3)
    held = int((plan.fold_of == 0).sum())
    _write_fold(plan, 0, np.full((held, 3), 1 / 3, dtype=np.float32))
    return plan


def test_the_same_files_and_settings_reuse_the_kept_fold(tiny_config, tmp_path):
    _plan_with_a_kept_fold(tmp_path, tiny_config)
    assert plan_out_of_fold(tmp_path / "run", 3).finished_folds() == [0]


@pytest.mark.parametrize("change", [{"optimizer.learning_rate": 3e-3},
                                    {"optimizer.schedule": "constant"},
                                    {"optimizer.warmup_epochs": 0.0},
                                    {"augmentation.horizontal_flip": False}])
def test_a_changed_setting_misses_the_kept_fold(tiny_config, tmp_path, change):
    _plan_with_a_kept_fold(tmp_path, tiny_config)
    _run_folder(tmp_path, tiny_config.replace(**change))
    assert plan_out_of_fold(tmp_path / "run", 3).finished_folds() == []


@pytest.mark.parametrize("module, name, value", [
    (models, "BN_MOMENTUM", 0.9),  # the small CNN's recipe before issue 24
    (models, "RECIPE_VERSION", models.RECIPE_VERSION + 1),
    (out_of_fold, "RECIPE_VERSION", out_of_fold.RECIPE_VERSION + 1),
    (out_of_fold, "SNAPSHOTS", 1),
    (out_of_fold, "PRECISE_BN_BATCHES", 0),
    (out_of_fold, "MIXUP_ALPHA", out_of_fold.MIXUP_ALPHA + 0.5),
    (out_of_fold, "MIXUP_MIN_EPOCHS", 1),
])
def test_a_changed_recipe_in_the_code_misses_the_kept_fold(tiny_config, tmp_path,
                                                          monkeypatch, module, name, value):
    _plan_with_a_kept_fold(tmp_path, tiny_config)
    monkeypatch.setattr(module, name, value)
    assert plan_out_of_fold(tmp_path / "run", 3).finished_folds() == []


def test_with_mixup_a_fold_learns_one_hot_labels_of_the_same_model(tiny_config, monkeypatch):
    monkeypatch.setattr(out_of_fold, "MIXUP_ALPHA", 1.0)
    long = out_of_fold.MIXUP_MIN_EPOCHS
    sparse = tiny_config.replace(**{"data.class_mode": "sparse"})
    assert out_of_fold._fold_config(sparse, long).data.class_mode == "categorical"
    binary = tiny_config.replace(**{"data.class_mode": "binary"})
    assert out_of_fold._fold_config(binary, long).data.class_mode == "binary"
    # a short fold trains without mixup, on the labels as they are
    assert out_of_fold.mixup_alpha(long - 1) == 0.0
    assert out_of_fold._fold_config(sparse, long - 1).data.class_mode == "sparse"
    monkeypatch.setattr(out_of_fold, "MIXUP_ALPHA", 0.0)
    assert out_of_fold._fold_config(sparse, long).data.class_mode == "sparse"


def test_a_short_run_is_told_how_long_a_run_finds_more(tiny_config, tmp_path):
    short = plan_out_of_fold(_run_folder(tmp_path, tiny_config.replace(
        **{"training.epochs": 2})), 3)
    note = [n for n in short.notes if n.startswith("Each fold trains")]
    assert note == [f"Each fold trains {short.epochs} epochs, as long as the run. After a run "
                    "of 12 epochs or more, the folds train longer and learn from blended "
                    "images, which finds more of the wrong labels."]
    # 12 run epochs of 5 batches (36 images) are 20 fold epochs of 3 (24 images)
    assert out_of_fold._steps_matched_epochs(12, 36, 3, tiny_config.data.batch_size) == 20
    assert out_of_fold._steps_matched_epochs(11, 36, 3, tiny_config.data.batch_size) < 20
    long = plan_out_of_fold(_run_folder(tmp_path, tiny_config.replace(
        **{"training.epochs": 12})), 3)
    assert not [n for n in long.notes if n.startswith("Each fold trains")]
