"""``run_training`` and ``resume_training``: the engine behind Train, Stop and Resume.

The app's worker thread and the ``fitgen`` command both call these with a ``sink`` (a
plain function receiving ``core.events``) and a ``threading.Event`` that stops the run
after the current batch. Everything a run does is written to its run directory, so it
can be reopened, compared and resumed, and a crash loses at most the epoch in flight.

Nothing is written before the run can really start (:mod:`.preflight`); while it trains,
the run folder is locked against a second writer; the status names each phase before the
first batch (checking files, building the model, compiling).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import threading
import warnings
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.config import ARCHITECTURES, ConfigError, Problem, RunConfig
from fitgen_gui.core.console_text import ConsoleStream
from fitgen_gui.core.errors import CheckpointError, UserError
from fitgen_gui.core.events import (
    ConsoleText,
    PhaseStarted,
    ProfileSaved,
    RunResumed,
    RunStarted,
    RunWarning,
    TrainingFailed,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.core.run_dir import (
    CHECK_REPORT,
    CONSOLE,
    EVENTS,
    LABELS,
    MODEL,
    NORMALIZATION,
    SET_ASIDE,
    CheckpointInfo,
    DiskFullError,
    RunDir,
    best_epoch,
    copy_atomic,
    free_space_message,
    write_atomic,
)
from fitgen_gui.core.run_requests import ProfileRequest, parse_batch_range
from fitgen_gui.data.batch_streams import is_sequence, sequence_length
from fitgen_gui.data.data_check import CheckReport, format_report
from fitgen_gui.data.pipeline import build_run_data, summarize_class_names
from fitgen_gui.training import feature_cache, tf_devices
from fitgen_gui.training.epoch_seeds import EpochSeeds
from fitgen_gui.training.generator_training import DataExhaustedWarning, fit_generator
from fitgen_gui.training.input_meter import BatchContentWarning, InputMeter
from fitgen_gui.training.models import build_model, compile_model, unfreeze_top
from fitgen_gui.training.preflight import Prepared, describe_reuse, devices_of, prepare
from fitgen_gui.training.run_recorder import RunRecorder, save_model_atomic
from fitgen_gui.training.tf_profile import ProfileBatches, ProfileWarning

__all__ = ["CheckpointError", "resume_training", "run_training"]

Sink = Callable[[Any], None]


class _StoppedEarly(Exception):
    """Stop was pressed before the first batch (during the checks or model building)."""


def _failure_message(exc: BaseException, config: RunConfig | None,
                     checkpoint: CheckpointInfo | None) -> str:
    """Words for people, for the errors they can act on."""
    name = type(exc).__name__
    text = str(exc)
    if isinstance(exc, UserError):
        return text
    kept = (f" The last checkpoint ({checkpoint.label}) is kept." if checkpoint
            else " No checkpoint was saved yet.")
    if isinstance(exc, MemoryError) or "ResourceExhausted" in name or "OOM" in text or (
            "out of memory" in text.lower()):
        size = config.data.batch_size if config else None
        hint = f" Try a batch size of {max(1, size // 2)} (now {size})" if size else ""
        return ("Out of memory: the batch does not fit in the "
                f"{'GPU' if 'GPU' in text else 'memory'}.{hint}, a smaller image size, or a "
                f"smaller model.{kept}")
    if isinstance(exc, PermissionError | OSError) and getattr(exc, "filename", None):
        return (f"Cannot write '{exc.filename}': {exc.strerror or exc}. Choose a folder you "
                "can write to (File > Workspace, or --runs-dir).")
    cluster = tf_devices.joined_cluster()
    if cluster is not None and ("Collective ops is aborted" in text or name in (
            "UnavailableError", "AbortedError", "DeadlineExceededError")):
        # TensorFlow names the silent task after "unhealthy"; elsewhere its text may name
        # this worker's own devices.
        unhealthy = text.split("unhealthy", 1)[-1]
        tasks = [int(t) for t in re.findall(r"/job:(?:worker|chief)/replica:\d+/task:(\d+)",
                                            unhealthy)]
        others = [t for t in tasks if t != cluster.index and t < len(cluster.workers)]
        who = cluster.worker_text(others[0]).capitalize() if others else "Another worker"
        return (f"{who} of the cluster stopped answering (it was stopped, or its machine or "
                f"the network failed), so every worker stopped.{kept} To continue, start "
                "`fitgen worker --resume RUN_FOLDER` on every machine.")
    where = getattr(exc, "fitgen_batch", None)
    if where is not None:
        role, batch = where
        first_line = text.splitlines()[0] if text else ""
        return (f"The {role} data failed while building batch {batch + 1}: {name}: "
                f"{first_line}. The error came from the data itself (the details show its "
                f"traceback); training stopped.{kept}")
    return f"{name}: {text}"


@contextlib.contextmanager
def _warnings_to(emit: Sink, console: ConsoleStream) -> Iterator[None]:
    """Warnings raised during the run go to the console and the event log."""

    def show(message: Warning | str, category: type, filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        text = str(message)
        console.line(f"WARNING: {text}")
        kind = "batch_content" if issubclass(category, BatchContentWarning) else "warning"
        emit(RunWarning(text, getattr(message, "path", None), kind=kind))

    with warnings.catch_warnings():
        warnings.showwarning = show
        # FitGen's own notes about the data are always told, never raised as errors (a
        # process that turns warnings into errors must still finish its run).
        for category in (BatchContentWarning, DataExhaustedWarning, ProfileWarning):
            warnings.filterwarnings("always", category=category)
        yield


class _Session:
    """One run from start to its final event."""

    def __init__(self, sink: Sink, stop_event: threading.Event) -> None:
        self.sink = sink
        self.stop_event = stop_event
        self.run: RunDir | None = None
        self.config: RunConfig | None = None
        self.console = ConsoleStream(None, sink)
        self.lock: Any = None
        self.initial_epoch = 0
        self.profile_request: ProfileRequest | None = None
        self._log = None
        self._emit_lock = threading.RLock()

    def emit(self, event: Any) -> None:
        # Data threads report skipped files while the training thread reports batches.
        with self._emit_lock:
            if self._log is not None and not isinstance(event, ConsoleText):
                try:
                    self._log.append(event, sync=not type(event).__name__.startswith("Batch"))
                except OSError:
                    pass  # a full disk is reported by the checkpoint that cannot be written
            self.sink(event)

    def phase(self, key: str, text: str) -> None:
        if self.stop_event.is_set():
            raise _StoppedEarly
        self.emit(PhaseStarted(key, text))

    def open_run(self, run: RunDir) -> None:
        """Log to ``run`` from now on (what the console showed so far goes in too)."""
        self.run = run
        self._log = run.events
        self.console.attach_log(run.file(CONSOLE))

    def close(self) -> None:
        self.console.close()
        if self._log is not None:
            self._log.close()
        if self.lock is not None:
            self.lock.release()

    def fail(self, exc: BaseException, message: str | None = None) -> TrainingFailed:
        latest = self.run.checkpoint() if self.run is not None else None
        event = TrainingFailed.from_exception(
            exc, message or _failure_message(exc, self.config, latest),
            str(self.run.path) if self.run else None, latest.path if latest else None)
        if self.run is not None:
            with contextlib.suppress(OSError):
                self.run.write_state("failed", message=event.message)
        return event


def _load_checkpoint(run: RunDir, checkpoint: CheckpointInfo) -> keras.Model:
    try:
        return keras.saving.load_model(checkpoint.path, safe_mode=True)
    except Exception as exc:  # any failure means: not a usable checkpoint (re-raised)
        earlier = [c for c in run.checkpoints() if c.epoch < checkpoint.epoch]
        offer = (f" The previous checkpoint is {earlier[-1].label}: resume from it "
                 f"(--from-epoch {earlier[-1].epoch})." if earlier else "")
        first = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise CheckpointError(
            f"Checkpoint '{checkpoint.path}' is damaged or incomplete and was not loaded "
            f"({type(exc).__name__}: {first}).{offer}") from exc


def _check_fits(model: keras.Model, checkpoint: CheckpointInfo, config: RunConfig,
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


def _length(source: Any, field: str) -> int:
    """Batches of a PyDataset; a generator needs the number of steps from the settings."""
    if is_sequence(source) and sequence_length(source):
        return int(sequence_length(source))
    raise ConfigError([Problem(field, "is needed: the data file's source is a generator, "
                               "which does not know its length")])


def _bad_file_listener(session: _Session) -> Callable[[str, str], None]:
    def listener(path: str, reason: str) -> None:
        text = f"Skipped '{path}': {reason}. Another image takes its place in the batch."
        session.console.line(f"WARNING: {text}")
        session.emit(RunWarning(text, path, "bad_file"))

    return listener


def _record_report(session: _Session, prepared: Prepared) -> list[str]:
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


def _record_data_facts(run: RunDir, data: Any) -> None:
    """What evaluating, predicting and exporting the run need later: its labels, in the
    model's output order, and its normalization statistics (when it fitted any)."""
    write_atomic(run.file(LABELS), "".join(f"{name}\n" for name in data.class_names))
    generator = getattr(data.train, "image_data_generator", None)
    stats = {k: getattr(generator, k, None) for k in ("mean", "std", "zca_whitening_matrix")}
    stats = {k: v for k, v in stats.items() if v is not None}
    if stats:
        import io

        import numpy as np

        buffer = io.BytesIO()
        np.savez(buffer, **stats)
        write_atomic(run.file(NORMALIZATION), buffer.getvalue())


