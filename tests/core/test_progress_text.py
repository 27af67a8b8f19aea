"""Keras-style progress text, built without Keras."""

from fitgen_gui.core.progress_text import ProgressText, StepTimer, format_duration, format_metrics


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_step_timer_leaves_out_the_first_step():
    clock = FakeClock()
    timer = StepTimer(clock)
    clock.now = 5.0  # the first step traces the model: slow
    timer.step(1)
    clock.now = 6.0
    timer.step(3)  # then 0.5 s per step
    assert timer.time_per_step == 0.5
    assert timer.eta(10) == 3.5


def test_format_duration_and_metrics():
    assert format_duration(42.7) == "42s"
    assert format_duration(187) == "3:07"
    assert format_duration(3729) == "1:02:09"
    assert format_metrics({"loss": 0.69314, "tiny": 1e-5}) == " - loss: 0.6931 - tiny: 1.0000e-05"


def test_dynamic_bar_redraws_and_throttles():
    clock = FakeClock()
    text = ProgressText(10, 1, dynamic=True, clock=clock, interval=0.05)
    first = text.update(1, {"loss": 1.0})
    assert first.startswith("\r 1/10 ━━") and "loss: 1.0000" in first
    assert text.update(2, {"loss": 0.9}) == ""  # too soon to redraw
    clock.now = 1.0
    assert text.update(5, {"loss": 0.8}).startswith("\r 5/10 ━━━━━━━━━━──────────")
    final = text.finish({"loss": 0.5}, current=10)
    assert final.startswith("\r10/10 ━━━━━━━━━━━━━━━━━━━━ 1s") and final.endswith("\n")


def test_file_gets_only_the_final_line_and_verbose_2_one_line():
    clock = FakeClock()
    text = ProgressText(4, 1, dynamic=False, clock=clock)
    assert text.update(1, {"loss": 1.0}) == ""
    assert text.finish({"loss": 0.5}, current=4).startswith("4/4 ━━━━")
    text = ProgressText(4, 2, dynamic=True, clock=clock)
    clock.now = 2.0
    assert text.finish({"loss": 0.5}, current=4) == "4/4 - 2s - 500ms/step - loss: 0.5000\n"


def test_unknown_target_and_ascii_glyph():
    text = ProgressText(None, 1, dynamic=True, glyph="=", clock=FakeClock())
    assert "      3/Unknown" in text.update(3, {})
    text = ProgressText(2, 1, dynamic=False, glyph="=", clock=FakeClock())
    assert text.finish({}, current=1).startswith("1/2 ==========..........")
