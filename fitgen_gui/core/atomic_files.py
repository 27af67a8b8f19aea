"""Files that are always the old or the whole new version, never half: every FitGen writer
that replaces a file goes through :func:`atomic_target`.

The new content goes to a temporary file beside the target, is flushed to disk, then
renamed over it; a failure (a full disk, an exception) leaves no temporary file, and a crash
leaves the previous file. Each step has a named crash point (``core/faults.py``) that the
fault tests kill the process at: ``<kind>:<file name>:tmp`` before the rename and
``...:done`` after it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from fitgen_gui.core.faults import crash_point

__all__ = ["atomic_target", "copy_atomic", "fsync_dir", "write_atomic"]


@contextlib.contextmanager
def atomic_target(path: str | os.PathLike, *, kind: str = "write",
                  temporary: str | os.PathLike | None = None) -> Iterator[Path]:
    """The temporary file to write ``path``'s new content to; renamed over ``path`` when the
    ``with`` block ends without an error, removed when it fails.

    ``kind`` names the crash points (``"write"``, ``"save"`` for models); ``temporary``
    chooses the temporary file's name (Keras wants a model's to end in ``.keras``).
    """
    path = Path(path)
    tmp = Path(temporary) if temporary is not None else path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        crash_point(f"{kind}:{path.name}:tmp")
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)
    crash_point(f"{kind}:{path.name}:done")


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    """Write a whole file so that it is either the old or the new version, never half."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    name = Path(path).name
    with atomic_target(path) as tmp, open(tmp, "wb") as f:
        half = len(payload) // 2
        f.write(payload[:half])
        f.flush()
        crash_point(f"write:{name}:half")
        f.write(payload[half:])


def copy_atomic(source: str | os.PathLike, path: str | os.PathLike) -> None:
    """Copy a file so that ``path`` is always the old or the whole new file (a model's
    crash points: ``save:NAME:tmp``, ``save:NAME:done``)."""
    with atomic_target(path, kind="save") as tmp:
        shutil.copyfile(source, tmp)


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
