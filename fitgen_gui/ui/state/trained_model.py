"""The trained model in use (a run, one of its kept epochs, or an exported model file),
shared by the Evaluation and Predict views and the Export dialog."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

__all__ = ["ModelChoice"]


class ModelChoice(QObject):
    """The model in use, shared by the views.

    Signals
    -------
    changed()
    runs_changed()
        The runs of the workspace changed (a run ended, another workspace).
    """

    changed = Signal()
    runs_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: str | None = None  # a run folder or a .keras file
        self.epoch: int | None = None  # None: the run's final model
        self.workspace = ""

    def set(self, path: str | None, epoch: int | None = None) -> None:
        if (path, epoch) != (self.path, self.epoch):
            self.path, self.epoch = path, epoch
            self.changed.emit()

    def set_workspace(self, workspace: str) -> None:
        self.workspace = workspace
        self.runs_changed.emit()

    @property
    def is_run(self) -> bool:
        return self.path is not None and os.path.isdir(self.path)

    def describe(self) -> str:
        if self.path is None:
            return self.tr("no model")
        name = Path(self.path).name
        if not self.is_run:
            return name
        return (self.tr("{run}, epoch {epoch}").format(run=name, epoch=self.epoch) if self.epoch
                else self.tr("{run}, final model").format(run=name))
