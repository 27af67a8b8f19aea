"""What the R package ``fitgen`` (``r/fitgen/``) calls through reticulate.

R users of Keras 2 wrote ``model %>% fit_generator(flow_images_from_directory(...), ...)``
and passed R functions as generators. The R package keeps those functions; this module is
the small Python side they need, so the R code stays a thin layer of argument checks and
conversions:

- R values arrive as reticulate makes them (an R list is a Python list, a named list a
  dict, an R array a NumPy array in Fortran order, a length-1 vector a scalar). Batches of
  an R function become tuples of arrays; names of R settings become FitGen's dotted ones.
- R runs on one thread. An R function (a generator, a ``preprocessing_function``) must be
  called on the thread that runs R, or the process deadlocks: data that involve one are
  read on the training thread (``workers=0``); console text written on another thread
  waits for the training thread.
- Results come back as plain dicts and lists that reticulate turns into R lists, and every
  call returns the Python warnings it raised (``{"value": ..., "warnings": [...]}``), so R
  can give them as R warnings. Errors reach R with :func:`describe_error`'s sentence.

Everything here runs FitGen's own engine (``generator_training``, ``runner``,
``evaluation``, ``prediction``, ``tf_export``); nothing is reimplemented.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from fitgen_gui.core.config import ConfigError, Problem, RunConfig
from fitgen_gui.core.errors import UserError

__all__ = [
    "RFunction",
    "RFunctionBatches",
    "RFunctionError",
    "batch_from_r",
    "class_weight_from_r",
    "config_from_r",
    "describe_error",
    "evaluate_generator",
    "fit_generator",
    "needs_main_thread",
    "predict_generator",
]

# The sections of a RunConfig, in the order a bare setting name is looked up in.
_SECTIONS = ("data", "augmentation", "model", "optimizer", "training", "callbacks")
# fitgen_train()'s short names (the CLI's options) for settings whose field is named
# differently or sits in an unexpected section.
_SHORT_NAMES = {
    "train_dir": "data.train_dir", "val_dir": "data.val_dir", "model": "model.architecture",
    "architecture": "model.architecture", "optimizer": "optimizer.name",
    "learning_rate": "optimizer.learning_rate", "lr": "optimizer.learning_rate",
    "data_file": "data.generator_file", "name": "name",
}
_QUIET_CATEGORIES = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


class RFunctionError(UserError, RuntimeError):
    """An R function that FitGen called (a generator, a preprocessing function) failed."""


# -- calls from R ------------------------------------------------------------------------


def _from_fitgen(message: warnings.WarningMessage) -> bool:
    return "fitgen_gui" in str(message.filename)


def _with_warnings(function: Callable[..., Any]) -> Callable[..., dict]:
    """``{"value": function(...), "warnings": [message, ...]}``, each warning once.

    Third-party deprecation notices (TensorFlow's, Keras's) are left out: an R user can do
    nothing about them. FitGen's own deprecations (Keras 1 names) are kept.
    """

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> dict:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = function(*args, **kwargs)
        texts: list[str] = []
        for message in caught:
            if issubclass(message.category, _QUIET_CATEGORIES) and not _from_fitgen(message):
                continue
            text = str(message.message)
            if text not in texts:
                texts.append(text)
        return {"value": to_r(value), "warnings": texts}

    return call


def describe_error(exc: BaseException) -> dict[str, Any]:
    """What R shows for a Python error: FitGen's sentence, without a traceback.

    A :class:`UserError` (and the ``ValueError``/``TypeError`` of a bad argument) is its
    message alone; anything else is prefixed with the exception's class name, which says
    it was not the user's doing.
    """
    text = str(exc).strip()
    user = isinstance(exc, UserError | ValueError | TypeError | KeyError | FileNotFoundError)
    if isinstance(exc, KeyError) and len(exc.args) == 1:
        text = str(exc.args[0])
    message = text if user and text else f"{type(exc).__name__}: {text}".rstrip(": ")
    fields = [p.field for p in exc.problems] if isinstance(exc, ConfigError) else []
    return {"message": message, "type": type(exc).__name__,
            "user_error": isinstance(exc, UserError), "fields": fields}


def import_engine() -> str:
    """Import Keras without TensorFlow's start-up noise; the backend's name."""
    from fitgen_gui.training.tf_startup import import_keras_quietly

    import_keras_quietly()
    import keras

    return str(keras.backend.backend())


# -- R values ------------------------------------------------------------------------------


# Arrays cross as raw bytes: {"fitgen_array": True, "dtype", "dim", "data"}, column-major
# as R keeps them. reticulate's own conversion uses NumPy's C API, and the reticulate of
# Debian 12 (1.28) was built for NumPy 1: with NumPy 2 it fails ("incompatible NumPy binary
# version"). Bytes convert without NumPy on either side, with any reticulate.
_R_TYPES = {"double": "<f8", "integer": "<i4", "logical": "<i4"}


def _is_r_array(value: Any) -> bool:
    return isinstance(value, dict) and value.get("fitgen_array") is True


def from_r(value: Any) -> Any:
    """R values with their arrays as NumPy arrays (C order), lists and dicts throughout."""
    if _is_r_array(value):
        kind = str(value["dtype"])
        dim = [int(d) for d in (value["dim"] if isinstance(value["dim"], list)
                                else [value["dim"]])]
        array = np.frombuffer(bytes(value["data"]), dtype=_R_TYPES[kind]).reshape(
            dim, order="F")
        array = np.ascontiguousarray(array)
        return array.astype(bool) if kind == "logical" else array
    if isinstance(value, dict):
        return {k: from_r(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(from_r(v) for v in value)
    return value


def to_r(value: Any) -> Any:
    """Python values for R: arrays as bytes (see above), NumPy scalars as numbers."""
    if isinstance(value, np.ndarray) or (hasattr(value, "__array__") and hasattr(
            value, "shape") and hasattr(value, "dtype")):
        array = np.asarray(value)
        kind = "integer" if np.issubdtype(array.dtype, np.integer) or array.dtype == bool \
            else "double"
        data = array.astype(_R_TYPES[kind]).tobytes(order="F")
        return {"fitgen_array": True, "dtype": kind, "dim": list(array.shape),
                "data": bytearray(data)}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {k: to_r(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_r(v) for v in value]
    return value


def _array(value: Any) -> Any:
    """An R value of a batch as NumPy: arrays C-ordered, lists/dicts element by element."""
    if _is_r_array(value):
        return from_r(value)
    if isinstance(value, dict):
        return {str(k): _array(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_array(v) for v in value]
    if value is None:
        return None
    array = np.asarray(value)
    if array.ndim == 0:
        array = array.reshape(1)  # an R vector of length 1: one sample
    return np.ascontiguousarray(array)


def batch_from_r(value: Any, role: str = "training") -> Any:
    """An R batch, ``list(inputs, targets)`` or ``list(inputs, targets, weights)``, as
    the tuple Keras reads; a bare array (inputs alone, for prediction) as that array."""
    if isinstance(value, list | tuple):
        if not 1 <= len(value) <= 3:
            raise ValueError(
                f"A {role} batch from R must be list(inputs, targets) or list(inputs, "
                f"targets, sample_weights); got a list of {len(value)} elements.")
        if len(value) == 1:  # list(inputs): R keras's prediction batch
            return _array(value[0])
        return tuple(_array(v) for v in value)
    return _array(value)


class RFunction:
    """An R function that image processing calls (``preprocessing_function``): marked, so
    that the data using it are read on R's thread, and its result given the input's type."""

    def __init__(self, function: Callable[[Any], Any], name: str = "preprocessing_function"):
        self.function = function
        self.name = name

    def __call__(self, x: np.ndarray) -> np.ndarray:
        try:
            out = self.function(to_r(x))
        except Exception as exc:  # noqa: BLE001 - the R error's text is the message
            raise RFunctionError(f"The R {self.name} failed: {_r_message(exc)}") from None
        out = np.asarray(from_r(out), dtype=x.dtype)
        if out.shape != x.shape:
            raise RFunctionError(f"The R {self.name} must return an image of the shape it "
                                 f"was given, {x.shape}; it returned {out.shape}.")
        return out


def _r_message(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class RFunctionBatches:
    """An R function returning ``list(inputs, targets[, weights])`` as a Python iterator,
    as R keras read one: each ``next()`` calls it once; ``NULL`` ends the data."""

    def __init__(self, function: Callable[[], Any], role: str = "training") -> None:
        self.function = function
        self.role = role
        self.calls = 0

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        self.calls += 1
        try:
            value = self.function()
        except Exception as exc:  # noqa: BLE001 - the R error's text is the message
            raise RFunctionError(f"The R {self.role} generator function failed at call "
                                 f"{self.calls}: {_r_message(exc)}") from None
        if value is None:
            raise StopIteration
        return batch_from_r(value, self.role)


def needs_main_thread(data: Any) -> bool:
    """Whether reading ``data`` calls R: an R generator function, or image data whose
    ``preprocessing_function`` is an R function."""
    if isinstance(data, RFunctionBatches):
        return True
    generator = getattr(data, "image_data_generator", None)
    return isinstance(getattr(generator, "preprocessing_function", None), RFunction)


def class_weight_from_r(weights: Any, data: Any = None) -> dict[int, float] | None:
    """R's ``class_weight``: a named list whose names are class indices from 0 (R keras's
    meaning) or, when the data know their classes (``class_indices``), class names."""
    if weights is None:
        return None
    if not isinstance(weights, dict) or not weights:
        raise ValueError("class_weight must be a named list of weights, e.g. "
                         "list(\"0\" = 1, \"1\" = 4) (class indices from 0) or "
                         "list(cats = 1, dogs = 4) (class names); got "
                         f"{type(weights).__name__}.")
    indices = getattr(data, "class_indices", None) or {}
    out: dict[int, float] = {}
    for key, value in weights.items():
        name = str(key)
        if name in indices:
            index = int(indices[name])
        elif name.isdigit():
            index = int(name)
        else:
            known = f" The data's classes are {', '.join(indices)}." if indices else ""
            raise ValueError(f"class_weight names classes by index from 0 or by class name; "
                             f"'{name}' is neither.{known}")
        if isinstance(value, bool) or not isinstance(value, int | float | np.number):
            raise ValueError(f"class_weight['{name}'] must be a number; got {value!r}.")
        out[index] = float(value)
    return out


def _data_from_r(value: Any, role: str) -> Any:
    """Validation (or other) data as R gave them: an R list of arrays is a tuple; an R
    function is already :class:`RFunctionBatches`; a Python object is used as it is."""
    if isinstance(value, list | tuple):
        return batch_from_r(value, role)
    return value


# -- Keras 2's generator functions ---------------------------------------------------------


def _workers(workers: int, *data: Any) -> int:
    return 0 if any(needs_main_thread(d) for d in data) else int(workers)


@_with_warnings
def fit_generator(model: Any, generator: Any, steps_per_epoch: Any = None, *,
                  validation_data: Any = None, class_weight: Any = None,
                  workers: int = 1, **kwargs: Any) -> dict:
    """``generator_training.fit_generator`` for R: the history as plain lists.

    Returns ``{"metrics": {name: [value per epoch]}, "epochs": [0-based epochs],
    "params": {...}}``.
    """
    import_engine()
    from fitgen_gui.training.generator_training import fit_generator as fit

    validation = _data_from_r(validation_data, "validation")
    history = fit(model, generator, steps_per_epoch, validation_data=validation,
                  class_weight=class_weight_from_r(class_weight, generator),
                  workers=_workers(workers, generator, validation), **kwargs)
    metrics = {key: [float(v) for v in values] for key, values in history.history.items()}
    params = {key: value for key, value in (history.params or {}).items()
              if isinstance(value, int | float | str | bool)}
    params.update(do_validation=validation is not None, metrics=list(metrics))
    return {"metrics": metrics, "epochs": [int(e) for e in history.epoch], "params": params}


@_with_warnings
def evaluate_generator(model: Any, generator: Any, steps: Any = None, *,
                       callbacks: Any = None, workers: int = 1, **kwargs: Any) -> dict:
    """``generator_training.evaluate_generator`` for R: ``{metric name: value}``, named as
    Keras logs them (``loss``, ``accuracy``...)."""
    import_engine()
    import keras

    from fitgen_gui.training.generator_training import evaluate_generator as evaluate

    logs: dict = {}
    keep = keras.callbacks.LambdaCallback(on_test_end=lambda last=None: logs.update(last or {}))
    evaluate(model, generator, steps, callbacks=[*(callbacks or []), keep],
             workers=_workers(workers, generator), **kwargs)
    return {key: float(value) for key, value in logs.items()}


@_with_warnings
def predict_generator(model: Any, generator: Any, steps: Any = None, *,
                      workers: int = 1, **kwargs: Any) -> Any:
    """``generator_training.predict_generator`` for R: an array (a list for several
    outputs)."""
    import_engine()
    from fitgen_gui.training.generator_training import predict_generator as predict

    return predict(model, generator, steps, workers=_workers(workers, generator), **kwargs)


@_with_warnings
def call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Any FitGen function from R, its arguments' arrays decoded, its warnings returned."""
    return function(*from_r(list(args)), **from_r(kwargs))


