"""The fixes of the datasets the app shows: moves, exclusions and undos, all in the journal.

What was moved where is never kept in a widget: every question (is this image moved? what
can be undone?) is answered from the dataset's ``fixes.jsonl`` (:mod:`fitgen_gui.core.fixes`),
so the marks survive switching views, classes or runs, and a restart. A file move takes
milliseconds: the actions run on the GUI thread, and :attr:`DatasetFixes.changed` tells
the views to show the folders as they are now.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QObject, Signal

from fitgen_gui.core.fixes import EXCLUDED, FixAction, FixJournal, dataset_root_of, recover

__all__ = ["DatasetFixes"]


class DatasetFixes(QObject):
    """Fix actions on images, by their dataset folder.

    Signals
    -------
    changed(str)
        The journal of this dataset folder changed (a move, an exclusion, an undo).
    recovered(str)
        A sentence: an action a crash left half done was finished (or cancelled).
    """

    changed = Signal(str)
    recovered = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: set[Path] = set()
        self._cache: dict[Path, list[FixAction]] = {}

    def watch(self, *roots: str | None) -> list[str]:
        """Datasets the app shows now (a run's training and validation folders): an
        action a crash left pending there is settled first; returns what was said."""
        said = []
        for root in roots:
            if not root or not os.path.isdir(root):
                continue
            path = Path(root).absolute()
            self._roots.add(path)
            for message in recover(path):
                said.append(message)
                self.recovered.emit(message)
            self._cache.pop(path, None)
        return said

    def root_of(self, file: str, label: str | None = None) -> Path:
        """The dataset folder of an image (a watched one, or found from its label)."""
        path = Path(file).absolute()
        for root in sorted(self._roots, key=lambda r: -len(r.parts)):
            if root in path.parents:
                return root
        if label is None:
            return path.parent.parent
        root = dataset_root_of(path, label)
        self._roots.add(root)
        return root

    def actions(self, root: str | os.PathLike) -> list[FixAction]:
        """The journal's actions of ``root``, oldest first."""
        path = Path(root).absolute()
        if path not in self._cache:
            self._cache[path] = FixJournal(path).actions()
        return self._cache[path]

    def undoable(self, root: str | os.PathLike) -> list[FixAction]:
        return [a for a in reversed(self.actions(root))
                if a.op != "undo" and a.state == "done" and a.undone_by is None]

    def mark_of(self, file: str) -> str:
        """What the journal says happened to the image first seen at ``file``: ``"moved
        to dogs"``, ``"excluded"`` or ``""``."""
        path = Path(file).absolute()
        root = next((r for r in self._roots if r in path.parents), None)
        if root is None:
            return ""
        rel = path.relative_to(root).as_posix()
        where = rel
        for action in self.actions(root):
            if action.state == "done" and action.file == rel:
                where = action.target
        if where == rel:
            return ""
        first = PurePosixPath(where).parts[0]
        return "excluded" if first == EXCLUDED else f"moved to {first}"

    def current_path(self, file: str) -> str:
        """Where the image first seen at ``file`` is now."""
        path = Path(file).absolute()
        root = next((r for r in self._roots if r in path.parents), None)
        if root is None:
            return file
        return str(root / FixJournal(root).location(path.relative_to(root).as_posix()))

    # -- actions ----------------------------------------------------------------------

    def _done(self, root: Path, action: FixAction) -> FixAction:
        self._cache.pop(root, None)
        self.changed.emit(str(root))
        return action

    def move(self, file: str, label: str, to_class: str, reason: str = "") -> FixAction:
        """Move the image (first seen at ``file``, labelled ``label``) to ``to_class``."""
        root = self.root_of(file, label)
        return self._done(root, FixJournal(root).move(self.current_path(file), to_class,
                                                      reason))

    def exclude(self, file: str, label: str, reason: str = "") -> FixAction:
        root = self.root_of(file, label)
        return self._done(root, FixJournal(root).exclude(self.current_path(file), reason))

    def undo(self, root: str | os.PathLike, action_id: int | None = None) -> FixAction:
        path = Path(root).absolute()
        return self._done(path, FixJournal(path).undo(action_id))

    def undo_all(self, root: str | os.PathLike) -> list[FixAction]:
        path = Path(root).absolute()
        undone = FixJournal(path).undo_all()
        self._done(path, undone[-1] if undone else None)  # type: ignore[arg-type]
        return undone