def _preflight(session: _Session, config: RunConfig, *, trusted: bool,
               workspace: str | Path | None, reuse: CheckReport | None) -> Prepared:
    session.phase("preparing", "Checking the settings")
    devices = devices_of(tf_devices.available_devices())

    def progress(done: int, total: int) -> None:
        if session.stop_event.is_set():
            raise _StoppedEarly
        session.console.write(f"\rChecking {total} files: {done}/{total}"
                              + ("\n" if done == total else ""))

    return prepare(config, data_file_trusted=trusted, devices=devices, workspace=workspace,
                   reuse_report=reuse, check_progress=progress, on_phase=session.phase)


def _train(session: _Session, prepared: Prepared, *, model: keras.Model | None,
           initial_epoch: int, resumed: RunResumed | None,
           resume_state: dict[str, Any] | None = None) -> Any:
    """Build what is missing, train, and return the final event."""
    run, config = session.run, session.config
    assert run is not None and config is not None
    console = session.console
    training = config.training
    # clear_session's gc.collect() would destroy garbage Qt objects on this thread when it
    # is the app's training thread (a deadlock with the GUI thread): the app collects on
    # its GUI thread instead.
    keras.backend.clear_session(
        free_memory=threading.current_thread() is threading.main_thread())
    device = tf_devices.configure(training.device, training.mixed_precision)
    if device.workers > 1:
        config = session.config = _cluster_seed(session, device, config)
        training = config.training
    if training.seed is not None:
        keras.utils.set_random_seed(training.seed)
    console.line(f"Run folder: {run.path}")
    shared = device.batch_text(config.data.batch_size)
    console.line(f"Device: {device.name}" + (f"; {shared}" if shared else ""))
    if config.data.source == "python":
        console.line(f"Running your data code from {config.data.generator_file} (chosen as "
                     "the data source).")
    unreadable = _record_report(session, prepared)
    session.phase("loading_data", "Preparing the images")
    data = build_run_data(config, seed=training.seed, train_tree=prepared.trees.get("train"),
                          val_tree=prepared.trees.get("val"),
                          progress=lambda text: session.phase("normalization", text))
    if data.from_folders:
        for iterator in (data.train, data.val):
            if iterator is not None:
                iterator.exclude_files(unreadable)
                iterator.skip_unreadable_files(training.max_bad_file_fraction,
                                               _bad_file_listener(session))
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
    if device.workers > 1:
        _check_same_data(device, data)
    _record_data_facts(run, data)
    steps = training.steps_per_epoch or _length(data.train, "training.steps_per_epoch")
    val_steps = None
    if data.val is not None:
        val_steps = training.validation_steps or _length(data.val, "training.validation_steps")
    with tf_devices.device_scope(device):
        if model is not None and device.strategy is not None and resumed is not None and (
                resumed.checkpoint):
            # The checkpoint's variables are made again in the strategy's scope, mirrored
            # on every device.
            model = _load_checkpoint(run, CheckpointInfo(resumed.from_epoch, False,
                                                         resumed.checkpoint))
        if model is None:
            session.phase("building", "Building the model")
            model = build_model(config, len(data.class_names))
            compile_model(model, config, steps)
        elif resumed is not None and resumed.checkpoint:
            _check_fits(model, CheckpointInfo(resumed.from_epoch, False, resumed.checkpoint),
                        config, len(data.class_names))
        phase_two = (config.model.fine_tune_epoch(training.epochs)
                     if config.model.fine_tune else None)
        cached = None
        if feature_cache.applies(config, data.from_folders) and device.replicas == 1 and (
                phase_two is None or initial_epoch < phase_two):
            cached = _cached_features(session, model, data)
        cb = config.callbacks
        recorder = RunRecorder(run, session.emit, session.stop_event,
                               batch_size=config.data.batch_size, on_nan=training.on_nan,
                               keep_last=cb.keep_last_checkpoints, monitor=cb.monitor,
                               resume_state=resume_state, saved_model=model)
        callbacks: list[keras.callbacks.Callback] = [recorder]
        if training.seed is not None:
            callbacks.insert(0, EpochSeeds(training.seed))
        if cb.early_stopping:
            callbacks.append(keras.callbacks.EarlyStopping(
                monitor=cb.early_stopping_monitor, patience=cb.early_stopping_patience,
                min_delta=cb.early_stopping_min_delta,
                restore_best_weights=cb.restore_best_weights))
        if cb.reduce_lr_on_plateau:
            callbacks.append(keras.callbacks.ReduceLROnPlateau(
                monitor=cb.reduce_lr_monitor, factor=cb.reduce_lr_factor,
                patience=cb.reduce_lr_patience, min_lr=cb.reduce_lr_min_lr))
        if cb.tensorboard:
            callbacks.append(keras.callbacks.TensorBoard(log_dir=str(run.file("tensorboard"))))
        if cb.profile_batches or session.profile_request is not None:
            callbacks.append(_profiler(session, initial_epoch))
        session.emit(RunStarted(
            run_dir=str(run.path), epochs=training.epochs, initial_epoch=initial_epoch,
            steps_per_epoch=steps, validation_steps=val_steps,
            class_names=tuple(data.class_names),
            train_samples=data.train_samples or steps * config.data.batch_size,
            val_samples=data.val_samples or 0, device=device.name,
            train_class_counts=_class_counts(data)))
        if resumed is not None:
            session.emit(resumed)
        session.phase("compiling", "Compiling the training step (the first batch takes "
                                   "longest)")
        # The same epoch of a resumed run sees the same images in the same order.
        if data.from_folders:
            data.train.set_epoch(initial_epoch)
        initial_step = int(resume_state.get("batches") or 0) if resume_state else 0

        def fit(epochs: int, first_epoch: int, first_step: int) -> None:
            # On cached features the head trains alone (the model's own layers), the data
            # is in memory (no workers needed) and holds features, not 0-255 pixels.
            trained = model if cached is None else cached.head
            train, val = (data.train, data.val) if cached is None else (cached.train,
                                                                         cached.val)
            if cached is not None:
                cached.train.set_epoch(first_epoch)
            fit_generator(
                trained, train, steps_per_epoch=steps, epochs=epochs,
                verbose=training.verbose, callbacks=callbacks, validation_data=val,
                validation_steps=val_steps, validation_freq=training.validation_freq,
                class_weight=data.class_weight, max_queue_size=training.max_queue_size,
                workers=training.workers if cached is None else 0,
                use_multiprocessing=training.use_multiprocessing and cached is None,
                # The iterator already shuffles its images every epoch, keyed by the seed.
                shuffle=False, initial_epoch=first_epoch, initial_step=first_step,
                stream=console,
                # FitGen's models take 0-255 pixels and scale them themselves.
                input_meter=InputMeter(class_names=data.class_names,
                                       expects_0_255=cached is None),
                # The models resize any image, but images that change size mid-run are a
                # bug of the data (and retrace the step).
                strict_shapes=True,
            )

        if phase_two is not None and initial_epoch < phase_two:
            fit(phase_two, initial_epoch, initial_step)  # phase 1: the head alone
            ended = recorder.stopped_by_user or recorder.nan_at is not None or (
                recorder.save_error is not None)
            if not ended and recorder.last_full_epoch:
                start = recorder.last_full_epoch  # early stopping may end phase 1 sooner
                _start_fine_tuning(session, model, steps, start)
                cached = None  # the backbone learns now: every image goes through it
                if data.from_folders:
                    data.train.set_epoch(start)
                fit(training.epochs, start, 0)
        else:
            fit(training.epochs, initial_epoch, initial_step)
    return _outcome(session, model, recorder, initial_epoch, callbacks)


