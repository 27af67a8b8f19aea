"""Plots keep every batch and redraw fairly; the console shows Keras text as a terminal."""

import numpy as np
import pytest
from PySide6.QtGui import QTextCursor

from fitgen_gui.core.events import BatchEnded, EpochEnded
from fitgen_gui.ui.plots.curves import Series, TrainingPlots, ema
from fitgen_gui.ui.widgets.console_pane import ConsolePane


def batches(epoch, first, count, steps=12, loss=1.0, lr=1e-3):
    return BatchEnded(epoch, first, {"loss": (loss,) * count, "accuracy": (0.5,) * count},
                      {"loss": loss}, steps, 100.0, 1.0, lr)


def test_every_batch_is_a_point_and_no_plot_starves(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    for epoch in range(5):
        for first in range(0, 12, 3):
            plots.add_batches(batches(epoch, first, 3))
            plots._redraw()  # one timer tick: one plot
        plots.add_epoch(EpochEnded(epoch, {"loss": 1.0, "val_loss": 1.2}, None))
    assert plots.point_count("batch_loss") == 60
    for _ in range(6):
        plots._redraw()
    x, _ = plots._curves["batch_loss"].getData()
    assert x.max() == pytest.approx(5.0)  # the batch plot is not left behind
    x, _ = plots._curves["val_loss"].getData()
    assert list(x) == [1, 2, 3, 4, 5]


def test_resume_truncates_and_opening_a_run_rebuilds(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    events = [batches(e, 0, 12) for e in range(3)] + [
        EpochEnded(e, {"loss": 1.0}, None) for e in range(3)]
    plots.load_events(events)
    assert plots.point_count("batch_loss") == 36 and plots.point_count("loss") == 3
    plots.truncate_after(1)
    assert plots.point_count("batch_loss") == 12 and plots.point_count("loss") == 1


def test_smoothing_is_an_exponential_average():
    values = np.array([1.0, 0.0, 0.0, np.nan, 1.0])
    assert ema(values, 0.0).tolist()[:3] == [1.0, 0.0, 0.0]
    smoothed = ema(values, 0.5)
    assert smoothed[:3].tolist() == [1.0, 0.5, 0.25] and smoothed[3] == 0.25
    series = Series()
    series.extend(np.arange(5000), np.ones(5000))
    assert series.size == 5000 and series.y.sum() == 5000


def test_console_redraws_the_current_line_and_colours_warnings(qtbot):
    console = ConsolePane()
    qtbot.addWidget(console)
    console.write("Epoch 1/2\n")
    console.write("\r1/3 ━━")
    console.write("\r2/3 ━━━━")
    console.write("\r3/3 ━━━━━━ done\n")
    console.write("WARNING: Skipped 'a.jpg'\n")
    assert console.text_lines() == ["Epoch 1/2", "3/3 ━━━━━━ done", "WARNING: Skipped 'a.jpg'"]
    cursor = QTextCursor(console.document().lastBlock())
    cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
    assert cursor.charFormat().foreground().color().name() == "#9a5b00"  # warnings in amber
    console.write("partial")
    qtbot.waitUntil(lambda: console.toPlainText().endswith("partial"), timeout=2000)


def test_the_status_says_when_the_first_validation_compiles_its_step(qtbot):
    from fitgen_gui.core.events import BatchEnded, PhaseStarted, RunStarted
    from fitgen_gui.ui.widgets.run_bar import RunBar

    bar = RunBar()
    qtbot.addWidget(bar)
    bar.on_event(RunStarted("run", 2, 0, 3, 1, ("a", "b"), 6, 2, "CPU"))
    bar.on_event(BatchEnded(0, 0, {"loss": (1.0, 0.9, 0.8)}, {"loss": 0.9}, 3, 50.0, 1.0))
    assert "Training on CPU" in bar.status.text()
    bar.on_event(PhaseStarted("validating", "Validating epoch 1 (compiling the validation "
                                            "step first)"))
    # Shown while it happens, not instead of the progress: the bar keeps its batches.
    assert bar.status.text().startswith("Validating epoch 1 (compiling")
    assert bar.progress.maximum() == 6 and bar.progress.value() == 3


def test_input_plots_draw_one_part_a_tick_and_the_histogram_only_when_an_epoch_ends(qtbot):
    """Painting every input plot in one tick stalled the window while training (issue 24)."""
    from fitgen_gui.ui.plots.input_plots import InputPlots

    plots = InputPlots()
    qtbot.addWidget(plots)
    fed = BatchEnded(0, 0, {"loss": (1.0,) * 3}, {"loss": 1.0}, 12, 100.0, 1.0,
                     wait_s=(0.01,) * 3, step_s=(0.02,) * 3, class_counts=((2, 1),) * 3)
    plots.add_epoch(EpochEnded(0, {"loss": 1.0}, None, class_counts=(30, 6),
                               val_class_counts=(5, 5), val_batch_counts=((3, 2),)))
    plots.add_batches(fed)
    for _ in range(4):
        plots._redraw()
    assert plots._bars and not plots._dirty  # four ticks drew the four parts
    bars = list(plots._bars)
    for first in range(3, 12, 3):  # batches only: the histogram is not rebuilt
        plots.add_batches(BatchEnded(0, first, fed.metrics, fed.running, 12, 100.0, 1.0,
                                     wait_s=fed.wait_s, step_s=fed.step_s,
                                     class_counts=fed.class_counts))
        assert plots._dirty == {"time", "strip"}
        plots._redraw()
        assert len(plots._dirty) == 1  # one of the two left for the next tick
        plots._redraw()
    assert plots._bars == bars
    x, _ = plots._total_curve.getData()
    assert len(x) == 12
