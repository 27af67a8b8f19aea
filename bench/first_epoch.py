"""First epoch against second, per backbone: where the first epoch's extra time goes. JSON.

    python bench/first_epoch.py DATA_DIR [--size 224] [--steps 4] [--arch mobilenet_v3_small]

For each backbone (from scratch, no download needed), a real FitGen run setup on DATA_DIR:
build and compile the model, then two epochs of ``fit_generator`` with a callback timing
every batch. Reported per backbone: seconds to build, the first batch (tracing and compiling
the training step), the rest of epoch 1, epoch 2, and the ratio of epoch 1 to epoch 2 with
and without its first batch. A first epoch much slower than the second only because of its
first batch is the step being compiled once (what the app's status says while it happens).
"""

from __future__ import annotations

import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ARCHITECTURES = ("small_cnn", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0",
                 "efficientnet_v2_b0")


def measure(data_dir: str, architecture: str, size: int, steps: int | None) -> dict:
    import keras

    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.pipeline import build_run_data
    from fitgen_gui.training.generator_training import fit_generator
    from fitgen_gui.training.models import build_model, compile_model

    config = RunConfig()
    split = os.path.isdir(os.path.join(data_dir, "train"))
    config = config.replace(**{
        "data.train_dir": os.path.join(data_dir, "train") if split else data_dir,
        "data.val_dir": os.path.join(data_dir, "val") if split else "",
        "data.target_size": (size, size),
        "data.batch_size": 32,
        "model.architecture": architecture,
        "model.weights": "none",
        "model.train_base": True,
    })
    keras.backend.clear_session()
    data = build_run_data(config, seed=1)
    started = time.perf_counter()
    model = build_model(config, len(data.class_names))
    compile_model(model, config, steps or len(data.train))
    built = time.perf_counter() - started
    times: list[list[float]] = [[], []]
    validation: list[list[float]] = [[], []]

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.epoch = epoch
            self.last = time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            now = time.perf_counter()
            times[self.epoch].append(now - self.last)
            self.last = now

        def on_test_begin(self, logs=None):
            self.last = time.perf_counter()

        def on_test_batch_end(self, batch, logs=None):
            now = time.perf_counter()
            validation[self.epoch].append(now - self.last)
            self.last = now

    fit_generator(model, data.train, steps_per_epoch=steps, epochs=2, verbose=0, workers=2,
                  validation_data=data.val, callbacks=[Timer()])
    first, second = times
    result = {
        "build_s": round(built, 2),
        "first_batch_s": round(first[0], 2),
        "epoch1_rest_s": round(sum(first[1:]), 2),
        "epoch2_s": round(sum(second), 2),
        "epoch1_over_epoch2": round(sum(first) / sum(second), 2),
        "epoch1_without_first_batch_over_epoch2_per_batch": round(
            (sum(first[1:]) / max(1, len(first) - 1)) / (sum(second) / len(second)), 2),
    }
    if data.train.n % 32 and not steps:  # a smaller last batch: a new shape to trace
        result["last_batch_epoch1_s"] = round(first[-1], 2)
        result["last_batch_epoch2_s"] = round(second[-1], 2)
    if validation[0]:
        result["validation_epoch1_s"] = round(sum(validation[0]), 2)
        result["validation_first_batch_epoch1_s"] = round(validation[0][0], 2)
        result["validation_epoch2_s"] = round(sum(validation[1]), 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--steps", type=int, default=4,
                        help="training batches per epoch (0: all, with validation)")
    parser.add_argument("--arch", action="append", help="backbones (default: all but the "
                                                        "largest)")
    args = parser.parse_args()
    result = {"size": args.size, "steps_per_epoch": args.steps, "cores": os.cpu_count(),
              "backbones": {}}
    for architecture in args.arch or ARCHITECTURES:
        result["backbones"][architecture] = measure(args.data_dir, architecture, args.size,
                                                    args.steps or None)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
