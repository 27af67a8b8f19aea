"""Predicting new images: a table of file, predicted class, confidence and every class's
probability, as a CSV (``fitgen predict``) or for the app's Predict view."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from fitgen_gui.core.predictions import PredictedFile, to_csv
from fitgen_gui.training.evaluation import image_files, predict_files
from fitgen_gui.training.model_source import ModelSource

__all__ = ["PredictedFile", "predict_paths", "to_csv"]


def predict_paths(source: ModelSource, paths: Iterable[str | os.PathLike], *,
                  progress: Callable[[int, int], None] | None = None,
                  stop: Callable[[], bool] | None = None) -> list[PredictedFile]:
    """Predict image files and folders (searched recursively)."""
    files = image_files(paths)
    return [PredictedFile(file, None if row is None else [float(v) for v in row], error)
            for file, row, error in predict_files(source, files, progress=progress,
                                                  stop=stop)]
