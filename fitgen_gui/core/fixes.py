"""Fixes of a dataset that lose nothing: move an image to another class, exclude it, undo.

A fix is a file moved inside the dataset's folder (the folder holding the class folders):
*Move to class X* renames ``<class>/<file>`` to ``X/<file>``; *Exclude* renames it to
``_excluded/<class>/<file>``, beside the class folders, where every scan of FitGen skips it
and the original class stays in the path. Nothing is ever deleted, and a name already in the
target folder is never overwritten: the file gets a new name (``photo (2).jpg``), recorded.

Every action is appended to the journal ``fixes.jsonl`` in the dataset's folder, and the
journal is flushed to disk *before* the file moves, then a second line says the move is
done. A process killed between the two (a power cut, a crash) leaves an action without its
``done`` line: :func:`recover` (which ``fitgen fixes`` and the app call on opening a
dataset) finishes it, because it is what the user asked for, or marks it cancelled when it
cannot be finished without overwriting a file. The outcome depends only on what is on disk,
so recovering twice changes nothing. Undo is an action too (journaled the same way), so
undoing can be undone and the journal is the whole history of the folder's fixes.

Journal lines (one JSON object each)::

    {"id": 3, "op": "move", "time": "...", "file": "cats/a.jpg", "from": "cats/a.jpg",
     "to": "dogs/a.jpg", "class": "cats", "reason": "likely label error (quality 0.03)"}
    {"id": 3, "state": "done", "time": "..."}
    {"id": 4, "op": "undo", "undoes": 3, "file": "cats/a.jpg", "from": "dogs/a.jpg",
     "to": "cats/a.jpg", ...}

Paths are relative to the dataset's folder, with ``/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from fitgen_gui.core.atomic_files import fsync_dir
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.faults import crash_point

__all__ = [
    "EXCLUDED",
    "JOURNAL",
    "RESERVED_NAMES",
    "FixAction",
    "FixError",
    "FixJournal",
    "dataset_root_of",
    "free_name",
    "recover",
]

JOURNAL = "fixes.jsonl"
EXCLUDED = "_excluded"
_LOCK = ".fixes.lock"
# Entries of a dataset's folder that are FitGen's own, never classes or stray files.
RESERVED_NAMES = frozenset({JOURNAL, EXCLUDED, _LOCK})
_ACTIONS = ("move", "exclude", "undo")
_THREAD_LOCK = threading.Lock()


class FixError(UserError, RuntimeError):
    """A fix that cannot be done; the message names the file and what to do."""


@dataclass
class FixAction:
    """One action of the journal, with its state folded in from the later lines.

    Attributes
    ----------
    state
        ``"pending"`` (journaled, the move not confirmed), ``"done"``, ``"failed"`` or
        ``"cancelled"`` (a pending action that recovery could not finish).
    undone_by
        The id of the undo action that reversed this one (done), or None.
    """

    id: int
    op: str
    time: str
    file: str
    source: str
    target: str
    reason: str = ""
    original_class: str = ""
    undoes: int | None = None
    state: str = "pending"
    note: str = ""
    undone_by: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def renamed(self) -> bool:
        """Whether the file got a new name because the target folder had one like it."""
        return PurePosixPath(self.source).name != PurePosixPath(self.target).name

    def describe(self) -> str:
        """One line for a person: ``#3 moved cats/a.jpg to dogs/ (done)``."""
        where = str(PurePosixPath(self.target).parent) + "/"
        verb = {"move": f"moved {self.source} to {where}",
                "exclude": f"excluded {self.source} (now in {where})",
                "undo": f"undid #{self.undoes}: {self.source} back to {self.target}"}[self.op]
        if self.renamed:
            verb += f" as {PurePosixPath(self.target).name}"
        state = self.state if self.undone_by is None else f"undone by #{self.undone_by}"
        return f"#{self.id} {verb} ({state})"


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _lock_fd(fd: int) -> None:
    """Wait for the OS lock on ``fd`` (the app and ``fitgen fixes`` take turns)."""
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def dataset_root_of(file: str | os.PathLike, label: str) -> Path:
    """The dataset folder of ``file`` labelled ``label``: the folder holding the outermost
    ancestor of the file named ``label`` (``.../train/cats/day1/a.jpg`` -> ``.../train``)."""
    path = Path(file).absolute()
    found = None
    for parent in path.parents:
        if parent.name == label:
            found = parent.parent
    if found is None:
        raise FixError(f"'{file}' is not inside a class folder named '{label}'.")
    return found


