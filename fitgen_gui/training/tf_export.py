"""Exporting a model so that it predicts, outside FitGen, what FitGen predicts.

Formats: ``keras``, ``saved_model`` (TensorFlow), ``onnx``, ``tflite`` (LiteRT float32) and
``tflite-int8`` (full integer, calibrated on training images). Keras 3's own
``model.export`` writes the last four. The exported model takes what ``preprocessing.json``
says: pixels 0-255 at the run's image size, resized with the named Pillow filter; the run's
normalization (rescale, featurewise statistics) is folded into the model, so there is no
other step to get wrong.

Every export is checked the way a user will run it (the self-test): the artifact is loaded
in its own runtime (Keras, ``tf.saved_model``, onnxruntime, the LiteRT interpreter) and
predicts up to 200 validation images decoded and resized with Pillow as the folder's
README shows; FitGen predicts the same images its own way. Top-1 agreement must reach 99%
(97% for int8), and the largest probability difference is reported in
``export-report.json``. An export that fails it is reported as failed.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_dir import write_atomic
from fitgen_gui.data.preprocessing import Preprocessing
from fitgen_gui.training.evaluation import predict_files
from fitgen_gui.training.model_source import ModelSource

__all__ = ["FORMATS", "FormatResult", "export_model", "pillow_preprocess", "self_test"]

FORMATS = {
    "keras": ("model.keras", "Keras 3 (.keras)"),
    "saved_model": ("saved_model", "TensorFlow SavedModel"),
    "onnx": ("model.onnx", "ONNX (onnxruntime)"),
    "tflite": ("model.tflite", "LiteRT / TFLite, float32"),
    "tflite-int8": ("model.tflite", "LiteRT / TFLite, full integer (int8)"),
}
AGREEMENT = {"tflite-int8": 0.97}  # the rest: 0.99
# int8 moves probabilities by a few hundredths: an image whose top two FitGen itself puts
# this close may go either way, and is reported as a near tie instead of a disagreement.
NEAR_TIE = {"tflite-int8": 0.05}  # the rest: none (float exports agree to 1e-4)
PARITY_IMAGES = 200
CALIBRATION_IMAGES = 100


@dataclass
class FormatResult:
    """One format's export and self-test."""

    format: str
    folder: str
    ok: bool = False
    error: str = ""
    seconds: float = 0.0
    size_bytes: int = 0
    images: int = 0
    agreement: float | None = None
    max_probability_difference: float | None = None
    required_agreement: float = 0.99
    near_ties: int = 0  # images FitGen's own top two are within NEAR_TIE of: not counted
    notes: list[str] = field(default_factory=list)

    @property
    def counted(self) -> int:
        """The self-test's images that ``agreement`` is the share of (near ties left out)."""
        return self.images - self.near_ties


# -- the exported model ---------------------------------------------------------------------


def serving_model(source: ModelSource) -> keras.Model:
    """The model with the run's normalization folded in: pixels 0-255 at the image size in,
    probabilities out, standard layers only."""
    spec = source.preprocessing
    height, width = spec.input_size
    channels = {"RGB": 3, "L": 1, "RGBA": 4}[spec.channels]
    inputs = keras.Input((height, width, channels), name="image")
    x = inputs
    generator = source.normalizer
    if generator is not None:
        if generator.zca_whitening:
            raise UserError("This run used ZCA whitening, which an exported model cannot "
                            "include; train without it to export.")
        if generator.samplewise_center and not generator.samplewise_std_normalization:
            raise UserError("This run subtracts each image's mean without dividing by its "
                            "std, which an exported model cannot include; use both or none.")
        if generator.rescale:
            x = keras.layers.Rescaling(float(generator.rescale), name="rescale_input")(x)
        if generator.samplewise_std_normalization:
            x = keras.layers.LayerNormalization(axis=[1, 2, 3], center=False, scale=False,
                                                epsilon=1e-12, name="samplewise")(x)
        if generator.featurewise_center:
            mean = np.asarray(generator.mean, np.float32).reshape(-1)
            std = (np.asarray(generator.std, np.float32).reshape(-1) + 1e-6
                   if generator.featurewise_std_normalization else np.ones_like(mean))
            x = keras.layers.Normalization(mean=mean, variance=std ** 2,
                                           name="featurewise")(x)
    outputs = source.model(x, training=False)
    return keras.Model(inputs, outputs, name=f"{source.model.name}_export")


# -- preprocessing as a user writes it (and as the README shows) ------------------------------


