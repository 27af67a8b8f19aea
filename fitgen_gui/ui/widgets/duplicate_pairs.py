"""Near-identical image pairs, side by side, with *Exclude* for either image.

The pairs come from the data check (``CheckReport.pairs``): within training, within
validation, or across them (leakage: a validation copy of a training image makes accuracy
look better than it is). Choosing a pair shows both images, what found them and how far
apart they are; each side has its own fix bar (usually: exclude the validation copy).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.ui.state.dataset_fixes import DatasetFixes
from fitgen_gui.ui.widgets.fix_bar import FixBar
from fitgen_gui.ui.widgets.pixmaps import pixmap_of, rgb_of

if TYPE_CHECKING:  # numpy is imported where arrays are used: not before the window shows
    import numpy as np
from fitgen_gui.ui.workers.background import BackgroundTasks

__all__ = ["DuplicatePairs"]

SIDE = 220
_RELATION = {"leak": QT_TRANSLATE_NOOP("DuplicatePairs", "LEAKAGE (training ~ validation)"),
             "train": QT_TRANSLATE_NOOP("DuplicatePairs", "within training"),
             "val": QT_TRANSLATE_NOOP("DuplicatePairs", "within validation")}


def _label_of(path: str) -> str:
    return os.path.basename(os.path.dirname(path))


class DuplicatePairs(QWidget):
    """A list of pairs and the chosen pair side by side."""

    def __init__(self, tasks: BackgroundTasks, fixes: DatasetFixes, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._tasks, self._name = tasks, name
        self.pairs: list[dict[str, Any]] = []
        self.classes: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("")
        self.title.setObjectName(f"{name}.title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}.list")
        sides = QWidget()
        grid = QGridLayout(sides)
        self.images: list[QLabel] = []
        self.captions: list[QLabel] = []
        self.fix_bars: list[FixBar] = []
        for column, side in enumerate("ab"):
            image = QLabel("")
            image.setObjectName(f"{name}.image_{side}")
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image.setMinimumSize(140, 140)
            image.setStyleSheet("background: #20242a; color: #aab;")
            caption = QLabel("")
            caption.setObjectName(f"{name}.caption_{side}")
            caption.setWordWrap(True)
            bar = FixBar(fixes, f"{name}.fixes_{side}")
            grid.addWidget(image, 0, column)
            grid.addWidget(caption, 1, column)
            grid.addWidget(bar, 2, column)
            self.images.append(image)
            self.captions.append(caption)
            self.fix_bars.append(bar)
        self.about = QLabel("")
        self.about.setObjectName(f"{name}.about")
        self.about.setWordWrap(True)
        grid.addWidget(self.about, 3, 0, 1, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(sides)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.list.currentRowChanged.connect(self.show_pair)
        self.show_pairs([], [], "")

    def show_pairs(self, pairs: list[dict[str, Any]], classes: list[str], title: str) -> None:
        """The pairs of a data check (leakage first), and the classes to move images to."""
        order = {"leak": 0, "train": 1, "val": 2}
        self.pairs = sorted(pairs, key=lambda p: (order.get(p["relation"], 3), p["distance"]))
        self.classes = list(classes)
        leaks = sum(p["relation"] == "leak" for p in self.pairs)
        self.title.setText(title or (
            self.tr("{count} pair(s) of near-identical images, {leaks} of them across training "
                    "and validation (leakage: validation copies of training images make "
                    "accuracy look better than it is).").format(count=len(self.pairs),
                                                                leaks=leaks)
            if self.pairs else self.tr("No near-identical images found.")))
        self.list.clear()
        for p in self.pairs:
            self.list.addItem(f"{self._relation(p['relation'])}: "
                              f"{os.path.basename(p['a'])} ~ {os.path.basename(p['b'])}")
        if self.pairs:
            self.list.setCurrentRow(0)
        else:
            self.show_pair(-1)

    def _relation(self, key: str) -> str:
        return self.tr(_RELATION[key]) if key in _RELATION else key

    def show_pair(self, row: int) -> None:
        pair = self.pairs[row] if 0 <= row < len(self.pairs) else None
        files = [pair["a"], pair["b"]] if pair else [None, None]
        for image, caption, bar, file in zip(self.images, self.captions, self.fix_bars, files,
                                             strict=True):
            image.setPixmap(QPixmap())
            image.setText(self.tr("Loading…") if file else "")
            caption.setText(file or "")
            bar.set_item(file, _label_of(file) if file else None, self.classes)
        if pair is None:
            self.about.setText("")
            return
        self.about.setText((
            self.tr("{relation}; found by {method} (distance {distance}); the same class.")
            if pair["same_label"] else
            self.tr("{relation}; found by {method} (distance {distance}); DIFFERENT classes.")
        ).format(relation=self._relation(pair["relation"]), method=pair["method"],
                 distance=pair["distance"]))

        def load() -> list[np.ndarray | None]:
            from fitgen_gui.data.folder_summary import thumbnail

            return [thumbnail(f, SIDE) if os.path.exists(f) else None for f in files]

        self._tasks.submit(f"{self._name}:images", load,
                           lambda images: self._loaded(row, images))

    def _loaded(self, row: int, images: list[np.ndarray | None]) -> None:
        if row != self.list.currentRow():
            return
        for label, image in zip(self.images, images, strict=True):
            if image is None:
                label.setText(self.tr("This file is not there any more (moved or excluded?)."))
                continue
            label.setPixmap(pixmap_of(rgb_of(image)))
