"""The data check at scale: time and memory per 10,000 files, and what reuse saves. JSON.

    python bench/data_check.py [--files 10000] [--first-batch 50000] [--large 8]

1. ``check``: ``check_folders`` on ``--files`` small JPEGs in 10 classes: seconds, files per
   second and the peak memory of the process doing it (its own VmHWM), per 10,000 files.
2. ``first_batch``: ``run_training`` on ``--first-batch`` files, from the call to the first
   batch, once with no report to reuse (every file is read) and once with the stored
   report of the unchanged folders (only listed).
3. ``large``: the check and a training epoch on ``--large`` PNGs of 13000x13000 pixels
   (small files, 507 MB each decoded): the peak memory, which the decode budget bounds.

Each measurement runs in its own process, so peaks do not mix.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_files(root: Path, count: int, size: int = 48) -> None:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(0)
    tiles = [Image.fromarray(rng.integers(0, 255, (size, size, 3), dtype=np.uint8))
             for _ in range(16)]
    for i in range(count):
        folder = root / f"class{i % 10}"
        if i < 10:
            folder.mkdir(parents=True, exist_ok=True)
        tiles[i % 16].save(folder / f"{i:06d}.jpg", quality=80)


def run_child(code: str, env: dict | None = None) -> dict:
    script = textwrap.dedent(f"""
        import json, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        def peak_mb():
            text = open("/proc/self/status").read()
            return int(text.split("VmHWM:")[1].split()[0]) // 1024
    """) + textwrap.dedent(code)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})},
                            timeout=3600)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench_check(root: Path, files: int) -> dict:
    out = run_child(f"""
        from fitgen_gui.data.data_check import check_folders
        began = time.perf_counter()
        report = check_folders({str(root)!r})
        seconds = time.perf_counter() - began
        print(json.dumps({{"files": report.files_checked, "seconds": round(seconds, 2),
                           "peak_mb": peak_mb()}}))
    """)
    out["seconds_per_10k_files"] = round(out["seconds"] * 10_000 / files, 2)
    out["files_per_s"] = round(files / out["seconds"], 1)
    return out


def bench_first_batch(root: Path, cache: Path) -> dict:
    code = f"""
        import threading
        from fitgen_gui.core.config import RunConfig
        from fitgen_gui.core.events import BatchEnded, PhaseStarted
        from fitgen_gui.training.runner import run_training
        config = RunConfig(name="scale").replace(**{{
            "data.train_dir": {str(root)!r}, "data.target_size": (32, 32),
            "training.epochs": 1, "training.steps_per_epoch": 3}})
        stop, first, phases = threading.Event(), [], []
        began = time.perf_counter()
        def sink(event):
            if isinstance(event, PhaseStarted):
                phases.append(event.phase)
            if isinstance(event, BatchEnded) and not first:
                first.append(time.perf_counter() - began)
                stop.set()
        run_training(config, sink, stop, workspace={str(cache.parent / "runs")!r})
        print(json.dumps({{"seconds_to_first_batch": round(first[0], 2),
                           "files_read": "checking" in phases}}))
    """
    env = {"FITGEN_CACHE_DIR": str(cache)}
    fresh = run_child(code, env)
    reused = run_child(code, env)
    return {"files": sum(1 for _ in root.rglob("*.jpg")), "no_report": fresh,
            "reusable_report": reused,
            "saved_s": round(fresh["seconds_to_first_batch"]
                             - reused["seconds_to_first_batch"], 2)}


def bench_large(root: Path, count: int) -> dict:
    from PIL import Image

    for i in range(count):
        folder = root / ("a" if i % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (13000, 13000), (40 * i % 255, 90, 160)).save(folder / f"{i}.png")
    check = run_child(f"""
        from fitgen_gui.data import image_io
        from fitgen_gui.data.data_check import check_folders
        began = time.perf_counter()
        report = check_folders({str(root)!r})
        print(json.dumps({{"seconds": round(time.perf_counter() - began, 1),
                           "peak_mb": peak_mb(), "unreadable": len(report.unreadable),
                           "budget_peak_mb": image_io.decode_budget_peak() >> 20}}))
    """)
    train = run_child(f"""
        from fitgen_gui.core.config import RunConfig
        from fitgen_gui.training.runner import run_training
        config = RunConfig(name="large").replace(**{{
            "data.train_dir": {str(root)!r}, "data.target_size": (64, 64),
            "data.batch_size": 4, "training.epochs": 1, "training.check_data": False}})
        began = time.perf_counter()
        final = run_training(config, lambda e: None, workspace={str(root.parent / "runs")!r})
        print(json.dumps({{"seconds": round(time.perf_counter() - began, 1),
                           "peak_mb": peak_mb(), "final": type(final).__name__}}))
    """)
    return {"images": count, "pixels_each": 13000 * 13000, "check": check,
            "training_epoch": train, "decode_budget_mb": int(os.environ.get(
                "FITGEN_DECODE_BUDGET_MB", "768"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--first-batch", type=int, default=50_000)
    parser.add_argument("--large", type=int, default=8)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="fitgen-check-bench-"))
    result: dict = {"cores": os.cpu_count()}
    if args.files:
        make_files(base / "check", args.files)
        result["check"] = bench_check(base / "check", args.files)
    if args.first_batch:
        make_files(base / "scale", args.first_batch)
        result["first_batch"] = bench_first_batch(base / "scale", base / "cache" / "fitgen")
    if args.large:
        result["large_pngs"] = bench_large(base / "large", args.large)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
