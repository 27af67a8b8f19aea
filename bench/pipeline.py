"""Images per second delivered by augmentation pipelines, side by side. Prints JSON.

    python bench/pipeline.py DATA_DIR [--rounds 5] [--batches 0] [--epochs 6] [--only A,B]
    python bench/pipeline.py --make-large 300 [--only ...]    # synthetic 1600x1200 JPEGs
    python bench/pipeline.py --make-large 300 --keep DIR      # write them to DIR and stop
    python bench/pipeline.py --scan 100000                    # time scanning that many files

At 224x224, batch 32, with rotation 20, shifts 0.1, shear 0.2 (degrees, as Keras), zoom 0.2,
horizontal flip and rescale 1/255, in one process, alternating round by round. Each timing
reads ``--epochs`` epochs through one stream, as a training run reads them (fit_generator
keeps its stream, Keras 2's fit_generator its enqueuer, from epoch to epoch). A run pays
its stream's start and end once (at the end, one worker may idle while the other builds
the last batch: 3% of a 3-epoch timing on 300 photos), so the default of 6 epochs keeps
them from weighing more than they do in training:

- ``ours_w1`` / ``ours_w2``: FitGen's ImageDataGenerator.flow_from_directory, read through
  fit_generator's enqueuer with 1 / 2 worker threads: Pillow decodes and resizes (Keras
  2's pixels, and an export's), OpenCV warps;
- ``ours_fast_w1`` / ``ours_fast_w2``: the same with ``fast_resize=True`` (OpenCV decodes
  JPEGs at reduced scale and resizes within the warp);
- ``keras2_w1`` / ``keras2_w2``: Keras 2's (tf-keras) through its OrderedEnqueuer;
- ``tfdata``: keras.utils.image_dataset_from_directory + Keras 3 augmentation layers mapped
  with AUTOTUNE (``tfdata_no_shear``: the same without RandomShear, its slowest layer);
- ``decode_limit``: the fastest decode + resize we know (OpenCV, reduced-scale JPEG
  decoding, a thread per core, no augmentation): the bound of the fast path;
- ``decode_full_limit``: decoding at full scale (OpenCV, a thread per core, a nearest
  resize to 224x224, no augmentation): the bound of the exact path, which must decode every pixel as
  Keras 2's Pillow did.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import cv2
import numpy as np

SIZE = (224, 224)
BATCH = 32
AUGMENT = {"rotation_range": 20, "width_shift_range": 0.1, "height_shift_range": 0.1,
           "shear_range": 0.2, "zoom_range": 0.2, "horizontal_flip": True, "rescale": 1 / 255}


def ours(data_dir: str, workers: int, batches: int, epochs: int, fast: bool = False):
    from fitgen_gui.data import ImageDataGenerator
    from fitgen_gui.data.batch_streams import open_stream

    iterator = ImageDataGenerator(**AUGMENT).flow_from_directory(
        data_dir, target_size=SIZE, batch_size=BATCH, fast_resize=fast)

    def run() -> int:
        count = (batches or len(iterator)) * epochs
        seen = 0
        with open_stream(iterator, workers=workers, shuffle=True, limit=count) as stream:
            for _ in range(count):
                seen += len(stream.next()[0])
        return seen

    return run


def keras2(data_dir: str, workers: int, batches: int, epochs: int):
    from tf_keras.preprocessing.image import ImageDataGenerator
    from tf_keras.utils import OrderedEnqueuer

    iterator = ImageDataGenerator(**AUGMENT).flow_from_directory(
        data_dir, target_size=SIZE, batch_size=BATCH)

    def run() -> int:
        count = (batches or len(iterator)) * epochs
        enqueuer = OrderedEnqueuer(iterator, use_multiprocessing=False, shuffle=True)
        enqueuer.start(workers=workers, max_queue_size=10)
        stream = enqueuer.get()
        seen = sum(len(next(stream)[0]) for _ in range(count))
        enqueuer.stop()
        return seen

    return run


def tfdata(data_dir: str, batches: int, epochs: int, shear: bool = True):
    import keras
    import tensorflow as tf

    dataset = keras.utils.image_dataset_from_directory(
        data_dir, image_size=SIZE, batch_size=BATCH, label_mode="categorical", verbose=False)
    layers = [
        keras.layers.RandomRotation(20 / 360, fill_mode="nearest"),
        keras.layers.RandomTranslation(0.1, 0.1, fill_mode="nearest"),
        keras.layers.RandomShear(x_factor=math.tan(math.radians(0.2)), fill_mode="nearest"),
        keras.layers.RandomZoom(0.2, fill_mode="nearest"),
        keras.layers.RandomFlip("horizontal"),
        keras.layers.Rescaling(1 / 255),
    ]
    if not shear:  # RandomShear is the slowest layer; the faster baseline leaves it out
        del layers[2]
    augment = keras.Sequential(layers)
    pipeline = dataset.map(lambda x, y: (augment(x, training=True), y),
                           num_parallel_calls=tf.data.AUTOTUNE).prefetch(tf.data.AUTOTUNE)
    if batches:
        pipeline = pipeline.take(batches)

    def run() -> int:  # Keras's fit iterates the dataset afresh each epoch
        return sum(int(x.shape[0]) for _ in range(epochs) for x, _ in pipeline)

    return run


def decode_limit(data_dir: str, batches: int, epochs: int):
    from fitgen_gui.data.folder_scan import scan_class_folders
    from fitgen_gui.data.image_io import read_image

    scan = scan_class_folders(data_dir)
    paths = [os.path.join(data_dir, f) for f in scan.filenames]
    pool = ThreadPoolExecutor(os.cpu_count() or 1)

    def load(path: str) -> np.ndarray:
        image = read_image(path, min_size=SIZE)
        return cv2.resize(image, SIZE[::-1], interpolation=cv2.INTER_LINEAR)

    def run() -> int:
        count = min(len(paths), (batches or math.ceil(len(paths) / BATCH)) * BATCH)
        seen = 0
        for _ in range(epochs):
            for start in range(0, count, BATCH):
                batch = np.stack(list(pool.map(load, paths[start:start + BATCH])))
                seen += len(batch.astype(np.float32))
        return seen

    return run


def decode_full_limit(data_dir: str, batches: int, epochs: int):
    from fitgen_gui.data.folder_scan import scan_class_folders

    scan = scan_class_folders(data_dir)
    paths = [os.path.join(data_dir, f) for f in scan.filenames]
    pool = ThreadPoolExecutor(os.cpu_count() or 1)

    def load(path: str) -> int:
        buf = np.fromfile(path, dtype=np.uint8)
        image = cv2.imdecode(buf, cv2.IMREAD_COLOR)
        if image is None:
            return 0
        cv2.resize(image, SIZE[::-1], interpolation=cv2.INTER_NEAREST)
        return 1

    def run() -> int:
        count = min(len(paths), (batches or math.ceil(len(paths) / BATCH)) * BATCH)
        return sum(pool.map(load, paths[:count] * epochs))

    return run


RATIOS = (  # (numerator, denominator) of each ratio reported
    ("ours_w1", "keras2_w1"), ("ours_w2", "keras2_w2"), ("ours_w2", "tfdata"),
    ("ours_w2", "tfdata_no_shear"), ("ours_w2", "decode_limit"),
    ("ours_w2", "decode_full_limit"), ("ours_fast_w2", "decode_limit"),
    ("ours_fast_w1", "keras2_w1"), ("ours_fast_w2", "keras2_w2"), ("ours_fast_w2", "ours_w2"),
)


def benchmark(data_dir: str, rounds: int, batches: int, epochs: int = 6,
              only: list[str] | None = None) -> dict:
    makers = {
        "ours_w1": lambda: ours(data_dir, 1, batches, epochs),
        "ours_w2": lambda: ours(data_dir, 2, batches, epochs),
        "ours_fast_w1": lambda: ours(data_dir, 1, batches, epochs, fast=True),
        "ours_fast_w2": lambda: ours(data_dir, 2, batches, epochs, fast=True),
        "keras2_w1": lambda: keras2(data_dir, 1, batches, epochs),
        "keras2_w2": lambda: keras2(data_dir, 2, batches, epochs),
        "tfdata": lambda: tfdata(data_dir, batches, epochs),
        "tfdata_no_shear": lambda: tfdata(data_dir, batches, epochs, shear=False),
        "decode_limit": lambda: decode_limit(data_dir, batches, epochs),
        "decode_full_limit": lambda: decode_full_limit(data_dir, batches, epochs),
    }
    unknown = sorted(set(only or ()) - set(makers))
    if unknown:
        raise SystemExit(f"unknown method(s) {', '.join(unknown)}; choose from "
                         f"{', '.join(makers)}")
    load_before = [round(v, 2) for v in os.getloadavg()]
    methods = {name: make() for name, make in makers.items() if not only or name in only}
    for run in methods.values():  # warm-up: page cache, thread pools, tracing
        run()
    rates: dict[str, list[float]] = {name: [] for name in methods}
    for _ in range(rounds):
        for name, run in methods.items():
            start = time.perf_counter()
            images = run()
            rates[name].append(images / (time.perf_counter() - start))
    rate = {name: statistics.median(values) for name, values in rates.items()}
    # each round's ratio (methods alternate within a round, so a noisy neighbour slows both)
    per_round = {f"{a}_vs_{b}": [x / y for x, y in zip(rates[a], rates[b], strict=True)]
                 for a, b in RATIOS if a in rates and b in rates}
    return {
        "data": data_dir,
        "cores": os.cpu_count(),
        "load_average_before": load_before,
        "rounds": rounds,
        "epochs_per_timing": epochs,
        "images_per_s": {name: round(value, 1) for name, value in rate.items()},
        "images_per_s_min_max": {name: [round(min(v), 1), round(max(v), 1)]
                                 for name, v in rates.items()},
        "ratios": {f"{a}_vs_{b}": round(rate[a] / rate[b], 3 if only else 2)
                   for a, b in RATIOS if a in rate and b in rate},
        "ratios_per_round": {  # median, min and max of the round-by-round ratios
            name: {"median": round(statistics.median(v), 3), "min": round(min(v), 3),
                   "max": round(max(v), 3)} for name, v in per_round.items()},
        "goals": {"vs_keras2": 2.5, "vs_tfdata": 2.0, "fast_vs_decode_limit": 0.8,
                  "exact_vs_decode_full_limit_large_photos": 0.9},
    }


def make_large(directory: str, count: int, source: str | None) -> None:
    """``count`` 1600x1200 JPEGs in two classes, from real photos when ``source`` is given."""
    out = Path(directory)
    photos = sorted(Path(source).rglob("*.jp*g")) if source else []
    rng = np.random.default_rng(0)
    for i in range(count):
        if photos:
            image = cv2.imread(str(photos[i % len(photos)]))
            image = cv2.resize(image, (1600, 1200), interpolation=cv2.INTER_CUBIC)
            image = np.clip(image + rng.normal(0, 4, image.shape), 0, 255).astype(np.uint8)
        else:
            # photo-like: smooth colour fields plus sensor-like noise (pure noise would
            # compress and decode like no photo does)
            small = rng.integers(0, 255, (12, 16, 3), dtype=np.uint8)
            image = cv2.resize(small, (1600, 1200), interpolation=cv2.INTER_CUBIC)
            image = np.clip(image + rng.normal(0, 6, image.shape), 0, 255).astype(np.uint8)
        folder = out / ("a" if i % 2 else "b")
        folder.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(folder / f"{i:05d}.jpg"), image, [cv2.IMWRITE_JPEG_QUALITY, 90])


def time_scan(files: int) -> dict:
    """Seconds to list ``files`` images in 10 classes: FitGen and Keras 2."""
    from tf_keras.preprocessing.image import ImageDataGenerator as Keras2

    from fitgen_gui.data import ImageDataGenerator

    root = Path(tempfile.mkdtemp(prefix="fitgen-scan-"))
    try:
        for i in range(files):
            folder = root / f"class{i % 10}"
            if i < 10:
                folder.mkdir()
            (folder / f"{i:06d}.jpg").touch()
        result = {"files": files}
        for name, make in (("ours_s", ImageDataGenerator), ("keras2_s", Keras2)):
            start = time.perf_counter()
            iterator = make().flow_from_directory(str(root))
            result[name] = round(time.perf_counter() - start, 2)
            assert iterator.samples == files
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def report(result: dict, out: str | None) -> None:
    """Print the JSON (with the load average around the timing) and write it to ``out``."""
    result["load_average_after"] = [round(v, 2) for v in os.getloadavg()]
    text = json.dumps(result, indent=2)
    print(text)
    if out:
        Path(out).write_text(text + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batches", type=int, default=0, help="batches per epoch (0: all)")
    parser.add_argument("--epochs", type=int, default=6,
                        help="epochs read through one stream per timing")
    parser.add_argument("--only", metavar="METHOD,...",
                        help="time only these methods, e.g. ours_w2,decode_full_limit")
    parser.add_argument("--make-large", type=int, metavar="N",
                        help="generate N synthetic 1600x1200 JPEGs (quality 90) in a temp "
                             "folder and benchmark on them (no DATA_DIR needed)")
    parser.add_argument("--keep", metavar="DIR",
                        help="with --make-large: write the JPEGs to DIR and stop")
    parser.add_argument("--from-photos", metavar="DIR", help="real photos to enlarge")
    parser.add_argument("--scan", type=int, metavar="FILES")
    parser.add_argument("--out", metavar="FILE.json", help="also write the JSON to this file")
    args = parser.parse_args()
    only = args.only.split(",") if args.only else None
    if args.make_large:
        if args.keep:
            make_large(args.keep, args.make_large, args.from_photos)
            return
        folder = tempfile.mkdtemp(prefix="fitgen-large-")
        try:
            make_large(folder, args.make_large, args.from_photos)
            result = benchmark(folder, args.rounds, args.batches, args.epochs, only)
            result["data"] = f"{args.make_large} synthetic 1600x1200 JPEGs (quality 90)"
            report(result, args.out)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    if args.scan:
        print(json.dumps(time_scan(args.scan), indent=2))
        return
    if not args.data_dir:
        parser.error("give DATA_DIR (a folder with one sub-folder per class) or --make-large N")
    report(benchmark(args.data_dir, args.rounds, args.batches, args.epochs, only), args.out)


if __name__ == "__main__":
    main()
