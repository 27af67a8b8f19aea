"""Out-of-fold probabilities of a run's training images: K models, each blind to one fold.

For a run (its settings and its training folder), the training images are split into K
stratified folds (:func:`~fitgen_gui.data.label_quality.stratified_folds`); fold ``f``'s
model trains with the run's settings on the other folds and predicts the images of fold
``f``, which it never saw. Joined, the predictions give every training image a probability
per class from a model that did not learn its label, which is what finding label errors
needs (:mod:`fitgen_gui.data.label_quality`).

Two ways, chosen like the run's own training:

- a frozen backbone (the head alone learns): the backbone's features of every image are
  computed once (kept in the run folder), and each fold trains a fresh head on them:
  seconds per fold;
- otherwise each fold trains the whole model through ``fit_generator`` on the images, for
  as many optimizer steps as the run trained (a fold has (K-1)/K of the images, so it
  trains proportionally more epochs), and predicts its images with the mean of the
  model's probabilities at :data:`SNAPSHOTS` points spread evenly over its training (after
  a quarter, half, three quarters and all of its epochs; the held-out images are read only
  after the training has ended: they never reach it);
  :meth:`OofPlan.estimate_seconds` says how long from the run's own epoch times before it
  starts.

Both fixes matter on small data: the same number of epochs on 4/5 of the images gave the
fold models 20% fewer steps, and one epoch's weights are a noisy draw. The snapshots are
spread over the training rather than taken from its last epochs because the folds learn
from labels that are wrong by assumption: a network learns what the right labels share
first and memorizes the wrong ones later, so the model of the middle of the training
disagrees with a wrong label more often than the one of the end (on the demo bench, recall
rose from 0.694 to 0.75 on seed 0; docs/notes/recall-readme.md). Before a snapshot
predicts, its batch normalization statistics are computed again as the mean over up to
:data:`PRECISE_BN_BATCHES` batches of the fold's training images (with the weights of that
snapshot), instead of the moving average of the last few batches that training leaves
(momentum 0.6 in the small CNN); with it, 0.778. And a fold that trains the whole model
of at least :data:`MIXUP_MIN_EPOCHS` epochs learns from mixup batches
(:class:`MixupBatches`, alpha :data:`MIXUP_ALPHA`): every
training image blended with another and its label with the same weight. A network learns
the wrong labels of a few images far less from such blends, while what the right labels
share stays easy to learn: the fold models' accuracy on the clean images rose from 0.89 to
0.93 and the recall of the moved files to 0.83-0.94 (30 run epochs, three seeds;
batch normalization's statistics above are still those of unmixed batches). When the
run's training flipped images at random, a fold also predicts their mirror images and
averages (test-time flips): the model knows both as the same class.

Each finished fold is written to ``label-issues/`` in the run folder with a fingerprint of
the files (names, sizes, times, labels), the settings and the recipe (:func:`recipe`:
what the code does that no setting shows, such as the small CNN's batch normalization
momentum or the test-time flips); a stopped computation keeps its
finished folds, and the next one reuses every fold whose fingerprint still matches.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import math
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.atomic_files import write_atomic
from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_dir import EVENTS, RunDir, best_epoch
from fitgen_gui.data.batch_streams import builds_any_epoch
from fitgen_gui.data.folder_scan import ClassTree
from fitgen_gui.data.label_issues_file import FOLDER
from fitgen_gui.data.label_quality import as_class_probabilities, stratified_folds
from fitgen_gui.data.pipeline import (
    build_train_iterator,
    class_weights,
    fit_normalization,
    plain_iterator,
    walk_training_folder,
)
from fitgen_gui.training import feature_cache, models
from fitgen_gui.training.generator_training import fit_generator
from fitgen_gui.training.models import build_model, compile_model

__all__ = ["FOLDER", "FoldProgress", "OofPlan", "OofResult", "OofStopped",
           "compute_out_of_fold", "plan_out_of_fold", "recipe"]

# A fold of another recipe is never reused (3: test-time flips; 4: snapshots spread over the
# training instead of its last 3 epochs; 5: mixup).
RECIPE_VERSION = 5
# A fold's probabilities are the mean of its model's at this many points spread evenly over
# its training (see the module's notes).
SNAPSHOTS = 4
# Batch normalization's statistics of each snapshot: the mean over this many training batches.
PRECISE_BN_BATCHES = 20
# Mixup in the folds' training (0: none): each training image is blended with another of its
# batch, weight drawn from Beta(alpha, alpha), and so are their labels.
MIXUP_ALPHA = 1.0
# ... for folds that train at least this many epochs: blends take longer to learn, and a
# short training with them fell short (a run of 10 epochs: fold models right on 0.71-0.80
# of the clean images instead of 0.78-0.82, recall 0.58 each instead of 0.58-0.67).
MIXUP_MIN_EPOCHS = 20


def mixup_alpha(epochs: int | None) -> float:
    """Mixup's alpha for a fold that trains ``epochs`` epochs (0: none)."""
    return MIXUP_ALPHA if epochs is not None and epochs >= MIXUP_MIN_EPOCHS else 0.0


