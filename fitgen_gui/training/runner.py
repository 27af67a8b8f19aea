"""``run_training`` and ``resume_training``: the engine behind Train, Stop and Resume.

The app's worker thread and the ``fitgen`` command both call these with a ``sink`` (a
plain function receiving ``core.events``) and a ``threading.Event`` that stops the run
after the current batch. Everything a run does is written to its run directory, so it
can be reopened, compared and resumed, and a crash loses at most the epoch in flight.
"""

from __future__ import annotations

import contextlib
import json
import threading
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import keras

from fitgen_gui.core.config import ConfigError, Problem, RunConfig
from fitgen_gui.core.console_text import ConsoleStream
from fitgen_gui.core.events import (
    ConsoleText,
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
    MODEL,
    CheckpointInfo,
    RunDir,
    write_atomic,
)
from fitgen_gui.data.data_check import check_folders, format_report
from fitgen_gui.data.file_iterators import TooManyBadFiles
from fitgen_gui.training import tf_devices
from fitgen_gui.training.batch_streams import is_sequence, sequence_length
from fitgen_gui.training.epoch_seeds import EpochSeeds
from fitgen_gui.training.generator_training import fit_generator
from fitgen_gui.training.models import WeightsMissingError, build_model, compile_model
from fitgen_gui.training.run_data import build_run_data
from fitgen_gui.training.run_recorder import RunRecorder, save_model_atomic
from fitgen_gui.training.user_data import UserDataError

__all__ = ["CheckpointError", "resume_training", "run_training"]

Sink = Callable[[Any], None]


class CheckpointError(RuntimeError):
    """A checkpoint cannot be loaded; the message names it and the previous good one."""


class _StoppedEarly(Exception):
    """Stop was pressed before the first batch (during the data check or model building)."""


def _failure_message(exc: BaseException, config: RunConfig | None) -> str:
    """Words for people, for the errors they can act on."""
    name = type(exc).__name__
    text = str(exc)
    if isinstance(exc, ConfigError | WeightsMissingError | CheckpointError | UserDataError
                  | TooManyBadFiles):
        return text
    if isinstance(exc, MemoryError) or "ResourceExhausted" in name or "OOM" in text or (
            "out of memory" in text.lower()):
        size = config.data.batch_size if config else None
        hint = f" Try a batch size of {max(1, size // 2)} (now {size})" if size else ""
        return ("Out of memory: the batch does not fit in the "
                f"{'GPU' if 'GPU' in text else 'memory'}.{hint}, a smaller image size, or a "
                "smaller model.")
    if isinstance(exc, PermissionError | OSError) and getattr(exc, "filename", None):
        return (f"Cannot write '{exc.filename}': {exc.strerror or exc}. Choose a folder you "
                "can write to (File > Workspace, or --runs-dir).")
    where = getattr(exc, "fitgen_batch", None)
    if where is not None:
        role, batch = where
        return (f"The {role} data failed while building batch {batch}: {name}: {text}. The "
                "error came from the data itself (see the details for its traceback); "
                "training stopped and the last checkpoint is kept.")
    return f"{name}: {text}"


@contextlib.contextmanager
def _warnings_to(emit: Sink, console: ConsoleStream) -> Iterator[None]:
    """Warnings raised during the run go to the console and the event log."""

    def show(message: Warning | str, category: type, filename: str, lineno: int,
             file: Any = None, line: str | None = None) -> None:
        text = str(message)
        console.line(f"WARNING: {text}")
        emit(RunWarning(text, getattr(message, "path", None)))

    with warnings.catch_warnings():
        warnings.showwarning = show
        yield


class _Session:
    """One run from start to its final event."""

    def __init__(self, sink: Sink, stop_event: threading.Event) -> None:
        self.sink = sink
        self.stop_event = stop_event
        self.run: RunDir | None = None
        self.config: RunConfig | None = None
        self._log = None
        self._lock = threading.RLock()

    def emit(self, event: Any) -> None:
        # Data threads report skipped files while the training thread reports batches.
        with self._lock:
            if self._log is not None and not isinstance(event, ConsoleText):
                try:
                    self._log.append(event, sync=not type(event).__name__.startswith("Batch"))
                except OSError:
                    pass  # a full disk is reported by the checkpoint that cannot be written
            self.sink(event)

    def open_run(self, run: RunDir) -> ConsoleStream:
        self.run = run
        self._log = run.events
        return ConsoleStream(run.file(CONSOLE), self.sink)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()

    def fail(self, exc: BaseException, message: str | None = None) -> TrainingFailed:
        checkpoint = None
        if self.run is not None:
            latest = self.run.checkpoint()
            checkpoint = latest.path if latest else None
        event = TrainingFailed.from_exception(
            exc, message or _failure_message(exc, self.config),
            str(self.run.path) if self.run else None, checkpoint)
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
        raise CheckpointError(
            f"Checkpoint '{checkpoint.path}' is damaged or incomplete and was not loaded "
            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}).{offer}"
        ) from exc


