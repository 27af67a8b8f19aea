"""Evaluating a trained model: how good it is per class, and which images it gets wrong.

``evaluate(source, data)`` predicts every image of the run's validation data, its training
data, another folder with the same classes, or a data file's ``val_data``, and returns an
:class:`Evaluation`: accuracy, the confusion matrix (rows true, columns predicted), per
class precision/recall/F1/support, the most confused pairs, a sentence in plain words, and
each prediction (file, true and predicted class, probabilities) for the galleries.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fitgen_gui.core.errors import UserError
from fitgen_gui.core.predictions import Prediction
from fitgen_gui.core.run_dir import write_atomic
from fitgen_gui.data.folder_scan import walk_class_tree
from fitgen_gui.data.image_io import IMAGE_EXTENSIONS, ImageReadError
from fitgen_gui.data.preprocessing import load_for_model
from fitgen_gui.training.model_source import ModelSource

__all__ = ["Evaluation", "Prediction", "evaluate", "predict_files"]

ONE_CLASS_SHARE = 0.9  # a model answering one class this often is worth a warning


@dataclass
class Evaluation:
    """The outcome of an evaluation (see the module docstring)."""

    classes: list[str]
    confusion_matrix: list[list[int]]
    accuracy: float
    per_class: dict[str, dict[str, float]]
    predictions: list[Prediction]
    data: str
    model: str
    epoch: int | None = None
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    sentence: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "classes": self.classes,
            "confusion_matrix": self.confusion_matrix,
            "accuracy": self.accuracy,
            "per_class": self.per_class,
            "predictions": [{"file": p.file, "true": p.true, "predicted": p.predicted,
                             "probabilities": [round(v, 6) for v in p.probabilities]}
                            for p in self.predictions],
            "data": self.data, "model": self.model, "epoch": self.epoch,
            "sentence": self.sentence, "warnings": self.warnings,
            "most_confused": [{"true": t, "predicted": p, "count": n, "of": of}
                              for t, p, n, of in self.most_confused()],
            "unreadable": [{"file": f, "error": e} for f, e in self.unreadable],
        }

    def cell(self, true: str, predicted: str) -> list[Prediction]:
        """The predictions of one confusion-matrix cell, surest first."""
        found = [p for p in self.predictions if p.true == true and p.predicted == predicted]
        return sorted(found, key=lambda p: -p.confidence)

    def most_confused(self, n: int = 5) -> list[tuple[str, str, int, int]]:
        """``(true, predicted, count, images of the true class)``, largest counts first."""
        pairs = []
        for i, true in enumerate(self.classes):
            support = sum(self.confusion_matrix[i])
            for j, predicted in enumerate(self.classes):
                count = self.confusion_matrix[i][j]
                if i != j and count:
                    pairs.append((true, predicted, count, support))
        return sorted(pairs, key=lambda item: (-item[2], item[0]))[:n]

    def confident_mistakes(self, n: int = 24) -> list[Prediction]:
        wrong = [p for p in self.predictions if p.true is not None and not p.correct]
        return sorted(wrong, key=lambda p: -p.confidence)[:n]

    def least_sure(self, n: int = 24) -> list[Prediction]:
        return sorted(self.predictions, key=lambda p: p.margin)[:n]

    def write(self, path: str | os.PathLike) -> Path:
        write_atomic(path, json.dumps(self.to_dict(), indent=1))
        return Path(path)


def _load_batch(files: list[str], source: ModelSource, pool: ThreadPoolExecutor
                ) -> tuple[list[int], list[np.ndarray], list[tuple[int, str]]]:
    def load(path: str) -> np.ndarray | ImageReadError:
        try:
            return load_for_model(path, source.preprocessing)
        except ImageReadError as exc:
            return exc

    good, images, bad = [], [], []
    for i, result in enumerate(pool.map(load, files)):
        if isinstance(result, ImageReadError):
            bad.append((i, result.reason))
        else:
            good.append(i)
            images.append(result)
    return good, images, bad


def predict_files(source: ModelSource, files: list[str], *, batch_size: int = 32,
                  progress: Callable[[int, int], None] | None = None,
                  stop: Callable[[], bool] | None = None,
                  ) -> list[tuple[str, np.ndarray | None, str]]:
    """``(file, probabilities, error)`` for each file, in order: an unreadable file gets
    ``None`` and the reason, and the others go on."""
    out: list[tuple[str, np.ndarray | None, str]] = []
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(workers, thread_name_prefix="fitgen-predict") as pool:
        for start in range(0, len(files), batch_size):
            if stop is not None and stop():
                break
            chunk = files[start:start + batch_size]
            good, images, bad = _load_batch(chunk, source, pool)
            results: list[tuple[str, np.ndarray | None, str]] = [
                (path, None, "") for path in chunk]
            if images:
                probabilities = source.probabilities(source.normalize(np.stack(images)))
                for i, row in zip(good, probabilities, strict=True):
                    results[i] = (chunk[i], row, "")
            for i, reason in bad:
                results[i] = (chunk[i], None, reason)
            out.extend(results)
            if progress is not None:
                progress(len(out), len(files))
    return out


def image_files(paths: Iterable[str | os.PathLike]) -> list[str]:
    """The image files of ``paths`` (files, and folders searched recursively), sorted."""
    found: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(str(p) for p in path.rglob("*") if p.suffix.lower()
                            in IMAGE_EXTENSIONS and not p.name.startswith("."))
        else:
            found.append(str(path))
    return found


def _labelled_files(source: ModelSource, data: str) -> tuple[str, list[tuple[str, str]]]:
    """The data's name and its ``(file, true class)`` pairs."""
    config = source.config
    classes = source.class_names
    if data in ("val", "validation", "train", "training"):
        if config is None:
            raise UserError("A model file has no validation or training data of its own: "
                            "give a folder to evaluate on (--data FOLDER).")
        if config.data.source == "python":
            raise _DataFileData
        training = data.startswith("train")
        folder = config.data.train_dir if training or not config.data.val_dir else (
            config.data.val_dir)
        split = config.data.validation_split
        if not training and not config.data.val_dir and not split:
            raise UserError(f"Run '{source.run.name if source.run else ''}' has no validation "
                            "data; evaluate on its training data (--data train) or a folder.")
        tree = walk_class_tree(folder, classes, follow_links=config.data.follow_links,
                               missing_ok=True)
        pairs = [(os.path.join(folder, f), classes[c])
                 for f, c in zip(tree.filenames, tree.classes, strict=True)]
        if split:  # Keras 2's rule, per class: the first int(split * n) files validate
            kept = []
            for name in classes:
                own = [p for p in pairs if p[1] == name]
                cut = int(split * len(own))
                kept += own[cut:] if training else own[:cut]
            pairs = kept
        label = "training" if training else "validation"
        return label, pairs
    folder = Path(data)
    if not folder.is_dir():
        raise UserError(f"'{data}' is not a folder: give 'val', 'train', or a folder with one "
                        "sub-folder per class.")
    tree = walk_class_tree(folder, follow_links=False)
    unknown = [name for name in tree.class_names if name not in classes
               and tree.counts()[name]]
    if unknown:
        raise UserError(f"Folder '{folder}' has classes the model does not know: "
                        f"{', '.join(unknown)}. The model's classes are "
                        f"{', '.join(classes)}; evaluate on a folder with those sub-folders.")
    pairs = [(os.path.join(folder, f), tree.class_names[c])
             for f, c in zip(tree.filenames, tree.classes, strict=True)]
    return f"folder {folder}", pairs


