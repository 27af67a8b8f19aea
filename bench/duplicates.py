"""Near-duplicates at scale: the data check with and without them, on 10,000 and 50,000
generated images. JSON.

    python bench/duplicates.py [--sizes 10000 50000] [--rounds 3]

Each size is a training and a validation folder (80% / 20%) of distinct generated images
(64x64 JPEGs, each a random mix of smooth waves: every one its own perceptual hash), plus 2% exact
copies, 2% resized copies and 2% JPEG re-encodes of some of them (a third of each across
training and validation: leakage). ``today`` is the data check without near-duplicates
(``near_duplicates=False``, what the data check did before them), ``with_near_duplicates``
with them; each is timed ``--rounds`` times, alternating, after one warm-up read of the
files (so both read from the page cache). The goal: at most twice today's time. The pairs
found are compared with the pairs made.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_images(root: Path, count: int, seed: int = 0) -> set[frozenset[str]]:
    """``count`` images (94% distinct, 6% copies of them); returns the pairs made."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    copies = count * 6 // 100
    distinct = count - copies
    # A bank of random waves; each image mixes a few per channel (smooth, like photos).
    y, x = np.mgrid[0:64, 0:64] / 64
    bank = np.stack([np.sin(2 * np.pi * (fx * x + fy * y) + phase).reshape(-1)
                     for fx, fy, phase in rng.uniform((0.3, 0.3, 0), (4, 4, 6.3), (96, 3))])
    paths = []
    for start in range(0, distinct, 1000):
        n = min(1000, distinct - start)
        weights = rng.normal(size=(n * 3, len(bank))) * (rng.random((n * 3, len(bank))) < 0.25)
        pixels = (weights @ bank).reshape(n, 3, 64, 64).transpose(0, 2, 3, 1)
        low = pixels.min(axis=(1, 2, 3), keepdims=True)
        span = np.ptp(pixels, axis=(1, 2, 3), keepdims=True) + 1e-9
        pixels = ((pixels - low) / span * 255).astype(np.uint8)
        for k in range(n):
            i = start + k
            split = "train" if i % 5 else "val"
            folder = root / split / f"class{i % 10}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{i:06d}.jpg"
            Image.fromarray(pixels[k]).save(path, quality=85)
            paths.append(path)
    pairs = set()
    originals = rng.choice(distinct, copies, replace=False)
    for k, index in enumerate(originals):
        original = paths[index]
        # A third of the copies go to the other split (leakage).
        split = original.parts[-3] if k % 3 else ("val" if original.parts[-3] == "train"
                                                  else "train")
        target = root / split / original.parent.name / f"copy{k:06d}.jpg"
        target.parent.mkdir(parents=True, exist_ok=True)
        how = k % 3
        if how == 0:
            shutil.copyfile(original, target)
        elif how == 1:
            Image.open(original).resize((48, 48), Image.Resampling.BILINEAR).save(
                target, quality=85)
        else:
            buffer = io.BytesIO()
            Image.open(original).save(buffer, "JPEG", quality=60)
            target.write_bytes(buffer.getvalue())
        pairs.add(frozenset((str(original), str(target))))
    return pairs


def _timed(root: Path, near: bool) -> tuple[float, object]:
    from fitgen_gui.data.data_check import check_folders

    began = time.perf_counter()
    report = check_folders(root / "train", root / "val", near_duplicates=near)
    return time.perf_counter() - began, report


def _summary(seconds: list[float]) -> dict:
    return {"median_s": round(statistics.median(seconds), 2),
            "min_s": round(min(seconds), 2), "max_s": round(max(seconds), 2),
            "rounds": [round(s, 2) for s in seconds]}


def bench_size(base: Path, count: int, rounds: int) -> dict:
    root = base / f"n{count}"
    began = time.perf_counter()
    made = make_images(root, count)
    written = time.perf_counter() - began
    _timed(root, False)  # warm-up: both variants read from the page cache
    times: dict[bool, list[float]] = {False: [], True: []}
    report = None
    for _ in range(rounds):
        for near in (False, True):
            seconds, result = _timed(root, near)
            times[near].append(seconds)
            if near:
                report = result
    found = {frozenset((p["a"], p["b"])) for p in report.pairs}
    today, near = _summary(times[False]), _summary(times[True])
    return {
        "images": report.files_checked, "generated_in_s": round(written, 1),
        "today": today, "with_near_duplicates": near,
        "ratio_of_medians": round(near["median_s"] / today["median_s"], 2),
        "goal_at_most": 2.0,
        "pairs_made": len(made), "pairs_found": len(found),
        "made_and_found": len(made & found), "found_not_made": len(found - made),
        "leakage_pairs": sum(p["relation"] == "leak" for p in report.pairs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="fitgen-duplicates-bench-"))
    try:
        result = {"cores": os.cpu_count(),
                  "sizes": {str(n): bench_size(base, n, args.rounds) for n in args.sizes}}
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
