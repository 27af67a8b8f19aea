"""An epoch on cached features against an epoch through the frozen backbone. Prints JSON.

    python bench/feature_cache.py DATA_DIR [--size 224] [--arch mobilenet_v3_small] [--rounds 2]

DATA_DIR has ``train/`` and ``val/`` class folders (the hymenoptera photos). For each
backbone (frozen, random weights: the speed does not depend on the weights' values), in one
process: the whole model trained through ``fit_generator`` on the image iterators (2
workers), and its head trained on the features FitGen caches, as a run does. Epochs include
validation; the first epoch of each (compiling) is left out, the later ones timed, in
alternating order each round. Also reported: the time to compute the cache once and the
largest difference between the head's and the whole model's predictions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def measure(data_dir: str, architecture: str, size: int, rounds: int) -> dict:
    import keras
    import numpy as np

    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.pipeline import build_run_data
    from fitgen_gui.training import feature_cache
    from fitgen_gui.training.generator_training import fit_generator
    from fitgen_gui.training.models import build_model, compile_model

    config = RunConfig()
    config = config.replace(**{
        "data.train_dir": os.path.join(data_dir, "train"),
        "data.val_dir": os.path.join(data_dir, "val"),
        "data.target_size": (size, size),
        "data.batch_size": 32,
        "model.architecture": architecture,
        "model.weights": "none",
        "model.train_base": False,
    })
    keras.backend.clear_session()
    data = build_run_data(config, seed=1)
    model = build_model(config, len(data.class_names))
    compile_model(model, config, len(data.train))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        cached = feature_cache.build_cache(model, config, data, folder, workers=2)
    build_s = time.perf_counter() - started

    def epochs(trained, train, val, workers: int, count: int) -> list[float]:
        times: list[float] = []

        class Timer(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                self.start = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                times.append(time.perf_counter() - self.start)

        fit_generator(trained, train, epochs=count, verbose=0, workers=workers,
                      validation_data=val, callbacks=[Timer()], shuffle=False)
        return times

    whole = [epochs(model, data.train, data.val, 2, 1)[0]]  # compiles
    head = [epochs(cached.head, cached.train, cached.val, 0, 1)[0]]
    whole_times: list[float] = []
    head_times: list[float] = []
    for round_ in range(rounds):
        order = (("whole", "head") if round_ % 2 == 0 else ("head", "whole"))
        for which in order:
            if which == "whole":
                whole_times += epochs(model, data.train, data.val, 2, 2)
            else:
                head_times += epochs(cached.head, cached.train, cached.val, 0, 2)
    images, _ = data.val.samples_at(np.arange(data.val.n), epoch=0, batch=0, augment=False)
    difference = float(np.abs(model.predict(images, verbose=0)
                              - cached.head.predict(cached.val.features[0], verbose=0)).max())
    whole_s, head_s = statistics.median(whole_times), statistics.median(head_times)
    return {
        "train_images": data.train.n, "val_images": data.val.n,
        "cache_build_s": round(build_s, 2),
        "first_epoch_whole_s": round(whole[0], 2), "first_epoch_cached_s": round(head[0], 3),
        "epoch_whole_s": round(whole_s, 3), "epoch_cached_s": round(head_s, 4),
        "speedup": round(whole_s / head_s, 1),
        "max_prediction_difference": difference,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--arch", action="append",
                        help="backbones (default: mobilenet_v3_small)")
    args = parser.parse_args()
    results = {arch: measure(args.data_dir, arch, args.size, args.rounds)
               for arch in args.arch or ["mobilenet_v3_small"]}
    print(json.dumps({"size": args.size, "cores": os.cpu_count(), "backbones": results},
                     indent=2))


if __name__ == "__main__":
    main()
