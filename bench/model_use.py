"""Using a trained model: evaluate and predict speed against the training pipeline's, and
the time and size of each export format. Prints JSON.

    python bench/model_use.py [--run RUN] [--data DATASET] [--size 128] [--rounds 3]

Without ``--run`` it trains the demo model first: the small CNN (``--architecture``), 3
epochs (``--epochs``) on ``--data``
(default: the built-in demo dataset, written to a temporary folder; the README's numbers
use ../shared/datasets/hymenoptera) at ``--size`` pixels.

In one process, one round after another (this machine is noisy; the medians and the
per-round ratios are what to compare):

- ``train_images_per_s``: one training epoch of the run's own pipeline (its
  augmentation, Pillow reading) and train steps, as a run trains;
- ``read_images_per_s``: the pipeline's batches alone, without the model;
- ``evaluate_images_per_s``: ``evaluate`` on the validation data (read, predict, count);
- ``predict_images_per_s``: ``predict_paths`` on the same files.

Then ``export``: each format's seconds (conversion only), size and self-test result.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def train_demo_model(data: Path, size: int, workspace: Path, architecture: str = "small_cnn",
                     epochs: int = 3) -> str:
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.core.events import TrainingFinished
    from fitgen_gui.training.runner import run_training

    config = RunConfig(name="bench")
    config = config.replace(**{
        "data.train_dir": str(data / "train"),
        "data.val_dir": str(data / "val"),
        "data.target_size": (size, size),
        "training.epochs": epochs,
        "model.architecture": architecture,
        "model.weights": "none",
        "augmentation.horizontal_flip": True,
        "augmentation.rotation_range": 10,
    })
    final = run_training(config, lambda event: None, workspace=workspace)
    if not isinstance(final, TrainingFinished):
        raise SystemExit(f"training failed: {getattr(final, 'message', final)}")
    return final.run_dir


def one_round(run: str) -> dict:
    import keras

    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.core.run_dir import RunDir
    from fitgen_gui.data.pipeline import build_train_iterator
    from fitgen_gui.training.evaluation import evaluate, image_files
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.models import compile_model
    from fitgen_gui.training.prediction import predict_paths

    config = RunConfig.from_json(RunDir(run).read_config_text())
    source = open_model(run)
    batches = build_train_iterator(config, seed=0)
    images = batches.samples

    began = time.perf_counter()
    for index in range(len(batches)):
        batches[index]
    read = images / (time.perf_counter() - began)

    model = keras.models.clone_model(source.model)
    compile_model(model, config, len(batches))
    model.fit(batches[0][0][:2], batches[0][1][:2], verbose=0)  # compile outside the clock
    began = time.perf_counter()
    model.fit(batches, epochs=1, verbose=0)
    train = images / (time.perf_counter() - began)

    began = time.perf_counter()
    evaluation = evaluate(source, "val")
    evaluated = len(evaluation.predictions) / (time.perf_counter() - began)

    files = image_files([config.data.val_dir])
    began = time.perf_counter()
    rows = predict_paths(source, files)
    predicted = len(rows) / (time.perf_counter() - began)
    return {"train_images_per_s": round(train, 1), "read_images_per_s": round(read, 1),
            "evaluate_images_per_s": round(evaluated, 1),
            "predict_images_per_s": round(predicted, 1),
            "evaluate_over_train": round(evaluated / train, 2),
            "predict_over_train": round(predicted / train, 2),
            "accuracy": round(evaluation.accuracy, 4)}


def exports(run: str, out: Path) -> list[dict]:
    from fitgen_gui.training.export_data import export_files
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.tf_export import FORMATS, export_model

    source = open_model(run)
    parity, calibration, arrays = export_files(source)
    results = export_model(source, list(FORMATS), out, parity_files=parity,
                           calibration_files=calibration, parity_arrays=arrays)
    return [{"format": r.format, "ok": r.ok, "seconds": r.seconds,
             "size_mb": round(r.size_bytes / 2**20, 2), "images": r.images,
             "agreement": r.agreement,
             "max_probability_difference": r.max_probability_difference,
             "error": r.error} for r in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", help="a trained run folder (default: train the demo model)")
    parser.add_argument("--data", help="a dataset folder with train/ and val/")
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--architecture", default="small_cnn",
                        help="small_cnn, mobilenet_v3_small, efficientnet_b0 or resnet50")
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    from fitgen_gui.training.tf_startup import import_keras_quietly

    import_keras_quietly()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        run = args.run
        if run is None:
            data = Path(args.data) if args.data else None
            if data is None:
                from fitgen_gui.data.demo_dataset import write_demo_dataset

                data = write_demo_dataset(tmp / "demo")
            run = train_demo_model(data, args.size, tmp / "runs", args.architecture,
                                   args.epochs)
        rounds = [one_round(run) for _ in range(args.rounds)]
        median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
        report = {"run": run, "rounds": rounds, "median": median,
                  "export": exports(run, tmp / "export")}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
