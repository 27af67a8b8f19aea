"""The steps of a run before its first batch, each named, and :func:`train`, which runs them.

A run checks its settings (:func:`preflight`), then, on the training thread: sets up the
device and the seed (:func:`start_device`), prepares the data (:func:`load_data`: the data
check's findings, unreadable files set aside, labels and normalization written to the run
folder), counts the steps of an epoch (:class:`Steps`), builds or checks the model
(:func:`ready_model`), and hands them to the fit (:class:`~.fitting.PhasedFit`). Each step
the user waits for is named in the status line (``Session.phase``), where Stop ends the run.
"""

from __future__ import annotations

import io
import json
import os
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.config import ConfigError, Problem, RunConfig
from fitgen_gui.core.errors import CheckpointError, UserError
from fitgen_gui.core.events import FinalEvent, RunResumed, RunWarning
from fitgen_gui.core.run_dir import (
    CHECK_REPORT,
    LABELS,
    NORMALIZATION,
    CheckpointInfo,
    RunDir,
    write_atomic,
)
from fitgen_gui.data.batch_streams import is_sequence, sequence_length
from fitgen_gui.data.data_check import CheckReport, format_report
from fitgen_gui.data.pipeline import build_run_data, summarize_class_names
from fitgen_gui.training import tf_devices
from fitgen_gui.training.models import build_model, compile_model
from fitgen_gui.training.preflight import Prepared, describe_reuse, devices_of, prepare
from fitgen_gui.training.run.fitting import PhasedFit
from fitgen_gui.training.run.outcome import outcome
from fitgen_gui.training.run.session import Session, StoppedEarly

__all__ = ["RunStart", "Steps", "load_checkpoint", "load_data", "preflight", "ready_model",
           "start_device", "train"]


@dataclass(frozen=True)
class RunStart:
    """What a new run or a resume hands the training: the checked settings and data, and
    for a resume its model, epoch, event and partial-epoch state."""

    prepared: Prepared
    model: keras.Model | None = None
    initial_epoch: int = 0
    resumed: RunResumed | None = None
    # The meta of the partial checkpoint resumed (metric sums, random states, batches).
    resume_state: dict[str, Any] | None = None


@dataclass(frozen=True)
class Steps:
    """Batches of a training epoch and of a validation (None without validation data)."""

    train: int
    val: int | None

    @classmethod
    def of(cls, config: RunConfig, data: Any) -> Steps:
        """The settings' counts, or the lengths of the data's PyDatasets."""
        training = config.training
        train = training.steps_per_epoch or _length(data.train, "training.steps_per_epoch")
        val = None
        if data.val is not None:
            val = training.validation_steps or _length(data.val, "training.validation_steps")
        return cls(train, val)


def _length(source: Any, field: str) -> int:
    """Batches of a PyDataset; a generator needs the number of steps from the settings."""
    if is_sequence(source) and sequence_length(source):
        return int(sequence_length(source))
    raise ConfigError([Problem(field, "is needed: the data file's source is a generator, "
                               "which does not know its length")])


def preflight(session: Session, config: RunConfig, *, trusted: bool,
              workspace: str | Path | None, reuse: CheckReport | None) -> Prepared:
    """Check everything before the run folder is made (``training.preflight``)."""
    session.phase("preparing", "Checking the settings")
    devices = devices_of(tf_devices.available_devices())

    def progress(done: int, total: int) -> None:
        if session.stop_event.is_set():
            raise StoppedEarly
        session.console.write(f"\rChecking {total} files: {done}/{total}"
                              + ("\n" if done == total else ""))

    return prepare(config, data_file_trusted=trusted, devices=devices, workspace=workspace,
                   reuse_report=reuse, check_progress=progress, on_phase=session.phase)


def train(session: Session, start: RunStart) -> FinalEvent:
    """Build what is missing, train, and return the final event."""
    device = start_device(session)
    data = load_data(session, start.prepared, device)
    steps = Steps.of(session.config, data)
    with tf_devices.device_scope(device):
        model = ready_model(session, start, device, data, steps)
        fit = PhasedFit(session, start, device, data, model, steps)
        fit.run()
    return outcome(session, model, fit.recorder, start.initial_epoch, fit.callbacks)


# -- device and seed ------------------------------------------------------------------


