"""How well FitGen finds wrong labels: the demo set with 10% of its training files moved into
a wrong class folder, and the recall of the moved files in the top N (N = the number moved).
JSON.

    pip install cleanlab    # for this bench only; FitGen never imports it
    python bench/label_issues.py [--per-class 120] [--noise 0.1] [--folds 5] [--seed 0]
                                  [--epochs 10] [--set KEY=VALUE ...]

Ranked on the same out-of-fold probabilities (computed by FitGen: K folds, each training
the run's settings on the other folds):

- ``fitgen``: FitGen's list as the app and ``issues.csv``'s likely errors show it: the
  likely label errors (confident learning's flag), lowest label quality first, then the
  other images by label quality; also the precision and recall of the flag alone;
- ``fitgen_by_quality``: every image by label quality (out-of-fold probability of the
  folder's class), lowest first, flagged or not (the order of ``issues.csv``'s rows);
- ``cleanlab``: ``cleanlab.filter.find_label_issues(labels, pred_probs,
  return_indices_ranked_by="self_confidence")`` (its default filter, prune by noise rate);
- ``in_sample``: the run's own model on its own training images, ranked the same way (what
  a tool that looks only at the trained model can do).

Goal: FitGen's recall >= 0.8 and >= cleanlab's - 0.05.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def noisy_demo(base: Path, per_class: int, noise: float, seed: int) -> tuple[Path, set[str]]:
    """The demo set with ``noise`` of its training files moved to another class folder
    (seeded); returns the dataset and the moved files (where they are now)."""
    import numpy as np

    from fitgen_gui.data.demo_dataset import CLASSES, write_demo_dataset

    root = write_demo_dataset(base / "demo", seed=seed,
                              counts={"train": per_class, "val": max(10, per_class // 3)})
    train = root / "train"
    files = sorted(train.glob("*/*.png"))
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(files), round(noise * len(files)), replace=False)
    moved = set()
    for index in chosen:
        path = files[index]
        others = [c for c in CLASSES if c != path.parent.name]
        target = train / others[int(rng.integers(len(others)))] / f"moved_{path.name}"
        path.rename(target)
        moved.add(str(target))
    return root, moved


def _last_val_accuracy(run: Path) -> float | None:
    from fitgen_gui.core.run_dir import RunDir

    rows = RunDir(run).read_history()
    value = rows[-1].get("val_accuracy") if rows else None
    return round(value, 3) if isinstance(value, float) else None


def recall_at(ranked: list[str], moved: set[str]) -> float:
    top = ranked[:len(moved)]
    return round(sum(f in moved for f in top) / len(moved), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=120, help="training images per class")
    parser.add_argument("--noise", type=float, default=0.10)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=10, help="the run's epochs")
    parser.add_argument("--fold-epochs", type=int, help="epochs of each fold (default: the "
                                                        "run's)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fold-mixup", type=float, help="mixup's alpha in the folds' "
                                                         "training (default: FitGen's)")
    parser.add_argument("--set", nargs="+", default=[], metavar="SECTION.KEY=VALUE",
                        help="settings of the run (and so of its folds) changed from the "
                             "defaults, as `fitgen train --set` takes them")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--save", help="write the out-of-fold probabilities, labels and "
                                       "which files were moved to this .npz (to try rankings)")
    args = parser.parse_args()

    import numpy as np
    from cleanlab.filter import find_label_issues as cleanlab_issues

    from fitgen_gui.cli.common import _pairs
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.label_quality import find_label_issues
    from fitgen_gui.training import out_of_fold
    from fitgen_gui.training.evaluation import predict_files
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.out_of_fold import compute_out_of_fold, plan_out_of_fold
    from fitgen_gui.training.runner import run_training

    base = Path(tempfile.mkdtemp(prefix="fitgen-label-bench-"))
    root, moved = noisy_demo(base, args.per_class, args.noise, args.seed)
    config = RunConfig(name="noisy").replace(**{
        "data.train_dir": str(root / "train"), "data.val_dir": str(root / "val"),
        "training.epochs": args.epochs, "training.verbose": 0, **_pairs(args.set)})
    began = time.perf_counter()
    final = run_training(config, lambda e: None, threading.Event(), workspace=base / "runs")
    run_seconds = time.perf_counter() - began
    run = Path(final.run_dir)

    if args.fold_mixup is not None:
        out_of_fold.MIXUP_ALPHA = args.fold_mixup
    began = time.perf_counter()
    plan = plan_out_of_fold(run, args.folds, epochs=args.fold_epochs)
    oof = compute_out_of_fold(plan).probabilities
    oof_seconds = time.perf_counter() - began
    files, labels = plan.files, plan.labels
    ours = find_label_issues(oof, labels)
    by_quality = [files[i] for i in ours.ranking]
    # What the user is shown: the likely errors (in quality order), then the rest.
    ranked = [files[i] for i in sorted(ours.ranking, key=lambda i: not ours.is_issue[i])]
    flagged = {files[i] for i in np.flatnonzero(ours.is_issue)}
    theirs = cleanlab_issues(labels, oof, return_indices_ranked_by="self_confidence")

    moved_mask = np.array([f in moved for f in files])
    oof_right = oof.argmax(axis=1) == labels
    source = open_model(str(run))
    in_sample = np.array([row for _, row, _ in predict_files(source, files)])
    quality = in_sample[np.arange(len(labels)), labels]

    result = {
        "images": len(files), "moved": len(moved), "folds": args.folds,
        "run_epochs": args.epochs, "fold_epochs": plan.epochs, "seed": args.seed,
        "fold_mixup": out_of_fold.MIXUP_ALPHA,
        "set": args.set,
        "run_seconds": round(run_seconds, 1), "out_of_fold_seconds": round(oof_seconds, 1),
        "run_val_accuracy": _last_val_accuracy(run),
        "recall_at_n": {
            "fitgen": recall_at(ranked, moved),
            "fitgen_by_quality": recall_at(by_quality, moved),
            "cleanlab": recall_at([files[i] for i in theirs], moved),
            "in_sample": recall_at([files[i] for i in np.argsort(quality, kind="stable")],
                                   moved),
        },
        "fitgen_flag": {"flagged": len(flagged),
                        "precision": round(len(flagged & moved) / max(1, len(flagged)), 3),
                        "recall": round(len(flagged & moved) / len(moved), 3)},
        "cleanlab_flagged": len(theirs),
        # How good the fold models are: right on the clean images, and how often they
        # name a moved image's folder (the wrong label) instead of its true class.
        "oof_accuracy_clean": round(float(oof_right[~moved_mask].mean()), 3),
        "oof_agrees_with_wrong_label": round(float(oof_right[moved_mask].mean()), 3),
    }
    if args.save:
        np.savez(args.save, probabilities=oof, labels=labels, moved=moved_mask)
    r = result["recall_at_n"]
    result["goal_met"] = r["fitgen"] >= 0.8 and r["fitgen"] >= r["cleanlab"] - 0.05
    print(json.dumps(result, indent=2))
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
