"""Likely label errors from real tiny trainings: the folds are out-of-fold (counted), a
stop keeps the finished folds, and flipped labels are ranked above the clean ones."""

import os
import threading
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from fitgen_gui.cli import main
from fitgen_gui.core.config import RunConfig
from fitgen_gui.data.file_iterators import FileBatchMixin
from fitgen_gui.training import out_of_fold
from fitgen_gui.training.label_issues import find_label_issues_of_run, read_run_issues
from fitgen_gui.training.out_of_fold import (
    OofStopped,
    compute_out_of_fold,
    plan_out_of_fold,
    snapshot_epochs,
)
from fitgen_gui.training.runner import run_training

pytestmark = pytest.mark.slow


def trained_run(config, tmp_path):
    final = run_training(config, lambda e: None, threading.Event(), workspace=tmp_path / "runs")
    assert final.run_dir, getattr(final, "message", final)
    return Path(final.run_dir)


def test_each_fold_never_trains_on_the_images_it_predicts(tiny_config, tmp_path, monkeypatch):
    config = tiny_config.replace(**{"training.epochs": 1, "training.workers": 0})
    run = trained_run(config, tmp_path)
    # with mixup (for long folds only by default): blending a batch reads nothing more
    monkeypatch.setattr(out_of_fold, "MIXUP_MIN_EPOCHS", 1)
    plan = plan_out_of_fold(run, 3)
    assert out_of_fold.mixup_alpha(plan.epochs) > 0
    stage = {"now": None}
    reads: dict[tuple, Counter] = {}
    original = FileBatchMixin.load_image

    def counting(self, path, params=None):
        reads.setdefault(stage["now"], Counter())[os.path.realpath(path)] += 1
        return original(self, path, params)

    monkeypatch.setattr(FileBatchMixin, "load_image", counting)

    def progress(p):
        stage["now"] = (p.fold - 1, p.stage)

    result = compute_out_of_fold(plan, progress=progress)
    files = np.array([os.path.realpath(f) for f in plan.files])
    for fold in range(3):
        held = set(files[plan.fold_of == fold])
        trained = reads[(fold, "training")]
        assert not held & set(trained)  # never one of its own images
        # Every other image exactly once per epoch, and once more for each snapshot whose
        # batch normalization statistics are computed again (these few batches are all
        # of them), and nothing else.
        calibrations = len(snapshot_epochs(plan.epochs, out_of_fold.SNAPSHOTS))
        batches = -(-int((plan.fold_of != fold).sum()) // plan.config.data.batch_size)
        assert batches <= out_of_fold.PRECISE_BN_BATCHES
        assert trained == Counter({f: plan.epochs + calibrations
                                   for f in files[plan.fold_of != fold]})
        assert reads[(fold, "predicting")] == Counter(dict.fromkeys(held, 1))
    assert sorted(np.concatenate([files[plan.fold_of == f] for f in range(3)])) == sorted(files)
    assert result.probabilities.shape == (36, 3)
    assert np.allclose(result.probabilities.sum(axis=1), 1.0, atol=1e-4)
    assert result.trained == [0, 1, 2]


def test_a_stop_keeps_finished_folds_and_the_next_run_reuses_them(tiny_config, tmp_path):
    config = tiny_config.replace(**{"training.epochs": 1})
    run = trained_run(config, tmp_path)
    plan = plan_out_of_fold(run, 3)
    assert "3 folds of 36 training images" in plan.describe()
    assert plan.estimate_seconds() > 0  # from the run's own epoch times
    stop = threading.Event()

    def stop_after_first(p):
        if p.stage == "done":
            stop.set()

    with pytest.raises(OofStopped, match="after 1 of 3 folds"):
        compute_out_of_fold(plan, stop=stop, progress=stop_after_first)
    assert plan.finished_folds() == [0]
    assert "1 fold(s) are done already" in plan_out_of_fold(run, 3).describe()
    again = compute_out_of_fold(plan_out_of_fold(run, 3))
    assert (again.reused, again.trained) == ([0], [1, 2])
    # A changed file (or setting) makes its folds be computed again.
    first = Path(plan.files[0])
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))
    assert plan_out_of_fold(run, 3).finished_folds() == []
    assert plan_out_of_fold(run, 4).finished_folds() == []


def colour_dataset(root: Path, per_class: int = 24, flips: int = 2) -> list[Path]:
    """Red, green and blue noisy squares; ``flips`` files per class are put into the next
    class's folder. Returns the flipped files (where they are now)."""
    from PIL import Image

    rng = np.random.default_rng(5)
    names = ["blue", "green", "red"]
    colours = {"red": (200, 40, 40), "green": (40, 190, 50), "blue": (40, 60, 210)}
    flipped = []
    for c, name in enumerate(names):
        for i in range(per_class):
            pixels = np.clip(np.array(colours[name]) + rng.normal(0, 25, (32, 32, 3)), 0, 255)
            wrong = i < flips
            folder = root / (names[(c + 1) % 3] if wrong else name)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{name}_{i:02d}.png"
            Image.fromarray(pixels.astype(np.uint8)).save(path)
            if wrong:
                flipped.append(path)
    return flipped


def test_flipped_labels_are_ranked_above_the_clean_ones(tmp_path, capsys):
    flipped = colour_dataset(tmp_path / "colours" / "train")
    config = RunConfig(name="colours").replace(**{
        "data.train_dir": str(tmp_path / "colours" / "train"), "data.target_size": (32, 32),
        "data.batch_size": 8, "training.epochs": 6, "training.workers": 1,
        "training.verbose": 0})
    run = trained_run(config, tmp_path)
    out = tmp_path / "issues.csv"
    assert main(["label-issues", str(run), "--folds", "4", "--out", str(out)]) == 0
    console = capsys.readouterr().out
    assert "likely label error(s) among 72 training images" in console
    assert str(out.resolve()) in console
    table = read_run_issues(run)
    top = {Path(r.file) for r in table.rows[:len(flipped)]}
    assert top == set(flipped)
    assert {Path(r.file) for r in table.issues} >= set(flipped)
    by_file = {Path(r.file): r for r in table.rows}
    for path in flipped:  # the suggestion is the colour it has
        assert by_file[path].suggested == path.name.split("_")[0]
    assert out.read_text().splitlines()[0] == "file,label,suggested,quality,blue,green,red"
    # The table is in the run folder too (what the app shows), same rows.
    assert [r.file for r in table.rows] == [
        line.split(",")[0] for line in out.read_text().splitlines()[1:]]


def test_a_frozen_backbone_trains_heads_on_features_computed_once(tiny_config, tmp_path):
    config = tiny_config.replace(**{"model.architecture": "mobilenet_v3_small",
                                    "model.weights": "none", "model.train_base": False,
                                    "training.epochs": 2})
    run = trained_run(config, tmp_path)
    plan = plan_out_of_fold(run, 3)
    assert plan.frozen and "frozen network's features" in plan.describe()
    stages = []
    table = find_label_issues_of_run(run, plan=plan, progress=lambda p: stages.append(p.stage))
    assert "features" in stages and len(table.rows) == 36
    assert (run / "label-issues" / "features.npz").exists()
    # Another K: new folds, the same features (read back, not computed).
    stages.clear()
    find_label_issues_of_run(run, 2, progress=lambda p: stages.append(p.stage))
    assert "features" not in stages and stages.count("done") == 2
