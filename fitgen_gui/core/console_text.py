"""Console text as Keras writes it, for a log file, a terminal or the app's console pane.

Keras-style progress redraws its line with ``\\r``. :class:`ConsoleBuffer` turns such text
into finished lines plus the line being drawn; :class:`ConsoleStream` is the file-like
object training writes to: it keeps ``console.log`` (finished lines only, so the log reads
like the pane) and forwards raw text to a sink.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from fitgen_gui.core.events import ConsoleText, Sink

__all__ = ["ConsoleBuffer", "ConsoleStream"]


class ConsoleBuffer:
    """Finished lines and the current line of ``\\r``/``\\n`` text.

    Parameters
    ----------
    on_line
        Called with each finished line (without its newline).
    """

    def __init__(self, on_line: Callable[[str], None] | None = None) -> None:
        self.current = ""
        self._on_line = on_line

    def feed(self, text: str) -> None:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if "\r" in part:
                self.current = part.rsplit("\r", 1)[1]
            else:
                self.current += part
            if i < len(parts) - 1:
                line, self.current = self.current, ""
                if self._on_line is not None:
                    self._on_line(line)

    def flush(self) -> None:
        """Finish the current line, if any."""
        if self.current:
            self.feed("\n")


class ConsoleStream:
    """A text stream for training output: ``console.log`` plus a sink of raw text.

    ``supports_carriage_return`` tells the progress logger that ``\\r`` redraws work
    (the pane and terminals handle them; the log file keeps final lines only).
    """

    supports_carriage_return = True
    encoding = "utf-8"

    def __init__(self, log_path: str | os.PathLike | None,
                 sink: Sink | None = None) -> None:
        self._sink = sink
        self._lock = threading.Lock()
        self._file = None
        self._early: list[str] | None = []  # lines written before a log file is attached
        self._buffer = ConsoleBuffer(self._write_line)
        if log_path:
            self.attach_log(log_path)

    def attach_log(self, log_path: str | os.PathLike) -> None:
        """Write finished lines to ``log_path`` from now on, and the lines so far first."""
        with self._lock:
            # File names that are not valid UTF-8 are written escaped, never a crash.
            self._file = open(log_path, "a", encoding="utf-8",  # noqa: SIM115 - kept open
                              errors="backslashreplace")
            for line in self._early or ():
                self._file.write(line + "\n")
            self._file.flush()
            self._early = None

    def _write_line(self, line: str) -> None:
        if self._file is not None:
            self._file.write(line + "\n")
            self._file.flush()
        elif self._early is not None:
            self._early.append(line)

    def write(self, text: str) -> int:
        with self._lock:
            self._buffer.feed(text)
            if self._sink is not None:
                self._sink(ConsoleText(text))
        return len(text)

    def line(self, text: str) -> None:
        """Write ``text`` as one line of its own (after a progress bar being drawn, too)."""
        with self._lock:
            pending = bool(self._buffer.current)
        self.write(("\n" if pending else "") + text + "\n")

    def flush_line(self) -> None:
        """End the line being drawn, if any (a progress bar cut short)."""
        with self._lock:
            pending = bool(self._buffer.current)
        if pending:
            self.write("\n")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def close(self) -> None:
        with self._lock:
            self._buffer.flush()
            if self._file is not None:
                self._file.close()
                self._file = None