def start_device(session: Session) -> tf_devices.DeviceInfo:
    """A fresh Keras session on the chosen devices, seeded; the console says where."""
    run, config = session.run, session.config
    assert run is not None and config is not None
    # clear_session's gc.collect() would destroy garbage Qt objects on this thread when it
    # is the app's training thread (a deadlock with the GUI thread): the app collects on
    # its GUI thread instead.
    keras.backend.clear_session(
        free_memory=threading.current_thread() is threading.main_thread())
    device = tf_devices.configure(config.training.device, config.training.mixed_precision)
    if device.workers > 1:
        config = session.config = _cluster_seed(session, device, config)
    if config.training.seed is not None:
        keras.utils.set_random_seed(config.training.seed)
    console = session.console
    console.line(f"Run folder: {run.path}")
    shared = device.batch_text(config.data.batch_size)
    console.line(f"Device: {device.name}" + (f"; {shared}" if shared else ""))
    if config.data.source == "python":
        console.line(f"Running your data code from {config.data.generator_file} (chosen as "
                     "the data source).")
    return device


def _cluster_seed(session: Session, device: tf_devices.DeviceInfo,
                  config: RunConfig) -> RunConfig:
    """Every worker of a cluster shuffles and augments alike: the chief's seed for all."""
    from fitgen_gui.training.tf_distribute import broadcast_int

    own = config.training.seed
    seed = broadcast_int(device.strategy, own if own is not None else
                         int.from_bytes(os.urandom(3), "little"), device.is_chief)
    if own is None:
        session.console.line(f"Seed {seed}, chosen by the chief: every worker reads the same "
                             "batches and takes its share of each.")
    return config.replace(**{"training.seed": seed})


# -- data ------------------------------------------------------------------------------


def load_data(session: Session, prepared: Prepared, device: tf_devices.DeviceInfo) -> Any:
    """The run's data (``pipeline.RunData``), told to the console and the run folder."""
    run, config = session.run, session.config
    assert run is not None and config is not None
    unreadable = _record_report(session, prepared)
    session.phase("loading_data", "Preparing the images")
    data = build_run_data(config, seed=config.training.seed,
                          train_tree=prepared.trees.get("train"),
                          val_tree=prepared.trees.get("val"),
                          progress=lambda text: session.phase("normalization", text))
    if data.from_folders:
        _skip_bad_files(session, data, unreadable)
    _describe_data(session, data)
    if device.workers > 1:
        _check_same_data(device, data)
    _record_data_facts(run, data)
    return data


def _record_report(session: Session, prepared: Prepared) -> list[str]:
    """The data check in the run folder, console and events; returns unreadable files."""
    run, report = session.run, prepared.report
    assert run is not None
    if report is None:
        return []
    write_atomic(run.file(CHECK_REPORT), json.dumps(report.to_dict(), indent=2))
    reused = describe_reuse(prepared)
    if reused:
        session.console.line(reused)
    for finding in report.findings:
        if finding.severity == "info":
            continue
        if finding.kind == "unreadable":
            for path in finding.paths:
                session.emit(RunWarning(f"{finding.message.split('.')[0]}: {path}", path,
                                        "bad_file"))
        elif finding.severity == "warning":
            session.emit(RunWarning(finding.message, kind="data_check"))
    session.console.line(format_report(report))
    return report.unreadable


def _skip_bad_files(session: Session, data: Any, unreadable: list[str]) -> None:
    """Files the check could not read are left out; one found unreadable later is
    replaced in its batch (up to ``training.max_bad_file_fraction``), and said so."""

    def listener(path: str, reason: str) -> None:
        text = f"Skipped '{path}': {reason}. Another image takes its place in the batch."
        session.console.line(f"WARNING: {text}")
        session.emit(RunWarning(text, path, "bad_file"))

    for iterator in (data.train, data.val):
        if iterator is not None:
            iterator.exclude_files(unreadable)
            iterator.skip_unreadable_files(session.config.training.max_bad_file_fraction,
                                           listener)


def _describe_data(session: Session, data: Any) -> None:
    console = session.console
    if data.from_folders:
        console.line(f"Found {data.train.samples} training images belonging to "
                     f"{len(data.class_names)} classes: "
                     f"{summarize_class_names(data.class_names)}.")
        if data.val is not None:
            console.line(f"Found {data.val.samples} validation images.")
    else:
        console.line(f"Classes: {summarize_class_names(data.class_names)}.")
    for note in data.warnings:
        console.line(f"WARNING: {note}")
        session.emit(RunWarning(note))


