"""Does FitGen's default from-scratch recipe learn steadily on a small real dataset? JSON.

    python bench/small_data.py DATA_DIR [--seeds 3] [--epochs 10] [--set KEY=VALUE ...]

DATA_DIR holds ``train/`` and ``val/`` (one sub-folder per class), e.g. hymenoptera (ants and
bees, 245 training and 153 validation photos: 8 steps per epoch at the default batch size).
For each seed it runs exactly what a user runs, ``fitgen train --train DATA/train --val
DATA/val --epochs N --seed S`` (the defaults, plus any ``--set`` given to try a change), in a
temporary runs folder, and reads the run's ``history.csv``. Printed: per-epoch validation
accuracy per seed, per-epoch median and spread (min/max) over seeds, the median last-epoch
validation accuracy, the lowest validation accuracy after epoch 3 in any seed, and whether the
goal of issue 24 holds (median last epoch >= 0.70, no epoch after the third below 0.60).
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

GOAL_LAST_MEDIAN = 0.70
GOAL_FLOOR_AFTER_3 = 0.60


def run_seed(data_dir: str, seed: int, epochs: int, extra: list[str]) -> list[float]:
    """One default ``fitgen train`` run; its per-epoch validation accuracy."""
    with tempfile.TemporaryDirectory(prefix="fitgen-small-data-") as runs:
        command = [sys.executable, "-m", "fitgen_gui.cli", "train",
                   "--train", os.path.join(data_dir, "train"),
                   "--val", os.path.join(data_dir, "val"),
                   "--epochs", str(epochs), "--seed", str(seed), "-v", "0",
                   "--runs-dir", runs]
        if extra:
            command += ["--set", *extra]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        (history,) = glob.glob(os.path.join(runs, "*", "history.csv"))
        with open(history, newline="", encoding="utf-8") as f:
            return [round(float(row["val_accuracy"]), 4) for row in csv.DictReader(f)]


def summarize(curves: dict[int, list[float]]) -> dict:
    """Median and spread per epoch, and the goal's two figures."""
    epochs = min(len(c) for c in curves.values())
    per_epoch = [[c[e] for c in curves.values()] for e in range(epochs)]
    last_median = statistics.median(c[epochs - 1] for c in curves.values())
    after_3 = [v for c in curves.values() for v in c[3:epochs]]
    floor = min(after_3) if after_3 else None
    return {
        "val_accuracy_per_seed": {str(s): c for s, c in curves.items()},
        "median_per_epoch": [round(statistics.median(v), 4) for v in per_epoch],
        "min_per_epoch": [min(v) for v in per_epoch],
        "max_per_epoch": [max(v) for v in per_epoch],
        "median_last_epoch": round(last_median, 4),
        "min_after_epoch_3": floor,
        "goal_holds": bool(last_median >= GOAL_LAST_MEDIAN
                           and (floor is None or floor >= GOAL_FLOOR_AFTER_3)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                        help="settings changed from the defaults (to try a recipe change)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    curves = {seed: run_seed(args.data_dir, seed, args.epochs, args.set)
              for seed in range(1, args.seeds + 1)}
    report = {"data_dir": args.data_dir, "seeds": args.seeds, "epochs": args.epochs,
              "set": args.set, **summarize(curves),
              "seconds": round(time.perf_counter() - started, 1)}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
