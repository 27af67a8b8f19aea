"""The confusion matrix: rows are the true classes, columns the predicted ones.

Counts or row shares (each row sums to 100%), coloured by the row share: green on the
diagonal (right answers), red off it (mistakes), so the eye finds the confusions at 2
classes and at 50. With many classes the columns are numbered and the rows say which
number is which class. Clicking a cell asks for the gallery of exactly its images.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

__all__ = ["ConfusionMatrix"]

NAMED_COLUMNS = 8  # up to this many classes, the columns carry the names


def _colour(share: float, diagonal: bool) -> QColor:
    base = (27, 127, 59) if diagonal else (179, 38, 30)
    strength = min(1.0, max(0.0, share)) ** 0.6  # small confusions stay visible
    mix = [round(255 + (c - 255) * strength) for c in base]
    return QColor(*mix)


class ConfusionMatrix(QTableWidget):
    """A read-only table of the matrix.

    Signals
    -------
    cell_chosen(str, str)
        (true class, predicted class) of a clicked cell.
    """

    cell_chosen = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("evaluation.matrix")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip(self.tr("Rows: the true class; columns: the predicted class. Click a cell "
                        "to see its images."))
        self.classes: list[str] = []
        self.matrix: list[list[int]] = []
        self.normalized = False
        self.cellClicked.connect(self._clicked)

    def set_matrix(self, classes: list[str], matrix: list[list[int]],
                   normalized: bool | None = None) -> None:
        """Show ``matrix`` (rows true, columns predicted); ``normalized``: row shares."""
        self.classes, self.matrix = list(classes), [list(r) for r in matrix]
        if normalized is not None:
            self.normalized = normalized
        k = len(classes)
        many = k > NAMED_COLUMNS
        self.clear()
        self.setRowCount(k)
        self.setColumnCount(k)
        self.setHorizontalHeaderLabels([str(j + 1) if many else name
                                        for j, name in enumerate(classes)])
        self.setVerticalHeaderLabels([f"{i + 1}  {name}" if many else name
                                      for i, name in enumerate(classes)])
        for j, name in enumerate(classes):
            self.horizontalHeaderItem(j).setToolTip(self.tr("Predicted: {name}").format(name=name))
        font = QFont(self.font())
        if k > 20:
            font.setPointSizeF(max(7.0, font.pointSizeF() - 2))
        elif not many:  # a few classes: big numbers
            font.setPointSizeF(font.pointSizeF() + 3)
            font.setBold(True)
        for i in range(k):
            total = sum(self.matrix[i])
            for j in range(k):
                count = self.matrix[i][j]
                share = count / total if total else 0.0
                if self.normalized:
                    text = f"{share:.0%}" if not many else f"{share * 100:.0f}"
                else:
                    text = str(count)
                item = QTableWidgetItem(text if count or not many else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setFont(font)
                item.setBackground(QBrush(_colour(share, i == j) if count else QColor("white")))
                item.setForeground(QBrush(QColor("white" if share > 0.55 else "#1d1d1f")))
                item.setToolTip(self.tr("True {true}, predicted {predicted}: {count} of {total} "
                                        "({share})").format(true=classes[i],
                                                            predicted=classes[j], count=count,
                                                            total=total, share=f"{share:.1%}"))
                self.setItem(i, j, item)
        horizontal, vertical = self.horizontalHeader(), self.verticalHeader()
        if many:
            horizontal.setMinimumSectionSize(30)
            horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            horizontal.setDefaultSectionSize(30 if k > 20 else 40)
        else:
            horizontal.setMinimumSectionSize(90)
            horizontal.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24 if k > 20 else 32 if many else 48)

    def set_normalized(self, on: bool) -> None:
        if self.classes:
            self.set_matrix(self.classes, self.matrix, on)
        else:
            self.normalized = on

    def _clicked(self, row: int, column: int) -> None:
        if 0 <= row < len(self.classes) and 0 <= column < len(self.classes):
            self.cell_chosen.emit(self.classes[row], self.classes[column])
