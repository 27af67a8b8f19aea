"""*Move to class ▸ X*, *Exclude* and *Undo* for the image shown in a gallery's detail.

One bar under every gallery's detail (the likely label errors, the duplicates, the
Evaluation view's matrix cells, mistakes and unsure answers). It acts through
:class:`~fitgen_gui.ui.state.dataset_fixes.DatasetFixes`, so every action is journaled in
the dataset's ``fixes.jsonl`` before the file moves, and the *Fixes* menu lists the
journal's actions, each with its undo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from fitgen_gui.core.errors import UserError
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.dataset_fixes import DatasetFixes

__all__ = ["FixBar"]


class FixBar(QWidget):
    """Fix actions for one image.

    Signals
    -------
    fixed(object)
        A ``FixAction`` (or the list of an *Undo all*) was done.
    """

    fixed = Signal(object)

    def __init__(self, fixes: DatasetFixes, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.fixes = fixes
        self.file: str | None = None
        self.label: str | None = None
        self.classes: list[str] = []
        self.root: Path | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.move_button = QToolButton()
        self.move_button.setObjectName(f"{name}.move")
        self.move_button.setText(self.tr("Move to class ▸"))
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_button.setToolTip(self.tr("Move the image into another class folder (journaled "
                                    "in the dataset's fixes.jsonl; Undo puts it back)."))
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.exclude_button = QPushButton(self.tr("Exclude"))
        self.exclude_button.setObjectName(f"{name}.exclude")
        self.exclude_button.setToolTip(self.tr("Move the image to _excluded/<its class>/ beside "
                                       "the class folders: left out of training, never deleted."))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName(f"{name}.undo")
        self.journal_button = QToolButton()
        self.journal_button.setObjectName(f"{name}.journal")
        self.journal_button.setText(self.tr("Fixes ▾"))
        self.journal_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.journal_button.setToolTip(self.tr("Every fix of this dataset (its fixes.jsonl): "
                                       "choose one to undo it."))
        self.journal_menu = QMenu(self.journal_button)
        self.journal_button.setMenu(self.journal_menu)
        self.status = QLabel("")
        self._failed = False  # the status line shows a failed fix
        self.status.setObjectName(f"{name}.status")
        self.status.setWordWrap(True)
        for widget in (self.move_button, self.exclude_button, self.undo_button,
                       self.journal_button):
            layout.addWidget(widget)
        layout.addWidget(self.status, 1)
        self.exclude_button.clicked.connect(self.exclude)
        self.undo_button.clicked.connect(lambda: self.undo(None))
        self.journal_menu.aboutToShow.connect(self._fill_journal)
        fixes.changed.connect(lambda _: self._sync())
        self._sync()

    def set_item(self, file: str | None, label: str | None, classes: list[str],
                 root: str | None = None) -> None:
        """The image the actions apply to (``label``: its class folder), the classes it
        can be moved to, and the dataset folder (default: found from the file)."""
        self.file, self.label, self.classes = file, label, list(classes)
        if root:
            self.root = Path(root).absolute()
        elif file and label:
            try:
                self.root = self.fixes.root_of(file, label)
            except UserError:
                self.root = None
        self.move_menu.clear()
        for name in self.classes:
            action = self.move_menu.addAction(name)
            action.setObjectName(f"{self.objectName()}.move.{name}")
            action.triggered.connect(lambda _=False, name=name: self.move_to(name))
        self._sync()

    def _sync(self) -> None:
        mark = self.fixes.mark_of(self.file) if self.file else ""
        can_act = bool(self.file and self.label) and not mark
        self.move_button.setEnabled(can_act and len(self.classes) > 1)
        self.exclude_button.setEnabled(can_act)
        open_ = self.fixes.undoable(self.root) if self.root else []
        self.undo_button.setEnabled(bool(open_))
        self.undo_button.setToolTip(
            self.tr("Undo the last fix: {fix}").format(fix=engine_text(open_[0].describe()))
            if open_ else self.tr("Nothing to undo in this dataset."))
        self.journal_button.setEnabled(self.root is not None and bool(
            self.fixes.actions(self.root)))
        if mark and not self._failed:
            self.status.setText(self.tr("This image was {what} (Undo puts it back).").format(
                what=engine_text(mark)))

    def _say(self, text: str, error: bool = False) -> None:
        self._failed = error  # the error stays shown until the next fix (not the mark)
        self.status.setText(f"<span style='color:#b3261e'>{text}</span>" if error else text)

    def _act(self, do: object) -> None:
        try:
            result = do()  # type: ignore[operator]
        except UserError as exc:
            self._say(self.tr("Could not do that: {error}").format(error=exc), error=True)
            return
        self.status.setText("")
        if isinstance(result, list):
            self._say(self.tr("Undid %n fix(es).", "", len(result)))
        else:
            self._say(engine_text(result.describe()))
        self._sync()
        self.fixed.emit(result)

    def move_to(self, name: str) -> None:
        if self.file and self.label:
            self._act(lambda: self.fixes.move(self.file, self.label, name, "moved in the app"))

    def exclude(self) -> None:
        if self.file and self.label:
            self._act(lambda: self.fixes.exclude(self.file, self.label, "excluded in the app"))

    def undo(self, action_id: int | None) -> None:
        if self.root is not None:
            self._act(lambda: self.fixes.undo(self.root, action_id))

    def undo_all(self) -> None:
        if self.root is not None:
            self._act(lambda: self.fixes.undo_all(self.root))

    def _fill_journal(self) -> None:
        menu = self.journal_menu
        menu.clear()
        if self.root is None:
            return
        for action in reversed(self.fixes.actions(self.root)):
            can_undo = action.op != "undo" and action.state == "done" and (
                action.undone_by is None)
            text = engine_text(action.describe())
            item = menu.addAction(self.tr("Undo {fix}").format(fix=text) if can_undo else text)
            item.setEnabled(can_undo)
            item.triggered.connect(lambda _=False, i=action.id: self.undo(i))
        menu.addSeparator()
        menu.addAction(self.tr("Undo all")).triggered.connect(self.undo_all)
