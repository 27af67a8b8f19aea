"""After training, on real tiny models: evaluate, predict, export (self-tested), Grad-CAM,
and the model the run keeps.

One small CNN is trained once for the module (the demo shapes, 32x32, four epochs); every
number a test checks against is counted by the test itself from the files.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import keras
import numpy as np
import pytest
from PIL import Image

from fitgen_gui.cli import main as fitgen
from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import CheckpointError, UserError
from fitgen_gui.core.events import TrainingFinished
from fitgen_gui.core.run_dir import RunDir, summarize
from fitgen_gui.data.demo_dataset import write_demo_dataset
from fitgen_gui.data.image_data_generator import ImageDataGenerator
from fitgen_gui.data.preprocessing import Preprocessing, load_for_model
from fitgen_gui.training import tf_export
from fitgen_gui.training.evaluation import evaluate
from fitgen_gui.training.export_data import export_files
from fitgen_gui.training.model_source import open_model
from fitgen_gui.training.models import build_model, compile_model
from fitgen_gui.training.prediction import predict_paths, to_csv
from fitgen_gui.training.runner import run_training
from fitgen_gui.training.tf_gradcam import gradcam

pytestmark = pytest.mark.slow

CLASSES = ["circle", "square", "triangle"]


def tiny_run(base: Path, data: Path, augmentation: dict | None = None, **callbacks) -> Path:
    config = RunConfig(name="tiny")
    config = config.replace(**{
        "data.train_dir": str(data / "train"),
        "data.val_dir": str(data / "val"),
        "data.target_size": (32, 32),
        "data.batch_size": 8,
        "training.epochs": 4,
        "training.workers": 1,
        "optimizer.learning_rate": 0.003,
    })
    config = config.replace(**{f"callbacks.{k}": v for k, v in callbacks.items()},
                            **{f"augmentation.{k}": v for k, v in (augmentation or {}).items()})
    final = run_training(config, lambda event: None, workspace=base / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    return Path(final.run_dir)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    base = tmp_path_factory.mktemp("trained")
    data = write_demo_dataset(base / "shapes", counts={"train": 24, "val": 8})
    return SimpleNamespace(base=base, data=data, run=tiny_run(base, data))


def val_files(data: Path) -> list[tuple[str, str]]:
    return [(str(f), name) for name in CLASSES
            for f in sorted((data / "val" / name).iterdir())]


def own_probabilities(model_path: Path, files: list[str]) -> np.ndarray:
    """The test's own prediction: Pillow's bilinear resize (the run's setting), Keras."""
    model = keras.saving.load_model(model_path)
    x = np.stack([np.asarray(Image.open(f).convert("RGB").resize(
        (32, 32), Image.Resampling.BILINEAR), np.float32) for f in files])
    return model.predict(x, verbose=0)


# -- evaluate --------------------------------------------------------------------------------


def test_evaluate_matrix_and_per_class_numbers_match_the_tests_own_count(trained, capsys):
    pairs = val_files(trained.data)
    probabilities = own_probabilities(trained.run / "model.keras", [f for f, _ in pairs])
    matrix = np.zeros((3, 3), int)
    for (_, true), row in zip(pairs, probabilities, strict=True):
        matrix[CLASSES.index(true), int(row.argmax())] += 1

    assert fitgen(["evaluate", str(trained.run)]) == 0
    out = capsys.readouterr().out
    saved = json.loads((trained.run / "evaluation.json").read_text())
    assert set(saved) >= {"classes", "confusion_matrix", "accuracy", "per_class",
                          "predictions"}
    assert saved["classes"] == CLASSES
    assert saved["confusion_matrix"] == matrix.tolist()  # rows true, columns predicted
    assert saved["accuracy"] == pytest.approx(np.trace(matrix) / 24)
    for i, name in enumerate(CLASSES):
        tp, support, predicted_as = matrix[i, i], matrix[i].sum(), matrix[:, i].sum()
        precision = tp / predicted_as if predicted_as else 0.0
        recall = tp / support
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        assert saved["per_class"][name] == pytest.approx(
            {"precision": precision, "recall": recall, "f1": f1, "support": support})
    by_file = {p["file"]: p for p in saved["predictions"]}
    assert len(by_file) == 24
    for (file, true), row in zip(pairs, probabilities, strict=True):
        assert by_file[file]["true"] == true
        assert by_file[file]["predicted"] == CLASSES[int(row.argmax())]
        np.testing.assert_allclose(by_file[file]["probabilities"], row, atol=1e-5)
    # The printed table and matrix, and the sentence a lab user reads.
    right = int(np.trace(matrix))
    assert f"{right} of 24 validation images right" in out
    assert re.search(r"circle\s+" + r"\s+".join(str(v) for v in matrix[0]), out)
    assert "precision" in out and "recall" in out


def test_each_matrix_cell_holds_exactly_its_images(trained):
    evaluation = evaluate(open_model(trained.run), "val")
    seen = []
    for i, true in enumerate(CLASSES):
        for j, predicted in enumerate(CLASSES):
            cell = evaluation.cell(true, predicted)
            assert len(cell) == evaluation.confusion_matrix[i][j]
            assert all(p.true == true and p.predicted == predicted for p in cell)
            seen += [p.file for p in cell]
    assert sorted(seen) == sorted(f for f, _ in val_files(trained.data))
    mistakes = evaluation.confident_mistakes()
    assert all(not p.correct for p in mistakes)
    assert [p.confidence for p in mistakes] == sorted((p.confidence for p in mistakes),
                                                      reverse=True)
    assert len(evaluation.least_sure(5)) == 5
    for true, predicted, count, of in evaluation.most_confused():
        assert count == len(evaluation.cell(true, predicted)) and of == 8


def test_evaluate_a_checkpoint_epoch_and_the_training_data(trained, capsys):
    assert fitgen(["evaluate", str(trained.run), "--epoch", "1", "--data", "train"]) == 0
    saved = json.loads((trained.run / "evaluation-epoch-0001.json").read_text())
    assert saved["epoch"] == 1 and saved["data"] == "training"
    assert np.sum(saved["confusion_matrix"]) == 72
    assert fitgen(["evaluate", str(trained.run), "--epoch", "9"]) == 2
    assert "has no checkpoint of epoch 9 (kept: 1, 2, 3, 4)" in capsys.readouterr().err


def test_evaluate_another_folder_names_classes_the_model_does_not_know(trained, tmp_path):
    folder = tmp_path / "other"
    shutil.copytree(trained.data / "val" / "circle", folder / "circle")
    shutil.copytree(trained.data / "val" / "square", folder / "hexagon")
    with pytest.raises(UserError, match=re.escape(
            "classes the model does not know: hexagon. The model's classes are circle, "
            "square, triangle")):
        evaluate(open_model(trained.run), str(folder))
    shutil.rmtree(folder / "hexagon")
    evaluation = evaluate(open_model(trained.run), str(folder))  # some of its classes: fine
    assert np.sum(evaluation.confusion_matrix) == 8
    assert evaluation.per_class["circle"]["support"] == 8


def test_a_run_without_a_model_or_checkpoint_says_so(trained, tmp_path):
    run = tmp_path / "runs" / "empty"
    run.mkdir(parents=True)
    shutil.copy(trained.run / "config.json", run / "config.json")
    with pytest.raises(CheckpointError, match=re.escape(
            "has no model yet: it has neither model.keras nor a checkpoint")):
        open_model(run)
    with pytest.raises(UserError, match="neither a FitGen run folder nor an export folder"):
        open_model(tmp_path)


def test_the_one_class_warning():
    # A model that answers "square" for everything, on a balanced folder.
    from fitgen_gui.training.evaluation import Evaluation, _sentence

    evaluation = Evaluation(CLASSES, [[0, 8, 0], [0, 8, 0], [0, 7, 1]], 9 / 24, {}, [],
                            "validation", "m")
    sentence, warnings = _sentence(evaluation)
    assert sentence.startswith("9 of 24 validation images right; circle are often taken "
                               "for square: 8 of 8")
    assert warnings and "answers square for 96% of the images" in warnings[0]
    balanced = Evaluation(CLASSES, [[8, 0, 0], [1, 7, 0], [0, 0, 8]], 23 / 24, {}, [], "v",
                          "m")
    assert _sentence(balanced)[1] == []


# -- predict ---------------------------------------------------------------------------------


def test_predict_csv_has_a_column_per_class_and_an_error_row_for_a_bad_file(
        trained, tmp_path, capsys):
    folder = tmp_path / "new"
    folder.mkdir()
    files = [f for f, _ in val_files(trained.data)][::4]
    for f in files:
        shutil.copy(f, folder / Path(f).name)
    (folder / "broken.jpg").write_bytes(b"not a jpeg")
    out = tmp_path / "predictions.csv"
    assert fitgen(["predict", str(trained.run), str(folder), "--out", str(out)]) == 0
    assert "Predicted 6 images (1 could not be read)" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(rows[0]) == ["file", "predicted", "confidence", *CLASSES, "error"]
    broken = next(r for r in rows if r["file"].endswith("broken.jpg"))
    assert broken["predicted"] == "" and "not an image file" in broken["error"]
    good = [r for r in rows if not r["error"]]
    assert len(good) == 6
    own = own_probabilities(trained.run / "model.keras", [r["file"] for r in good])
    for row, expected in zip(good, own, strict=True):
        got = [float(row[c]) for c in CLASSES]
        np.testing.assert_allclose(got, expected, atol=2e-6)
        assert row["predicted"] == CLASSES[int(expected.argmax())]
        assert float(row["confidence"]) == pytest.approx(expected.max(), abs=2e-6)


# -- the pixels: training's resize is the one preprocessing.json declares --------------------


def hostile_images(root: Path) -> Path:
    rng = np.random.default_rng(3)
    photo = Image.fromarray(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8))
    exif = Image.Exif()
    exif[0x0112] = 6  # taken sideways: shown turned by 90 degrees
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    photo.save(root / "a" / "sideways.jpg", exif=exif.tobytes(), quality=90)
    photo.resize((1600, 1200)).save(root / "a" / "large.jpg", quality=85)
    rgba = np.concatenate([rng.integers(0, 255, (50, 70, 3), dtype=np.uint8),
                           np.tile(np.linspace(0, 255, 70, dtype=np.uint8), (50, 1))[..., None]],
                          axis=-1)
    Image.fromarray(rgba, "RGBA").save(root / "b" / "transparent.png")
    photo.convert("P", palette=Image.Palette.ADAPTIVE).save(root / "b" / "palette.gif")
    photo.convert("L").save(root / "b" / "gray.png")
    return root


