"""The images a comparison found changed, as predictions a gallery can show.

:func:`fitgen_gui.core.run_compare.image_changes` names the validation images that one run
gets right and the first got wrong (and the reverse) by their path inside the validation
folder. To show them as thumbnails, the app needs more than that name: the file where it is
now, its true class, what the first run answered and what the other answers (with its
probabilities, for the detail). All of it is in the two runs' ``evaluation.json``; reading
them loads no model.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fitgen_gui.core.predictions import Prediction
from fitgen_gui.core.run_compare import EVALUATION, _image_key
from fitgen_gui.core.run_dir import RunDir

__all__ = ["ChangedImage", "changed_images"]


@dataclass
class ChangedImage(Prediction):
    """An image whose answer changed: the other run's prediction (``predicted``,
    ``probabilities``), the first run's answer (``before``) and the other run's name."""

    before: str = ""
    run: str = ""


def _evaluated(run_path: str | os.PathLike) -> dict[str, Prediction]:
    """The run's evaluated images by their path inside its data folder (empty when the run
    has no readable ``evaluation.json``)."""
    run = RunDir(run_path)
    try:
        config = json.loads(run.read_config_text())
        evaluation = json.loads((run.path / EVALUATION).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(evaluation, dict) or not isinstance(config, dict):
        return {}
    data: dict[str, Any] = config.get("data") if isinstance(config.get("data"), dict) else {}
    folders = [str(data.get("val_dir") or ""), str(data.get("train_dir") or "")]
    classes = [str(c) for c in evaluation.get("classes") or []]
    found = {}
    for item in evaluation.get("predictions") or []:
        if not (isinstance(item, dict) and "file" in item):
            continue
        predicted = str(item.get("predicted", ""))
        probabilities = [float(v) for v in item.get("probabilities") or []]
        if not probabilities:  # an older or hand-made file: sure of its answer
            probabilities = [float(c == predicted) for c in classes] or [1.0]
        found[_image_key(str(item["file"]), folders)] = Prediction(
            str(item["file"]), item.get("true"), predicted, probabilities, classes)
    return found


def changed_images(first_path: str | os.PathLike, other_path: str | os.PathLike,
                   images: list[str], run: str = "") -> list[ChangedImage]:
    """``images`` (paths inside the validation folder, as ``ImageChanges`` lists them) as
    the other run predicted them, with the first run's answer; in the order given. An
    image either run no longer lists is left out."""
    before, after = _evaluated(first_path), _evaluated(other_path)
    out = []
    for image in images:
        old, new = before.get(image), after.get(image)
        if old is None or new is None:
            continue
        file = new.file if os.path.exists(new.file) or not os.path.exists(old.file) else old.file
        out.append(ChangedImage(file, new.true, new.predicted, new.probabilities,
                                new.classes, before=old.predicted,
                                run=run or Path(other_path).name))
    return out