def free_name(folder: Path, name: str) -> str:
    """``name``, or ``stem (2).ext``, ``stem (3).ext``...: the first not in ``folder``."""
    if not os.path.lexists(folder / name):
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, ext = name, ""
    number = 2
    while True:
        candidate = f"{stem} ({number}){'.' + ext if ext else ''}"
        if not os.path.lexists(folder / candidate):
            return candidate
        number += 1


def _move_no_clobber(source: Path, target: Path, action_id: int) -> None:
    """Rename ``source`` to ``target``, never replacing a file there.

    A hard link then removing the old name fails when ``target`` exists (POSIX ``rename``
    would silently replace it); where links are not supported (FAT, some network shares),
    a rename after checking. A crash between the link and the unlink leaves two names of
    one file, which :func:`recover` reduces to the target's.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise
    except (OSError, NotImplementedError):
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        os.rename(source, target)
    else:
        crash_point(f"fix:{action_id}:linked")
        os.unlink(source)
    fsync_dir(target.parent)
    fsync_dir(source.parent)


class FixJournal:
    """The journal of one dataset folder, and the actions that write it.

    Parameters
    ----------
    dataset_dir
        The folder holding the class folders (a training or validation folder).
    """

    def __init__(self, dataset_dir: str | os.PathLike) -> None:
        self.root = Path(dataset_dir)
        self.path = self.root / JOURNAL

    # -- reading ----------------------------------------------------------------------

    def _lines(self) -> list[dict[str, Any]]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="surrogateescape")
        except FileNotFoundError:
            return []
        records = []
        for line in text.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line torn by a crash while it was written: never acted on
            if isinstance(record, dict) and isinstance(record.get("id"), int):
                records.append(record)
        return records

    def actions(self) -> list[FixAction]:
        """Every action, oldest first, with its state and whether it was undone."""
        by_id: dict[int, FixAction] = {}
        for record in self._lines():
            if record.get("op") in _ACTIONS:
                by_id[record["id"]] = FixAction(
                    record["id"], record["op"], record.get("time", ""), record.get("file", ""),
                    record.get("from", ""), record.get("to", ""), record.get("reason", ""),
                    record.get("class", ""), record.get("undoes"))
            elif record["id"] in by_id and record.get("state"):
                action = by_id[record["id"]]
                action.state = record["state"]
                action.note = record.get("note", "")
        for action in by_id.values():
            if action.op == "undo" and action.state == "done" and action.undoes in by_id:
                by_id[action.undoes].undone_by = action.id
        return sorted(by_id.values(), key=lambda a: a.id)

    def undoable(self) -> list[FixAction]:
        """Done moves and exclusions not undone yet, newest first."""
        return [a for a in reversed(self.actions())
                if a.op != "undo" and a.state == "done" and a.undone_by is None]

    def location(self, file: str) -> str:
        """Where the file first seen at ``file`` is now, after the done actions."""
        where = file
        for action in self.actions():
            if action.state == "done" and action.file == file:
                where = action.target
        return where

    def origin(self, path: str) -> str:
        """Where the file now at ``path`` was before any fix (``path`` if never moved)."""
        origins: dict[str, str] = {}
        for action in self.actions():
            if action.state == "done":
                origins.pop(action.source, None)
                origins[action.target] = action.file
        return origins.get(path, path)

    # -- writing ----------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time: threads of this process, and other processes."""
        with _THREAD_LOCK:
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                _lock_fd(fd)
                yield
            finally:
                os.close(fd)

    def _append(self, record: dict[str, Any], *, sync: bool) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        new = not self.path.exists()
        with open(self.path, "ab") as f:
            if f.tell() and not _ends_with_newline(self.path):
                f.write(b"\n")  # after a torn line, a new line starts whole
            f.write(line.encode("utf-8", "surrogateescape"))
            f.flush()
            if sync:
                os.fsync(f.fileno())
        if new:
            fsync_dir(self.root)

    def _next_id(self) -> int:
        return max((r["id"] for r in self._lines()), default=0) + 1

    def _do(self, op: str, file: str, source: str, target_dir: str, *, reason: str,
            original_class: str = "", undoes: int | None = None,
            name: str | None = None) -> FixAction:
        """Journal an action (flushed to disk), move the file, journal that it is done.

        ``name``: the file's name in ``target_dir`` (default: its own), or a free one."""
        src = self.root / source
        if not os.path.lexists(src):
            raise FixError(f"'{src}' is not there any more (moved or removed outside "
                           "FitGen?); nothing was changed.")
        target = str(PurePosixPath(target_dir) / free_name(self.root / target_dir,
                                                              name or src.name))
        action = FixAction(self._next_id(), op, _now(), file, source, target, reason,
                           original_class, undoes)
        record = {"id": action.id, "op": op, "time": action.time, "file": file,
                  "from": source, "to": target, "class": original_class, "reason": reason}
        if undoes is not None:
            record["undoes"] = undoes
        self._append(record, sync=True)
        crash_point(f"fix:{action.id}:journaled")
        try:
            _move_no_clobber(src, self.root / target, action.id)
        except OSError as exc:
            self._append({"id": action.id, "state": "failed", "time": _now(),
                          "note": str(exc)}, sync=True)
            raise FixError(f"Could not move '{src}' to '{self.root / target}': "
                           f"{exc.strerror or exc}. Nothing was changed.") from exc
        crash_point(f"fix:{action.id}:moved")
        self._append({"id": action.id, "state": "done", "time": _now()}, sync=True)
        action.state = "done"
        if op == "undo":
            self._prune_excluded(src.parent)
        return action

    def _prune_excluded(self, folder: Path) -> None:
        """Remove the folders of ``_excluded`` an undo left empty (FitGen made them)."""
        top = self.root / EXCLUDED
        while folder == top or top in folder.parents:
            try:
                folder.rmdir()  # only ever an empty folder
            except OSError:
                return
            folder = folder.parent

    def _relative(self, file: str | os.PathLike) -> str:
        path = Path(file)
        if path.is_absolute():
            try:
                path = path.relative_to(self.root)
            except ValueError:
                try:
                    path = path.resolve().relative_to(self.root.resolve())
                except ValueError:
                    raise FixError(f"'{file}' is not in the dataset folder '{self.root}'; "
                                   "only images of that folder can be moved.") from None
        parts = PurePosixPath(path.as_posix()).parts
        if len(parts) < 2 or parts[0] in RESERVED_NAMES or ".." in parts:
            raise FixError(f"'{file}' is not an image in a class folder of '{self.root}'.")
        return PurePosixPath(*parts).as_posix()

    def move(self, file: str | os.PathLike, to_class: str, reason: str = "") -> FixAction:
        """Move ``file`` (in a class folder of the dataset) into class folder ``to_class``."""
        rel = self._relative(file)
        if not to_class or to_class in RESERVED_NAMES or "/" in to_class or (
                to_class in (".", "..")):
            raise FixError(f"'{to_class}' is not a class folder name.")
        current_class, rest = rel.split("/", 1)
        if current_class == to_class:
            raise FixError(f"'{rel}' is already in class {to_class}.")
        # Sub-folders of a class folder stay: cats/day1/a.jpg goes to dogs/day1/a.jpg.
        target_dir = str(PurePosixPath(to_class, rest).parent)
        with self._locked():
            recover(self.root, locked=True)
            return self._do("move", self.origin(rel), rel, target_dir, reason=reason,
                            original_class=current_class)

    def exclude(self, file: str | os.PathLike, reason: str = "") -> FixAction:
        """Move ``file`` to ``_excluded/<its class>/...``: out of training, kept."""
        rel = self._relative(file)
        current_class = rel.split("/", 1)[0]
        target_dir = str(PurePosixPath(EXCLUDED, rel).parent)
        with self._locked():
            recover(self.root, locked=True)
            return self._do("exclude", self.origin(rel), rel, target_dir, reason=reason,
                            original_class=current_class)

    def undo(self, action_id: int | None = None) -> FixAction:
        """Undo action ``action_id`` (default: the newest action not undone yet)."""
        with self._locked():
            recover(self.root, locked=True)
            actions = {a.id: a for a in self.actions()}
            if action_id is None:
                open_ = self.undoable()
                if not open_:
                    raise FixError(f"Nothing to undo in '{self.root}'.")
                action = open_[0]
            elif action_id not in actions:
                raise FixError(f"There is no fix #{action_id} in '{self.path}' (fitgen fixes "
                               "list shows them).")
            else:
                action = actions[action_id]
            if action.op == "undo":
                raise FixError(f"Fix #{action.id} is itself an undo; to do #{action.undoes} "
                               "again, do that fix again.")
            if action.state != "done":
                raise FixError(f"Fix #{action.id} was not done ({action.state}); there is "
                               "nothing to undo.")
            if action.undone_by is not None:
                raise FixError(f"Fix #{action.id} was undone already (by #{action.undone_by}).")
            later = [a for a in actions.values() if a.id > action.id and a.state == "done"
                     and a.undone_by is None and a.file == action.file and a.op != "undo"]
            if later:
                raise FixError(f"'{action.file}' was moved again by fix #{later[-1].id}; undo "
                               "that first.")
            back = PurePosixPath(action.source)
            return self._do("undo", action.file, action.target, str(back.parent),
                            reason=f"undo of #{action.id}", undoes=action.id, name=back.name)

    def undo_all(self) -> list[FixAction]:
        """Undo every action not undone yet, newest first."""
        undone = []
        while True:
            open_ = self.undoable()
            if not open_:
                return undone
            undone.append(self.undo(open_[0].id))


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        if not f.tell():
            return True
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def recover(dataset_dir: str | os.PathLike, *, locked: bool = False) -> list[str]:
    """Finish (or, when that would overwrite a file, cancel) the actions a crash left
    pending in ``dataset_dir``'s journal; returns a sentence for each.

    Decided by what is on disk alone, so it gives the same result however often it runs:

    - the file still at its old place and nothing at the new one: moved now (finished);
    - the file at its new place and not at the old one: the move had happened (done);
    - both names of one file (killed between the link and the unlink): the old name goes;
    - a different file at the new place, or the file at neither: cancelled, nothing moved.
    """
    journal = FixJournal(dataset_dir)
    if not journal.path.exists():
        return []
    if not locked:
        with journal._locked():
            return recover(dataset_dir, locked=True)
    messages = []
    for action in journal.actions():
        if action.state != "pending":
            continue
        messages.append(_settle(journal, action))
    return messages


def _settle(journal: FixJournal, action: FixAction) -> str:
    src, dst = journal.root / action.source, journal.root / action.target
    src_there, dst_there = os.path.lexists(src), os.path.lexists(dst)
    state, note = "done", ""
    if src_there and dst_there:
        if os.path.samefile(src, dst):
            os.unlink(src)  # the same file under two names: keep the new one
            fsync_dir(src.parent)
            note = "finished after an interruption"
        else:
            state, note = "cancelled", (f"'{action.target}' is another file; '{action.source}'"
                                        " was left where it was")
    elif src_there:
        try:
            _move_no_clobber(src, dst, action.id)
            note = "finished after an interruption"
        except OSError as exc:
            state, note = "cancelled", f"could not be finished: {exc.strerror or exc}"
    elif not dst_there:
        state, note = "cancelled", f"'{action.source}' is not there any more"
    else:
        note = "had been done before an interruption"
    journal._append({"id": action.id, "state": state, "time": _now(), "note": note},
                    sync=True)
    verb = "Finished" if state == "done" else "Cancelled"
    return f"{verb} fix #{action.id} ({action.op} {action.source}): {note}."