@_with_warnings
def next_batch(iterator: Any) -> Any:
    """The next batch of an iterator (a flow's, a Python generator's), None at its end."""
    if hasattr(iterator, "__next__"):
        return next(iterator, None)
    return next(iter(iterator), None)


# -- settings --------------------------------------------------------------------------------


def _flatten(settings: dict, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in settings.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and dotted in _SECTIONS:
            out.update(_flatten(value, f"{dotted}."))
        else:
            out[dotted] = value
    return out


def _dotted(name: str, defaults: dict) -> str:
    """The dotted field of an R argument name: a short name, ``section.key``, or a key
    found in exactly one section (``rotation_range`` is ``augmentation.rotation_range``)."""
    if name in _SHORT_NAMES:
        return _SHORT_NAMES[name]
    if "." in name or name in defaults:
        return name
    found = [f"{s}.{name}" for s in _SECTIONS if name in defaults[s]]
    return found[0] if len(found) == 1 else name


def _like_default(value: Any, default: Any) -> Any:
    """R's numbers are doubles: ``32`` is 32.0. Give whole numbers the int a setting holds,
    and R vectors (lists) the tuple of a pair setting."""
    if isinstance(default, bool) or isinstance(value, bool):
        return value
    if isinstance(default, int) and isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list) and isinstance(default, list | tuple):
        return [_like_default(v, default[0] if default else v) for v in value]
    if isinstance(value, list) and default is None and value and all(
            isinstance(v, float) for v in value):
        return value
    return value


