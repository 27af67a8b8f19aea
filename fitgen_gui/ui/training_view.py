"""The Training view: Start / Stop / Resume, progress with ETA, live plots, the console."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.events import (
    BatchEnded,
    ConsoleText,
    EpochEnded,
    RunStarted,
    TrainingFailed,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.core.progress_text import StepTimer, format_duration
from fitgen_gui.core.run_dir import CONSOLE, RunDir
from fitgen_gui.ui.console_pane import ConsolePane
from fitgen_gui.ui.plots import TrainingPlots

__all__ = ["TrainingView"]


class TrainingView(QWidget):
    """Progress, plots and console of the run being trained or opened.

    Signals
    -------
    start_requested(), stop_requested(), resume_requested()
    """

    start_requested = Signal()
    stop_requested = Signal()
    resume_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trainingView")
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.start_button = QPushButton("Start training")
        self.start_button.setObjectName("training.start")
        self.start_button.setProperty("primary", True)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("training.stop")
        self.stop_button.setToolTip("Stop after the current batch; what was learned is saved "
                                    "as a checkpoint.")
        self.stop_button.setEnabled(False)
        self.resume_button = QPushButton("Resume…")
        self.resume_button.setObjectName("training.resume")
        self.resume_button.setToolTip("Continue the shown run from one of its checkpoints.")
        self.resume_button.setEnabled(False)
        for button in (self.start_button, self.stop_button, self.resume_button):
            bar.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setObjectName("training.progress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p%")
        bar.addWidget(self.progress, 1)
        layout.addLayout(bar)
        self.status = QLabel("Choose folders and press Start training.")
        self.status.setObjectName("training.status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.problems = QLabel("")
        self.problems.setObjectName("training.problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.hide()
        layout.addWidget(self.problems)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("training.splitter")
        self.plots = TrainingPlots()
        self.console = ConsolePane()
        splitter.addWidget(self.plots)
        splitter.addWidget(self.console)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([560, 300])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.start_button.clicked.connect(self.start_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.run_dir: str | None = None
        self._run: RunStarted | None = None
        self._timer: StepTimer | None = None
        self._problems: list[str] = []
        self._last_progress = 0.0

    # -- state ------------------------------------------------------------------------

    def set_running(self, running: bool) -> None:
        self.stop_button.setEnabled(running)
        self.start_button.setEnabled(not running and not self._problems)
        self.resume_button.setEnabled(not running and self.run_dir is not None)
        if running:
            self.stop_button.setText("Stop")

    def set_problems(self, problems: list[str]) -> None:
        """What prevents training; shown in words under the buttons."""
        self._problems = list(problems)
        running = self.stop_button.isEnabled()
        self.start_button.setEnabled(not running and not problems)
        self.problems.setVisible(bool(problems))
        self.problems.setText("Before training: " + "; ".join(problems) if problems else "")
        self.start_button.setToolTip("\n".join(problems) if problems else
                                     "Train a new run with these settings.")

    def stopping(self) -> None:
        self.stop_button.setEnabled(False)
        self.stop_button.setText("Stopping…")
        self.status.setText("Stopping after the current batch…")

    # -- events -----------------------------------------------------------------------

    def clear(self) -> None:
        self.plots.clear()
        self.console.clear_console()
        self.progress.setValue(0)
        self._run = None

    def on_event(self, event: Any) -> None:
        if isinstance(event, ConsoleText):
            self.console.write(event.text)
        elif isinstance(event, BatchEnded):
            self.plots.add_batches(event)
            self._progress(event)
        elif isinstance(event, EpochEnded):
            self.plots.add_epoch(event)
        elif isinstance(event, RunStarted):
            self._started(event)
        elif isinstance(event, TrainingFinished | TrainingStopped | TrainingFailed):
            self.console.flush()
            self.plots.flush()
            self._final(event)

    def _final(self, event: Any) -> None:
        if isinstance(event, TrainingFinished):
            extra = " (stopped early: no more improvement)" if event.stopped_early else ""
            self.progress.setValue(self.progress.maximum())
            self.status.setText(f"Finished after {event.epochs_done} epochs{extra}. Model "
                                f"saved to {event.model_path}")
        elif isinstance(event, TrainingStopped):
            where = f"epoch {event.epoch + 1}, batch {event.batch}"
            kept = f" Checkpoint: {event.checkpoint}" if event.checkpoint else ""
            self.status.setText(f"Stopped at {where}.{kept}")
        elif isinstance(event, TrainingFailed):
            self.status.setText(f"Training stopped: {event.message}")
            if event.run_dir:
                self.run_dir = event.run_dir

    def _started(self, event: RunStarted) -> None:
        self._run = event
        self.run_dir = event.run_dir
        self._timer = StepTimer(time.monotonic)
        total = max(1, (event.epochs - event.initial_epoch) * event.steps_per_epoch)
        self.progress.setMaximum(total)
        self.progress.setValue(0)
        if event.initial_epoch:
            self.plots.truncate_after(event.initial_epoch)
        self.status.setText(f"Training on {event.device}: {event.train_samples} images, "
                            f"{len(event.class_names)} classes. Run folder: {event.run_dir}")

    def _progress(self, event: BatchEnded) -> None:
        run = self._run
        if run is None or self._timer is None:
            return
        done = (event.epoch - run.initial_epoch) * run.steps_per_epoch + event.last_batch + 1
        self._timer.step(done)
        now = time.monotonic()
        last = event.last_batch + 1 == run.steps_per_epoch
        if now - self._last_progress < 0.3 and not last:
            return  # text and bar redraws cost the training threads time
        self._last_progress = now
        self.progress.setValue(min(done, self.progress.maximum()))
        eta = self._timer.eta(self.progress.maximum())
        eta_text = f" · about {format_duration(eta)} left" if eta else ""
        self.progress.setFormat(f"Epoch {event.epoch + 1}/{run.epochs} · batch "
                                f"{event.last_batch + 1}/{run.steps_per_epoch}{eta_text}")
        self.status.setText(f"Training on {run.device} · {event.images_per_s:.0f} images/s · "
                            f"loss {event.running.get('loss', float('nan')):.4f}")

    # -- opening a past run -----------------------------------------------------------

    def show_run(self, path: str) -> None:
        """Rebuild the plots and console of a run from its folder."""
        run = RunDir(path)
        self.clear()
        events = run.events.events()
        self.plots.load_events(events)
        console = Path(path) / CONSOLE
        if console.exists():
            self.console.write(console.read_text(encoding="utf-8", errors="replace"))
            self.console.flush()
        self.run_dir = str(run.path)
        history = run.read_history()
        status = run.status()
        self.progress.setMaximum(1)
        self.progress.setValue(1 if status == "finished" else 0)
        self.progress.setFormat(f"{len(history)} epochs ({status})")
        self.status.setText(f"Run {run.name}: {status}, {len(history)} epochs, "
                            f"{len(run.checkpoints())} checkpoints. Folder: {run.path}")
        self.resume_button.setEnabled(not self.stop_button.isEnabled())
