"""The engine's messages in the app's language, while the CLI and the logs stay English.

core/, data/ and training/ are Qt-free and speak English (the CLI prints their messages,
``events.jsonl`` and the logs keep them). The window shows the same messages: a problem
that blocks training, a data-check finding, a warning, a phase of the run. Each message
the window shows often is listed here once, as its English *template* (the message id):
the fixed words with ``{placeholders}`` where the engine puts names and numbers, marked
with ``QT_TRANSLATE_NOOP`` under the context ``Engine`` so lupdate collects it.

:func:`engine_text` matches a message against the templates, translates the matching one
and puts the message's own names and numbers back in. A message no template matches is
shown as the engine wrote it (English), so a reworded engine message never breaks the
window: it only shows English until its template here is updated.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["ENGINE_TEMPLATES", "engine_text", "status_counts"]

CONTEXT = "Engine"

ENGINE_TEMPLATES = (
    # -- core/config_rules.py: what blocks training ---------------------------------------
    QT_TRANSLATE_NOOP("Engine", "choose the folder of training images (one sub-folder per "
                      "class)"),
    QT_TRANSLATE_NOOP("Engine", "folder '{path}' does not exist"),
    QT_TRANSLATE_NOOP("Engine", "'{path}' is a file; choose the folder that holds {what}"),
    QT_TRANSLATE_NOOP("Engine", "use either a validation folder or a validation split, not "
                      "both (set one of them to empty/0)"),
    QT_TRANSLATE_NOOP("Engine", "choose a data file (a Python file defining class_names and "
                      "train_data)"),
    QT_TRANSLATE_NOOP("Engine", "must be a Python file (.py)"),
    QT_TRANSLATE_NOOP("Engine", "file '{path}' does not exist"),
    QT_TRANSLATE_NOOP("Engine", "the low value must not be above the high value"),
    QT_TRANSLATE_NOOP("Engine", "fine-tuning is for pretrained backbones; the small CNN "
                      "learns whole from the start"),
    QT_TRANSLATE_NOOP("Engine", "ImageNet weights expect colour images; use 'rgb'"),
    QT_TRANSLATE_NOOP("Engine", "the small CNN has no pretrained weights; choose 'none'"),
    QT_TRANSLATE_NOOP("Engine", "speeds up GPUs only; turn it off when training on the CPU"),
    QT_TRANSLATE_NOOP("Engine", "needs at least 1 worker"),
    # the rarer ones
    QT_TRANSLATE_NOOP("Engine", "does not apply to a Python data file; define "
                      "val_data(batch_size) in it instead"),
    QT_TRANSLATE_NOOP("Engine", "needs a matrix of {rows} x {columns} values for "
                      "{height}x{width} images; use a target size of 32x32 or less, "
                      "or turn it off"),
    QT_TRANSLATE_NOOP("Engine", "fine-tuning first trains the head on a frozen base: turn off "
                      "'Train the whole network'"),
    QT_TRANSLATE_NOOP("Engine", "fine-tuning begins at epoch {start}; train at least {epochs} "
                      "epochs"),
    QT_TRANSLATE_NOOP("Engine", "weights file '{path}' does not exist; choose 'none', "
                      "'imagenet' or an existing .h5 file"),
    QT_TRANSLATE_NOOP("Engine", "the small CNN has no ImageNet weights; choose 'none' or "
                      "another architecture"),
    QT_TRANSLATE_NOOP("Engine", "must be a whole number of pixels from {low} to 1024 for {name}"),
    QT_TRANSLATE_NOOP("Engine", "the height is {value} pixels, but {name} needs at least "
                      "{smallest}; use a larger image size (or set the model's input "
                      "size)"),
    QT_TRANSLATE_NOOP("Engine", "the width is {value} pixels, but {name} needs at least "
                      "{smallest}; use a larger image size (or set the model's input "
                      "size)"),
    QT_TRANSLATE_NOOP("Engine", "must be 'none', 'balanced' or a weight per class; got {value}"),
    QT_TRANSLATE_NOOP("Engine", "cannot change a learning rate that follows a schedule; use "
                      "the 'constant' schedule or turn one of them off"),
    QT_TRANSLATE_NOOP("Engine", 'must be a short name without / \\ : * ? " < > |'),
    QT_TRANSLATE_NOOP("Engine", "{devices} not on this computer; choose 'all' or GPUs it has"),
    QT_TRANSLATE_NOOP("Engine", "must be 'auto', 'cpu', 'all', 'gpu:N' or a list "
                      "'gpu:0,gpu:1'; got {value}"),
    QT_TRANSLATE_NOOP("Engine", "'all' needs several devices and this computer has one; choose "
                      "'auto'"),
    QT_TRANSLATE_NOOP("Engine", "{device} is not on this computer (GPUs found: {found}); "
                      "choose 'auto' or 'cpu'"),
    QT_TRANSLATE_NOOP("Engine", "watches {monitor}, but there is no validation data; choose a "
                      "validation folder or split, or watch 'loss'"),
    # -- data/data_check.py: the findings --------------------------------------------------
    QT_TRANSLATE_NOOP("Engine", "Folder '{path}' does not exist."),
    QT_TRANSLATE_NOOP("Engine", "Folder '{path}' has {count} class{listed} with images; at "
                      "least 2 class sub-folders are needed."),
    QT_TRANSLATE_NOOP("Engine", "Hidden and system files in {where} are ignored (.DS_Store, "
                      "Thumbs.db, ._ files...)."),
    QT_TRANSLATE_NOOP("Engine", "Files in {where} without an image extension are ignored "
                      "(images: {extensions})."),
    QT_TRANSLATE_NOOP("Engine", "Files directly in {where} belong to no class and are "
                      "ignored; move them into a class sub-folder."),
    QT_TRANSLATE_NOOP("Engine", "Images in sub-folders of a class folder count for that "
                      "class."),
    QT_TRANSLATE_NOOP("Engine", "Cannot be read: {reason}. These files are skipped in "
                      "training."),
    QT_TRANSLATE_NOOP("Engine", "Grayscale images are read as colour (gray in all 3 "
                      "channels)."),
    QT_TRANSLATE_NOOP("Engine", "Class folder(s) {names} have no readable images."),
    QT_TRANSLATE_NOOP("Engine", "Class(es) {names} have no validation folder; validation "
                      "does not measure them."),
    QT_TRANSLATE_NOOP("Engine", "Class(es) {names} are only in the validation folder; they "
                      "are left out."),
    QT_TRANSLATE_NOOP("Engine", "Very few training images in {names}; {count} or more per "
                      "class are recommended, hundreds are better."),
    QT_TRANSLATE_NOOP("Engine", "The classes are unbalanced (largest {high}, smallest {low} "
                      "images). Class weights that balance them: {weights} (class weight "
                      "'balanced')."),
    QT_TRANSLATE_NOOP("Engine", "The same images are in training and validation; validation "
                      "scores will look better than they are. Remove one copy."),
    QT_TRANSLATE_NOOP("Engine", "The same images are in different classes; the model cannot "
                      "learn both labels."),
    QT_TRANSLATE_NOOP("Engine", "Identical copies of images (same content) in the same "
                      "class; they count more than once."),
    QT_TRANSLATE_NOOP("Engine", "{count} validation image(s) are near-identical to training "
                      "images (resized, re-saved or copied): validation copies of training "
                      "images make accuracy look better than it is. Exclude one image of "
                      "each pair."),
    QT_TRANSLATE_NOOP("Engine", "{count} pair(s) of near-identical images are in different "
                      "classes; at least one label of each pair is wrong."),
    QT_TRANSLATE_NOOP("Engine", "{count} pair(s) of near-identical images (resized, re-saved "
                      "or copied) in the same class; each counts more than once."),
    QT_TRANSLATE_NOOP("Engine", "{kinds} files are read too (Keras 2's flow_from_directory "
                      "skips them; turn off 'Also read GIF and WebP files' to train on "
                      "exactly Keras 2's files)."),
    QT_TRANSLATE_NOOP("Engine", "Links to files that do not exist: skipped in training."),
    QT_TRANSLATE_NOOP("Engine", "A link leads back to a folder already read; it is not "
                      "followed again."),
    # -- training/: the phases of a run and its warnings ----------------------------------
    QT_TRANSLATE_NOOP("Engine", "Checking the settings"),
    QT_TRANSLATE_NOOP("Engine", "Listing the image files"),
    QT_TRANSLATE_NOOP("Engine", "Checking {count} files"),
    QT_TRANSLATE_NOOP("Engine", "Loading your data file"),
    QT_TRANSLATE_NOOP("Engine", "Preparing the images"),
    QT_TRANSLATE_NOOP("Engine", "Building the model"),
    QT_TRANSLATE_NOOP("Engine", "Loading the model"),
    QT_TRANSLATE_NOOP("Engine", "Compiling the training step (the first batch takes "
                      "longest)"),
    QT_TRANSLATE_NOOP("Engine", "Computing what the frozen {name} sees in each image (once: "
                      "every epoch reuses it)"),
    QT_TRANSLATE_NOOP("Engine", "Validating epoch {epoch} (compiling the validation step "
                      "first)"),
    QT_TRANSLATE_NOOP("Engine", "Fine-tuning from epoch {epoch}: the top {count} layers of "
                      "{name} learn too, at learning rate {rate} (until now only the new "
                      "head learned; batch normalization stays frozen)."),
    QT_TRANSLATE_NOOP("Engine", "The loss is NaN at epoch {epoch}, batch {batch}; the model "
                      "is not learning from here. A lower learning rate usually helps."),
    # -- core/run_dir.py: a run's status and its final model, as the Runs tab lists them ---
    QT_TRANSLATE_NOOP("Engine", "running"),
    QT_TRANSLATE_NOOP("Engine", "finished"),
    QT_TRANSLATE_NOOP("Engine", "stopped"),
    QT_TRANSLATE_NOOP("Engine", "failed"),
    QT_TRANSLATE_NOOP("Engine", "not started"),
    QT_TRANSLATE_NOOP("Engine", "interrupted"),
    QT_TRANSLATE_NOOP("Engine", "queued"),
    QT_TRANSLATE_NOOP("Engine", "epoch {epoch} (best)"),
    QT_TRANSLATE_NOOP("Engine", "epoch {epoch} (last; best is epoch {best})"),
    QT_TRANSLATE_NOOP("Engine", "epoch {epoch} (best; best is epoch {best})"),
    QT_TRANSLATE_NOOP("Engine", "epoch {epoch} (last)"),
    QT_TRANSLATE_NOOP("Engine", "epoch {epoch}"),
    QT_TRANSLATE_NOOP("Engine", "epoch {epoch} (stopped after {count} batches)"),
    QT_TRANSLATE_NOOP("Engine", "epoch {epoch} (partial)"),
    # -- core/fixes.py: a fix of the dataset, as the Improve the data view names it -------
    QT_TRANSLATE_NOOP("Engine", "#{id} moved {file} to {where} ({state})"),
    QT_TRANSLATE_NOOP("Engine", "#{id} excluded {file} (now in {where}) ({state})"),
    QT_TRANSLATE_NOOP("Engine", "#{id} undid #{other}: {file} back to {where} ({state})"),
    QT_TRANSLATE_NOOP("Engine", "done"),
    QT_TRANSLATE_NOOP("Engine", "undone by #{id}"),
    QT_TRANSLATE_NOOP("Engine", "moved to {name}"),
    QT_TRANSLATE_NOOP("Engine", "excluded"),
    # -- training/evaluation.py: the evaluation's warnings, its steps ----------------------
    QT_TRANSLATE_NOOP("Engine", "Evaluating"),
    QT_TRANSLATE_NOOP("Engine", "Predicting"),
    QT_TRANSLATE_NOOP("Engine", "{count} image(s) could not be read and are not counted "
                      "(see 'unreadable')."),
    QT_TRANSLATE_NOOP("Engine", "The model answers {name} for {share} of the images, though "
                      "only {true_share} are {name2}: it has not learned to tell the classes "
                      "apart. Train longer, balance the classes (class weights), or check the "
                      "labels."),
    # -- training/tf_export.py and loader_tuner.py: export and loader-tuning progress ---
    QT_TRANSLATE_NOOP("Engine", "FitGen predicts {count} validation images its own way"),
    QT_TRANSLATE_NOOP("Engine", "Exporting {format}"),
    QT_TRANSLATE_NOOP("Engine", "Self-testing {format} on {count} images"),
    QT_TRANSLATE_NOOP("Engine", "Preparing the data"),
    QT_TRANSLATE_NOOP("Engine", "Measuring the data alone"),
    QT_TRANSLATE_NOOP("Engine", "Measuring the model alone (one batch, again and again)"),
    QT_TRANSLATE_NOOP("Engine", "Trying {setting} (round {round} of {rounds})"),
    QT_TRANSLATE_NOOP("Engine", "0 workers (on the training thread)"),
    QT_TRANSLATE_NOOP("Engine", "The data is the bottleneck: it gives {data} images/s and the "
                      "model could train on {model}; full training runs at {full}."),
    QT_TRANSLATE_NOOP("Engine", "The model is the bottleneck: it trains on {model} images/s "
                      "and the data gives {data}; full training runs at {full}. More "
                      "workers will not speed it up."),
    QT_TRANSLATE_NOOP("Engine", "No setting could be measured."),
    QT_TRANSLATE_NOOP("Engine", "Keep the current setting ({setting})."),
    QT_TRANSLATE_NOOP("Engine", "Use {setting}: {speed} images/s, {gain} times the current "
                      "{current}."),
    QT_TRANSLATE_NOOP("Engine", "The loader tuning was cancelled."),
    QT_TRANSLATE_NOOP("Engine", "The training data ended after {count} batches; the tuner "
                      "needs {needed}."),
    # the loader settings' labels last: they would match inside the sentences above
    QT_TRANSLATE_NOOP("Engine", "{workers} worker thread, queue {queue}"),
    QT_TRANSLATE_NOOP("Engine", "{workers} worker threads, queue {queue}"),
    QT_TRANSLATE_NOOP("Engine", "{workers} worker process, queue {queue}"),
    QT_TRANSLATE_NOOP("Engine", "{workers} worker processes, queue {queue}"),
    # -- training/batch_tap.py: what is wrong in a batch (the Batches view) --------------
    QT_TRANSLATE_NOOP("Engine", "{bad} input values are NaN or infinite: the loss will be NaN. "
                      "Find where the data divides by zero or reads a damaged file."),
    QT_TRANSLATE_NOOP("Engine", "Pixels are already in 0-1 (from {low} to {high}), but the "
                      "model scales 0-255 pixels itself: it sees images 255 times "
                      "too dark. Remove the rescale (1/255) from the data."),
    QT_TRANSLATE_NOOP("Engine", "Values reach {high} after a rescale of 1/255: they should be "
                      "at most 1. Is the data scaled twice, or are the images 16-bit?"),
    QT_TRANSLATE_NOOP("Engine", "{count} image(s) of the batch are one flat value (image "
                      "{listed}): blank or failed reads teach the model nothing."),
    QT_TRANSLATE_NOOP("Engine", "The batch has {samples} images but {targets} targets."),
    QT_TRANSLATE_NOOP("Engine", "The targets are {dtype} values, not numbers."),
    QT_TRANSLATE_NOOP("Engine", "The targets have shape {shape}, but the model's output is (n, "
                      "{classes}): categorical needs one-hot rows of {classes2} "
                      "values (or choose class mode 'sparse' for class numbers)."),
    QT_TRANSLATE_NOOP("Engine", "Some one-hot target rows do not add up to 1."),
    QT_TRANSLATE_NOOP("Engine", "The targets have shape {shape}; class mode '{mode}' needs one "
                      "class number per image, shape (n,)."),
    QT_TRANSLATE_NOOP("Engine", "The targets hold values from {low} to {high}; class mode "
                      "'{mode}' needs whole class numbers 0 to {top}."),
    # -- training/out_of_fold.py: the folds' notes, progress and stop ----------------------
    QT_TRANSLATE_NOOP("Engine", "Class {name} has {count} image(s), fewer than {folds} folds: "
                      "its images are spread over {spread} fold(s), one each."),
    QT_TRANSLATE_NOOP("Engine", "Each fold trains {epochs} epochs, as long as the run. After "
                      "a run of {longer} epochs or more, the folds train longer and learn "
                      "from blended images, which finds more of the wrong labels."),
    QT_TRANSLATE_NOOP("Engine", "The folds train the head only (the run's first phase): "
                      "fine-tuning every fold would take as long as the run each."),
    QT_TRANSLATE_NOOP("Engine", "Stopped after {done} of {folds} folds. The finished folds are "
                      "kept in '{folder}' and reused when you start again (while the "
                      "images and settings stay the same)."),
    QT_TRANSLATE_NOOP("Engine", "Fold {fold} of {folds}: {what}"),
    QT_TRANSLATE_NOOP("Engine", "computing the features of the images"),
    QT_TRANSLATE_NOOP("Engine", "training, epoch {done} of {total}"),
    QT_TRANSLATE_NOOP("Engine", "predicting its {total} images"),
    QT_TRANSLATE_NOOP("Engine", "reused from the last time"),
    QT_TRANSLATE_NOOP("Engine", "done"),
    # -- training/input_meter.py: the input-bound verdict and its advice ------------------
    QT_TRANSLATE_NOOP("Engine", "unknown"),
    QT_TRANSLATE_NOOP("Engine", "not input-bound"),
    QT_TRANSLATE_NOOP("Engine", "highly input-bound"),
    QT_TRANSLATE_NOOP("Engine", "moderately input-bound"),
    QT_TRANSLATE_NOOP("Engine", "The model waits for data most of the time: more workers, a "
                      "smaller image size or lighter augmentation will speed training up "
                      "(Tune loader measures which)."),
    QT_TRANSLATE_NOOP("Engine", "Some time is lost waiting for data; more workers may help a "
                      "little."),
    QT_TRANSLATE_NOOP("Engine", "The data keeps up with the model."),
)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{\w+\})", template)
    regex = "".join(f"(?P<{p[1:-1]}>.*?)" if re.fullmatch(r"\{\w+\}", p) else re.escape(p)
                    for p in parts)
    return re.compile(regex, re.DOTALL)


def engine_text(message: str) -> str:
    """``message`` (an engine message, English) in the app's language.

    The first template that matches the whole message is translated and filled with the
    message's own values; with none, the message is returned as it is.
    """
    if not message:
        return message
    for template in ENGINE_TEMPLATES:
        found = _pattern(template).fullmatch(message)
        if found is None:
            continue
        translated = QCoreApplication.translate(CONTEXT, template)
        if translated == template:
            return message
        values = {key: engine_text(value) if key in ("state", "setting", "what") else value
                  for key, value in found.groupdict().items()}
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            return message
    return message


def status_counts(statuses: list[str]) -> str:
    """``"2 finished, 1 failed"`` (core's ``count_statuses``) in the app's language: each
    run status counted, in the order of its first run."""
    counts = Counter(statuses)  # in the order each status first appears
    part = QCoreApplication.translate("Engine", "{count} {status}")
    comma = QCoreApplication.translate("Engine", ", ")
    return comma.join(part.format(count=n, status=engine_text(status))
                      for status, n in counts.items())
