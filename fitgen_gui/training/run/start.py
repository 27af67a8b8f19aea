"""``run_training``, and the frame every run goes through (:func:`execute`).

A run, new or resumed, is prepared (settings checked, run folder made or reopened and
locked), trained (:func:`~.phases.train`) and ended by exactly one final event, which is
also returned: ``TrainingFinished``, ``TrainingStopped`` (Stop before the first batch
too) or ``TrainingFailed`` (any exception, in the words of :mod:`.failures`). Nothing is
raised to the caller, and the run folder is unlocked whatever happened.
"""

from __future__ import annotations

import errno
import shutil
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import FinalEvent, Sink, TrainingStopped
from fitgen_gui.core.run_dir import DiskFullError, RunDir, free_space_message
from fitgen_gui.core.run_requests import ProfileRequest
from fitgen_gui.data.data_check import CheckReport
from fitgen_gui.training.run.phases import RunStart, preflight, train
from fitgen_gui.training.run.session import Session, StoppedEarly, warnings_to

__all__ = ["execute", "run_training"]


def execute(sink: Sink, stop_event: threading.Event,
            prepare_run: Callable[[Session], RunStart],
            profile_request: ProfileRequest | None = None) -> FinalEvent:
    """Prepare a run with ``prepare_run``, train it, and tell and return its final event."""
    session = Session(sink, stop_event, profile_request)
    final: FinalEvent | None = None
    try:
        start = prepare_run(session)
        with warnings_to(session):
            final = train(session, start)
    except StoppedEarly:
        final = _stopped_early(session)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a TrainingFailed event
        final = session.fail(exc)
        session.console.line(f"ERROR: {final.message}")
    finally:
        if final is not None:
            session.console.flush_line()
            session.emit(final)
        session.close()
    return final


def _stopped_early(session: Session) -> TrainingStopped:
    run = session.run
    if run is not None:
        run.write_state("stopped")
    session.console.line("Stopped before training began.")
    latest = run.checkpoint() if run is not None else None
    return TrainingStopped(str(run.path) if run else None, session.initial_epoch, 0,
                           latest.path if latest else None)


def run_training(config: RunConfig, sink: Sink, stop_event: threading.Event | None = None,
                 *, workspace: str | Path = "runs", data_file_trusted: bool = True,
                 check_report: CheckReport | None = None,
                 profile_request: ProfileRequest | None = None,
                 run_folder: str | Path | None = None) -> FinalEvent:
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
    if run_folder is not None:
        workspace = Path(run_folder).parent
    return execute(sink, stop_event or threading.Event(),
                   lambda session: _new_run(session, config, trusted=data_file_trusted,
                                            workspace=workspace, reuse=check_report,
                                            run_folder=run_folder),
                   profile_request)


def _new_run(session: Session, config: RunConfig, *, trusted: bool, workspace: str | Path,
             reuse: CheckReport | None, run_folder: str | Path | None) -> RunStart:
    """Check the settings, then make the run folder, locked, with its settings."""
    session.config = config
    if run_folder is not None:
        RunDir.check_new(run_folder)  # before the data check, which takes a while
    prepared = preflight(session, config, trusted=trusted, workspace=workspace, reuse=reuse)
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
    return RunStart(prepared)
