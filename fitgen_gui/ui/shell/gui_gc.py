"""Python's garbage collector on the GUI thread only.

A collection on the training thread would destroy Qt objects there and can deadlock the
window, so automatic collection is off and a timer collects on the GUI thread, generation
by generation as the thresholds say (pyqtgraph's ``GarbageCollector``, kept here so that
the app need not import pyqtgraph before its window shows).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer

__all__ = ["GarbageCollector"]


class GarbageCollector:
    """Disable automatic collection; collect on a ``interval``-second timer instead."""

    def __init__(self, interval: float = 1.0) -> None:
        self.threshold = gc.get_threshold()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start(int(interval * 1000))

    def check(self) -> None:
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self.threshold[generation]:
                return
            gc.collect(generation)
