"""The Training view: live plots and the console of the run being trained or opened.

A run trained by another process (a CLI job, another window) can be opened too: its folder
is read again every second while it is running, so the plots follow it live.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from fitgen_gui.core.events import (
    BatchEnded,
    ConsoleText,
    EpochEnded,
    PhaseStarted,
    ProfileSaved,
    RunStarted,
    TrainingFailed,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.core.run_dir import CONSOLE, EventLog, RunDir
from fitgen_gui.ui.plots.curves import TrainingPlots
from fitgen_gui.ui.plots.input_plots import InputPlots
from fitgen_gui.ui.widgets.console_pane import ConsolePane
from fitgen_gui.ui.widgets.forms import ElidedLabel

__all__ = ["TrainingView"]


class TrainingView(QWidget):
    """Plots and console of one run."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trainingView")
        layout = QVBoxLayout(self)
        self.heading = ElidedLabel("No run shown yet: press Start training, or open a run in "
                                   "the Runs tab.", "training.heading")
        layout.addWidget(self.heading)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("training.splitter")
        self.plots = TrainingPlots()
        self.input = InputPlots()
        self.console = ConsolePane()
        splitter.addWidget(self.plots)
        splitter.addWidget(self.input)
        splitter.addWidget(self.console)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([460, 230, 230])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.run_dir: str | None = None
        self._follow = QTimer(self)
        self._follow.setInterval(1000)
        self._follow.timeout.connect(self._read_more)
        self._read = 0  # records of the followed run already shown
        self._console_read = 0

    def clear(self) -> None:
        self._follow.stop()
        self.plots.clear()
        self.input.clear()
        self.console.clear_console()

    def on_event(self, event: Any) -> None:
        if isinstance(event, ConsoleText):
            self.console.write(event.text)
        elif isinstance(event, BatchEnded):
            self.plots.add_batches(event)
            self.input.add_batches(event)
        elif isinstance(event, EpochEnded):
            self.plots.add_epoch(event)
            self.input.add_epoch(event)
        elif isinstance(event, ProfileSaved):
            self.input.add_profile(event)
        elif isinstance(event, PhaseStarted) and event.phase == "fine_tuning" and (
                event.epoch is not None):
            self.plots.mark_fine_tuning(event.epoch)
        elif isinstance(event, RunStarted):
            self._follow.stop()
            self.run_dir = event.run_dir
            self.input.start_run(event)
            if event.initial_epoch:
                self.plots.truncate_after(event.initial_epoch)
            self.heading.setText(f"Run {Path(event.run_dir).name}: training on {event.device}, "
                                 f"{event.train_samples} images, {len(event.class_names)} "
                                 f"classes. Folder: {event.run_dir}")
        elif isinstance(event, TrainingFinished | TrainingStopped | TrainingFailed):
            self.console.flush()
            self.plots.flush()
            self.input.flush()
            if getattr(event, "run_dir", None):
                self.run_dir = event.run_dir

    # -- opening a past (or another process's) run -------------------------------------

    def show_run(self, path: str) -> None:
        """Rebuild the plots and console of a run from its folder; follow it if it runs."""
        run = RunDir(path)
        self.clear()
        log = EventLog(run.path / "events.jsonl")
        records = log.records()
        self._read = len(records)
        events = log.events()
        self.plots.load_events(events)
        self.input.load_events(events)
        console = Path(path) / CONSOLE
        text = console.read_text(encoding="utf-8", errors="replace") if console.exists() else ""
        self._console_read = len(text)
        if text:
            self.console.write(text)
            self.console.flush()
        self.run_dir = str(run.path)
        history = run.read_history()
        status = run.status()
        self.heading.setText(f"Run {run.name}: {status}, {len(history)} epochs, "
                             f"{len(run.checkpoints())} checkpoints. Folder: {run.path}")
        if status == "running":  # trained elsewhere: follow it
            self._follow.start()

    @property
    def following(self) -> bool:
        return self._follow.isActive()

    def _read_more(self) -> None:
        if self.run_dir is None:
            self._follow.stop()
            return
        run = RunDir(self.run_dir)
        log = EventLog(run.path / "events.jsonl")
        records = log.records()
        from fitgen_gui.core.events import event_from_dict

        new_epochs = False
        for record in records[self._read:]:
            try:
                event = event_from_dict(record)
            except (ValueError, TypeError):
                continue
            if isinstance(event, BatchEnded):
                self.plots.add_batches(event)
                self.input.add_batches(event)
            elif isinstance(event, EpochEnded):
                self.plots.add_epoch(event)
                self.input.add_epoch(event)
                new_epochs = True
            elif isinstance(event, RunStarted):
                self.input.start_run(event)
        self._read = len(records)
        console = run.path / CONSOLE
        if console.exists():
            text = console.read_text(encoding="utf-8", errors="replace")
            if len(text) > self._console_read:
                self.console.write(text[self._console_read:])
                self._console_read = len(text)
        if new_epochs and run.status() == "running":  # the counts of the heading move on
            self.heading.setText(f"Run {run.name}: running, {len(run.read_history())} "
                                 f"epochs, {len(run.checkpoints())} checkpoints. Folder: "
                                 f"{run.path}")
        if run.status() != "running":
            self._follow.stop()
            self.plots.flush()
            self.input.flush()
            self.heading.setText(f"Run {run.name}: {run.status()}, "
                                 f"{len(run.read_history())} epochs. Folder: {run.path}")
