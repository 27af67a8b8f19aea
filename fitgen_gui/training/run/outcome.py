"""How a run that trained ended: its final event, its state file and its ``model.keras``.

After the fit, the run recorder knows why it ended: a checkpoint that could not be saved,
a NaN loss, the user's Stop, or the last epoch (or early stopping). Each becomes its final
event with the sentence the console ends on; a finished run also gets its ``model.keras``
(the last epoch's model, early stopping's restored best, or the best checkpoint when the
settings ask for it) and says which epoch that model is.
"""

from __future__ import annotations

import keras

from fitgen_gui.core.events import FinalEvent, TrainingFinished, TrainingStopped
from fitgen_gui.core.run_dir import MODEL, best_epoch, copy_atomic
from fitgen_gui.training.run.session import Session
from fitgen_gui.training.run_recorder import RunRecorder, save_model_atomic

__all__ = ["outcome"]


def outcome(session: Session, model: keras.Model, recorder: RunRecorder,
            initial_epoch: int, callbacks: list) -> FinalEvent:
    """The final event of a run whose fit returned (see the module docstring)."""
    if recorder.save_error is not None:
        return _save_failed(session, recorder)
    if recorder.nan_at is not None:
        return _loss_was_nan(session, recorder)
    if recorder.stopped_by_user:
        return _stopped(session, recorder)
    return _finished(session, model, recorder, initial_epoch, callbacks)


def _save_failed(session: Session, recorder: RunRecorder) -> FinalEvent:
    run = session.run
    assert run is not None and recorder.save_error is not None
    path, exc = recorder.save_error
    reason = getattr(exc, "strerror", None) or str(exc)
    previous = run.checkpoint()
    kept = f" The last saved checkpoint is {previous.label}." if previous else ""
    return session.fail(exc, f"Could not save to '{path}': {reason}. Training stopped "
                             f"rather than go on unsaved.{kept} Free some disk space or "
                             "check that the run folder is writable, then resume.")


def _loss_was_nan(session: Session, recorder: RunRecorder) -> FinalEvent:
    run, config = session.run, session.config
    assert run is not None and config is not None and recorder.nan_at is not None
    epoch, batch = recorder.nan_at
    good = run.checkpoint()
    kept = f" The last good checkpoint is {good.label}." if good else ""
    message = (f"The loss became NaN (not a number) at epoch {epoch + 1}, batch "
               f"{batch + 1}, so training stopped.{kept} Try a lower learning rate (now "
               f"{config.optimizer.learning_rate:g}) or check the data.")
    session.console.line(f"ERROR: {message}")
    return session.fail(FloatingPointError(message), message)


def _stopped(session: Session, recorder: RunRecorder) -> FinalEvent:
    run = session.run
    assert run is not None
    last = recorder.last_checkpoint
    run.write_state("stopped", epochs_done=recorder.last_full_epoch)
    session.console.line(f"Stopped at epoch {recorder.epoch + 1}, batch "
                         f"{recorder.batches_done}. Checkpoint: {last or 'none'}")
    return TrainingStopped(str(run.path), recorder.epoch, recorder.batches_done, last)


def _finished(session: Session, model: keras.Model, recorder: RunRecorder,
              initial_epoch: int, callbacks: list) -> FinalEvent:
    run, config, console = session.run, session.config, session.console
    assert run is not None and config is not None
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