class _DataFileData(Exception):
    """The run's data is a Python data file: its val_data batches are evaluated instead."""


def _target_indices(y: Any, class_mode: str) -> np.ndarray:
    y = np.asarray(y)
    if class_mode == "categorical" and y.ndim == 2:
        return y.argmax(axis=1)
    return np.rint(y.reshape(len(y), -1)[:, 0]).astype(int)


def _data_file_batches(source: ModelSource, trusted: bool, data: str
                       ) -> tuple[str, list[Prediction]]:
    """Predictions of a data file's ``val_data`` (or ``train_data``) batches, as training
    saw them (no files: each image is named by its batch and position)."""
    from fitgen_gui.data.batch_streams import is_sequence, sequence_length
    from fitgen_gui.data.user_data import load_user_data

    config = source.config
    assert config is not None
    if not trusted:
        raise UserError(f"The run's data comes from running '{config.data.generator_file}'; "
                        "FitGen runs it only when asked: pass --trust-data-file.")
    user = load_user_data(config.data.generator_file)
    training = data.startswith("train")
    batches = user.train(config.data.batch_size) if training else (
        user.validation(config.data.batch_size))
    if batches is None:
        raise UserError(f"The data file '{config.data.generator_file}' defines no val_data.")
    steps = (config.training.steps_per_epoch if training else config.training.validation_steps)
    if is_sequence(batches):
        steps = steps or sequence_length(batches)
        stream = (batches[i] for i in range(steps))
    else:
        if not steps:
            raise UserError("The data file's generator does not know its length: set the "
                            "run's validation (or training) steps.")
        iterator = iter(batches)
        stream = (next(iterator) for _ in range(steps))
    classes = source.class_names
    predictions = []
    for number, batch in enumerate(stream, start=1):
        x, y = batch[0], batch[1]
        probabilities = source.probabilities(source.normalize(np.asarray(x)))
        for i, (row, true) in enumerate(zip(probabilities, _target_indices(
                y, config.data.class_mode), strict=True)):
            index = int(np.argmax(row))
            predictions.append(Prediction(f"batch {number} #{i + 1}", classes[int(true)],
                                          classes[index], [float(v) for v in row], classes))
    return ("training" if training else "validation"), predictions


