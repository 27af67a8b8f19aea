"""Which images an export's self-test and int8 calibration use."""

from __future__ import annotations

import numpy as np

from fitgen_gui.core.errors import UserError
from fitgen_gui.training.evaluation import _data_file_batches, _DataFileData, _labelled_files
from fitgen_gui.training.model_source import ModelSource
from fitgen_gui.training.tf_export import CALIBRATION_IMAGES, PARITY_IMAGES

__all__ = ["export_files"]


def _spread(files: list[str], count: int, seed: int) -> list[str]:
    """``count`` files drawn evenly (seeded), so every class is in the sample."""
    if len(files) <= count:
        return files
    picks = np.sort(np.random.default_rng(seed).choice(len(files), count, replace=False))
    return [files[i] for i in picks]


def export_files(source: ModelSource, *, trusted: bool = False
                 ) -> tuple[list[str], list[str], tuple[np.ndarray, np.ndarray] | None]:
    """``(self-test files, calibration files, arrays)``: validation images for the
    self-test (training images when there is no validation data), training images for int8
    calibration; for a data-file run, its validation batches as arrays instead of files."""
    if source.config is None:
        return [], [], None
    try:
        try:
            _, val = _labelled_files(source, "val")
        except UserError:
            val = []
        _, train = _labelled_files(source, "train")
    except _DataFileData:
        arrays = _data_file_arrays(source, trusted)
        return [], [], arrays
    parity = _spread([f for f, _ in (val or train)], PARITY_IMAGES, 1)
    calibration = _spread([f for f, _ in train], CALIBRATION_IMAGES, 2)
    return parity, calibration, None


def _data_file_arrays(source: ModelSource, trusted: bool) -> tuple[np.ndarray, np.ndarray]:
    """A data file's validation images and FitGen's probabilities of them."""
    from fitgen_gui.data.user_data import load_user_data

    config = source.config
    if not trusted:
        raise UserError(f"The run's data comes from running '{config.data.generator_file}'; "
                        "the self-test needs its images: pass --trust-data-file.")
    user = load_user_data(config.data.generator_file)
    batches = user.validation(config.data.batch_size) or user.train(config.data.batch_size)
    images, seen = [], 0
    iterator = iter(batches) if not hasattr(batches, "__getitem__") else (
        batches[i] for i in range(len(batches)))
    for batch in iterator:
        images.append(np.asarray(batch[0]))
        seen += len(batch[0])
        if seen >= PARITY_IMAGES:
            break
    x = np.concatenate(images)[:PARITY_IMAGES]
    _ = _data_file_batches  # the evaluation reads the same batches
    return x, source.probabilities(source.normalize(x))
