"""The Runs panel: the runs of the workspace folder; open one, resume it from a checkpoint."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.run_dir import RunDir, list_runs
from fitgen_gui.core.sweep_plan import list_sweeps
from fitgen_gui.ui.panels.sweep_rows import SWEEP_ROLE, fill_table, runs_of_sweep, sweep_of_row
from fitgen_gui.ui.shell.engine_texts import engine_text

__all__ = ["RunsPanel"]


class RunsPanel(QWidget):
    """Runs of the workspace folder.

    Signals
    -------
    open_requested(str)
        Show this run's plots and console.
    resume_requested(str)
        Resume this run (the main window asks which checkpoint).
    evaluate_requested(str)
    export_requested(str)
    compare_requested(list)
        Show these runs side by side (two or more selected).
    workspace_change_requested()
    sweep_requested(str)
        Show this sweep's table (a sweep's group row opened).
    sweep_resume_requested(str)
        Train this sweep's unfinished runs.
    """

    open_requested = Signal(str)
    resume_requested = Signal(str)
    evaluate_requested = Signal(str)
    export_requested = Signal(str)
    compare_requested = Signal(list)
    workspace_change_requested = Signal()
    sweep_requested = Signal(str)
    sweep_resume_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("runsPanel")
        self.workspace = ""
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.workspace_label = QLabel("")
        self.workspace_label.setObjectName("runs.workspace")
        self.workspace_label.setWordWrap(True)
        change = QPushButton(self.tr("Change…"))
        change.setObjectName("runs.change_workspace")
        change.setToolTip(self.tr("The folder where runs are saved."))
        change.clicked.connect(self.workspace_change_requested)
        top.addWidget(self.workspace_label, 1)
        top.addWidget(change)
        layout.addLayout(top)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("runs.table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Run"), self.tr("Status"), self.tr("Epochs"), self.tr("Best"), "model.keras"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(lambda *_: self._open())
        layout.addWidget(self.table, 1)
        buttons = QGridLayout()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("runs.open")
        self.open_button.setToolTip(self.tr("Show the run's plots and console."))
        self.resume_button = QPushButton(self.tr("Resume…"))
        self.resume_button.setObjectName("runs.resume")
        self.resume_button.setToolTip(self.tr("Continue from one of its checkpoints."))
        self.evaluate_button = QPushButton(self.tr("Evaluate"))
        self.evaluate_button.setObjectName("runs.evaluate")
        self.evaluate_button.setToolTip(self.tr("How good its model is, per class, on its "
                                        "validation data (Evaluation tab)."))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("runs.export")
        self.export_button.setToolTip(self.tr("Write its model as .keras, SavedModel, ONNX or "
                                      "TFLite, self-tested."))
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.folder_button.setObjectName("runs.show_folder")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("runs.refresh")
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setObjectName("runs.compare")
        self.compare_button.setToolTip(self.tr("Select two or more runs (Ctrl+click), or a "
                                               "sweep's row, to see their settings, results "
                                               "and curves side by side."))
        self.compare_button.setEnabled(False)
        for index, button in enumerate((self.open_button, self.resume_button,
                                        self.evaluate_button, self.export_button,
                                        self.folder_button, self.refresh_button,
                                        self.compare_button)):
            buttons.addWidget(button, index // 3, index % 3)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(self._open)
        self.resume_button.clicked.connect(self._resume)
        self.evaluate_button.clicked.connect(lambda: self._emit_selected(self.evaluate_requested))
        self.export_button.clicked.connect(lambda: self._emit_selected(self.export_requested))
        self.folder_button.clicked.connect(self._show_folder)
        self.refresh_button.clicked.connect(self.refresh)
        self.compare_button.clicked.connect(self._compare)
        self.table.itemSelectionChanged.connect(
            lambda: self.compare_button.setEnabled(len(self.selected_paths()) >= 2))

    def set_workspace(self, path: str) -> None:
        self.workspace = path
        self.workspace_label.setText(self.tr("Runs are saved in {path}").format(path=path))
        self.refresh()

    def refresh(self) -> None:
        """List every run of the workspace again (Refresh, a new workspace, a run ended)."""
        selected = self.selected_path() or self.selected_sweep()
        runs = list_runs(self.workspace) if self.workspace else []
        sweeps = list_sweeps(self.workspace) if self.workspace else []
        fill_table(self.table, runs, sweeps, self._show)  # each sweep's runs as a group
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if selected and selected in (item.data(Qt.ItemDataRole.UserRole),
                                         item.data(SWEEP_ROLE)):
                self.table.selectRow(row)

    def update_run(self, path: str) -> None:
        """Show one run's row as it is now (inserted at the top if new): what a running
        training changes, without reading every run of the workspace again."""
        from fitgen_gui.core.run_dir import summarize

        run = summarize(RunDir(path))
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == run.path:
                self._show(row, run)
                return
        self.table.insertRow(0)
        self._show(0, run)

    def _show(self, row: int, run: Any) -> None:
        name = QTableWidgetItem(run.name)
        name.setData(Qt.ItemDataRole.UserRole, run.path)
        name.setToolTip(run.path)
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(engine_text(run.status)))
        epochs = f"{run.epochs_done}/{run.epochs_planned or '?'}"
        self.table.setItem(row, 2, QTableWidgetItem(epochs))
        best = "—"
        if run.best_metric:
            best = f"{run.best_metric} {run.best_value:.3f}"
            if run.best_epoch is not None:
                best = self.tr("{value} (epoch {epoch})").format(value=best,
                                                                epoch=run.best_epoch + 1)
        item = QTableWidgetItem(best)
        item.setToolTip(self.tr("The best epoch by the run's monitored metric; its checkpoint is "
                        "kept."))
        self.table.setItem(row, 3, item)
        model = QTableWidgetItem(engine_text(run.model_label()) or "—")
        model.setToolTip(self.tr("Which epoch the run's final model (model.keras) is, and "
                                 "whether it is the best one.") if run.model_label() else
                         self.tr("No final model yet (the run did not finish); its checkpoints "
                                 "can be evaluated and exported."))
        self.table.setItem(row, 4, model)

    def selected_path(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def selected_sweep(self) -> str | None:
        """The sweep folder of the current row when it is a sweep's group row."""
        row = self.table.currentRow()
        return sweep_of_row(self.table, row) if row >= 0 else None

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def selected_paths(self) -> list[str]:
        """The folders of every selected run, in the table's order; a sweep's group row
        stands for its runs."""
        paths: list[str] = []
        for row in self._selected_rows():
            sweep = sweep_of_row(self.table, row)
            item = self.table.item(row, 0)
            found = runs_of_sweep(sweep) if sweep else [item.data(Qt.ItemDataRole.UserRole)]
            paths += [p for p in found if p and p not in paths]
        return paths

    def _compare(self) -> None:
        # The table lists the newest run first; the comparison measures from the oldest
        # ("before the fix" -> "after"), as `fitgen compare OLD NEW` does. A sweep alone
        # keeps its own order (its first run is the reference, as fitgen compare SWEEP).
        rows = self._selected_rows()
        sweep = sweep_of_row(self.table, rows[0]) if len(rows) == 1 else None
        paths = runs_of_sweep(sweep) if sweep else self.selected_paths()[::-1]
        if len(paths) >= 2:
            self.compare_requested.emit(paths)

    def select(self, path: str) -> None:
        for row in range(self.table.rowCount()):
            shown = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if shown and os.path.exists(shown) and os.path.samefile(shown, path):
                self.table.selectRow(row)
                return

    def _open(self) -> None:
        path = self.selected_path()
        if self.selected_sweep():
            self.sweep_requested.emit(self.selected_sweep())
        elif path:
            self.open_requested.emit(path)

    def _resume(self) -> None:
        path = self.selected_path()
        if self.selected_sweep():
            self.sweep_resume_requested.emit(self.selected_sweep())
        elif path:
            self.resume_requested.emit(path)

    def _emit_selected(self, signal: Signal) -> None:
        path = self.selected_path()
        if path:
            signal.emit(path)

    def _show_folder(self) -> None:
        path = self.selected_path() or self.selected_sweep() or self.workspace
        if path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