def _metrics(classes: list[str], truths: list[int], predicted: list[int]
             ) -> tuple[list[list[int]], dict[str, dict[str, float]], float]:
    k = len(classes)
    matrix = np.zeros((k, k), dtype=int)
    for t, p in zip(truths, predicted, strict=True):
        matrix[t, p] += 1
    per_class = {}
    for i, name in enumerate(classes):
        tp = int(matrix[i, i])
        support = int(matrix[i].sum())
        predicted_as = int(matrix[:, i].sum())
        precision = tp / predicted_as if predicted_as else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[name] = {"precision": precision, "recall": recall, "f1": f1,
                           "support": support}
    total = int(matrix.sum())
    accuracy = float(np.trace(matrix) / total) if total else float("nan")
    return matrix.tolist(), per_class, accuracy


def _sentence(evaluation: Evaluation) -> tuple[str, list[str]]:
    matrix = np.asarray(evaluation.confusion_matrix)
    total, right = int(matrix.sum()), int(np.trace(matrix))
    data = evaluation.data.split(" ")[0] if evaluation.data.startswith("folder") else (
        evaluation.data)
    text = f"{right} of {total} {data} images right"
    confused = evaluation.most_confused(1)
    if confused:
        true, predicted, count, of = confused[0]
        text += f"; {true} are often taken for {predicted}: {count} of {of}"
    warnings = []
    predicted_counts = matrix.sum(axis=0)
    if total and predicted_counts.max() >= ONE_CLASS_SHARE * total and len(
            evaluation.classes) > 1:
        name = evaluation.classes[int(predicted_counts.argmax())]
        share = predicted_counts.max() / total
        true_share = matrix.sum(axis=1)[int(predicted_counts.argmax())] / total
        if true_share < ONE_CLASS_SHARE:
            warnings.append(f"The model answers {name} for {share:.0%} of the images, though "
                            f"only {true_share:.0%} are {name}: it has not learned to tell the "
                            "classes apart. Train longer, balance the classes (class weights), "
                            "or check the labels.")
    return text + ".", warnings


def evaluate(source: ModelSource, data: str = "val", *,
             progress: Callable[[int, int], None] | None = None,
             stop: Callable[[], bool] | None = None, batch_size: int = 32,
             data_file_trusted: bool = False) -> Evaluation:
    """Evaluate ``source`` on ``data``: ``"val"``, ``"train"`` or a folder of class
    sub-folders with (some of) the model's classes. A run whose data is a Python data file
    is evaluated on its ``val_data`` (``train_data``) batches, when trusted."""
    classes = source.class_names
    unreadable: list[tuple[str, str]] = []
    try:
        label, pairs = _labelled_files(source, data)
    except _DataFileData:
        label, predictions = _data_file_batches(source, data_file_trusted, data)
    else:
        if not pairs:
            raise UserError(f"The {label} data has no images to evaluate on.")
        rows = predict_files(source, [f for f, _ in pairs], batch_size=batch_size,
                             progress=progress, stop=stop)
        predictions = []
        for (file, true), (_, probabilities, error) in zip(pairs, rows, strict=False):
            if probabilities is None:
                unreadable.append((file, error))
                continue
            index = int(np.argmax(probabilities))
            predictions.append(Prediction(file, true, classes[index],
                                          [float(v) for v in probabilities], classes))
    truths = [classes.index(p.true) for p in predictions]
    predicted = [classes.index(p.predicted) for p in predictions]
    matrix, per_class, accuracy = _metrics(classes, truths, predicted)
    evaluation = Evaluation(classes, matrix, accuracy, per_class, predictions, label,
                            source.describe(), source.epoch, unreadable)
    evaluation.sentence, evaluation.warnings = _sentence(evaluation)
    if unreadable:
        evaluation.warnings.append(f"{len(unreadable)} image(s) could not be read and are not "
                                   "counted (see 'unreadable').")
    return evaluation


def evaluation_path(run_dir: str | os.PathLike, epoch: int | None) -> Path:
    """``RUN/evaluation.json`` or, for a checkpoint, ``RUN/evaluation-epoch-NNNN.json``."""
    name = "evaluation.json" if epoch is None else f"evaluation-epoch-{epoch:04d}.json"
    return Path(run_dir) / name


def nan_to_none(value: float) -> float | None:
    return None if isinstance(value, float) and math.isnan(value) else value
