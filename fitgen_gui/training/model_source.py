"""A trained model with what it needs to be used: classes, preprocessing, normalization.

From a run folder (its ``model.keras`` or the checkpoint of any kept epoch) or from a model
file (a ``.keras`` of FitGen, with ``labels.txt`` and ``preprocessing.json`` beside it as an
export writes them, or inside a run folder). Every caller (evaluate, predict, export, the
app) gets the same thing, so they all feed the model the same way.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import CheckpointError, UserError
from fitgen_gui.core.run_dir import CONFIG, MODEL, NORMALIZATION, RunDir
from fitgen_gui.data.image_data_generator import ImageDataGenerator
from fitgen_gui.data.preprocessing import Preprocessing

__all__ = ["ModelSource", "open_model"]

_NORMALIZATION = ("rescale", "featurewise_center", "featurewise_std_normalization",
                  "samplewise_center", "samplewise_std_normalization", "zca_whitening",
                  "zca_epsilon")


@dataclass
class ModelSource:
    """A model and how to feed it.

    Attributes
    ----------
    normalizer
        An ``ImageDataGenerator`` holding the run's normalization (rescale, featurewise
        statistics...) applied after loading, as in training; None when there is none.
    """

    model: keras.Model
    class_names: list[str]
    preprocessing: Preprocessing
    path: str
    config: RunConfig | None = None
    run: RunDir | None = None
    epoch: int | None = None
    normalizer: ImageDataGenerator | None = None

    @property
    def binary(self) -> bool:
        return self.model.output_shape[-1] == 1

    def normalize(self, batch: np.ndarray) -> np.ndarray:
        """uint8 images (N, H, W, C) to the model's input (float32), as training fed it."""
        x = batch.astype(np.float32)
        if self.normalizer is not None:
            x = self.normalizer.standardize_batch(x)
        return x

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities (N, classes) of normalized inputs."""
        # The compiled predict function: 1.3x (small CNN) to 3x (MobileNetV3) an eager call.
        # Batches are padded to a power of two: a handful of shapes, so it is not traced
        # again for every odd batch size (a last batch, a few dropped images).
        count = len(x)
        size = 1 << max(0, count - 1).bit_length()
        if size != count:
            x = np.concatenate([x, np.zeros((size - count, *x.shape[1:]), x.dtype)])
        out = np.asarray(self.model.predict_on_batch(x))[:count]
        if out.shape[-1] == 1:  # binary: the probability of class 1
            out = np.concatenate([1.0 - out, out], axis=-1)
        return out.astype(np.float64)

    def describe(self) -> str:
        where = f"epoch {self.epoch}" if self.epoch else Path(self.path).name
        return f"{self.model.name} ({where}, {len(self.class_names)} classes)"


def _normalizer(config: RunConfig, run: RunDir) -> ImageDataGenerator | None:
    aug = config.augmentation
    options = {k: getattr(aug, k) for k in _NORMALIZATION}
    if not any(options[k] for k in _NORMALIZATION if k != "zca_epsilon"):
        return None
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # Keras 2's "implies" notes
        generator = ImageDataGenerator(**options)
    stats = run.file(NORMALIZATION)
    if stats.exists():
        with np.load(stats) as saved:
            arrays = {name: saved[name] for name in saved.files}
        generator.mean = arrays.get("mean")
        generator.std = arrays.get("std")
        generator.zca_whitening_matrix = arrays.get("zca_whitening_matrix")
    return generator


def _load(path: str | Path) -> keras.Model:
    try:
        return keras.saving.load_model(path, safe_mode=True)
    except Exception as exc:  # any failure: not a usable model file (re-raised)
        first = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise CheckpointError(f"'{path}' cannot be loaded as a Keras model "
                              f"({type(exc).__name__}: {first}).") from exc


def _from_run(run: RunDir, epoch: int | None) -> ModelSource:
    config = RunConfig.from_json(run.read_config_text())
    if epoch is None:
        path = run.file(MODEL)
        if not path.exists():
            latest = run.checkpoint(partial=False)
            if latest is None:
                raise CheckpointError(
                    f"Run '{run.name}' has no model yet: it has neither model.keras nor a "
                    "checkpoint of a whole epoch. Train or resume it first.")
            path, epoch = Path(latest.path), latest.epoch
        else:
            epoch = run.read_state().get("model_epoch")
    else:
        checkpoint = run.checkpoint(epoch, partial=False)
        if checkpoint is None:
            have = ", ".join(str(c.epoch) for c in run.checkpoints() if not c.partial)
            raise CheckpointError(f"Run '{run.name}' has no checkpoint of epoch {epoch} "
                                  f"(kept: {have or 'none'}).")
        path = Path(checkpoint.path)
    names = run.class_names()
    model = _load(path)
    if not names:
        raise UserError(f"Run '{run.name}' does not say its classes (no labels.txt).")
    return ModelSource(model, names, Preprocessing.from_config(config), str(path), config,
                       run, epoch, _normalizer(config, run))


def _from_file(path: Path) -> ModelSource:
    folder = path.parent
    if (folder / CONFIG).exists():  # a model.keras or checkpoint inside a run folder
        run = RunDir(folder if path.name == MODEL else folder.parent)
        source = _from_run(run, None)
        source.model, source.path = _load(path), str(path)
        return source
    labels, spec = folder / "labels.txt", folder / "preprocessing.json"
    if not labels.exists() or not spec.exists():
        raise UserError(f"'{path}' has no labels.txt and preprocessing.json beside it: give "
                        "a run folder, or the .keras file of a FitGen export folder.")
    names = [line for line in labels.read_text(encoding="utf-8").splitlines() if line]
    return ModelSource(_load(path), names, Preprocessing.read(spec), str(path))


def open_model(run_or_file: str | os.PathLike, epoch: int | None = None) -> ModelSource:
    """The model of a run folder (``epoch``: a kept checkpoint's) or of a model file."""
    path = Path(run_or_file)
    if path.is_dir():
        if not (path / CONFIG).exists():
            keras_files = sorted(path.glob("*.keras"))
            if len(keras_files) == 1:  # an export folder
                return _from_file(keras_files[0])
            raise UserError(f"'{path}' is neither a FitGen run folder nor an export folder.")
        return _from_run(RunDir(path), epoch)
    if not path.exists():
        raise UserError(f"'{path}' does not exist: give a run folder or a .keras model file.")
    if path.suffix != ".keras":
        raise UserError(f"'{path}' is not a .keras model file.")
    return _from_file(path)


def config_json(source: ModelSource) -> dict[str, Any]:
    return json.loads(source.config.to_json()) if source.config else {}