def _length(source: Any, field: str) -> int:
    """Batches of a PyDataset; a generator needs the number of steps from the settings."""
    if is_sequence(source) and sequence_length(source):
        return int(sequence_length(source))
    raise ConfigError([Problem(field, "is needed: the data file's source is a generator, "
                               "which does not know its length")])


def _bad_file_listener(session: _Session, console: ConsoleStream) -> Callable[[str, str], None]:
    def listener(path: str, reason: str) -> None:
        text = f"Skipped '{path}': {reason}. Another image takes its place in the batch."
        console.line(f"WARNING: {text}")
        session.emit(RunWarning(text, path, "bad_file"))

    return listener


def _check_data(session: _Session, console: ConsoleStream) -> list[str]:
    """The data check, before training: saved in the run; returns unreadable files."""
    run, config = session.run, session.config
    assert run is not None and config is not None
    data = config.data

    def progress(done: int, total: int) -> None:
        if session.stop_event.is_set():
            raise _StoppedEarly
        console.write(f"\rChecking {total} files: {done}/{total}"
                      + ("\n" if done == total else ""))

    report = check_folders(data.train_dir, data.val_dir or None,
                           follow_links=data.follow_links, progress=progress)
    write_atomic(run.file(CHECK_REPORT), json.dumps(report.to_dict(), indent=2))
    for finding in report.findings:
        if finding.severity == "info":
            continue
        if finding.kind == "unreadable":
            for path in finding.paths:
                session.emit(RunWarning(f"{finding.message.split('.')[0]}: {path}", path,
                                        "bad_file"))
        elif finding.severity == "warning":
            session.emit(RunWarning(finding.message, kind="data_check"))
    console.line(format_report(report))
    if not report.can_train:
        errors = [f for f in report.findings if f.severity == "error"]
        raise ConfigError([Problem("data.train_dir", f.message) for f in errors])
    return report.unreadable


def _train(session: _Session, console: ConsoleStream, *, model: keras.Model | None,
           initial_epoch: int, resumed: RunResumed | None) -> Any:
    """Build what is missing, train, and return the final event."""
    run, config = session.run, session.config
    assert run is not None and config is not None
    training = config.training
    keras.backend.clear_session()
    device = tf_devices.configure(training.device, training.mixed_precision)
    if training.seed is not None:
        keras.utils.set_random_seed(training.seed)
    console.line(f"Run folder: {run.path}")
    console.line(f"Device: {device.name}")
    user_file = config.data.generator_file
    if user_file:
        console.line(f"Running your data code from {user_file} (chosen as the data source).")
    unreadable = _check_data(session, console) if training.check_data and not user_file else []
    data = build_run_data(config, seed=training.seed)
    if data.from_folders:
        for iterator in (data.train, data.val):
            if iterator is not None:
                iterator.exclude_files(unreadable)
                iterator.skip_unreadable_files(training.max_bad_file_fraction,
                                               _bad_file_listener(session, console))
        console.line(f"Found {data.train.samples} training images belonging to "
                     f"{len(data.class_names)} classes: {', '.join(data.class_names)}.")
        if data.val is not None:
            console.line(f"Found {data.val.samples} validation images.")
    else:
        console.line(f"Classes: {', '.join(data.class_names)}.")
    for note in data.warnings:
        console.line(f"WARNING: {note}")
        session.emit(RunWarning(note))
    if session.stop_event.is_set():
        raise _StoppedEarly
    steps = training.steps_per_epoch or _length(data.train, "training.steps_per_epoch")
    val_steps = None
    if data.val is not None:
        val_steps = training.validation_steps or _length(data.val, "training.validation_steps")
    with tf_devices.device_scope(device):
        if model is None:
            model = build_model(config, len(data.class_names))
            compile_model(model, config, steps)
        recorder = RunRecorder(run, session.emit, session.stop_event,
                               batch_size=config.data.batch_size, on_nan=training.on_nan)
        callbacks: list[keras.callbacks.Callback] = [recorder]
        if training.seed is not None:
            callbacks.append(EpochSeeds(training.seed))
        cb = config.callbacks
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
        session.emit(RunStarted(
            run_dir=str(run.path), epochs=training.epochs, initial_epoch=initial_epoch,
            steps_per_epoch=steps, validation_steps=val_steps,
            class_names=tuple(data.class_names),
            train_samples=data.train_samples or steps * config.data.batch_size,
            val_samples=data.val_samples or 0, device=device.name))
        if resumed is not None:
            session.emit(resumed)
        if session.stop_event.is_set():
            raise _StoppedEarly
        # The same epoch of a resumed run sees the same images in the same order.
        if data.from_folders:
            data.train.set_epoch(initial_epoch)
        fit_generator(
            model, data.train, steps_per_epoch=steps, epochs=training.epochs,
            verbose=training.verbose, callbacks=callbacks, validation_data=data.val,
            validation_steps=val_steps, validation_freq=training.validation_freq,
            class_weight=data.class_weight, max_queue_size=training.max_queue_size,
            workers=training.workers, use_multiprocessing=training.use_multiprocessing,
            # The iterator already shuffles its images every epoch, keyed by the seed.
            shuffle=False, initial_epoch=initial_epoch, stream=console,
        )
    return _outcome(session, console, model, recorder, initial_epoch)