class OofStopped(UserError, RuntimeError):
    """Stopped before every fold was done; the finished ones are kept."""


@dataclass(frozen=True)
class FoldProgress:
    """Where the computation is: fold ``fold`` (1-based) of ``folds``, its ``stage``
    (``features``, ``training``, ``predicting``, ``reused``, ``done``), ``done`` of
    ``total`` (epochs, images), and a sentence."""

    fold: int
    folds: int
    stage: str
    done: int
    total: int
    text: str


@dataclass
class OofPlan:
    """What the folds will be, decided before anything trains."""

    run_dir: Path
    config: RunConfig
    class_names: list[str]
    tree: ClassTree  # the run's training images, in the run's order
    labels: np.ndarray
    folds: int
    fold_of: np.ndarray
    fewer: dict[str, int]
    epochs: int
    frozen: bool
    seed: int
    fingerprint: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[str]:
        return [os.path.join(self.tree.root, f) for f in self.tree.filenames]

    @property
    def folder(self) -> Path:
        return self.run_dir / FOLDER

    def fold_path(self, fold: int) -> Path:
        return self.folder / f"fold-{fold + 1}-of-{self.folds}.npz"

    def finished_folds(self) -> list[int]:
        """The folds already computed for these files and settings (0-based)."""
        return [f for f in range(self.folds) if _read_fold(self, f) is not None]

    def estimate_seconds(self) -> float | None:
        """Seconds the folds still to do will take, from the run's epoch times (None when
        the run recorded none)."""
        left = self.folds - len(self.finished_folds())
        if not left:
            return 0.0
        seconds = _epoch_seconds(self.run_dir)
        if seconds is None:
            return None
        # each fold trains on the other folds, for as many steps as the run's epochs
        share = (self.folds - 1) / self.folds
        per_fold = seconds * share * self.epochs * (0.2 if self.frozen else 1.0)
        return left * per_fold * 1.1 + (5.0 if self.frozen else 0.0)

    def describe(self) -> str:
        """What will be done and how long it will take, in words."""
        left = self.folds - len(self.finished_folds())
        how = ("a new head on the frozen network's features (computed once)" if self.frozen
               else f"the whole model for {self.epochs} epochs")
        text = (f"{self.folds} folds of {len(self.labels)} training images: each trains "
                f"{how} on the other folds and predicts its own.")
        if left < self.folds:
            text += f" {self.folds - left} fold(s) are done already and are reused."
        estimate = self.estimate_seconds()
        if left and estimate is not None:
            text += f" About {_duration(estimate)} for the {left} fold(s) to do."
        return " ".join([text, *self.notes])


@dataclass
class OofResult:
    """Out-of-fold probabilities (n, classes) of the plan's images, in its order."""

    plan: OofPlan
    probabilities: np.ndarray
    reused: list[int]
    trained: list[int]


def duration_parts(seconds: float) -> tuple[str, str]:
    """An estimate as a person says it: its number and its unit ``s``, ``min`` or ``h``
    (the window puts them into its own language's words)."""
    if seconds < 90:
        return str(max(1, round(seconds))), "s"
    if seconds < 5400:
        return str(round(seconds / 60)), "min"
    return f"{seconds / 3600:.1f}", "h"


def _duration(seconds: float) -> str:
    return " ".join(duration_parts(seconds))


def _epoch_seconds(run_dir: Path) -> float | None:
    try:
        with open(run_dir / EVENTS, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if '"EpochEnded"' in line]
    except (OSError, ValueError):
        return None
    seconds = [float(r.get("seconds") or 0) for r in records if r.get("type") == "EpochEnded"]
    seconds = [s for s in seconds if s > 0]
    if len(seconds) > 1:
        seconds = seconds[1:]  # the first epoch also compiles
    return sum(seconds) / len(seconds) if seconds else None