def config_from_r(settings: dict | None = None, config: Any = None) -> RunConfig:
    """A :class:`RunConfig` from ``fitgen_train()``'s arguments.

    ``config`` is None, a dict (config.json's layout, or dotted names) or the path of a
    settings file; ``settings`` are the named arguments, applied on top (``epochs``,
    ``batch_size``, ``rotation_range``, ``callbacks.early_stopping``...). An unknown name
    raises :class:`ConfigError` naming it, with the closest setting.
    """
    if isinstance(config, str | Path):
        path = Path(config)
        if path.is_dir():
            path = path / "config.json"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            raise UserError(f"Settings file '{config}' does not exist (give a config.json, "
                            "a run folder or a list of settings).") from None
        base = RunConfig.from_json(text)
        changes: dict[str, Any] = {}
    elif isinstance(config, dict):
        base, changes = RunConfig(), _flatten(config)
        changes.pop("schema_version", None)
    elif config is None:
        base, changes = RunConfig(), {}
    else:
        raise ConfigError([Problem("config", "must be a list of settings or the path of a "
                                             f"config.json; got {type(config).__name__}")])
    defaults = base.to_dict()
    changes.update({_dotted(k, defaults): v for k, v in _flatten(settings or {}).items()})
    plain = {}
    for dotted, value in changes.items():
        default: Any = defaults
        for part in dotted.split("."):
            default = default.get(part) if isinstance(default, dict) else None
        plain[dotted] = _like_default(value, default)
    if plain.get("data.train_dir") and "data.source" not in plain:
        plain["data.source"] = "folders"
    if plain.get("data.generator_file") and "data.source" not in plain:
        plain["data.source"] = "python"
    return base.replace(**plain) if plain else base