def pillow_preprocess(path: str, spec: Preprocessing, dtype: str = "float32") -> np.ndarray:
    """One file as the exported model's input, with Pillow only, step by step as each
    export's README writes it."""
    from PIL import Image, ImageOps

    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened) if spec.exif_transpose else opened.copy()
    if spec.channels != "RGBA":
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image.convert("RGBA"))
    image = image.convert(spec.channels)
    height, width = spec.input_size
    box = None
    if spec.keep_aspect_ratio:
        crop_h = min(image.height, image.width * height // width)
        crop_w = min(image.width, image.height * width // height)
        left, top = (image.width - crop_w) // 2, (image.height - crop_h) // 2
        box = (left, top, left + crop_w, top + crop_h)
    image = image.resize((width, height), getattr(Image.Resampling, spec.resize.upper()),
                         box=box)
    return np.asarray(image, dtype=dtype).reshape(height, width, -1)


_README = """# {title}: {model}

Classes: `labels.txt` (one per line, in the model's output order). Input: `preprocessing.json`
({channels}, {height}x{width}, pixel values 0-255, {dtype}; resized with Pillow's
`{resize}` filter). Self-test: {agreement} of {images} validation images agree with FitGen.

```python
import json, numpy as np
from PIL import Image, ImageOps
{imports}
spec = json.load(open("preprocessing.json"))
labels = open("labels.txt", encoding="utf-8").read().splitlines()
{load}
image = ImageOps.exif_transpose(Image.open("photo.jpg"))
image = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image.convert("RGBA"))
image = image.convert(spec["channels"]).resize(spec["input_size"][::-1],
                                               getattr(Image.Resampling, spec["resize"].upper()))
x = np.asarray(image, dtype=spec["dtype"]).reshape(1, *spec["input_size"], -1)
{predict}
p = p if p.shape[-1] > 1 else np.concatenate([1 - p, p])  # binary: P(class 1) only
print(labels[int(p.argmax())], float(p.max()))
```
"""

_RUNTIME = {
    "keras": ("import keras", 'model = keras.saving.load_model("model.keras")',
              "p = model.predict(x, verbose=0)[0]"),
    "saved_model": ("import tensorflow as tf", 'model = tf.saved_model.load("saved_model")',
                    "p = model.serve(x).numpy()[0]"),
    "onnx": ("import onnxruntime as ort",
             'session = ort.InferenceSession("model.onnx")',
             "p = session.run(None, {session.get_inputs()[0].name: x})[0][0]"),
    "tflite": ("from ai_edge_litert.interpreter import Interpreter",
               'model = Interpreter(model_path="model.tflite"); model.allocate_tensors()',
               'model.set_tensor(model.get_input_details()[0]["index"], x); model.invoke()\n'
               'p = model.get_tensor(model.get_output_details()[0]["index"])[0]'),
}
_RUNTIME["tflite-int8"] = (
    _RUNTIME["tflite"][0], _RUNTIME["tflite"][1],
    'model.set_tensor(model.get_input_details()[0]["index"], x); model.invoke()\n'
    'out = model.get_output_details()[0]; scale, zero = out["quantization"]\n'
    'p = (model.get_tensor(out["index"])[0].astype("float32") - zero) * scale')


# -- runtimes -----------------------------------------------------------------------------


class _Runtime:
    """An exported artifact loaded in its own runtime: ``predict(x) -> probabilities``."""

    def __init__(self, fmt: str, folder: Path) -> None:
        self.fmt = fmt
        name = FORMATS[fmt][0]
        path = folder / name
        if fmt == "keras":
            self._model = keras.saving.load_model(path, safe_mode=True)
        elif fmt == "saved_model":
            import tensorflow as tf

            self._model = tf.saved_model.load(str(path))
        elif fmt == "onnx":
            import onnxruntime as ort

            self._session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
            self._input = self._session.get_inputs()[0].name
        else:
            self._interpreter = _interpreter(path)
            self._interpreter.allocate_tensors()
            self._in = self._interpreter.get_input_details()[0]
            self._out = self._interpreter.get_output_details()[0]

    def predict(self, x: np.ndarray) -> np.ndarray:
        if self.fmt == "keras":
            out = self._model.predict(x, verbose=0)
        elif self.fmt == "saved_model":
            out = self._model.serve(x).numpy()
        elif self.fmt == "onnx":
            out = self._session.run(None, {self._input: x})[0]
        else:
            rows = []
            for image in x:
                self._interpreter.set_tensor(self._in["index"], image[None])
                self._interpreter.invoke()
                raw = self._interpreter.get_tensor(self._out["index"])[0]
                scale, zero = self._out["quantization"]
                rows.append((raw.astype(np.float32) - zero) * scale if scale else raw)
            out = np.stack(rows)
        out = np.asarray(out, dtype=np.float64)
        return np.concatenate([1.0 - out, out], axis=-1) if out.shape[-1] == 1 else out


def _interpreter(path: Path) -> Any:
    try:
        from ai_edge_litert.interpreter import Interpreter
    except ImportError:  # the LiteRT runtime is optional beside TensorFlow's own
        import tensorflow as tf

        Interpreter = tf.lite.Interpreter
    return Interpreter(model_path=str(path))


def self_test(folder: str | os.PathLike, fmt: str, files: list[str],
              reference: np.ndarray, arrays: np.ndarray | None = None) -> dict[str, Any]:
    """Load the export in ``folder`` in its runtime and compare its predictions of
    ``files`` (preprocessed as its README says; or ``arrays`` given directly) with
    FitGen's ``reference`` probabilities."""
    folder = Path(folder)
    spec = Preprocessing.read(folder / "preprocessing.json")
    runtime = _Runtime(fmt, folder)
    if arrays is None:
        arrays = np.stack([pillow_preprocess(f, spec, spec.dtype) for f in files])
    else:
        arrays = arrays.astype(spec.dtype)
    got = np.concatenate([runtime.predict(arrays[i:i + 32])
                          for i in range(0, len(arrays), 32)])
    same = got.argmax(axis=1) == reference.argmax(axis=1)
    top_two = np.sort(reference, axis=1)[:, -2:] if reference.shape[1] > 1 else None
    margin = (np.full(len(reference), np.inf) if top_two is None
              else top_two[:, 1] - top_two[:, 0])
    decided = margin >= NEAR_TIE.get(fmt, 0.0)
    if not decided.any():  # every image a near tie: count them all
        decided[:] = True
    return {"images": len(arrays), "agreement": float(np.mean(same[decided])),
            "near_ties": int(np.sum(~decided)),
            "near_ties_flipped": int(np.sum(~decided & ~same)),
            "max_probability_difference": float(np.abs(got - reference).max())}


# -- the export ---------------------------------------------------------------------------


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def _normalization_as_constants(layers: list) -> None:
    """Keras's Normalization keeps its mean and variance as eager tensors, which tf2onnx
    turns into extra model inputs (EfficientNet's ONNX file then wants three inputs). As
    NumPy arrays they become constants of the traced graph, in every format."""
    for layer in layers:
        if isinstance(layer, keras.layers.Normalization) and layer.mean is not None:
            layer.mean = np.asarray(keras.ops.convert_to_numpy(layer.mean))
            layer.variance = np.asarray(keras.ops.convert_to_numpy(layer.variance))
        inner = getattr(layer, "layers", None)
        if inner:
            _normalization_as_constants(inner)


def _write_artifact(model: keras.Model, fmt: str, path: Path,
                    calibration: Callable[[], Any] | None) -> None:
    logging.getLogger("tf2onnx").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        # Keras's tf2onnx shim probes np.object, which NumPy 2 answers with a FutureWarning.
        warnings.simplefilter("ignore", FutureWarning)
        _convert(model, fmt, path, calibration)


def _convert(model: keras.Model, fmt: str, path: Path,
             calibration: Callable[[], Any] | None) -> None:
    if fmt == "keras":
        model.save(path)
    elif fmt == "saved_model":
        model.export(str(path), format="tf_saved_model", verbose=False)
    elif fmt == "onnx":
        model.export(str(path), format="onnx", verbose=False)
    elif fmt == "tflite":
        model.export(str(path), format="litert", verbose=False)
    else:
        import tensorflow as tf

        model.export(str(path), format="litert", verbose=False,
                     optimizations=[tf.lite.Optimize.DEFAULT],
                     representative_dataset=calibration,
                     target_spec={"supported_ops": [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]},
                     inference_input_type=tf.uint8, inference_output_type=tf.uint8)


def prepare_destination(out: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """The export folder, made; an existing non-empty folder is never written silently."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise UserError(f"Folder '{out}' exists and is not empty; choose another folder "
                            "(or allow overwriting it).")
        shutil.rmtree(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".fitgen-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UserError(f"Cannot write to '{out}': {exc.strerror or exc}. Choose a folder you "
                        "can write to.") from None
    return out


def export_model(source: ModelSource, formats: list[str], out: str | os.PathLike, *,
                 parity_files: list[str], calibration_files: list[str],
                 parity_arrays: tuple[np.ndarray, np.ndarray] | None = None,
                 overwrite: bool = False,
                 progress: Callable[[str], None] | None = None) -> list[FormatResult]:
    """Write each format to ``out/<format>/`` with ``labels.txt``, ``preprocessing.json``
    and a README, then self-test it; ``out/export-report.json`` gathers the results.

    ``parity_files`` are the validation images of the self-test (up to 200 used);
    ``calibration_files`` the training images of the int8 calibration. For a run whose
    data is a Python data file, ``parity_arrays`` (images, FitGen's probabilities) stand
    in for the files. A format whose converter fails is reported with its error, and the
    others are still written.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UserError(f"Unknown export format(s) {', '.join(unknown)}; choose from "
                        f"{', '.join(FORMATS)}.")
    out = prepare_destination(out, overwrite=overwrite)
    say = progress or (lambda text: None)
    model = serving_model(source)
    _normalization_as_constants(model.layers)
    spec = source.preprocessing
    # Keras's ONNX export refuses a model that "has never been called".
    model(np.zeros((1, *model.input_shape[1:]), np.float32), training=False)
    files = parity_files[:PARITY_IMAGES]
    if parity_arrays is None:
        say(f"FitGen predicts {len(files)} validation images its own way")
        rows = predict_files(source, files)
        kept = [(f, p) for f, p, _ in rows if p is not None]
        files = [f for f, _ in kept]
        reference = np.stack([p for _, p in kept]) if kept else np.zeros((0, 0))
    else:
        reference = parity_arrays[1]
    calibration = None
    if "tflite-int8" in formats:
        images = [pillow_preprocess(f, spec) for f in calibration_files[:CALIBRATION_IMAGES]]

        def calibration() -> Any:
            for image in images:
                yield [image[None].astype(np.float32)]

    results = []
    for fmt in formats:
        folder = out / fmt
        folder.mkdir()
        result = FormatResult(fmt, str(folder), required_agreement=AGREEMENT.get(fmt, 0.99))
        began = time.perf_counter()
        say(f"Exporting {FORMATS[fmt][1]}")
        try:
            _write_artifact(model, fmt, folder / FORMATS[fmt][0], calibration)
        except Exception as exc:  # noqa: BLE001 - named in the report; the others go on
            first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
            result.error = f"the converter failed: {type(exc).__name__}: {first}"
            results.append(result)
            continue
        result.seconds = round(time.perf_counter() - began, 2)
        result.size_bytes = _size(folder / FORMATS[fmt][0])
        folder_spec = Preprocessing(**{**asdict(spec), "dtype": "uint8" if fmt == "tflite-int8"
                                       else "float32"})
        folder_spec.write(folder / "preprocessing.json")
        write_atomic(folder / "labels.txt", "".join(f"{n}\n" for n in source.class_names))
        say(f"Self-testing {FORMATS[fmt][1]} on {len(reference)} images")
        try:
            if len(reference):
                arrays = parity_arrays[0] if parity_arrays is not None else None
                test = self_test(folder, fmt, files, reference, arrays)
                result.images = test["images"]
                result.agreement = test["agreement"]
                result.max_probability_difference = test["max_probability_difference"]
                result.near_ties = test["near_ties"]
                result.ok = result.agreement >= result.required_agreement
                if result.near_ties:
                    result.notes.append(
                        f"{result.near_ties} of {result.images} images are near ties for "
                        f"FitGen itself (its top two within {NEAR_TIE[fmt]:.2f}) and are not "
                        f"counted; {test['near_ties_flipped']} of them changed class.")
                if not result.ok:
                    result.error = (f"only {result.agreement:.1%} of {result.counted} images "
                                    f"agree with FitGen (at least {result.required_agreement:.0%}"
                                    " are needed)")
            else:
                result.notes.append("No validation images to self-test on.")
                result.ok = True
        except Exception as exc:  # noqa: BLE001 - the self-test's failure is the result
            result.error = f"the self-test failed: {type(exc).__name__}: {exc}"
        if spec.fast_resize:
            result.notes.append("The run read images with OpenCV (fast reading): its pixels "
                                "differ a little from the Pillow resize this export declares.")
        _write_readme(folder, fmt, source, folder_spec, result)
        write_atomic(folder / "export-report.json", json.dumps(asdict(result), indent=2))
        results.append(result)
    report = {"model": source.describe(), "source": source.path, "formats":
              [asdict(r) for r in results], "all_ok": all(r.ok for r in results)}
    write_atomic(out / "export-report.json", json.dumps(report, indent=2))
    return results


def _write_readme(folder: Path, fmt: str, source: ModelSource, spec: Preprocessing,
                  result: FormatResult) -> None:
    imports, load, predict = _RUNTIME[fmt]
    agreement = "—" if result.agreement is None else f"{result.agreement:.1%}"
    text = _README.format(
        title=FORMATS[fmt][1], model=source.describe(), channels=spec.channels,
        height=spec.input_size[0], width=spec.input_size[1], dtype=spec.dtype,
        resize=spec.resize, agreement=agreement, images=result.counted,
        imports=imports, load=load, predict=predict)
    if result.near_ties:
        text += "\n" + " ".join(n for n in result.notes if "near ties" in n) + "\n"
    if spec.keep_aspect_ratio:
        text += ("\nThis model's images were centre-cropped to its aspect ratio before "
                 "resizing (`keep_aspect_ratio` in preprocessing.json): crop first.\n")
    write_atomic(folder / "README.md", text)
