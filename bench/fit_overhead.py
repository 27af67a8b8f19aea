"""How much does fit_generator cost over Keras 3's own fit? Prints JSON.

The same small CNN trains for the same steps, in one process and in alternating rounds
(this machine is noisy, so only ratios measured side by side mean anything), through:

- ``fit_generator`` on an in-memory PyDataset;
- ``model.fit`` on that PyDataset;
- ``model.fit`` on the same data as NumPy arrays.

Goal: fit_generator at least 0.97 of the faster ``model.fit``. The input-bound meter (wait
and step times, class counts per batch) is measured on and off (``input_meter=False``):
goal at least 0.99, and its own cost per batch is timed apart, in microseconds and as a
share of the median training step (noise-free). Then the same with a data
source that sleeps 5 ms per batch: with ``workers=2`` the reading overlaps the training
step, so the sleep should be hidden (ratio to the non-sleeping source near 1).

    python bench/fit_overhead.py [--rounds 11] [--steps 40] [--batch 32] [--size 64]

Ratios are paired: each round times every method back to back (every other round in
reverse order), the ratio is taken within the round, and the median over rounds is
reported with its quartiles.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np

from fitgen_gui.training import fit_generator


def small_cnn(size: int) -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((size, size, 3)),
        keras.layers.Conv2D(16, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(32, 3, activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(64, 3, activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(2, activation="softmax"),
    ])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


class InMemory(keras.utils.PyDataset):
    def __init__(self, x, y, batch, sleep=0.0, **kwargs):
        super().__init__(**kwargs)
        self.x, self.y, self.batch, self.sleep = x, y, batch, sleep

    def __len__(self):
        return len(self.x) // self.batch

    def __getitem__(self, i):
        if self.sleep:
            time.sleep(self.sleep)
        window = slice(i * self.batch, (i + 1) * self.batch)
        return self.x[window], self.y[window]


def meter_cost_us(targets: np.ndarray, repeats: int = 20000) -> float:
    """Microseconds the meter adds per batch: the clock reads and the record (with the
    class count of the batch's targets), as fit_generator does them."""
    from fitgen_gui.training.input_meter import InputMeter

    meter = InputMeter(2)
    clock = time.perf_counter
    start = clock()
    for i in range(repeats):
        if i % 1000 == 0:
            meter.start_epoch(i)  # epochs of 1,000 batches: lists stay a realistic size
        asked = clock()
        waited = clock() - asked
        started = clock()
        meter.record(waited, clock() - started, targets)
        meter.batch(-1)  # what the run's recorder reads back
    return (clock() - start) / repeats * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--size", type=int, default=64)
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    n = args.steps * args.batch
    x = rng.random((n, args.size, args.size, 3), dtype=np.float32)
    y = rng.integers(0, 2, n)
    data = InMemory(x, y, args.batch)
    sleepy = InMemory(x, y, args.batch, sleep=0.005)

    methods = {
        "fit_generator_pydataset": lambda m: fit_generator(m, data, verbose=0, shuffle=False),
        "fit_generator_meter_off": lambda m: fit_generator(m, data, verbose=0, shuffle=False,
                                                           input_meter=False),
        "keras_fit_pydataset": lambda m: m.fit(data, verbose=0, shuffle=False),
        "keras_fit_numpy": lambda m: m.fit(x, y, batch_size=args.batch, verbose=0,
                                           shuffle=False),
        "fit_generator_sleep5ms_workers0": lambda m: fit_generator(m, sleepy, verbose=0,
                                                                   shuffle=False, workers=0),
        "fit_generator_sleep5ms_workers2": lambda m: fit_generator(m, sleepy, verbose=0,
                                                                   shuffle=False, workers=2),
        "fit_generator_nosleep_workers2": lambda m: fit_generator(m, data, verbose=0,
                                                                  shuffle=False, workers=2),
    }
    models = {name: small_cnn(args.size) for name in methods}
    for name, run in methods.items():  # warm-up: tracing and first-epoch costs
        run(models[name])
    seconds: dict[str, list[float]] = {name: [] for name in methods}
    for round_ in range(args.rounds):
        # Every other round in reverse order: no method always runs first or after another.
        order = list(methods.items())
        for name, run in (order if round_ % 2 == 0 else order[::-1]):
            start = time.perf_counter()
            run(models[name])
            seconds[name].append(time.perf_counter() - start)
    rate = {name: n / statistics.median(times) for name, times in seconds.items()}

    def paired(top: str, *bottom: str) -> dict:
        ratios = sorted(min(seconds[b][i] for b in bottom) / seconds[top][i]
                        for i in range(args.rounds))
        q1, median, q3 = statistics.quantiles(ratios, n=4)
        return {"median": round(median, 3), "quartiles": [round(q1, 3), round(q3, 3)]}

    meter_us = meter_cost_us(y[:args.batch])
    step_ms = 1000 * statistics.median(seconds["fit_generator_pydataset"]) / args.steps
    result = {
        "cores": os.cpu_count(),
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "steps": args.steps,
        "batch": args.batch,
        "image_size": args.size,
        "rounds": args.rounds,
        "images_per_s": {name: round(value, 1) for name, value in rate.items()},
        "ratio_fit_generator_to_faster_keras_fit": paired(
            "fit_generator_pydataset", "keras_fit_pydataset", "keras_fit_numpy"),
        "goal_ratio_at_least": 0.97,
        "ratio_meter_on_to_off": paired("fit_generator_pydataset", "fit_generator_meter_off"),
        "meter_goal_ratio_at_least": 0.99,
        "meter_cost_per_batch_us": round(meter_us, 1),
        "median_step_ms": round(step_ms, 2),
        "meter_cost_share_of_step": round(meter_us / 1000 / step_ms, 5),
        "ratio_sleep5ms_workers2_to_nosleep_workers2": paired(
            "fit_generator_sleep5ms_workers2", "fit_generator_nosleep_workers2"),
        "ratio_sleep5ms_workers0_to_nosleep_workers2": paired(
            "fit_generator_sleep5ms_workers0", "fit_generator_nosleep_workers2"),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
