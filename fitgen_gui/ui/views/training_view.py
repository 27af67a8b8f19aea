"""The Training view: live plots and the console of the run being trained or opened.

A run trained by another process (a CLI job, another window) can be opened too: its folder
is read again every second while it is running, so the plots follow it live.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from fitgen_gui.core.events import FINAL_EVENTS, ConsoleText, EpochEnded, RunStarted, RunWarning
from fitgen_gui.core.run_dir import CONSOLE, RunDir
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.widgets.console_pane import ConsolePane
from fitgen_gui.ui.widgets.deferred import Deferred
from fitgen_gui.ui.widgets.forms import ElidedLabel
from fitgen_gui.ui.widgets.staged import StagedPaint

__all__ = ["TrainingView"]


def _training_plots() -> QWidget:
    from fitgen_gui.ui.plots.curves import TrainingPlots

    return TrainingPlots()


def _input_plots() -> QWidget:
    from fitgen_gui.ui.plots.input_plots import InputPlots

    return InputPlots()


class TrainingView(QWidget):
    """Plots and console of one run.

    The plots (``plots``, ``input``: pyqtgraph) are made when first asked for or shown, or
    by the main window's warm-up after it shows (:mod:`fitgen_gui.ui.widgets.deferred`);
    the view's own signals and ``set_training`` reach the data-feed plots whenever they are
    made, and an event asks for them, so none is lost.

    Signals
    -------
    profile_requested(), tune_requested()
        The data-feed plots' buttons.
    """

    profile_requested = Signal()
    tune_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trainingView")
        layout = QVBoxLayout(self)
        self.heading = ElidedLabel(self.tr("No run shown yet: press Start training, or open a "
                                           "run in the Runs tab."), "training.heading")
        layout.addWidget(self.heading)
        # Validation answering one class for every image, said in words (issue 24).
        self.one_class = QLabel()
        self.one_class.setObjectName("training.one_class")
        self.one_class.setWordWrap(True)
        self.one_class.setStyleSheet("color: #b3261e")
        self.one_class.hide()
        layout.addWidget(self.one_class)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("training.splitter")
        self.deferred_plots = Deferred(_training_plots)
        self.deferred_input = Deferred(_input_plots)
        self.deferred_input.built.connect(self._input_built)
        self._training = False
        self.console = ConsolePane()
        splitter.addWidget(self.deferred_plots)
        splitter.addWidget(self.deferred_input)
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
        self._events_offset = 0  # bytes of events.jsonl already shown
        self._events_lines = 0  # lines of it (to name an unreadable one)
        self._console_offset = 0  # bytes of console.log already shown
        self.unreadable: list[str] = []  # records of events.jsonl that could not be read
        # Its eight plots paint one per turn of the event loop when the view shows.
        self.staged = StagedPaint(self, self._plot_widgets)

    def _plot_widgets(self) -> list[QWidget]:
        found: list[QWidget] = []
        if self.deferred_plots.is_built:
            found += self.plots.plot_widgets()
        if self.deferred_input.is_built:
            found += self.input.plot_widgets()
        return found

    @property
    def plots(self) -> Any:
        """The training curves (:class:`~fitgen_gui.ui.plots.curves.TrainingPlots`)."""
        return self.deferred_plots.widget()

    @property
    def input(self) -> Any:
        """The data-feed plots (:class:`~fitgen_gui.ui.plots.input_plots.InputPlots`)."""
        return self.deferred_input.widget()

    def build_steps(self) -> list[Callable[[], object]]:
        """The plots made in steps of one plot widget (about 15 ms each): the curves' five,
        then their view, then the data feed's three and theirs; a step whose plots were
        made meanwhile does nothing."""
        def spare(deferred: Deferred) -> Callable[[], object]:
            def make() -> None:
                if not deferred.is_built:
                    from fitgen_gui.ui.plots.curves import make_spare_plot

                    make_spare_plot()
            return make

        return [*[spare(self.deferred_plots)] * 5, lambda: self.plots,
                *[spare(self.deferred_input)] * 3, lambda: self.input]

    def _input_built(self, plots: Any) -> None:
        plots.set_training(self._training)
        plots.profile_requested.connect(self.profile_requested)
        plots.tune_requested.connect(self.tune_requested)

    def set_training(self, training: bool) -> None:
        """Whether this window trains (the data feed's Profile button)."""
        self._training = training
        if self.deferred_input.is_built:
            self.input.set_training(training)

    def clear(self) -> None:
        self._follow.stop()
        if self.deferred_plots.is_built:  # (plots not made yet are empty)
            self.plots.clear()
        if self.deferred_input.is_built:
            self.input.clear()
        self.console.clear_console()
        self.one_class.hide()

    # -- one path for every event: live, read back from the folder, or followed ---------------

    def handle(self, event: Any) -> None:
        """Show one event of the run, however it arrives."""
        if isinstance(event, ConsoleText):
            self.console.write(event.text)
            return
        if isinstance(event, RunStarted):
            if event.initial_epoch:  # resumed: what came after that epoch was set aside
                self.plots.truncate_after(event.initial_epoch)  # (the input plots do it too)
            self.heading.setText(self.tr("Run {name}: training on {device}, {images} images, "
                                         "{classes} classes. Folder: {folder}").format(
                name=Path(event.run_dir).name, device=event.device, images=event.train_samples,
                classes=len(event.class_names), folder=event.run_dir))
        if isinstance(event, RunWarning) and event.kind == "one_class":
            self.one_class.setText(self.tr(
                "The model calls every validation image '{0}' so far: it has not yet learned "
                "to tell the classes apart.").format(event.subject))
            self.one_class.show()
        elif isinstance(event, EpochEnded | RunStarted):
            self.one_class.hide()  # (an epoch that still answers one class tells it again)
        self.plots.handle(event)
        self.input.handle(event)
        if isinstance(event, FINAL_EVENTS):
            self.console.flush()
            self.plots.flush()
            self.input.flush()

    def on_event(self, event: Any) -> None:
        """An event of the training this window runs."""
        if isinstance(event, RunStarted):
            self._follow.stop()  # this window trains now; no other run is followed
        if getattr(event, "run_dir", None):  # (a run read from its folder stays that folder)
            self.run_dir = event.run_dir
        self.handle(event)

    # -- opening a past (or another process's) run -------------------------------------

    def show_run(self, path: str) -> None:
        """Rebuild the plots and console of a run from its folder; follow it if it runs."""
        run = RunDir(path)
        self.clear()
        self.run_dir = str(run.path)
        self._events_offset = self._events_lines = self._console_offset = 0
        self.unreadable = []
        self._read_new(run)
        self.plots.flush()
        self.input.flush()
        self.console.flush()
        status = run.status()
        self.heading.setText(self._heading(run, status, checkpoints=True))
        if status == "running":  # trained elsewhere: follow it
            self._follow.start()

    @property
    def following(self) -> bool:
        return self._follow.isActive()

    def _read_new(self, run: RunDir) -> bool:
        """Show what the run's folder gained since the last read; whether an epoch ended.

        Only what was appended is read (events.jsonl and console.log by byte offset), so a
        tick costs the same in the first epoch and the hundredth.
        """
        read = run.events.read_from(self._events_offset, self._events_lines + 1)
        self._events_offset, self._events_lines = read.offset, self._events_lines + read.lines
        self.unreadable += read.unreadable
        for event in read.events:
            self.handle(event)
        text, self._console_offset = _read_text_from(run.path / CONSOLE, self._console_offset)
        if text:
            self.console.write(text)
        return any(isinstance(e, EpochEnded) for e in read.events)

    def _unreadable_text(self) -> str:
        if not self.unreadable:
            return ""
        return " " + self.tr("{count} records of events.jsonl could not be read and are not "
                             "shown ({first}).").format(count=len(self.unreadable),
                                                        first=self.unreadable[0])

    def _heading(self, run: RunDir, status: str, checkpoints: bool) -> str:
        values = {"name": run.name, "status": engine_text(status),
                  "epochs": len(run.read_history()), "folder": run.path}
        text = (self.tr("Run {name}: {status}, {epochs} epochs, {checkpoints} checkpoints. "
                        "Folder: {folder}").format(checkpoints=len(run.checkpoints()), **values)
                if checkpoints else
                self.tr("Run {name}: {status}, {epochs} epochs. Folder: {folder}").format(
                    **values))
        return text + self._unreadable_text()

    def _read_more(self) -> None:
        if self.run_dir is None:
            self._follow.stop()
            return
        run = RunDir(self.run_dir)
        new_epochs = self._read_new(run)
        status = run.status()
        if new_epochs and status == "running":  # the counts of the heading move on
            self.heading.setText(self._heading(run, "running", checkpoints=True))
        if status != "running":
            self._follow.stop()
            self.plots.flush()
            self.input.flush()
            self.heading.setText(self._heading(run, status, checkpoints=False))


def _read_text_from(path: Path, offset: int) -> tuple[str, int]:
    """The text appended to ``path`` after byte ``offset``, and the new offset; a UTF-8
    character still being written at the end waits for the next read."""
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read()
    except FileNotFoundError:
        return "", offset
    end = len(data)
    for back in range(1, min(4, end) + 1):
        byte = data[end - back]
        if byte & 0xC0 == 0x80:  # a continuation byte: look further back for its lead
            continue
        needed = 1 if byte < 0x80 else 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
        if needed > back:
            end -= back
        break
    return data[:end].decode("utf-8", errors="replace"), offset + end
