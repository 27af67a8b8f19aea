"""The Training tab's plots paint one per turn of the event loop when it shows (issue 24:
the stall when Start shows the tab). In one go, its eight plots held the GUI thread for
about 100 ms quiet and 140 ms or more while the training thread traced the model."""

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from fitgen_gui.ui.views.training_view import TrainingView
from fitgen_gui.ui.widgets.staged import StagedPaint


class _PaintsPerTurn(QObject):
    """Which of ``widgets`` paint in which turn of the event loop (a 0 ms timer counts)."""

    def __init__(self, widgets):
        super().__init__()
        self.turn = 0
        self.paints: dict[int, set[int]] = {}
        self._index = {}
        for i, widget in enumerate(widgets):
            target = widget.viewport() if hasattr(widget, "viewport") else widget
            self._index[target] = i
            target.installEventFilter(self)
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self):
        self.turn += 1

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched in self._index:
            self.paints.setdefault(self.turn, set()).add(self._index[watched])
        return False


def _tabs_with(view, qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("another tab"), "other")
    tabs.addTab(view, "training")
    tabs.resize(1280, 800)
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs


def test_showing_the_training_tab_paints_its_plots_one_per_turn(qtbot):
    view = TrainingView()
    tabs = _tabs_with(view, qtbot)
    # made, as the window's warm-up makes them
    plots = [*view.plots.plot_widgets(), *view.input.plot_widgets()]
    assert len(plots) == 8
    for _ in range(2):  # the first show and a later one
        counter = _PaintsPerTurn(plots)
        tabs.setCurrentIndex(1)
        places = [plot.geometry() for plot in plots]
        assert view.staged.pending == 7
        qtbot.waitUntil(lambda: view.staged.pending == 0 and all(
            p.isVisible() for p in plots), timeout=5000)
        qtbot.waitUntil(lambda c=counter: len(set().union(*c.paints.values())) == 8,
                        timeout=5000)
        counter.timer.stop()
        # Every plot painted, at most two painting for the first time in a turn (this
        # counter's timer and the view's take turns in either order), and nothing moved
        # while they waited. In one go, all eight painted in the same turn.
        firsts: dict[int, int] = {}
        for turn in sorted(counter.paints):
            for plot in counter.paints[turn]:
                firsts.setdefault(plot, turn)
        per_turn = [list(firsts.values()).count(t) for t in set(firsts.values())]
        assert max(per_turn) <= 2 and len(per_turn) >= 4, counter.paints
        assert [plot.geometry() for plot in plots] == places
        tabs.setCurrentIndex(0)
        qtbot.waitUntil(lambda: not view.isVisible(), timeout=2000)


def test_a_widget_hidden_on_purpose_stays_hidden_and_leaving_shows_the_rest(qtbot):
    page = QWidget()
    layout = QVBoxLayout(page)
    parts = [QLabel(f"part {i}") for i in range(4)]
    for part in parts:
        layout.addWidget(part)
    parts[2].hide()
    staged = StagedPaint(page, lambda: parts)
    tabs = _tabs_with(page, qtbot)
    tabs.setCurrentIndex(1)
    assert staged.pending == 2  # parts 1 and 3; part 0 at once
    assert parts[0].isVisible() and not parts[1].isVisible()
    tabs.setCurrentIndex(0)  # left before their turn: none stays waiting
    assert staged.pending == 0
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: staged.pending == 0, timeout=2000)
    assert [p.isVisible() for p in parts] == [True, True, False, True]


def test_a_cached_axis_is_drawn_again_when_its_range_changes(qtbot):
    """The axes keep their drawing as a pixmap between paints; a new range must still show
    new tick labels, and the old range the old ones."""
    from fitgen_gui.ui.plots.curves import plot_widget

    widget = plot_widget()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.show()
    qtbot.waitExposed(widget)
    item = widget.getPlotItem()
    left = item.getAxis("left")

    def axis_pixels():
        widget.viewport().repaint()
        rect = widget.mapFromScene(left.sceneBoundingRect()).boundingRect()
        return widget.grab(rect).toImage()

    item.setYRange(0, 1, padding=0)
    qtbot.wait(20)
    first = axis_pixels()
    item.setYRange(0, 1000, padding=0)
    qtbot.wait(20)
    other = axis_pixels()
    item.setYRange(0, 1, padding=0)
    qtbot.wait(20)
    again = axis_pixels()
    assert other != first  # 0-1000 is labelled otherwise than 0-1
    assert again == first