def _cluster_seed(session: _Session, device: tf_devices.DeviceInfo,
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


def _cached_features(session: _Session, model: keras.Model,
                     data: Any) -> feature_cache.CachedFeatures:
    """The frozen backbone's features of every image, computed once (or read back)."""
    run, config, console = session.run, session.config, session.console
    assert run is not None and config is not None
    name = ARCHITECTURES.get(config.model.architecture, config.model.architecture)
    session.phase("features", f"Computing what the frozen {name} sees in each image (once: "
                              "every epoch reuses it)")
    labels = {"train": "training", "val": "validation"}

    def progress(split: str, done: int, total: int) -> None:
        if session.stop_event.is_set():
            raise _StoppedEarly
        console.write(f"\rFeatures of the {labels[split]} images: {done}/{total}"
                      + ("\n" if done == total else ""))

    cached = feature_cache.build_cache(model, config, data, run.path,
                                       workers=max(1, config.training.workers),
                                       progress=progress)
    for split, reused in cached.reused.items():
        if reused:
            console.line(f"Reusing the cached features of the {labels[split]} images "
                         f"({feature_cache.FILES[split]}).")
        elif cached.reasons[split]:
            console.line(f"Computed the {labels[split]} features again: "
                         f"{cached.reasons[split]}.")
    copies = len(cached.train.features)
    copies_text = (f" ({copies} augmented copies of each image, taken in turn by the "
                   "epochs)" if copies > 1 else "")
    console.line(f"The head learns on the cached features of the frozen {name}"
                 f"{copies_text}. Checkpoints hold the whole model.")
    return cached


def _start_fine_tuning(session: _Session, model: keras.Model, steps: int, epoch: int) -> None:
    """Phase 2: the top of the backbone learns too, at a lower learning rate."""
    run, config = session.run, session.config
    assert run is not None and config is not None
    settings = config.model
    learning = unfreeze_top(model, settings.fine_tune_fraction)
    rate = config.optimizer.learning_rate * settings.fine_tune_lr_factor
    compile_model(model, config.replace(**{"optimizer.learning_rate": rate}), steps)
    name = ARCHITECTURES.get(settings.architecture, settings.architecture)
    message = (f"Fine-tuning from epoch {epoch + 1}: the top {learning} layers of "
               f"{name} learn too, at learning rate {rate:g} (until now only the new head "
               "learned; batch normalization stays frozen).")
    session.console.line(message)
    session.emit(PhaseStarted("fine_tuning", message, epoch=epoch))
    run.write_state("running", fine_tuning_from_epoch=epoch + 1)


def _class_counts(data: Any) -> tuple[int, ...]:
    """Images per class of a folder's training data (a data file's are unknown)."""
    classes = getattr(data.train, "classes", None) if data.from_folders else None
    if classes is None:
        return ()
    counts = np.bincount(np.asarray(classes, dtype=np.int64), minlength=len(data.class_names))
    return tuple(int(c) for c in counts)


def _profiler(session: _Session, initial_epoch: int) -> ProfileBatches:
    run, config, console = session.run, session.config, session.console
    assert run is not None and config is not None
    first = last = None
    if config.callbacks.profile_batches:
        first, last = parse_batch_range(config.callbacks.profile_batches)

    def saved(log_dir: str, first: int, last: int, verdict: str) -> None:
        console.line(f"Profile of batches {first}-{last} written to {log_dir}; open it with "
                     f"'tensorboard --logdir \"{log_dir}\"' (Profile tab, input pipeline "
                     f"analysis). The profiler says: {verdict}")
        session.emit(ProfileSaved(log_dir, first, last, verdict))

    return ProfileBatches(str(run.file("profile")), first, last,
                          request=session.profile_request, on_saved=saved,
                          initial_epoch=initial_epoch)


def _outcome(session: _Session, model: keras.Model, recorder: RunRecorder,
             initial_epoch: int, callbacks: list) -> Any:
    run, config, console = session.run, session.config, session.console
    assert run is not None and config is not None
    last = recorder.last_checkpoint
    if recorder.save_error is not None:
        path, exc = recorder.save_error
        reason = getattr(exc, "strerror", None) or str(exc)
        previous = run.checkpoint()
        kept = f" The last saved checkpoint is {previous.label}." if previous else ""
        return session.fail(exc, f"Could not save to '{path}': {reason}. Training stopped "
                                 f"rather than go on unsaved.{kept} Free some disk space or "
                                 "check that the run folder is writable, then resume.")
    if recorder.nan_at is not None:
        epoch, batch = recorder.nan_at
        good = run.checkpoint()
        kept = f" The last good checkpoint is {good.label}." if good else ""
        message = (f"The loss became NaN (not a number) at epoch {epoch + 1}, batch "
                   f"{batch + 1}, so training stopped.{kept} Try a lower learning rate (now "
                   f"{config.optimizer.learning_rate:g}) or check the data.")
        console.line(f"ERROR: {message}")
        return session.fail(FloatingPointError(message), message)
    if recorder.stopped_by_user:
        run.write_state("stopped", epochs_done=recorder.last_full_epoch)
        console.line(f"Stopped at epoch {recorder.epoch + 1}, batch {recorder.batches_done}. "
                     f"Checkpoint: {last or 'none'}")
        return TrainingStopped(str(run.path), recorder.epoch, recorder.batches_done, last)
    model_path = run.file(MODEL)
    epochs_done = recorder.last_full_epoch or initial_epoch
    best = best_epoch(run.read_history(), config.callbacks.monitor)
    model_epoch, model_is = epochs_done, "last"
    stopper = next((c for c in callbacks if isinstance(c, keras.callbacks.EarlyStopping)), None)
    if stopper is not None and stopper.restore_best_weights and stopper.best_weights is not None:
        model_epoch, model_is = stopper.best_epoch + 1, "early stopping's best"
    best_checkpoint = run.checkpoint(best[0] + 1, partial=False) if best else None
    if config.callbacks.final_model == "best" and best_checkpoint is not None:
        copy_atomic(best_checkpoint.path, model_path)
        model_epoch, model_is = best_checkpoint.epoch, "best"
    else:
        save_model_atomic(model, model_path)
    run.write_state("finished", epochs_done=epochs_done, model_epoch=model_epoch,
                    model_is=model_is)
    early = epochs_done < config.training.epochs
    console.line(f"Training finished after {epochs_done} epoch{'s' if epochs_done != 1 else ''}"
                 f"{' (early stopping)' if early else ''}. Model: {model_path} (epoch "
                 f"{model_epoch}, the {model_is})")
    if best is not None:
        console.line(f"Best epoch: {best[0] + 1} ({config.callbacks.monitor} {best[1]:.4f}).")
    return TrainingFinished(str(run.path), epochs_done, str(model_path), early)


def _execute(sink: Sink, stop_event: threading.Event,
             prepare_run: Callable[[_Session], dict],
             profile_request: ProfileRequest | None = None) -> Any:
    session = _Session(sink, stop_event)
    session.profile_request = profile_request
    final: Any = None
    kwargs: dict = {}
    try:
        kwargs = prepare_run(session)
        with _warnings_to(session.emit, session.console):
            final = _train(session, **kwargs)
    except _StoppedEarly:
        run = session.run
        if run is not None:
            run.write_state("stopped")
        session.console.line("Stopped before training began.")
        latest = run.checkpoint() if run is not None else None
        final = TrainingStopped(str(run.path) if run else None, session.initial_epoch, 0,
                                latest.path if latest else None)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a TrainingFailed event
        final = session.fail(exc)
        session.console.line(f"ERROR: {final.message}")
    finally:
        if final is not None:
            session.console.flush_line()
            session.emit(final)
        session.close()
    return final


def run_training(config: RunConfig, sink: Sink, stop_event: threading.Event | None = None,
                 *, workspace: str | Path = "runs", data_file_trusted: bool = True,
                 check_report: CheckReport | None = None,
                 profile_request: ProfileRequest | None = None,
                 run_folder: str | Path | None = None) -> Any:
    """Train a new run of ``config`` in a new folder of ``workspace`` (or in
    ``run_folder`` itself, new or empty: a sweep's run).

    Returns (and emits last) ``TrainingFinished``, ``TrainingStopped`` or
    ``TrainingFailed``; never raises for a problem of the data, the settings or the
    training itself. Nothing is written when the run cannot start.

    Parameters
    ----------
    data_file_trusted
        Whether the caller chose a data file named by ``config`` for this run (a config
        read from a file was not chosen: the CLI asks for ``--trust-data-file``).
    check_report
        A data check of the same folders (the app's): reused if they have not changed.
    profile_request
        Asked from another thread (the app's "Profile 20 batches"), profiles the next
        batches into the run's ``profile/`` folder.
    """
    stop_event = stop_event or threading.Event()
    if run_folder is not None:
        workspace = Path(run_folder).parent

    def prepare_run(session: _Session) -> dict:
        session.config = config
        if run_folder is not None:
            RunDir.check_new(run_folder)  # before the data check, which takes a while
        prepared = _preflight(session, config, trusted=data_file_trusted,
                              workspace=workspace, reuse=check_report)
        session.config = prepared.config
        run = (RunDir.create(workspace, config.name) if run_folder is None
               else RunDir.create_at(run_folder))
        try:
            session.lock = run.lock()
            session.lock.acquire()
            run.write_config(prepared.config.to_json())
            run.write_state("running", started=datetime.now().isoformat(timespec="seconds"))
        except OSError as exc:  # a full disk: leave nothing behind, say where and how much
            if session.lock is not None:
                session.lock.release()
                session.lock = None
            shutil.rmtree(run.path, ignore_errors=True)
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(free_space_message(workspace)) from exc
            raise
        session.open_run(run)
        return {"prepared": prepared, "model": None, "initial_epoch": 0, "resumed": None}

    return _execute(sink, stop_event, prepare_run, profile_request)


def _set_aside_all(run: RunDir) -> Path:
    """Move the events and console of an attempt that saved nothing into ``set-aside/``."""
    folder = run.path / SET_ASIDE / datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    folder.mkdir(parents=True, exist_ok=True)
    for name in (EVENTS, CONSOLE, "history.csv", "run.json"):
        source = run.file(name)
        if source.exists():
            shutil.copy2(source, folder / name)
    for name in (EVENTS, CONSOLE, "history.csv"):
        run.file(name).unlink(missing_ok=True)
    return folder


def resume_training(run_dir: str | Path, sink: Sink, stop_event: threading.Event | None = None,
                    *, from_epoch: int | None = None, epochs: int | None = None,
                    data_file_trusted: bool = False,
                    profile_request: ProfileRequest | None = None) -> Any:
    """Continue the run in ``run_dir`` from the checkpoint of ``from_epoch`` (default: the
    latest), restoring weights, optimizer state and the epoch counter; a partial
    checkpoint continues at the batch where it stopped. Epochs after it are set aside in
    ``set-aside/``, not deleted. ``epochs`` changes the final epoch. A run killed before
    its first checkpoint starts again from epoch 1 with its settings.

    The run is locked while it trains: a run another process is training is refused.
    ``data_file_trusted`` must be True to run a data file the run's settings name.
    """
    stop_event = stop_event or threading.Event()

    def prepare_run(session: _Session) -> dict:
        run = RunDir(run_dir)
        text = run.read_config_text()
        session.lock = run.lock()
        session.lock.acquire()
        config = RunConfig.from_json(text)
        session.config = config
        removed = run.remove_stale_temporaries()
        repaired = run.repair()
        checkpoints = run.checkpoints()
        checkpoint = run.checkpoint(from_epoch)
        restart = checkpoint is None and from_epoch is None and not checkpoints
        if checkpoint is None and not restart:
            have = ", ".join(str(c.epoch) for c in checkpoints) or "none"
            raise CheckpointError(f"Run '{run.path}' has no checkpoint of epoch {from_epoch} "
                                  f"(epochs with checkpoints: {have}).")
        if epochs is not None:
            config = config.replace(**{"training.epochs": epochs})
            session.config = config
        start_epoch = checkpoint.initial_epoch if checkpoint else 0
        if checkpoint is not None and (config.training.epochs < start_epoch or (
                epochs is not None and epochs <= start_epoch)):
            raise ConfigError([Problem(
                "training.epochs", f"is {config.training.epochs}, but the checkpoint is at "
                f"epoch {checkpoint.epoch}; give more epochs (--epochs)")])
        prepared = _preflight(session, config, trusted=data_file_trusted, workspace=None,
                              reuse=None)
        session.config = config = prepared.config
        model = _load_checkpoint(run, checkpoint) if checkpoint else None
        resume_state = None
        if checkpoint is not None and checkpoint.partial:
            if "metric_state" in checkpoint.meta:
                resume_state = {**checkpoint.meta, "epoch": checkpoint.epoch}
            else:  # written by an older FitGen: its epoch runs again in full
                start_epoch = checkpoint.epoch - 1
        set_aside = run.set_aside_after(checkpoint) if checkpoint else _set_aside_all(run)
        run.write_config(config.to_json())
        run.write_state("running", resumed=datetime.now().isoformat(timespec="seconds"))
        session.open_run(run)
        session.initial_epoch = start_epoch
        console = session.console
        for name in removed:
            console.line(f"Removed '{name}', left by a write that a crash cut short.")
        if repaired:
            listed = ", ".join(str(e + 1) for e in repaired)
            console.line(f"Repaired the history of epoch(s) {listed} from their checkpoints "
                         "(the run was stopped right after saving them).")
        if checkpoint is None:
            console.line(f"Run {run.name} has no checkpoint (it stopped before its first "
                         "epoch ended): starting it again from epoch 1 with its settings.")
        elif resume_state:
            console.line(f"Resuming from {checkpoint.label} ({checkpoint.path}), at batch "
                         f"{int(resume_state['batches']) + 1} of epoch {checkpoint.epoch}.")
        else:
            console.line(f"Resuming from {checkpoint.label} ({checkpoint.path}).")
        if set_aside is not None:
            console.line(f"The previous attempt's later epochs and logs were set aside in "
                         f"{set_aside}.")
        resumed = RunResumed(checkpoint.epoch if checkpoint else 0,
                             checkpoint.path if checkpoint else None,
                             str(set_aside) if set_aside else None,
                             int(resume_state["batches"]) if resume_state else 0,
                             checkpoint is None)
        return {"prepared": prepared, "model": model, "initial_epoch": start_epoch,
                "resumed": resumed, "resume_state": resume_state}

    return _execute(sink, stop_event, prepare_run, profile_request)