@pytest.mark.parametrize("interpolation", ["nearest", "bilinear", "bicubic", "lanczos"])
def test_training_pixels_are_what_preprocessing_json_declares(tmp_path, interpolation):
    root = hostile_images(tmp_path / "images")
    batches = ImageDataGenerator().flow_from_directory(
        str(root), target_size=(20, 24), interpolation=interpolation, shuffle=False,
        batch_size=16, extensions=(".jpg", ".png", ".gif"))
    x, _ = batches[0]
    assert len(x) == 5
    spec = Preprocessing([20, 24], resize=interpolation)
    for image, path in zip(x, batches.filepaths, strict=True):
        declared = tf_export.pillow_preprocess(path, spec)  # the README's steps
        np.testing.assert_array_equal(image, declared, err_msg=path)
        np.testing.assert_array_equal(load_for_model(path, spec), declared, err_msg=path)


# -- export ----------------------------------------------------------------------------------

ALL_FORMATS = ["keras", "saved_model", "onnx", "tflite", "tflite-int8"]


@pytest.fixture(scope="module")
def exported(trained):
    out = trained.base / "export"
    source = open_model(trained.run)
    parity, calibration, _ = export_files(source)
    results = tf_export.export_model(source, ALL_FORMATS, out, parity_files=parity,
                                     calibration_files=calibration)
    return SimpleNamespace(out=out, results={r.format: r for r in results}, source=source)