def sibling_val_dir(train_dir: str) -> str | None:
    """``val/`` beside ``train_dir`` (the usual layout), as ``fitgen train`` finds it."""
    train = Path(train_dir).resolve()
    sibling = train.parent / "val"
    return str(sibling) if sibling.is_dir() and sibling != train else None


# -- the no-code engine ----------------------------------------------------------------------


class _Console:
    """A run's sink for R: console text printed line by line, warnings kept for R.

    Text sent from another thread waits for R's thread (Python's main thread, where
    reticulate started Python): R's console must only be written from there.
    """

    def __init__(self, verbose: bool) -> None:
        from fitgen_gui.core.console_text import ConsoleBuffer

        self.verbose = verbose
        self.buffer = ConsoleBuffer(self._write)
        self.pending: list[str] = []
        self.warnings: list[str] = []
        self.lock = threading.Lock()

    def __call__(self, event: Any) -> None:
        from fitgen_gui.core.events import ConsoleText, RunWarning

        with self.lock:
            if isinstance(event, RunWarning) and event.message not in self.warnings:
                self.warnings.append(event.message)
            if isinstance(event, ConsoleText) and self.verbose:
                self.pending.append(event.text)
        if threading.current_thread() is threading.main_thread():
            self.flush()

    @staticmethod
    def _write(line: str) -> None:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def flush(self) -> None:
        with self.lock:
            texts, self.pending = self.pending, []
        if sys.stdout is not None:
            for text in texts:
                self.buffer.feed(text)

    def outcome(self, final: Any) -> dict[str, Any]:
        from fitgen_gui.core.events import TrainingFailed, TrainingStopped

        self.flush()
        self.buffer.flush()
        out = {"run_dir": getattr(final, "run_dir", None), "warnings": self.warnings,
               "message": "", "user_error": False, "status": "finished"}
        if isinstance(final, TrainingFailed):
            out.update(status="failed", message=final.message, user_error=final.user_error)
        elif isinstance(final, TrainingStopped):
            out.update(status="stopped", message="The run was stopped.")
        else:
            out["model_path"] = final.model_path
        return out