def _outcome(session: _Session, console: ConsoleStream, model: keras.Model,
             recorder: RunRecorder, initial_epoch: int) -> Any:
    run, config = session.run, session.config
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
    save_model_atomic(model, model_path)
    epochs_done = recorder.last_full_epoch or initial_epoch
    run.write_state("finished", epochs_done=epochs_done)
    early = epochs_done < config.training.epochs
    console.line(f"Training finished after {epochs_done} epoch{'s' if epochs_done != 1 else ''}"
                 f"{' (early stopping)' if early else ''}. Model: {model_path}")
    return TrainingFinished(str(run.path), epochs_done, str(model_path), early)


def _execute(sink: Sink, stop_event: threading.Event,
             prepare: Callable[[_Session], tuple[ConsoleStream, dict]]) -> Any:
    session = _Session(sink, stop_event)
    final: Any = None
    console: ConsoleStream | None = None
    kwargs: dict = {}
    try:
        console, kwargs = prepare(session)
        with _warnings_to(session.emit, console):
            final = _train(session, console, **kwargs)
    except _StoppedEarly:
        run = session.run
        assert run is not None and console is not None
        run.write_state("stopped")
        console.line("Stopped before training began.")
        latest = run.checkpoint()
        final = TrainingStopped(str(run.path), kwargs.get("initial_epoch", 0), 0,
                                latest.path if latest else None)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a TrainingFailed event
        final = session.fail(exc)
        if console is not None:
            console.line(f"ERROR: {final.message}")
    finally:
        if console is not None:
            console.close()
        if final is not None:
            session.emit(final)
        session.close()
    return final


def run_training(config: RunConfig, sink: Sink, stop_event: threading.Event | None = None,
                 *, workspace: str | Path = "runs") -> Any:
    """Train a new run of ``config`` in a new folder of ``workspace``.

    Returns (and emits last) ``TrainingFinished``, ``TrainingStopped`` or
    ``TrainingFailed``; never raises for a problem of the data, the settings or the
    training itself.
    """
    stop_event = stop_event or threading.Event()

    def prepare(session: _Session) -> tuple[ConsoleStream, dict]:
        session.config = config
        config.check()
        run = RunDir.create(workspace, config.name)
        run.write_config(config.to_json())
        run.write_state("running", started=datetime.now().isoformat(timespec="seconds"))
        return session.open_run(run), {"model": None, "initial_epoch": 0, "resumed": None}

    return _execute(sink, stop_event, prepare)


def resume_training(run_dir: str | Path, sink: Sink, stop_event: threading.Event | None = None,
                    *, from_epoch: int | None = None, epochs: int | None = None) -> Any:
    """Continue the run in ``run_dir`` from the checkpoint of ``from_epoch`` (default: the
    latest), restoring weights, optimizer state and the epoch counter. Epochs after it are
    set aside in ``set-aside/``, not deleted. ``epochs`` changes the final epoch."""
    stop_event = stop_event or threading.Event()

    def prepare(session: _Session) -> tuple[ConsoleStream, dict]:
        run = RunDir(run_dir)
        config = RunConfig.from_json(run.read_config_text())
        session.config = config
        checkpoint = run.checkpoint(from_epoch)
        if checkpoint is None:
            have = ", ".join(str(c.epoch) for c in run.checkpoints()) or "none"
            which = f"of epoch {from_epoch}" if from_epoch is not None else ""
            raise CheckpointError(f"Run '{run.path}' has no checkpoint {which} (epochs with "
                                  f"checkpoints: {have}).")
        if epochs is not None:
            config = config.replace(**{"training.epochs": epochs})
            session.config = config
        # A run killed after its last checkpoint but before model.keras: resuming it just
        # completes it. Asking for fewer epochs than are done is a mistake, though.
        if config.training.epochs < checkpoint.initial_epoch or (
                epochs is not None and epochs <= checkpoint.initial_epoch):
            raise ConfigError([Problem(
                "training.epochs", f"is {config.training.epochs}, but the checkpoint is at "
                f"epoch {checkpoint.epoch}; give more epochs (--epochs)")])
        config.check()
        model = _load_checkpoint(run, checkpoint)
        set_aside = run.set_aside_after(checkpoint)
        run.write_config(config.to_json())
        for stale in run.checkpoints_dir.glob(".*.tmp.keras"):
            stale.unlink(missing_ok=True)  # a checkpoint write cut short by a crash
        run.write_state("running", resumed=datetime.now().isoformat(timespec="seconds"))
        console = session.open_run(run)
        console.line(f"Resuming from {checkpoint.label} ({checkpoint.path}).")
        if set_aside is not None:
            console.line(f"Later epochs of the previous attempt were set aside in {set_aside}.")
        resumed = RunResumed(checkpoint.epoch, checkpoint.path,
                             str(set_aside) if set_aside else None)
        return console, {"model": model, "initial_epoch": checkpoint.initial_epoch,
                         "resumed": resumed}

    return _execute(sink, stop_event, prepare)
