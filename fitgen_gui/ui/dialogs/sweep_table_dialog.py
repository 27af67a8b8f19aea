"""A sweep's table in the app: ``sweep.csv``'s columns, read again from the run folders.

One row per run: the run, each varied setting's value, its status, the best value of the
monitored metric and its epoch, the final validation accuracy, and a note (why a run
failed). The rows are ranked by the monitored value, best first (the question a sweep
answers is "which settings won"), the best run in bold; runs without a value yet follow in
the sweep's order. *Compare all* shows the started runs in the Compare runs tab, curves
overlaid (the selected runs only, when two or more rows are selected);
*Resume sweep* trains the runs that did not finish. The table is rebuilt from the folders
(as ``fitgen sweep --status``), so it is right even while another process trains them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import field_label
from fitgen_gui.core.sweep import Sweep
from fitgen_gui.core.sweep_plan import refresh_table
from fitgen_gui.core.sweep_table import UNFINISHED, RunRow, ranked
from fitgen_gui.ui.shell.engine_texts import engine_text, status_counts
from fitgen_gui.ui.widgets.forms import setting_text

__all__ = ["SweepTableDialog"]


def _value(value: object) -> str:
    import json

    return value if isinstance(value, str) else json.dumps(value)


class SweepTableDialog(QDialog):
    """The table of the sweep in ``sweep_dir``.

    Signals
    -------
    compare_requested(list)
        The folders of the sweep's started runs, in its order.
    resume_requested(str)
        Train the sweep's unfinished runs.
    """

    compare_requested = Signal(list)
    resume_requested = Signal(str)

    def __init__(self, sweep_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweep.table_dialog")
        self.sweep_dir = str(sweep_dir)
        self.setWindowTitle(self.tr("Sweep {name}").format(name=Path(sweep_dir).name))
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setObjectName("sweep.summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("sweep.table")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.compare_button = QPushButton(self.tr("Compare all"))
        self.compare_button.setObjectName("sweep.compare")
        self.compare_button.setToolTip(self.tr("The sweep's runs side by side in the Compare "
                                               "runs tab, their curves overlaid (only the "
                                               "selected ones when two or more are "
                                               "selected)."))
        self.resume_button = QPushButton(self.tr("Resume sweep"))
        self.resume_button.setObjectName("sweep.resume")
        self.resume_button.setToolTip(self.tr("Train the runs that did not finish (not "
                                              "started, stopped, failed or interrupted), "
                                              "each from its last checkpoint."))
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("sweep.refresh")
        close = QPushButton(self.tr("Close"))
        close.setObjectName("sweep.close")
        for button in (self.compare_button, self.resume_button, refresh):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.compare_button.clicked.connect(self._compare)
        self.resume_button.clicked.connect(lambda: self.resume_requested.emit(self.sweep_dir))
        refresh.clicked.connect(self.refresh)
        close.clicked.connect(self.close)
        self.rows: list[RunRow] = []
        self.resize(900, 420)
        self.refresh()

    def refresh(self) -> None:
        """Read the sweep and its runs' folders again (and rewrite sweep.csv)."""
        sweep = Sweep.read(self.sweep_dir)
        self.rows, metric = ranked(refresh_table(self.sweep_dir, sweep))
        headers = [self.tr("Run"), *(setting_text(field_label(k)) for k in sweep.keys),
                   self.tr("Status"), self.tr("Best"), self.tr("Best epoch"),
                   self.tr("Final val accuracy"), self.tr("Note")]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for column, key in enumerate(sweep.keys, 1):
            self.table.horizontalHeaderItem(column).setToolTip(key)
        self.table.setRowCount(len(self.rows))
        for row, run in enumerate(self.rows):
            best = (self.tr("{metric} {value}").format(metric=run.monitor,
                                                       value=f"{run.best:.4f}")
                    if run.best is not None else "—")
            accuracy = (f"{run.final_val_accuracy:.4f}"
                        if run.final_val_accuracy is not None else "—")
            cells = [run.run, *(_value(run.values.get(k)) for k in sweep.keys),
                     engine_text(run.status),
                     best, str(run.best_epoch) if run.best_epoch is not None else "—",
                     accuracy, run.note]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if metric and row == 0:  # the winner
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        unfinished = sum(r.status in UNFINISHED for r in self.rows)
        started = sum(r.status != "not started" for r in self.rows)
        if metric:
            order = (self.tr("Ranked by {metric}, lowest first.") if "loss" in metric
                     else self.tr("Ranked by {metric}, highest first.")).format(metric=metric)
        elif any(r.best is not None for r in self.rows):
            order = self.tr("The runs monitor different metrics, so they are listed in the "
                            "sweep's order, not ranked.")
        else:
            order = self.tr("The runs are ranked by their monitored value once they have one.")
        self.summary.setText(self.tr("{count} runs varying {keys}: {statuses}. {order} "
                                     "Folder: {folder}").format(
            count=len(self.rows), keys=", ".join(sweep.keys),
            statuses=status_counts([r.status for r in self.rows]), order=order,
            folder=self.sweep_dir))
        self.resume_button.setEnabled(unfinished > 0)
        self.compare_button.setEnabled(started >= 2)

    def _compare(self) -> None:
        from fitgen_gui.ui.panels.sweep_rows import runs_of_sweep

        started = runs_of_sweep(self.sweep_dir)  # the sweep's order: its first is the reference
        chosen = {self.rows[index.row()].run
                  for index in self.table.selectionModel().selectedRows()}
        picked = [p for p in started if Path(p).name in chosen]
        self.compare_requested.emit(picked if len(picked) >= 2 else started)
