"""The run bar: Start, Stop, Resume, the progress of the run, and what stands in the way.

It sits above the preview and the plots, so Start is always in sight. Before training it
says whether training can start (and in one red line, what prevents it); while a run
prepares it names each phase (checking files, building the model, compiling); while it
trains it shows the epoch, batch and time left; after it, what happened.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from fitgen_gui.core.events import (
    BatchEnded,
    PhaseStarted,
    RunStarted,
    TrainingFailed,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.core.progress_text import StepTimer, format_duration
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.widgets.forms import ElidedLabel, wrap_anywhere

__all__ = ["RunBar"]


class RunBar(QWidget):
    """Buttons, progress and status of training.

    Signals
    -------
    start_requested(), stop_requested(), resume_requested()
    evaluate_requested()
        Evaluate the shown run's model.
    """

    start_requested = Signal()
    stop_requested = Signal()
    resume_requested = Signal()
    evaluate_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("runBar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        bar = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start training"))
        self.start_button.setObjectName("training.start")
        self.start_button.setProperty("primary", True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("training.stop")
        self.stop_button.setToolTip(self.tr("Stop after the current batch; what was learned is "
                                    "saved as a checkpoint."))
        self.stop_button.setEnabled(False)
        self.resume_button = QPushButton(self.tr("Resume…"))
        self.resume_button.setObjectName("training.resume")
        self.resume_button.setEnabled(False)
        self.evaluate_button = QPushButton(self.tr("Evaluate"))
        self.evaluate_button.setObjectName("training.evaluate")
        self.evaluate_button.setEnabled(False)
        for button in (self.start_button, self.stop_button, self.resume_button,
                       self.evaluate_button):
            bar.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setObjectName("training.progress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.progress.setValue(0)
        bar.addWidget(self.progress, 1)
        layout.addLayout(bar)
        self.status = ElidedLabel("", "training.status")
        layout.addWidget(self.status)
        self.problems = QLabel("")
        self.problems.setObjectName("training.problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.hide()
        layout.addWidget(self.problems)
        self.start_button.clicked.connect(self.start_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.evaluate_button.clicked.connect(self.evaluate_requested)
        self.running = False
        self._blocked = ""
        self._evaluable = False
        self._problems: list[str] = []
        self._ready_text = ""
        self._run: RunStarted | None = None
        self._timer: StepTimer | None = None
        self._last_progress = 0.0
        self._batches_seen = False
        self.set_resumable(None)

    # -- state ------------------------------------------------------------------------

    def set_running(self, running: bool) -> None:
        self.running = running
        self.stop_button.setEnabled(running)
        self.stop_button.setText(self.tr("Stop"))
        self._sync_start()
        if running:
            self._run, self._timer, self._batches_seen = None, None, False
            self.progress.setMaximum(0)  # busy until the first batch
            self.progress.setFormat(self.tr("Starting…"))
            self.status.setText(self.tr("Starting…"))
        elif self.progress.maximum() == 0:
            self.progress.setMaximum(1)

    def set_problems(self, problems: list[str], ready_text: str = "") -> None:
        """What prevents training (shown in one red "Before training" line), or, when
        nothing does, ``ready_text`` in the status line."""
        self._problems = list(problems)
        self._ready_text = ready_text
        self.problems.setVisible(bool(problems))
        self.problems.setText(wrap_anywhere(self.tr("Before training: {problems}").format(
                problems="; ".join(problems)))
                              if problems else "")
        self._sync_start()
        if not self.running and self.progress.format() in ("", "Ready"):
            self.status.setText(ready_text if not problems
                                else self.tr("Not ready to train yet."))

    def set_blocked(self, reason: str) -> None:
        """Why no training can start now, though the settings are fine ("" if none)."""
        self._blocked = reason
        self._sync_start()

    def set_evaluable(self, evaluable: bool) -> None:
        """Whether the shown run has a model to evaluate."""
        self._evaluable = evaluable
        self._sync_start()

    def _sync_start(self) -> None:
        blocked = self._blocked
        self.start_button.setEnabled(not self.running and not self._problems and not blocked)
        if self.running:
            self.start_button.setToolTip(self.tr("A training is running."))
        elif blocked:
            self.start_button.setToolTip(blocked)
        elif self._problems:
            self.start_button.setToolTip(self.tr("Before training:\n{problems}").format(
                problems="\n".join(self._problems)))
        else:
            self.start_button.setToolTip(self.tr("Train a new run with these settings (F5)."))
        self.resume_button.setEnabled(not self.running and self._resumable is not None)
        evaluable = self._evaluable and not self.running and not blocked
        self.evaluate_button.setEnabled(evaluable)
        self.evaluate_button.setToolTip(
            self.tr("How good the shown run's model is, per class, and which images it gets "
                    "wrong (Evaluation tab).") if evaluable else
            self.tr("Train a run (or open one in the Runs tab) to evaluate its model."))

    def set_resumable(self, run_dir: str | None, reason: str = "") -> None:
        """The run Resume… would continue, or None (``reason`` says why not)."""
        self._resumable = run_dir
        self.resume_button.setToolTip(
            self.tr("Continue the shown run from one of its checkpoints.") if run_dir else
            reason or self.tr("Open a run (Runs tab) or train one to resume it."))
        self._sync_start()

    @property
    def resumable(self) -> str | None:
        return self._resumable

    def stopping(self) -> None:
        self.stop_button.setEnabled(False)
        self.stop_button.setText(self.tr("Stopping…"))
        if self._batches_seen:
            self.status.setText(self.tr("Stopping after the current batch…"))
        else:
            self.status.setText(self.tr("Stopping before the first batch (a step being compiled "
                                "cannot be interrupted; it ends in a moment)…"))

    # -- events -----------------------------------------------------------------------

    def on_event(self, event: Any) -> None:
        if isinstance(event, PhaseStarted):
            if not self._batches_seen:
                self.progress.setMaximum(0)
                self.progress.setFormat(engine_text(event.message) + "…")
            self.status.setText(engine_text(event.message) + "…")  # until the next batch's figures
        elif isinstance(event, RunStarted):
            self._started(event)
        elif isinstance(event, BatchEnded):
            self._progress(event)
        elif isinstance(event, TrainingFinished | TrainingStopped | TrainingFailed):
            self._final(event)

    def _started(self, event: RunStarted) -> None:
        self._run = event
        self._timer = StepTimer(time.monotonic)

    def _progress(self, event: BatchEnded) -> None:
        run = self._run
        if run is None or self._timer is None:
            return
        if not self._batches_seen:
            self._batches_seen = True
            total = max(1, (run.epochs - run.initial_epoch) * run.steps_per_epoch)
            self.progress.setMaximum(total)
        done = (event.epoch - run.initial_epoch) * run.steps_per_epoch + event.last_batch + 1
        self._timer.step(done)
        now = time.monotonic()
        last = event.last_batch + 1 == run.steps_per_epoch
        if now - self._last_progress < 0.3 and not last:
            return  # text and bar redraws cost the training threads time
        self._last_progress = now
        self.progress.setValue(min(done, self.progress.maximum()))
        eta = self._timer.eta(self.progress.maximum())
        where = self.tr("Epoch {epoch}/{epochs} · batch {batch}/{batches}").format(
            epoch=event.epoch + 1, epochs=run.epochs, batch=event.last_batch + 1,
            batches=run.steps_per_epoch)
        self.progress.setFormat(self.tr("{where} · about {time} left").format(
            where=where, time=format_duration(eta)) if eta else where)
        self.status.setText(self.tr("Training on {device} · {speed} images/s · loss {loss}")
                            .format(device=run.device, speed=f"{event.images_per_s:.0f}",
                                    loss=f"{event.running.get('loss', float('nan')):.4f}"))

    def _final(self, event: Any) -> None:
        self.stop_button.setText(self.tr("Stop"))
        if self.progress.maximum() == 0:
            self.progress.setMaximum(1)
        if isinstance(event, TrainingFinished):
            done = (self.tr("Finished after %n epochs (stopped early: no more improvement)",
                            "", event.epochs_done) if event.stopped_early else
                    self.tr("Finished after %n epochs", "", event.epochs_done))
            self.progress.setValue(self.progress.maximum())
            self.progress.setFormat(done)
            self.status.setText(self.tr("{finished}. Model saved to {path}. Press Evaluate to "
                                        "see how good it is.").format(
                finished=done, path=event.model_path))
        elif isinstance(event, TrainingStopped):
            stopped = (self.tr("Stopped at epoch {epoch}, batch {batch}").format(
                epoch=event.epoch + 1, batch=event.batch) if event.batch
                else self.tr("Stopped before the first batch"))
            self.progress.setFormat(stopped)
            kept = self.tr("Checkpoint: {path}").format(path=event.checkpoint) \
                if event.checkpoint else (self.tr("Nothing was saved.") if not event.run_dir
                                          else self.tr("No checkpoint yet."))
            self.status.setText(self.tr("{stopped}. {kept}").format(stopped=stopped, kept=kept))
        elif isinstance(event, TrainingFailed):
            self.progress.setFormat(self.tr("Failed: see the message"))
            self.status.setText(self.tr("Training stopped: {message}").format(
                message=engine_text(event.message)))
