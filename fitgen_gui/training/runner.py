"""``run_training`` and ``resume_training``: the engine behind Train, Stop and Resume.

The app's worker thread and the ``fitgen`` command both call these with a ``sink`` (a
plain function receiving ``core.events``) and a ``threading.Event`` that stops the run
after the current batch. Everything a run does is written to its run directory, so it
can be reopened, compared and resumed, and a crash loses at most the epoch in flight.

Nothing is written before the run can really start (:mod:`.preflight`); while it trains,
the run folder is locked against a second writer; the status names each phase before the
first batch (checking files, building the model, compiling).

This module is the stable entry point; the steps of a run are the modules of the
:mod:`fitgen_gui.training.run` package (start, resume, session, phases, fitting, outcome,
failures).
"""

from __future__ import annotations

from fitgen_gui.core.errors import CheckpointError
from fitgen_gui.training.run.resume import resume_training
from fitgen_gui.training.run.start import run_training

__all__ = ["CheckpointError", "resume_training", "run_training"]
