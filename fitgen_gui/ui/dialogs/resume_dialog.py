"""The Resume dialog: which kept checkpoint a run continues from, and for how many epochs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.ui.shell.engine_texts import engine_text

__all__ = ["ResumeDialog"]


def _format_logs(logs: dict) -> str:
    parts = [f"{key} {logs[key]:.4f}" for key in ("val_accuracy", "val_loss", "accuracy",
                                                   "loss") if isinstance(logs.get(key), float)]
    return ", ".join(parts) or "—"


class ResumeDialog(QDialog):
    """Choose the checkpoint to continue from, and the final epoch."""

    def __init__(self, run: RunDir, planned_epochs: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resume.dialog")
        self.setWindowTitle(self.tr("Resume {name}").format(name=run.name))
        self.checkpoints = run.checkpoints()
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Training continues from the chosen epoch with its weights and "
                       "optimizer state; a stopped epoch continues at the batch where it "
                       "stopped, as if it had never stopped. Later epochs are set aside in "
                       "the run folder, not deleted."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.checkpoints), 2)
        self.table.setObjectName("resume.checkpoints")
        self.table.setHorizontalHeaderLabels([self.tr("Checkpoint"),
                                              self.tr("Metrics at that epoch")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, checkpoint in enumerate(self.checkpoints):
            self.table.setItem(row, 0, QTableWidgetItem(engine_text(checkpoint.label)))
            self.table.setItem(row, 1, QTableWidgetItem(_format_logs(checkpoint.logs)))
        if self.checkpoints:
            self.table.selectRow(len(self.checkpoints) - 1)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Train until epoch")))
        self.epochs = QSpinBox()
        self.epochs.setObjectName("resume.epochs")
        self.epochs.setRange(1, 100000)
        last = self.checkpoints[-1].epoch if self.checkpoints else 0
        self.epochs.setValue(max(planned_epochs, last + 1))
        row.addWidget(self.epochs)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Resume"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("resume.ok")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def choice(self) -> tuple[int, int]:
        """(checkpoint epoch, final epoch)."""
        row = max(0, self.table.currentRow())
        return self.checkpoints[row].epoch, self.epochs.value()

    def select_epoch(self, epoch: int) -> None:
        for row, checkpoint in enumerate(self.checkpoints):
            if checkpoint.epoch == epoch and not checkpoint.partial:
                self.table.selectRow(row)
                return
