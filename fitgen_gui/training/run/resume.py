"""``resume_training``: a run continued from one of its checkpoints, as if never stopped.

Preparing a resume: lock the run folder (a run another process trains is refused), read
its settings, remove what a crash cut short and repair its history, choose the checkpoint
(the latest, or ``from_epoch``'s), check that the epochs asked for go beyond it, check the
settings as a new run would, load the model, set aside (never delete) what the previous
attempt did after the checkpoint, and say all of it in the console. A partial checkpoint
(a stop mid-epoch) continues at its next batch with the metric sums and random states it
saved; a run killed before its first checkpoint starts again from epoch 1.
"""

from __future__ import annotations

import shutil
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from fitgen_gui.core.config import ConfigError, Problem, RunConfig
from fitgen_gui.core.errors import CheckpointError
from fitgen_gui.core.events import FinalEvent, RunResumed, Sink
from fitgen_gui.core.run_dir import CONSOLE, EVENTS, SET_ASIDE, CheckpointInfo, RunDir
from fitgen_gui.core.run_requests import ProfileRequest
from fitgen_gui.training.run.phases import RunStart, load_checkpoint, preflight
from fitgen_gui.training.run.session import Session
from fitgen_gui.training.run.start import execute

__all__ = ["resume_training"]


def resume_training(run_dir: str | Path, sink: Sink, stop_event: threading.Event | None = None,
                    *, from_epoch: int | None = None, epochs: int | None = None,
                    data_file_trusted: bool = False,
                    profile_request: ProfileRequest | None = None) -> FinalEvent:
    """Continue the run in ``run_dir`` from the checkpoint of ``from_epoch`` (default: the
    latest), restoring weights, optimizer state and the epoch counter; a partial
    checkpoint continues at the batch where it stopped. Epochs after it are set aside in
    ``set-aside/``, not deleted. ``epochs`` changes the final epoch. A run killed before
    its first checkpoint starts again from epoch 1 with its settings.

    The run is locked while it trains: a run another process is training is refused.
    ``data_file_trusted`` must be True to run a data file the run's settings name.
    """
    return execute(sink, stop_event or threading.Event(),
                   lambda session: _prepare_resume(session, RunDir(run_dir), from_epoch,
                                                   epochs, data_file_trusted),
                   profile_request)


def _prepare_resume(session: Session, run: RunDir, from_epoch: int | None,
                    epochs: int | None, trusted: bool) -> RunStart:
    text = run.read_config_text()
    session.lock = run.lock()
    session.lock.acquire()
    config = session.config = RunConfig.from_json(text)
    removed = run.remove_stale_temporaries()
    repaired = run.repair()
    checkpoint = _checkpoint_to_resume(run, from_epoch)
    if epochs is not None:
        config = session.config = config.replace(**{"training.epochs": epochs})
    start_epoch = checkpoint.initial_epoch if checkpoint else 0
    if checkpoint is not None:
        _check_epochs(config, checkpoint, epochs, start_epoch)
    prepared = preflight(session, config, trusted=trusted, workspace=None, reuse=None)
    session.config = config = prepared.config
    model = load_checkpoint(run, checkpoint) if checkpoint else None
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
    _tell_cleanup(session, removed, repaired)
    _tell_start(session, run, checkpoint, resume_state, set_aside)
    resumed = RunResumed(checkpoint.epoch if checkpoint else 0,
                         checkpoint.path if checkpoint else None,
                         str(set_aside) if set_aside else None,
                         int(resume_state["batches"]) if resume_state else 0,
                         checkpoint is None)
    return RunStart(prepared, model, start_epoch, resumed, resume_state)


def _checkpoint_to_resume(run: RunDir, from_epoch: int | None) -> CheckpointInfo | None:
    """``from_epoch``'s checkpoint, or the latest; None for a run that has none at all
    (it starts again), refused when ``from_epoch`` has none."""
    checkpoints = run.checkpoints()
    checkpoint = run.checkpoint(from_epoch)
    restart = checkpoint is None and from_epoch is None and not checkpoints
    if checkpoint is None and not restart:
        have = ", ".join(str(c.epoch) for c in checkpoints) or "none"
        raise CheckpointError(f"Run '{run.path}' has no checkpoint of epoch {from_epoch} "
                              f"(epochs with checkpoints: {have}).")
    return checkpoint


def _check_epochs(config: RunConfig, checkpoint: CheckpointInfo, epochs: int | None,
                  start_epoch: int) -> None:
    """The run must have epochs left after the checkpoint."""
    if config.training.epochs < start_epoch or (epochs is not None and epochs <= start_epoch):
        raise ConfigError([Problem(
            "training.epochs", f"is {config.training.epochs}, but the checkpoint is at "
            f"epoch {checkpoint.epoch}; give more epochs (--epochs)")])


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


def _tell_cleanup(session: Session, removed: list[str], repaired: list[int]) -> None:
    console = session.console
    for name in removed:
        console.line(f"Removed '{name}', left by a write that a crash cut short.")
    if repaired:
        listed = ", ".join(str(e + 1) for e in repaired)
        console.line(f"Repaired the history of epoch(s) {listed} from their checkpoints "
                     "(the run was stopped right after saving them).")


def _tell_start(session: Session, run: RunDir, checkpoint: CheckpointInfo | None,
                resume_state: dict[str, Any] | None, set_aside: Path | None) -> None:
    console = session.console
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
