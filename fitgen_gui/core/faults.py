"""Named crash points at the file events of a run, for fault-injection tests.

A crash at a random moment rarely lands in the millisecond after a checkpoint appears; a
named point does every time. The run folder's writers call :func:`crash_point` at each
event that matters (``write:history.csv:half`` is a temporary file half written,
``save:epoch-0002.keras:done`` a checkpoint just renamed into place, ``event:EpochEnded``
an event just appended). With ``FITGEN_CRASH_AT=<point>[#<n>]`` in the environment, the
process kills itself with SIGKILL the ``n``-th time (default 1) it passes that point, as a
power cut would; without it, a crash point costs one comparison.
"""

from __future__ import annotations

import os
import signal

__all__ = ["crash_point", "points_passed"]

_TARGET = os.environ.get("FITGEN_CRASH_AT", "")
_NAME, _, _COUNT = _TARGET.partition("#")
_WANTED = int(_COUNT or 1)
_seen = 0
_LOG = os.environ.get("FITGEN_CRASH_LOG", "")  # a file listing every point passed


def crash_point(name: str) -> None:
    """Die here, hard, if the environment asks for it (a test); else do nothing."""
    global _seen
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(name + "\n")
    if not _NAME or name != _NAME:
        return
    _seen += 1
    if _seen == _WANTED:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def points_passed(log_path: str) -> list[str]:
    """The points listed by a run made with ``FITGEN_CRASH_LOG=log_path``."""
    try:
        with open(log_path, encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f]
    except FileNotFoundError:
        return []