def test_every_format_is_written_and_passes_its_self_test(exported):
    report = json.loads((exported.out / "export-report.json").read_text())
    assert report["all_ok"] is True
    assert [f["format"] for f in report["formats"]] == ALL_FORMATS
    for fmt, result in exported.results.items():
        assert result.ok, (fmt, result.error)
        assert result.images == 24  # every validation image of the tiny set
        # Only int8 may set aside images FitGen itself calls a near tie, and says so.
        assert result.near_ties == 0 or fmt == "tflite-int8"
        assert bool(result.near_ties) == any("near ties" in n for n in result.notes)
        assert result.agreement >= (0.97 if fmt == "tflite-int8" else 0.99)
        assert result.max_probability_difference < (0.15 if fmt == "tflite-int8" else 1e-4)
        folder = Path(result.folder)
        assert (folder / tf_export.FORMATS[fmt][0]).exists()
        assert (folder / "labels.txt").read_text().splitlines() == CLASSES
        spec = json.loads((folder / "preprocessing.json").read_text())
        assert spec["input_size"] == [32, 32] and spec["channels"] == "RGB"
        assert spec["value_range"] == [0, 255] and spec["resize"] == "bilinear"
        assert spec["dtype"] == ("uint8" if fmt == "tflite-int8" else "float32")
        assert json.loads((folder / "export-report.json").read_text())["ok"] is True


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_the_readme_code_predicts_what_fitgen_predicts(exported, trained, tmp_path, fmt):
    folder = Path(exported.results[fmt].folder)
    code = re.search(r"```python\n(.*?)```", (folder / "README.md").read_text(), re.S)[1]
    assert len(code.strip().splitlines()) <= 16
    work = tmp_path / fmt
    shutil.copytree(folder, work)
    # int8 may flip an image FitGen is unsure of (97% agreement is its bar): take a sure one.
    files = [f for f, _ in val_files(trained.data)]
    sure = max(predict_paths(exported.source, files), key=lambda r: r.confidence)
    Image.open(sure.file).convert("RGB").save(work / "photo.jpg", quality=95)
    result = subprocess.run([sys.executable, "-c", code], cwd=work, capture_output=True,
                            text=True, timeout=240, env={"TF_CPP_MIN_LOG_LEVEL": "3",
                                                         "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    label, probability = result.stdout.split()[-2:]
    (ours,) = predict_paths(exported.source, [work / "photo.jpg"])
    assert label == ours.predicted(CLASSES)
    assert float(probability) == pytest.approx(ours.confidence, abs=0.02 if "int8" in fmt
                                               else 1e-5)


def test_normalization_outside_the_model_is_folded_into_every_export(trained, tmp_path):
    # Rescaling and dataset statistics applied by the generator in training: the export
    # takes raw pixels and does them itself (ONNX once got Keras's Normalization wrong:
    # its mean and variance became two more model inputs).
    run = tiny_run(tmp_path, trained.data, {"rescale": 1 / 255, "featurewise_center": True,
                                            "featurewise_std_normalization": True})
    assert (run / "normalization.npz").exists()
    source = open_model(run)
    parity, calibration, _ = export_files(source)
    results = tf_export.export_model(source, ["saved_model", "onnx", "tflite"], tmp_path / "x",
                                     parity_files=parity, calibration_files=calibration)
    for result in results:
        assert result.ok, (result.format, result.error)
        assert result.agreement == 1.0 and result.max_probability_difference < 1e-4
    import onnxruntime

    session = onnxruntime.InferenceSession(str(tmp_path / "x" / "onnx" / "model.onnx"),
                                           providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == ["image"]


def test_an_export_that_disagrees_with_fitgen_fails_its_self_test(
        trained, tmp_path, monkeypatch, capsys):
    # The classic bug: labels in another order than the outputs (here, outputs rotated).
    original = tf_export.serving_model

    def rotated(source):
        model = original(source)
        permute = keras.layers.Dense(3, use_bias=False, name="wrong_order")
        outputs = permute(model.output)
        permute.set_weights([np.roll(np.eye(3, dtype="float32"), 1, axis=1)])
        return keras.Model(model.input, outputs)

    monkeypatch.setattr(tf_export, "serving_model", rotated)
    out = tmp_path / "bad"
    assert fitgen(["export", str(trained.run), "--format", "onnx", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "onnx" in captured.err and "FAILED" in captured.err
    assert "images agree with FitGen (at least 99% are needed)" in captured.err
    report = json.loads((out / "export-report.json").read_text())
    assert report["all_ok"] is False and report["formats"][0]["agreement"] < 0.5


def test_a_failing_converter_is_named_and_the_other_formats_are_written(
        trained, tmp_path, monkeypatch, capsys):
    original = tf_export._write_artifact

    def broken(model, fmt, path, calibration):
        if fmt == "onnx":
            raise RuntimeError("tf2onnx could not convert op FancyOp")
        return original(model, fmt, path, calibration)

    monkeypatch.setattr(tf_export, "_write_artifact", broken)
    out = tmp_path / "partial"
    assert fitgen(["export", str(trained.run), "--format", "onnx,tflite", "--out",
                   str(out)]) == 1
    err = capsys.readouterr().err
    assert "onnx         FAILED: the converter failed: RuntimeError: tf2onnx could not " \
           "convert op FancyOp" in err
    assert (out / "tflite" / "model.tflite").exists()
    report = json.loads((out / "export-report.json").read_text())
    assert [(f["format"], f["ok"]) for f in report["formats"]] == [("onnx", False),
                                                                    ("tflite", True)]


def test_an_export_never_overwrites_a_folder_silently(trained, tmp_path, capsys):
    out = tmp_path / "exports"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    assert fitgen(["export", str(trained.run), "--format", "keras", "--out", str(out)]) == 2
    assert f"Folder '{out}' exists and is not empty" in capsys.readouterr().err
    assert (out / "mine.txt").read_text() == "keep me"
    assert fitgen(["export", str(trained.run), "--format", "keras", "--out", str(out),
                   "--overwrite"]) == 0
    assert (out / "keras" / "model.keras").exists() and not (out / "mine.txt").exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    with pytest.raises(UserError, match=r"Cannot write to .*a-file/export.*Choose a folder"):
        tf_export.prepare_destination(blocked / "export")
    assert fitgen(["export", str(trained.run), "--format", "pdf", "--out",
                   str(tmp_path / "x")]) == 2
    assert "Unknown export format(s) pdf" in capsys.readouterr().err


def test_predict_with_an_export_folder_gives_fitgens_predictions(exported, trained):
    files = [f for f, _ in val_files(trained.data)]
    from_run = predict_paths(open_model(trained.run), files)
    from_export = predict_paths(open_model(exported.results["keras"].folder), files)
    assert [r.predicted(CLASSES) for r in from_export] == [r.predicted(CLASSES)
                                                           for r in from_run]
    text = to_csv(from_export, CLASSES)
    assert text.splitlines()[0] == "file,predicted,confidence,circle,square,triangle,error"


# -- the model the run keeps -----------------------------------------------------------------


def test_model_keras_is_the_best_epoch_and_the_runs_list_says_so(trained, capsys):
    run = RunDir(trained.run)
    history = run.read_history()
    best = min(history, key=lambda r: r["val_loss"])["epoch"] + 1
    state = run.read_state()
    assert state["model_epoch"] == best and state["model_is"] == "best"
    assert (trained.run / "model.keras").read_bytes() == Path(
        run.checkpoint(best, partial=False).path).read_bytes()
    summary = summarize(run)
    assert summary.model_epoch == best and summary.best_epoch + 1 == best
    assert fitgen(["runs", str(trained.base / "runs")]) == 0
    assert f"epoch {best} (best)" in capsys.readouterr().out


def test_final_model_last_keeps_the_last_epoch(trained, tmp_path):
    run_path = tiny_run(tmp_path, trained.data, final_model="last")
    run = RunDir(run_path)
    assert run.read_state()["model_epoch"] == 4
    assert run.read_state()["model_is"] == "last"
    summary = summarize(run)
    assert summary.model_label() == (
        "epoch 4 (best)" if summary.best_epoch == 3 else "epoch 4 (last; best is epoch "
                                                          f"{summary.best_epoch + 1})")


# -- Grad-CAM and the model's mode -------------------------------------------------------


def test_gradcam_of_the_trained_model_is_a_map_of_the_input_size(trained):
    source = open_model(trained.run)
    file = val_files(trained.data)[0][0]
    image = source.normalize(load_for_model(file, source.preprocessing)[None])[0]
    heat, index = gradcam(source.model, image)
    assert heat.shape == (32, 32)
    assert heat.min() >= 0.0 and heat.max() == pytest.approx(1.0)
    assert index == int(source.probabilities(image[None])[0].argmax())
    other, other_index = gradcam(source.model, image, class_index=(index + 1) % 3)
    assert other_index == (index + 1) % 3 and other.shape == (32, 32)


@pytest.mark.parametrize("architecture", ["mobilenet_v3_small", "efficientnet_b0",
                                          "resnet50"])
def test_gradcam_works_inside_every_backbone(architecture):
    config = RunConfig()
    config = config.replace(**{
        "model.architecture": architecture,
        "model.weights": "none",
        "model.dropout": 0.2,
        "data.target_size": (40, 56),
    })
    model = build_model(config, num_classes=3)
    image = np.random.default_rng(0).integers(0, 256, (40, 56, 3)).astype("float32")
    heat, index = gradcam(model, image)
    assert heat.shape == (40, 56)
    assert np.all((heat >= 0) & (heat <= 1))
    assert index == int(model.predict(image[None], verbose=0)[0].argmax())


def test_calling_the_model_is_inference_not_training():
    # Keras 3 stashes a preprocessing layer's default training=True for the layers after
    # it: without training=False on the Resizing node, model(x) ran Dropout and
    # BatchNormalization in training mode (and exports baked that in).
    config = RunConfig()
    config = config.replace(**{"model.dropout": 0.5, "data.target_size": (32, 32)})
    model = build_model(config, num_classes=3)
    compile_model(model, config, steps_per_epoch=1)
    x = np.random.default_rng(1).integers(0, 256, (8, 32, 32, 3)).astype("float32")
    model.train_on_batch(x, keras.utils.to_categorical(np.arange(8) % 3, 3))
    first, second = (np.asarray(model(x)) for _ in range(2))
    np.testing.assert_allclose(first, second, rtol=1e-6)
    np.testing.assert_allclose(first, model.predict(x, verbose=0), rtol=1e-5, atol=1e-6)


def test_csv_of_predictions_is_read_back_by_the_csv_module():
    from fitgen_gui.training.prediction import PredictedFile

    text = to_csv([PredictedFile("a, b.png", [0.25, 0.75]), PredictedFile("c.png", None,
                                                                           "damaged")],
                  ["x", "y"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["file", "predicted", "confidence", "x", "y", "error"],
                    ["a, b.png", "y", "0.750000", "0.250000", "0.750000", ""],
                    ["c.png", "", "", "", "", "damaged"]]


def test_an_output_file_that_cannot_be_written_is_named(trained, tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    assert fitgen(["evaluate", str(trained.run), "--out", str(missing / "e.json")]) == 2
    assert f"Cannot write '{missing / 'e.json'}'" in capsys.readouterr().err
    assert fitgen(["predict", str(trained.run), str(trained.data / "val" / "circle"),
                   "--out", str(missing / "p.csv")]) == 2
    assert "Give another file with --out" in capsys.readouterr().err