def train(settings: dict | None = None, config: Any = None, *, runs_dir: str = "runs",
          verbose: bool = True, trust_data_file: bool = False) -> dict[str, Any]:
    """``run_training`` of ``config_from_r(settings, config)``: a new run in ``runs_dir``.

    Without a validation folder or split, the ``val/`` folder beside the training folder
    is used, as ``fitgen train`` does. Returns the outcome: ``status`` (finished, stopped,
    failed), ``run_dir``, ``message`` (FitGen's sentence when it failed), ``warnings``.
    """
    from fitgen_gui.training.runner import run_training

    settings = dict(settings or {})
    run_config = config_from_r(settings, config)
    if (config is None and run_config.data.train_dir and not run_config.data.val_dir
            and not run_config.data.validation_split):
        sibling = sibling_val_dir(run_config.data.train_dir)
        if sibling:
            run_config = run_config.replace(**{"data.val_dir": sibling})
    import_engine()
    console = _Console(verbose)
    trusted = bool(trust_data_file or settings.get("data_file"))
    final = run_training(run_config, console, workspace=runs_dir, data_file_trusted=trusted)
    return console.outcome(final)


def resume(run_dir: str, *, from_epoch: int | None = None, epochs: int | None = None,
           verbose: bool = True, trust_data_file: bool = False) -> dict[str, Any]:
    """``resume_training`` of a run folder; the outcome as :func:`train` gives it."""
    from fitgen_gui.training.runner import resume_training

    if not (Path(run_dir) / "config.json").is_file():
        raise UserError(f"'{run_dir}' is not a FitGen run folder (it has no config.json).")
    import_engine()
    console = _Console(verbose)
    final = resume_training(run_dir, console, from_epoch=from_epoch, epochs=epochs,
                            data_file_trusted=trust_data_file)
    return console.outcome(final)


def _columns(rows: list[dict[str, Any]], names: list[str]) -> dict[str, list]:
    return {name: [row.get(name) for row in rows] for name in names}


def runs(runs_dir: str = "runs") -> dict[str, list]:
    """The runs of ``runs_dir``, newest first, as columns (``fitgen runs``' table)."""
    from fitgen_gui.core.run_dir import list_runs

    rows = []
    for run in list_runs(runs_dir):
        row = dataclasses.asdict(run)
        row["best_epoch"] = None if run.best_epoch is None else run.best_epoch + 1
        row["model"] = run.model_label()
        rows.append(row)
    return _columns(rows, ["name", "status", "epochs_done", "epochs_planned", "best_metric",
                           "best_value", "best_epoch", "model", "checkpoints", "path"])


