"""The console pane: what Keras prints, as a terminal shows it, selectable and copyable.

``\\r`` redraws the current line (the verbose-1 progress bar updates in place); lines
starting with ``WARNING:`` or ``ERROR:`` are coloured. The finished lines are exactly the
run's ``console.log``. Text arriving in quick succession (a progress bar redrawn 20 times
a second) is shown at most 5 times a second: repainting costs the GUI thread time that
training needs.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from fitgen_gui.core.console_text import ConsoleBuffer

__all__ = ["ConsolePane"]

_COLOURS = {"WARNING:": "#9a5b00", "ERROR:": "#b3261e"}


class ConsolePane(QPlainTextEdit):
    """Read-only console text with in-place line redraws."""

    supports_carriage_return = True

    def __init__(self, max_lines: int = 20000) -> None:
        super().__init__()
        self.setObjectName("training.console")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setMaximumBlockCount(max_lines)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setPlaceholderText(self.tr("What Keras prints appears here while training runs."))
        self._buffer = ConsoleBuffer(self._finish_line)
        self._live = False  # whether the last block is the line being drawn
        self._pending: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.flush)

    def write(self, text: str) -> None:
        """Append Keras-style text (shown within 0.2 s)."""
        self._pending.append(text)
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Show the text written so far."""
        self._timer.stop()
        if not self._pending:
            return
        text, self._pending = "".join(self._pending), []
        at_end = self.verticalScrollBar().value() >= self.verticalScrollBar().maximum() - 2
        self._buffer.feed(text)
        self._show_current()
        if at_end:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())

    def line(self, text: str) -> None:
        self.write(text + "\n")

    def _format(self, text: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        for prefix, colour in _COLOURS.items():
            if text.startswith(prefix):
                fmt.setForeground(QColor(colour))
                fmt.setFontWeight(QFont.Weight.DemiBold)
        return fmt

    def _replace_last(self, text: str, *, live: bool) -> None:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._live:
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        elif not self.document().isEmpty():
            cursor.insertBlock()
        cursor.insertText(text, self._format(text))
        self._live = live

    def _finish_line(self, line: str) -> None:
        self._replace_last(line, live=False)

    def _show_current(self) -> None:
        if self._buffer.current:
            self._replace_last(self._buffer.current, live=True)

    def text_lines(self) -> list[str]:
        """The finished lines and the current one, as shown."""
        self.flush()
        return self.toPlainText().split("\n") if not self.document().isEmpty() else []

    def clear_console(self) -> None:
        self._pending = []
        self._timer.stop()
        self.clear()
        self._buffer = ConsoleBuffer(self._finish_line)
        self._live = False
