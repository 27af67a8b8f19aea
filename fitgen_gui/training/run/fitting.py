"""The fit of a run: its callbacks, the feature cache, and fine-tuning's two phases.

:class:`PhasedFit` turns the run's settings into ``fit_generator`` calls. A run trains in
one phase, or, when fine-tuning, in two: the new head alone on the frozen backbone (on
cached features when the backbone's output can be computed once, :mod:`..feature_cache`),
then, from ``model.fine_tune_epoch``, the top of the backbone too at a lower learning rate.
Both phases share one set of callbacks (the :class:`~..run_recorder.RunRecorder` first), so
the run's epochs, history and checkpoints run on across the two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import keras
import numpy as np

from fitgen_gui.core.config import ARCHITECTURES
from fitgen_gui.core.events import PhaseStarted, ProfileSaved, RunStarted
from fitgen_gui.core.run_requests import parse_batch_range
from fitgen_gui.training import feature_cache, tf_devices
from fitgen_gui.training.epoch_seeds import EpochSeeds
from fitgen_gui.training.generator_training import fit_generator
from fitgen_gui.training.input_meter import InputMeter
from fitgen_gui.training.models import compile_model, unfreeze_top
from fitgen_gui.training.one_class_check import OneClassValidation
from fitgen_gui.training.run.session import Session, StoppedEarly
from fitgen_gui.training.run_recorder import RunRecorder
from fitgen_gui.training.tf_profile import ProfileBatches

if TYPE_CHECKING:
    from fitgen_gui.training.run.phases import RunStart, Steps

__all__ = ["PhasedFit"]


class PhasedFit:
    """The ``fit_generator`` calls of one run, and the callbacks they share.

    Attributes
    ----------
    recorder
        The run's :class:`~fitgen_gui.training.run_recorder.RunRecorder`: what the run's
        outcome is read from.
    callbacks
        Every callback of the fit (the recorder among them).
    """

    def __init__(self, session: Session, start: RunStart, device: tf_devices.DeviceInfo,
                 data: Any, model: keras.Model, steps: Steps) -> None:
        config = session.config
        assert session.run is not None and config is not None
        self.session, self.start, self.device = session, start, device
        self.data, self.model, self.steps = data, model, steps
        training = config.training
        # The epoch at which the backbone starts learning too (None: one phase).
        self.phase_two = (config.model.fine_tune_epoch(training.epochs)
                          if config.model.fine_tune else None)
        self.cached: feature_cache.CachedFeatures | None = None
        if feature_cache.applies(config, data.from_folders) and device.replicas == 1 and (
                self.phase_two is None or start.initial_epoch < self.phase_two):
            self.cached = _cached_features(session, model, data)
        self.recorder = RunRecorder(
            session.run, session.emit, session.stop_event,
            batch_size=config.data.batch_size, on_nan=training.on_nan,
            keep_last=config.callbacks.keep_last_checkpoints, monitor=config.callbacks.monitor,
            resume_state=start.resume_state, saved_model=model)
        self.callbacks = _callbacks(session, self.recorder, start.initial_epoch,
                                    data if self.cached is None else None)

    def run(self) -> None:
        """Tell the run's start, then train its phases."""
        session, start, data = self.session, self.start, self.data
        epochs = session.config.training.epochs
        session.emit(self._run_started())
        if start.resumed is not None:
            session.emit(start.resumed)
        session.phase("compiling", "Compiling the training step (the first batch takes "
                                   "longest)")
        # The same epoch of a resumed run sees the same images in the same order.
        if data.from_folders:
            data.train.set_epoch(start.initial_epoch)
        first_step = int(start.resume_state.get("batches") or 0) if start.resume_state else 0
        if self.phase_two is None or start.initial_epoch >= self.phase_two:
            self.fit(epochs, start.initial_epoch, first_step)
            return
        self.fit(self.phase_two, start.initial_epoch, first_step)  # phase 1: the head alone
        recorder = self.recorder
        ended = recorder.stopped_by_user or recorder.nan_at is not None or (
            recorder.save_error is not None)
        if not ended and recorder.last_full_epoch:
            # Early stopping may end phase 1 sooner.
            self.fine_tune(recorder.last_full_epoch)

    def _run_started(self) -> RunStarted:
        session, data, steps = self.session, self.data, self.steps
        config = session.config
        return RunStarted(
            run_dir=str(session.run.path), epochs=config.training.epochs,
            initial_epoch=self.start.initial_epoch, steps_per_epoch=steps.train,
            validation_steps=steps.val, class_names=tuple(data.class_names),
            train_samples=data.train_samples or steps.train * config.data.batch_size,
            val_samples=data.val_samples or 0, device=self.device.name,
            train_class_counts=_class_counts(data))

    def fit(self, epochs: int, first_epoch: int, first_step: int) -> None:
        """One ``fit_generator`` call: epochs ``first_epoch .. epochs - 1``."""
        training = self.session.config.training
        cached, data = self.cached, self.data
        # On cached features the head trains alone (the model's own layers), the data is
        # in memory (no workers needed) and holds features, not 0-255 pixels.
        trained = self.model if cached is None else cached.head
        train, val = (data.train, data.val) if cached is None else (cached.train, cached.val)
        if cached is not None:
            cached.train.set_epoch(first_epoch)
        fit_generator(
            trained, train, steps_per_epoch=self.steps.train, epochs=epochs,
            verbose=training.verbose, callbacks=self.callbacks, validation_data=val,
            validation_steps=self.steps.val, validation_freq=training.validation_freq,
            class_weight=data.class_weight, max_queue_size=training.max_queue_size,
            workers=training.workers if cached is None else 0,
            use_multiprocessing=training.use_multiprocessing and cached is None,
            # The iterator already shuffles its images every epoch, keyed by the seed.
            shuffle=False, initial_epoch=first_epoch, initial_step=first_step,
            stream=self.session.console,
            # FitGen's models take 0-255 pixels and scale them themselves.
            input_meter=InputMeter(class_names=data.class_names,
                                   expects_0_255=cached is None),
            # The models resize any image, but images that change size mid-run are a bug
            # of the data (and retrace the step).
            strict_shapes=True,
            on_data_failure=self.session.data_failed,
        )

    def fine_tune(self, epoch: int) -> None:
        """Phase 2, from ``epoch``: the top of the backbone learns too, at a lower rate."""
        session = self.session
        run, config = session.run, session.config
        settings = config.model
        learning = unfreeze_top(self.model, settings.fine_tune_fraction)
        rate = config.optimizer.learning_rate * settings.fine_tune_lr_factor
        compile_model(self.model, config.replace(**{"optimizer.learning_rate": rate}),
                      self.steps.train)
        name = ARCHITECTURES.get(settings.architecture, settings.architecture)
        message = (f"Fine-tuning from epoch {epoch + 1}: the top {learning} layers of "
                   f"{name} learn too, at learning rate {rate:g} (until now only the new "
                   "head learned; batch normalization stays frozen).")
        session.console.line(message)
        session.emit(PhaseStarted("fine_tuning", message, epoch=epoch))
        run.write_state("running", fine_tuning_from_epoch=epoch + 1)
        self.cached = None  # the backbone learns now: every image goes through it
        if self.data.from_folders:
            self.data.train.set_epoch(epoch)
        self.fit(config.training.epochs, epoch, 0)