def history(run_dir: str) -> dict[str, list]:
    """``history.csv`` as columns; ``epoch`` counted from 1, as R counts."""
    from fitgen_gui.core.errors import NotARunFolderError
    from fitgen_gui.core.run_dir import RunDir

    run = RunDir(run_dir)
    if not run.file("config.json").is_file():
        raise NotARunFolderError(f"'{run_dir}' is not a FitGen run folder (it has no "
                                 "config.json).")
    rows = [{**row, "epoch": row["epoch"] + 1} for row in run.read_history()]
    names = ["epoch", *sorted({k for row in rows for k in row if k != "epoch"})]
    return _columns(rows, names)


def evaluate(run_dir: str, data: str = "val", *, epoch: int | None = None,
             trust_data_file: bool = False, save: bool = True) -> dict[str, Any]:
    """``fitgen evaluate``: accuracy, the per-class table and confusion matrix (rows true,
    columns predicted), each prediction, the sentence; written to ``evaluation.json``."""
    from fitgen_gui.training.evaluation import evaluate as run_evaluation
    from fitgen_gui.training.evaluation import evaluation_path
    from fitgen_gui.training.model_source import open_model

    import_engine()
    source = open_model(run_dir, epoch)
    evaluation = run_evaluation(source, data, data_file_trusted=trust_data_file)
    out = evaluation.to_dict()
    classes = evaluation.classes
    out["per_class"] = {"class": classes, **{
        key: [evaluation.per_class[c][key] for c in classes]
        for key in ("precision", "recall", "f1", "support")}}
    predictions = evaluation.predictions
    out["predictions"] = {"file": [p.file for p in predictions],
                          "true": [p.true for p in predictions],
                          "predicted": [p.predicted for p in predictions],
                          "confidence": [p.confidence for p in predictions]}
    out["path"] = None
    if save:
        path = (evaluation_path(source.run.path, epoch) if source.run is not None
                else Path(source.path).with_name("evaluation.json"))
        out["path"] = str(evaluation.write(path))
    return out


def predict(model: str, paths: list[str], *, epoch: int | None = None) -> dict[str, list]:
    """``fitgen predict``: one row per image file (folders are searched), as its CSV."""
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.prediction import predict_paths

    import_engine()
    source = open_model(model, epoch)
    rows = predict_paths(source, paths)
    if not rows:
        raise UserError("No image files found in " + ", ".join(map(str, paths)) + ".")
    classes = source.class_names
    table: dict[str, list] = {
        "file": [r.file for r in rows],
        "predicted": [r.predicted(classes) if r.probabilities else None for r in rows],
        "confidence": [r.confidence for r in rows],
    }
    for i, name in enumerate(classes):
        table[name] = [r.probabilities[i] if r.probabilities else None for r in rows]
    table["error"] = [r.error for r in rows]
    return table


def export(run_dir: str, formats: list[str], out: str | None = None, *,
           epoch: int | None = None, overwrite: bool = False,
           trust_data_file: bool = False) -> dict[str, Any]:
    """``fitgen export``: each format written and self-tested; one result per format."""
    from datetime import datetime

    from fitgen_gui.training.export_data import export_files
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.tf_export import export_model

    import_engine()
    source = open_model(run_dir, epoch)
    if out is None:
        if source.run is None:
            raise UserError("Give the export folder (out = \"folder\").")
        out = str(source.run.path / "exports" / datetime.now().strftime("%Y-%m-%d_%H-%M-%S"))
    parity, calibration, arrays = export_files(source, trusted=trust_data_file)
    results = export_model(source, list(formats), out, parity_files=parity,
                           calibration_files=calibration, parity_arrays=arrays,
                           overwrite=overwrite)
    rows = [dataclasses.asdict(r) for r in results]
    table = _columns(rows, ["format", "ok", "folder", "images", "agreement",
                            "max_probability_difference", "size_bytes", "seconds", "error"])
    return {"results": table, "folder": str(out),
            "report": str(Path(out) / "export-report.json")}

