"""PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()`` from Python.

The app emits a signal per training event, so after a few thousand events the interpreter
aborts ("bool_dealloc: deallocating True"). pyproject.toml excludes that version; this
test fails, naming the installed version, if a PySide6 with the bug is installed.
"""

import sys

import PySide6
from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal(int)


def test_signal_emit_keeps_the_reference_count_of_true():
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.happened.emit(1)
    lost = before - sys.getrefcount(True)
    assert lost < 50, (
        f"PySide6 {PySide6.__version__} loses a reference to True on each Signal.emit(); "
        "the app would abort during training. Exclude this version in pyproject.toml.")