def _check_same_data(device: tf_devices.DeviceInfo, data: Any) -> None:
    """Refuse to train when a worker's images or classes differ from the chief's."""
    from fitgen_gui.training.tf_distribute import same_on_all_workers

    files = {"training": [], "validation": []}
    if data.from_folders:
        files = {"training": data.train.filenames,
                 "validation": data.val.filenames if data.val is not None else []}
    listed = [*data.class_names, "", *files["training"], "", *files["validation"]]
    digest = zlib.crc32("\n".join(listed).encode("utf-8", "surrogateescape"))
    if not same_on_all_workers(device.strategy, digest, device.is_chief):
        raise UserError(
            "The workers do not see the same images: on each machine, the training and "
            "validation folders must hold the same files, in the same class folders, as on "
            f"the chief. This worker found {len(files['training'])} training and "
            f"{len(files['validation'])} validation images in {len(data.class_names)} "
            "classes.")


def _record_data_facts(run: RunDir, data: Any) -> None:
    """What evaluating, predicting and exporting the run need later: its labels, in the
    model's output order, and its normalization statistics (when it fitted any)."""
    write_atomic(run.file(LABELS), "".join(f"{name}\n" for name in data.class_names))
    generator = getattr(data.train, "image_data_generator", None)
    stats = {k: getattr(generator, k, None) for k in ("mean", "std", "zca_whitening_matrix")}
    stats = {k: v for k, v in stats.items() if v is not None}
    if stats:
        buffer = io.BytesIO()
        np.savez(buffer, **stats)
        write_atomic(run.file(NORMALIZATION), buffer.getvalue())


# -- the model -------------------------------------------------------------------------


def ready_model(session: Session, start: RunStart, device: tf_devices.DeviceInfo,
                data: Any, steps: Steps) -> keras.Model:
    """A new run's model, built and compiled; a resumed run's, checked against the run
    (and loaded again in the strategy's scope when several devices train it)."""
    run, config = session.run, session.config
    assert run is not None and config is not None
    model, resumed = start.model, start.resumed
    checkpoint = (CheckpointInfo(resumed.from_epoch, False, resumed.checkpoint)
                  if resumed is not None and resumed.checkpoint else None)
    if model is not None and device.strategy is not None and checkpoint is not None:
        # The checkpoint's variables are made again in the strategy's scope, mirrored on
        # every device.
        model = load_checkpoint(run, checkpoint)
    if model is None:
        session.phase("building", "Building the model")
        model = build_model(config, len(data.class_names))
        compile_model(model, config, steps.train)
    elif checkpoint is not None:
        check_fits(model, checkpoint, config, len(data.class_names))
    return model


def load_checkpoint(run: RunDir, checkpoint: CheckpointInfo) -> keras.Model:
    """The model of ``checkpoint``; one that cannot be loaded is named, with the one to
    resume from instead."""
    try:
        return keras.saving.load_model(checkpoint.path, safe_mode=True)
    except Exception as exc:  # any failure means: not a usable checkpoint (re-raised)
        earlier = [c for c in run.checkpoints() if c.epoch < checkpoint.epoch]
        offer = (f" The previous checkpoint is {earlier[-1].label}: resume from it "
                 f"(--from-epoch {earlier[-1].epoch})." if earlier else
                 " It is this run's only checkpoint: start the run again.")
        # Keras's own words ("File not found" for a file that is there, when only its end is
        # missing) would mislead; they stay in the details (the traceback, --debug).
        raise CheckpointError(
            f"Checkpoint '{checkpoint.path}' is damaged or incomplete (only part of it was "
            f"written, or it was changed since) and was not loaded.{offer}") from exc


def check_fits(model: keras.Model, checkpoint: CheckpointInfo, config: RunConfig,
               classes: int) -> None:
    """A checkpoint of another model (copied in by hand) is named, not trained on."""
    outputs = model.output_shape[-1] if model.output_shape else None
    expected = 1 if config.data.class_mode == "binary" else classes
    architecture = f"fitgen_{config.model.architecture}"
    if outputs != expected or (model.name.startswith("fitgen_") and model.name != architecture):
        raise CheckpointError(
            f"Checkpoint '{checkpoint.path}' holds another model ({model.name}, {outputs} "
            f"outputs) than this run trains ({architecture}, {expected} outputs for "
            f"{classes} classes). Resume from one of this run's own checkpoints.")
