"""Keras-style progress text, as pure Python.

The library's ``fit_generator(verbose=...)``, the CLI and the app's console pane all show
the same lines Keras users know::

    Epoch 1/3
    12/12 ━━━━━━━━━━━━━━━━━━━━ 3s 210ms/step - accuracy: 0.6641 - loss: 0.6120

Verbose 1 redraws one line in place with a carriage return (``\\r``); verbose 2 writes one
line per epoch. Keras's own ``Progbar`` writes only to ``sys.stdout``, which is ``None`` in
a windowed app, so the text is built here and the caller chooses where it goes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping

__all__ = ["ProgressText", "StepTimer", "format_duration", "format_metrics"]

_BAR_WIDTH = 20


class StepTimer:
    """Time per step and ETA, estimated as Keras's ``Progbar`` does.

    The first step is left out of the rate once later steps exist: it includes tracing and
    compiling the training function, which would make the ETA far too pessimistic.

    Parameters
    ----------
    clock
        A monotonic clock in seconds (tests pass a fake one).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()
        self._after_first: float | None = None
        self._current = 0
        self._now = self._start

    def step(self, current: int) -> None:
        """Record that ``current`` steps (1-based count) are done now."""
        self._now = self._clock()
        if current == 1 and self._after_first is None:
            self._after_first = self._now
        self._current = current

    @property
    def steps_done(self) -> int:
        """The last step count recorded."""
        return self._current

    @property
    def elapsed(self) -> float:
        """Seconds from the start to the last recorded step."""
        return self._now - self._start

    @property
    def time_per_step(self) -> float:
        """Seconds per step, 0.0 before the first step."""
        if self._current <= 0:
            return 0.0
        if self._after_first is not None and self._current > 1:
            return (self._now - self._after_first) / (self._current - 1)
        return (self._now - self._start) / self._current

    def eta(self, target: int | None) -> float | None:
        """Seconds left until ``target`` steps, or None when the target is unknown."""
        if not target:
            return None
        return max(0.0, self.time_per_step * (target - self._current))


def format_duration(seconds: float) -> str:
    """Format an ETA as Keras does: ``42s``, ``3:07`` or ``1:02:09``."""
    seconds = max(0.0, seconds)
    whole = int(seconds)
    if seconds > 3600:
        return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    if seconds > 60:
        return f"{whole // 60}:{whole % 60:02d}"
    return f"{whole}s"


def _format_rate(time_per_step: float, unit: str) -> str:
    if time_per_step >= 1 or time_per_step == 0:
        return f"{time_per_step:.0f}s/{unit}"
    if time_per_step >= 1e-3:
        return f"{time_per_step * 1e3:.0f}ms/{unit}"
    return f"{time_per_step * 1e6:.0f}us/{unit}"


def _format_value(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if math.isnan(value) or math.isinf(value):
        return str(value)
    return f"{value:.4f}" if abs(value) > 1e-3 else f"{value:.4e}"


def format_metrics(metrics: Mapping[str, object]) -> str:
    """``' - accuracy: 0.5000 - loss: 0.6931'`` (Keras's metric formatting)."""
    return "".join(f" - {name}: {_format_value(value)}" for name, value in metrics.items())


class ProgressText:
    """The progress text of one epoch (or one evaluation), Keras style.

    Parameters
    ----------
    target
        Number of steps in the epoch, or None when unknown.
    verbose
        1 for a progress bar, 2 for one line at the end.
    dynamic
        Whether the destination understands ``\\r`` (a terminal, the app's console pane).
        Without it, verbose 1 writes only the final bar, so log files stay clean.
    glyph
        The bar character; ``'='`` for streams that cannot encode ``'━'``.
    interval
        Minimum seconds between two redraws of the bar.
    clock
        A monotonic clock in seconds.
    """

    def __init__(
        self,
        target: int | None,
        verbose: int,
        *,
        dynamic: bool = True,
        glyph: str = "━",
        interval: float = 0.05,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.target = target
        self.verbose = verbose
        self.dynamic = dynamic
        self.glyph = glyph
        self.interval = interval
        self._clock = clock
        self.timer = StepTimer(clock)
        self._last_draw = -math.inf
        self._prev_width = 0

    def update(self, current: int, metrics: Mapping[str, object]) -> str:
        """Text to write after step ``current`` (1-based); empty when nothing is due."""
        self.timer.step(current)
        if self.verbose != 1 or not self.dynamic:
            return ""
        now = self._clock()
        if now - self._last_draw < self.interval:
            return ""
        self._last_draw = now
        return self._redraw(self._bar_line(current, metrics, final=False), final=False)

    def finish(self, metrics: Mapping[str, object], current: int | None = None) -> str:
        """The epoch's final line, ending in a newline."""
        if current is not None:
            self.timer.step(current)
        done = self.timer.steps_done
        if self.target is None:
            self.target = done
        if self.verbose == 2:
            count = self._count(done)
            line = f"{count} - {self.timer.elapsed:.0f}s - "
            line += _format_rate(self.timer.time_per_step, "step") + format_metrics(metrics)
            return line + "\n"
        line = self._bar_line(done, metrics, final=True)
        return self._redraw(line, final=True) if self.dynamic else line + "\n"

    def _count(self, current: int) -> str:
        digits = int(math.log10(self.target)) + 1 if self.target else 1
        return f"{current:{digits}d}/{self.target or 0}"

    def _bar_line(self, current: int, metrics: Mapping[str, object], *, final: bool) -> str:
        if self.target:
            filled = min(_BAR_WIDTH, int(_BAR_WIDTH * current / self.target))
            rest = "─" if self.glyph == "━" else "."
            bar = f"{self._count(current)} " + self.glyph * filled + rest * (_BAR_WIDTH - filled)
        else:
            bar = f"{current:7d}/Unknown"
        eta = self.timer.eta(self.target)
        info = f" {self.timer.elapsed:.0f}s" if final or eta is None else f" {format_duration(eta)}"
        info += " " + _format_rate(self.timer.time_per_step, "step")
        return bar + info + format_metrics(metrics)

    def _redraw(self, line: str, *, final: bool) -> str:
        padding = " " * max(0, self._prev_width - len(line))
        self._prev_width = len(line)
        return "\r" + line + padding + ("\n" if final else "")