def _fold_epochs(run: RunDir, config: RunConfig) -> int:
    """The run's epochs; with early stopping, those it trained (to its best epoch when it
    restored the best weights)."""
    rows = run.read_history()
    cb = config.callbacks
    if not (cb.early_stopping and rows):
        return config.training.epochs
    if cb.restore_best_weights:
        best = best_epoch(rows, cb.early_stopping_monitor)
        if best is not None:
            return best[0] + 1
    return len(rows)


def _steps_matched_epochs(run_epochs: int, images: int, folds: int, batch: int) -> int:
    """Epochs on (K-1)/K of the images that give as many steps as ``run_epochs`` on all."""
    run_steps = -(-images // batch)
    fold_steps = max(1, -(-(images - -(-images // folds)) // batch))
    return max(run_epochs, -(-run_epochs * run_steps // fold_steps))


def plan_out_of_fold(run_dir: str | os.PathLike, folds: int = 5, *,
                     epochs: int | None = None) -> OofPlan:
    """The folds of a run's training images; nothing is trained yet.

    Parameters
    ----------
    folds
        K (at least 2).
    epochs
        Epochs each fold trains (default: as many optimizer steps as the run trained,
        which on (K-1)/K of the images is a few more epochs).
    """
    run = RunDir(run_dir)
    config = RunConfig.from_json(run.read_config_text())
    if config.data.source != "folders":
        raise UserError(f"Run '{run.name}' reads a Python data file; finding label errors "
                        "needs image folders (one sub-folder per class).")
    if folds < 2:
        raise UserError(f"--folds {folds}: at least 2 folds are needed (5 is usual).")
    seed = config.training.seed if config.training.seed is not None else 0
    tree = _training_images(config, seed)
    labels = np.asarray(tree.classes, dtype=np.int64)
    fold_of, fewer = stratified_folds(labels, folds, seed)
    names = list(tree.class_names)
    plan = OofPlan(run.path, config, names, tree, labels, folds, fold_of,
                   {names[c]: n for c, n in fewer.items()},
                   epochs or _steps_matched_epochs(_fold_epochs(run, config), len(labels),
                                                   folds, config.data.batch_size),
                   feature_cache.applies(config, True), seed)
    for name, count in plan.fewer.items():
        plan.notes.append(f"Class {name} has {count} image(s), fewer than {folds} folds: "
                          f"its images are spread over {count} fold(s), one each.")
    if not plan.frozen and mixup_alpha(plan.epochs) == 0 < MIXUP_ALPHA:
        longer = next(r for r in range(1, MIXUP_MIN_EPOCHS + 1) if _steps_matched_epochs(
            r, len(labels), folds, config.data.batch_size) >= MIXUP_MIN_EPOCHS)
        plan.notes.append(f"Each fold trains {plan.epochs} epochs, as long as the run. After "
                          f"a run of {longer} epochs or more, the folds train longer and "
                          "learn from blended images, which finds more of the wrong labels.")
    if config.model.fine_tune and plan.frozen:
        plan.notes.append("The folds train the head only (the run's first phase): "
                          "fine-tuning every fold would take as long as the run each.")
    plan.fingerprint = _fingerprint(plan)
    return plan


def _training_images(config: RunConfig, seed: int) -> ClassTree:
    """The run's training images (a validation split's training share), as it read them."""
    iterator = build_train_iterator(config, seed=seed, tree=walk_training_folder(config))
    tree = ClassTree(config.data.train_dir, class_names=list(iterator.class_indices))
    tree.filenames = list(iterator.filenames)
    tree.classes = [int(c) for c in iterator.classes]
    return tree


def recipe(config: RunConfig) -> dict[str, Any]:
    """What a fold's probabilities depend on besides the files and the run's settings: this
    module's recipe (its version, the snapshots averaged, the test-time flips) and the
    built-in choices of the models and optimizers (:func:`models.recipe`). Part of every
    fold's fingerprint, so a fold computed under another recipe is computed again."""
    return {"out_of_fold_recipe": RECIPE_VERSION, "snapshots": SNAPSHOTS,
            "precise_batch_norm": PRECISE_BN_BATCHES, "mixup": MIXUP_ALPHA,
            "mixup_min_epochs": MIXUP_MIN_EPOCHS,
            "test_time_flips": [list(axes) for axes in _mirrors(config)], **models.recipe()}


def _fingerprint(plan: OofPlan) -> str:
    digest = hashlib.blake2b(digest_size=16)
    config = plan.config.replace(name="")
    digest.update(json.dumps([recipe(plan.config), plan.folds, plan.epochs, plan.seed,
                              plan.frozen, config.to_dict()], sort_keys=True).encode())
    for path, label in zip(plan.files, plan.labels, strict=True):
        try:
            stat = os.stat(path)
            digest.update(f"{path}\0{label}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode(
                "utf-8", "surrogateescape"))
        except OSError:
            digest.update(f"{path}\0{label}\0-\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _read_fold(plan: OofPlan, fold: int) -> np.ndarray | None:
    path = plan.fold_path(fold)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            if str(stored["fingerprint"]) != plan.fingerprint:
                return None
            if not np.array_equal(stored["indices"], np.flatnonzero(plan.fold_of == fold)):
                return None
            return stored["probabilities"]
    except (OSError, ValueError, KeyError, EOFError):
        return None  # damaged: computed again


def _write_fold(plan: OofPlan, fold: int, probabilities: np.ndarray) -> None:
    plan.folder.mkdir(exist_ok=True)
    buffer = io.BytesIO()
    np.savez(buffer, fingerprint=np.array(plan.fingerprint),
             indices=np.flatnonzero(plan.fold_of == fold), probabilities=probabilities)
    write_atomic(plan.fold_path(fold), buffer.getvalue())


def _subtree(plan: OofPlan, keep: np.ndarray) -> ClassTree:
    tree = ClassTree(plan.tree.root, class_names=list(plan.class_names))
    tree.filenames = [f for f, k in zip(plan.tree.filenames, keep, strict=True) if k]
    tree.classes = [int(c) for c, k in zip(plan.labels, keep, strict=True) if k]
    return tree


def _fold_config(config: RunConfig, epochs: int | None = None) -> RunConfig:
    """The run's settings for one fold: its own images, no validation of its own, the
    automatic number of steps, quiet; ``epochs`` (the fold's) so that a learning-rate
    schedule spans the fold's training as it spanned the run's. With mixup, class indices
    become one-hot labels (the same model; blended labels need them)."""
    more: dict[str, Any] = {"training.epochs": epochs} if epochs else {}
    if mixup_alpha(epochs) > 0 and config.data.class_mode == "sparse":
        more["data.class_mode"] = "categorical"
    return config.replace(**more, **{"data.validation_split": 0.0, "data.val_dir": "",
                             "training.steps_per_epoch": None,
                             "training.validation_steps": None, "training.verbose": 0})


def snapshot_epochs(epochs: int, count: int) -> list[int]:
    """The epochs (0-based) after which a fold keeps its weights: ``count`` spread evenly
    over ``epochs``, the last one among them (every epoch when there are fewer)."""
    return sorted({max(0, math.ceil(epochs * k / count) - 1) for k in range(1, count + 1)})


class MixupBatches(keras.utils.PyDataset):
    """The batches of ``inner`` with mixup (Zhang et al., 2018): image ``i`` of a batch
    becomes ``l * x[i] + (1 - l) * x[j]`` for another image ``j`` of the batch, ``l`` drawn
    from Beta(alpha, alpha) per image, and its label the same blend of the two labels
    (one-hot or binary targets). A network learns a wrong label less easily from blends;
    each batch depends only on (seed, epoch, index), so workers can build any of them."""

    def __init__(self, inner: Any, alpha: float, seed: int) -> None:
        super().__init__(workers=1, use_multiprocessing=False, max_queue_size=10)
        self.inner, self.alpha, self.seed = inner, float(alpha), int(seed)
        self.builds_any_epoch = builds_any_epoch(inner)

    def __len__(self) -> int:
        return len(self.inner)

    @property
    def epoch(self) -> int:
        return int(getattr(self.inner, "epoch", 0))

    def _mixed(self, batch: Any, epoch: int, index: int) -> Any:
        x, y, *weights = batch
        rng = np.random.default_rng([self.seed, 7, epoch, index])
        n = len(x)
        if n < 2:
            return batch
        lam = rng.beta(self.alpha, self.alpha, n).astype(np.float32)
        other = rng.permutation(n)
        x, y = np.asarray(x, np.float32), np.asarray(y, np.float32)
        lx = lam.reshape((n,) + (1,) * (x.ndim - 1))
        ly = lam.reshape((n,) + (1,) * (y.ndim - 1))
        x = lx * x + (1 - lx) * x[other]
        y = ly * y + (1 - ly) * y[other]
        if weights:
            w = np.asarray(weights[0], np.float32)
            return x, y, lam * w + (1 - lam) * w[other]
        return x, y

    def __getitem__(self, index: int) -> Any:
        return self._mixed(self.inner[index], self.epoch, int(index))

    def batch_of_epoch(self, epoch: int, index: int) -> Any:
        return self._mixed(self.inner.batch_of_epoch(epoch, index), int(epoch), int(index))

    def on_epoch_end(self) -> None:
        end = getattr(self.inner, "on_epoch_end", None)
        if end is not None:
            end()


class _FoldCallback(keras.callbacks.Callback):
    """Stops the fold's training after the batch when asked; tells each epoch's end;
    keeps a copy of the weights after each of :data:`SNAPSHOTS` epochs spread over the
    ``epochs`` (:func:`snapshot_epochs`)."""

    def __init__(self, stop: threading.Event, on_epoch: Callable[[int], None],
                 epochs: int = 0) -> None:
        super().__init__()
        self._stop, self._on_epoch = stop, on_epoch
        self._kept = set(snapshot_epochs(epochs, SNAPSHOTS))
        self.snapshots: list[list[np.ndarray]] = []

    def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
        if self._stop.is_set():
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
        if epoch in self._kept and not self._stop.is_set():
            self.snapshots.append([np.array(w) for w in self.model.get_weights()])
        self._on_epoch(epoch + 1)


def _batch_norms(model: keras.Model) -> list[keras.layers.BatchNormalization]:
    """The batch normalization layers that learn, nested models included (a frozen one
    runs in inference mode and keeps its statistics)."""
    found = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            if layer.trainable:
                found.append(layer)
        elif isinstance(layer, keras.Model):
            found.extend(_batch_norms(layer))
    return found


def precise_batch_norm(model: keras.Model, batches: Any) -> int:
    """Set batch normalization's moving statistics to their mean over the first
    :data:`PRECISE_BN_BATCHES` of ``batches`` (a Sequence of images or of (images,
    labels)), the weights staying as they are. Returns the batches used."""
    layers = _batch_norms(model)
    count = min(len(batches), PRECISE_BN_BATCHES)
    if not layers or not count:
        return 0
    momentum = [layer.momentum for layer in layers]
    try:
        for i in range(count):
            x = batches[i]
            x = x[0] if isinstance(x, tuple) else x
            for layer in layers:  # moving = the running mean of the batches' statistics
                layer.momentum = i / (i + 1)
            model(x, training=True)
    finally:
        for layer, value in zip(layers, momentum, strict=True):
            layer.momentum = value
    return count


def _recalibrated(model: keras.Model, snapshots: list[list[np.ndarray]],
                  batches: Any) -> list[list[np.ndarray]]:
    """Each snapshot's weights with its batch normalization statistics recomputed."""
    if not _batch_norms(model):
        return snapshots
    out = []
    for weights in snapshots:
        model.set_weights(weights)
        precise_batch_norm(model, batches)
        out.append([np.array(w) for w in model.get_weights()])
    return out


def _mean_over_snapshots(model: keras.Model, snapshots: list[list[np.ndarray]],
                         predict: Callable[[], np.ndarray]) -> np.ndarray:
    """The mean of ``predict()`` with each kept set of weights (the last one if none)."""
    if not snapshots:
        return np.asarray(predict())
    total = None
    for weights in snapshots:
        model.set_weights(weights)
        found = np.asarray(predict(), dtype=np.float64)
        total = found if total is None else total + found
    assert total is not None
    return total / len(snapshots)


def _targets(labels: np.ndarray, class_mode: str, classes: int) -> np.ndarray:
    if class_mode == "categorical":
        return np.eye(classes, dtype=np.float32)[labels]
    return labels.astype(np.float32 if class_mode == "binary" else np.int64)


_CLEAR = threading.local()  # whether this thread's computation clears Keras's state


def _fresh_session(seed: int) -> None:
    # clear_session's gc.collect() off the main thread could destroy Qt objects of the
    # app's GUI thread (see training/run/phases.py): collect only on the main thread.
    if getattr(_CLEAR, "on", True):
        keras.backend.clear_session(free_memory=threading.current_thread() is
                                    threading.main_thread())
    keras.utils.set_random_seed(seed)


def _train_fold_on_images(plan: OofPlan, fold: int, stop: threading.Event,
                          tell: Callable[[str, int, int], None]) -> np.ndarray:
    config = _fold_config(plan.config, plan.epochs)
    _fresh_session(plan.seed + fold)
    held = plan.fold_of == fold
    train = build_train_iterator(config, seed=plan.seed + fold, tree=_subtree(plan, ~held))
    fit_normalization(train, plan.seed)
    model = build_model(config, len(plan.class_names))
    compile_model(model, config, len(train))
    tell("training", 0, plan.epochs)
    kept = _FoldCallback(stop, lambda e: tell("training", e, plan.epochs), plan.epochs)
    alpha = mixup_alpha(plan.epochs)
    batches = MixupBatches(train, alpha, plan.seed + fold) if alpha > 0 else train
    fit_generator(model, batches, epochs=plan.epochs, verbose=0, callbacks=[kept],
                  class_weight=class_weights(config.training.class_weight, train.classes,
                                             plan.class_names),
                  workers=config.training.workers, max_queue_size=config.training.max_queue_size,
                  shuffle=False, strict_shapes=True)
    if stop.is_set():
        raise OofStopped("stopped")
    # The statistics from the fold's own (augmented, shuffled) training batches: part of
    # its training, which reads none of the held-out images.
    kept.snapshots = _recalibrated(model, kept.snapshots, train)
    tell("predicting", 0, int(held.sum()))
    images = plain_iterator(config, _subtree(plan, held), train)
    mirror = _mirrors(config)
    # Each batch is read once and predicted with every kept set of weights (and mirrored
    # when the fold learned mirrored images too).
    batches = []
    for step in range(len(images)):
        x = images[step]
        x = x[0] if isinstance(x, tuple) else x
        batches.append(_mean_over_snapshots(model, kept.snapshots,
                                            lambda x=x: _predict_batch(model, x, mirror)))
    return np.concatenate(batches).astype(np.float32)


def _mirrors(config: RunConfig) -> list[tuple[int, ...]]:
    """The image axes to mirror at prediction (test-time flips): those the fold's training
    flipped at random, so the model knows the mirrored image as the same class."""
    aug = config.augmentation
    flips: list[tuple[int, ...]] = []
    if aug.horizontal_flip:
        flips.append((2,))
    if aug.vertical_flip:
        flips.append((1,))
    if aug.horizontal_flip and aug.vertical_flip:
        flips.append((1, 2))
    return flips


def _predict_batch(model: keras.Model, x: np.ndarray,
                   mirror: list[tuple[int, ...]]) -> np.ndarray:
    """The mean of the model's probabilities of ``x`` and of each of its mirror images."""
    total = np.asarray(model.predict_on_batch(x), dtype=np.float64)
    for axes in mirror:
        total += np.asarray(model.predict_on_batch(np.flip(x, axis=axes)), dtype=np.float64)
    return total / (1 + len(mirror))


def _features(plan: OofPlan, tell: Callable[[str, int, int], None]) -> np.ndarray:
    """The frozen backbone's features of every training image (no augmentation), kept in
    the run folder and computed again only when the images or settings change."""
    config = _fold_config(plan.config)
    _fresh_session(plan.seed)
    train = build_train_iterator(config, seed=plan.seed, tree=plan.tree)
    fit_normalization(train, plan.seed)
    images = plain_iterator(config, plan.tree, train, seed=plan.seed)
    extractor, _ = feature_cache.split_model(build_model(config, len(plan.class_names)))
    key = feature_cache._key(config, images, extractor, 1, False)
    path = plan.folder / "features.npz"
    found = feature_cache._read(path, key)
    if isinstance(found, tuple):
        return found[0][0]
    plan.folder.mkdir(exist_ok=True)
    arrays = feature_cache._compute(extractor, images, 1, False, max(1, config.training.workers),
                                    lambda done, total: tell("features", done, total))
    feature_cache._write(path, key, *arrays)
    return arrays[0][0]


def _train_fold_on_features(plan: OofPlan, fold: int, features: np.ndarray,
                            stop: threading.Event,
                            tell: Callable[[str, int, int], None]) -> np.ndarray:
    config = _fold_config(plan.config, plan.epochs)
    _fresh_session(plan.seed + fold)
    held = plan.fold_of == fold
    classes = len(plan.class_names)
    binary = config.data.class_mode == "binary"
    inputs = x = keras.Input(features.shape[1:], name="features")
    if config.model.dropout:
        x = keras.layers.Dropout(config.model.dropout, name="dropout")(x)
    outputs = keras.layers.Dense(1 if binary else classes,
                                 activation="sigmoid" if binary else "softmax",
                                 dtype="float32", name="predictions")(x)
    head = keras.Model(inputs, outputs, name="fitgen_fold_head")
    batch = config.data.batch_size
    compile_model(head, config, -(-int((~held).sum()) // batch))
    labels = plan.labels[~held]
    tell("training", 0, plan.epochs)
    kept = _FoldCallback(stop, lambda e: tell("training", e, plan.epochs), plan.epochs)
    head.fit(features[~held], _targets(labels, config.data.class_mode, classes),
             batch_size=batch, epochs=plan.epochs, verbose=0, shuffle=True,
             class_weight=class_weights(config.training.class_weight, labels,
                                        plan.class_names),
             callbacks=[kept])
    if stop.is_set():
        raise OofStopped("stopped")
    return _mean_over_snapshots(
        head, kept.snapshots,
        lambda: head.predict(features[held], batch_size=batch, verbose=0)).astype(np.float32)


def compute_out_of_fold(plan: OofPlan, *, stop: threading.Event | None = None,
                        progress: Callable[[FoldProgress], None] | None = None,
                        clear_sessions: bool = True) -> OofResult:
    """Train what is missing of the plan's folds and join their predictions.

    ``clear_sessions``: start each fold with a fresh Keras session (not in the app, where
    another thread may use a model meanwhile).

    Raises
    ------
    OofStopped
        ``stop`` was set: the folds finished before it are kept in the run folder.
    """
    # K new models in a row make TensorFlow warn about "retracing": expected here.
    _CLEAR.on = clear_sessions
    try:
        with _quiet_retracing():
            return _compute(plan, stop or threading.Event(), progress)
    finally:
        _CLEAR.on = True


@contextlib.contextmanager
def _quiet_retracing() -> Any:
    logger = logging.getLogger("tensorflow")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _compute(plan: OofPlan, stop: threading.Event,
             progress: Callable[[FoldProgress], None] | None) -> OofResult:
    n, folds = len(plan.labels), plan.folds
    probabilities: np.ndarray | None = None
    reused, trained = [], []
    features = None
    for fold in range(folds):
        def tell(stage: str, done: int, total: int, fold: int = fold) -> None:
            if progress is not None:
                what = {"features": "computing the features of the images",
                        "training": f"training, epoch {done} of {total}",
                        "predicting": f"predicting its {total} images",
                        "reused": "reused from the last time",
                        "done": "done"}[stage]
                progress(FoldProgress(fold + 1, folds, stage, done, total,
                                      f"Fold {fold + 1} of {folds}: {what}"))

        found = _read_fold(plan, fold)
        if found is None:
            if stop.is_set():
                raise _stopped(plan)
            try:
                if plan.frozen:
                    if features is None:
                        features = _features(plan, tell)
                    found = _train_fold_on_features(plan, fold, features, stop, tell)
                else:
                    found = _train_fold_on_images(plan, fold, stop, tell)
            except OofStopped:
                raise _stopped(plan) from None
            _write_fold(plan, fold, found)
            trained.append(fold)
            tell("done", 1, 1)
        else:
            reused.append(fold)
            tell("reused", 1, 1)
        found = as_class_probabilities(found)
        if probabilities is None:
            probabilities = np.zeros((n, found.shape[1]))
        probabilities[plan.fold_of == fold] = found
    assert probabilities is not None
    return OofResult(plan, probabilities, reused, trained)


def _stopped(plan: OofPlan) -> OofStopped:
    done = len(plan.finished_folds())
    return OofStopped(f"Stopped after {done} of {plan.folds} folds. The finished folds are "
                      f"kept in '{plan.folder}' and reused when you start again (while the "
                      "images and settings stay the same).")