def _callbacks(session: Session, recorder: RunRecorder, initial_epoch: int,
               data: Any) -> list[keras.callbacks.Callback]:
    """The recorder, and what the settings ask for: seeds, early stopping, a lower
    learning rate on a plateau, the one-class validation check, TensorBoard, the profiler."""
    run, config = session.run, session.config
    cb, seed = config.callbacks, config.training.seed
    callbacks: list[keras.callbacks.Callback] = [recorder]
    if seed is not None:
        callbacks.insert(0, EpochSeeds(seed))
    if cb.early_stopping:
        callbacks.append(keras.callbacks.EarlyStopping(
            monitor=cb.early_stopping_monitor, patience=cb.early_stopping_patience,
            min_delta=cb.early_stopping_min_delta,
            restore_best_weights=cb.restore_best_weights))
    if cb.reduce_lr_on_plateau:
        callbacks.append(keras.callbacks.ReduceLROnPlateau(
            monitor=cb.reduce_lr_monitor, factor=cb.reduce_lr_factor,
            patience=cb.reduce_lr_patience, min_lr=cb.reduce_lr_min_lr))
    # (None with a feature cache: it fits a head on features, which cannot take images)
    if data is not None and data.from_folders and data.val is not None:
        callbacks.append(OneClassValidation(data.val, data.class_names, session.console.line,
                                            session.emit))
    if cb.tensorboard:
        callbacks.append(keras.callbacks.TensorBoard(log_dir=str(run.file("tensorboard"))))
    if cb.profile_batches or session.profile_request is not None:
        callbacks.append(_profiler(session, initial_epoch))
    return callbacks


def _profiler(session: Session, initial_epoch: int) -> ProfileBatches:
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


def _class_counts(data: Any) -> tuple[int, ...]:
    """Images per class of a folder's training data (a data file's are unknown)."""
    classes = getattr(data.train, "classes", None) if data.from_folders else None
    if classes is None:
        return ()
    counts = np.bincount(np.asarray(classes, dtype=np.int64), minlength=len(data.class_names))
    return tuple(int(c) for c in counts)


def _cached_features(session: Session, model: keras.Model,
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
            raise StoppedEarly
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
