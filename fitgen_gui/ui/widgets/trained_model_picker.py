"""Which trained model the Evaluation and Predict views use: a run (its final model or a
kept checkpoint's epoch) or a model file of an export folder."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from fitgen_gui.core.run_dir import RunDir, list_runs, summarize
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.trained_model import ModelChoice

__all__ = ["ModelPicker"]


def _usable(summary) -> bool:
    return summary.model_epoch is not None or summary.checkpoints > 0


class ModelPicker(QWidget):
    """Run and epoch combo boxes (and a model file button) bound to a :class:`ModelChoice`."""

    def __init__(self, choice: ModelChoice, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.choice = choice
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Model")))
        self.runs = QComboBox()
        self.runs.setObjectName(f"{name}.run")
        self.runs.setToolTip(self.tr("A run of the Runs tab (newest first), or a model file."))
        self.runs.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.runs.setMinimumContentsLength(16)
        self.epochs = QComboBox()
        self.epochs.setObjectName(f"{name}.epoch")
        self.epochs.setToolTip(self.tr("The run's final model (model.keras) or the checkpoint of a "
                               "kept epoch."))
        self.epochs.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.epochs.setMinimumContentsLength(14)
        self.file_button = QPushButton(self.tr("Model file…"))
        self.file_button.setObjectName(f"{name}.file")
        self.file_button.setToolTip(self.tr("A .keras file of a FitGen export folder (with its "
                                    "labels.txt and preprocessing.json)."))
        layout.addWidget(self.runs, 3)
        layout.addWidget(self.epochs, 2)
        layout.addWidget(self.file_button)
        self._filling = False
        self.runs.currentIndexChanged.connect(self._run_chosen)
        self.epochs.currentIndexChanged.connect(self._epoch_chosen)
        self.file_button.clicked.connect(self._choose_file)
        choice.changed.connect(self.refresh)
        choice.runs_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """List the runs with a model again and show the current choice."""
        path = self.choice.path
        self._filling = True
        try:
            self.runs.clear()
            workspace = self.choice.workspace
            for summary in (list_runs(workspace) if workspace else []):
                if not _usable(summary):
                    continue
                label = summary.name
                if summary.best_metric:
                    label = self.tr("{run} — best {metric} {value}").format(
                        run=label, metric=summary.best_metric,
                        value=f"{summary.best_value:.3f}")
                self.runs.addItem(label, summary.path)
                self.runs.setItemData(self.runs.count() - 1, summary.path,
                                      Qt.ItemDataRole.ToolTipRole)
            if path is not None and self._index_of(path) < 0:  # a file, another workspace
                name = Path(path).name
                self.runs.insertItem(0, name if os.path.isdir(path) else
                                   self.tr("File: {name}").format(name=name), path)
            if not self.runs.count():
                self.runs.addItem(self.tr("No trained model yet: train one first"), None)
            self.runs.setCurrentIndex(max(0, self._index_of(path)))
            self._fill_epochs()
        finally:
            self._filling = False
        if path is None and self.runs.currentData() is not None:
            self.choice.set(self.runs.currentData(), self._current_epoch())

    def _index_of(self, path: str | None) -> int:
        if path is None:
            return -1
        for i in range(self.runs.count()):
            data = self.runs.itemData(i)
            if data and os.path.realpath(data) == os.path.realpath(path):
                return i
        return -1

    def _fill_epochs(self) -> None:
        self.epochs.clear()
        path = self.runs.currentData()
        if not path or not os.path.isdir(path):
            self.epochs.setEnabled(False)
            return
        self.epochs.setEnabled(True)
        run = RunDir(path)
        summary = summarize(run)
        if (Path(path) / "model.keras").exists():
            label = summary.model_label()
            self.epochs.addItem(self.tr("Final model ({which})").format(
                which=engine_text(label)) if label else self.tr("Final model"), None)
        for checkpoint in reversed([c for c in run.checkpoints() if not c.partial]):
            self.epochs.addItem(self.tr("Epoch {epoch} checkpoint").format(
                epoch=checkpoint.epoch), checkpoint.epoch)
        index = self.epochs.findData(self.choice.epoch) if (
            self.choice.path and os.path.realpath(self.choice.path) == os.path.realpath(path)
        ) else 0
        self.epochs.setCurrentIndex(max(0, index))

    def _current_epoch(self) -> int | None:
        data = self.epochs.currentData()
        return int(data) if data is not None else None

    def _run_chosen(self) -> None:
        if self._filling:
            return
        self._filling = True
        try:
            self._fill_epochs()
        finally:
            self._filling = False
        self.choice.set(self.runs.currentData(), self._current_epoch())

    def _epoch_chosen(self) -> None:
        if not self._filling:
            self.choice.set(self.runs.currentData(), self._current_epoch())

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("A FitGen model file"),
                                              self.choice.workspace,
                                              self.tr("Keras models (*.keras)"))
        if path:
            self.choice.set(path, None)
