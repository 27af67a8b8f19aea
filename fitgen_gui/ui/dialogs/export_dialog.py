"""The Export dialog: write a model in the chosen formats, each self-tested against FitGen.

Every format goes to its own sub-folder with the model, ``labels.txt``,
``preprocessing.json`` and a README of loading code. The self-test runs each artifact in
its own runtime on validation images and compares with FitGen's predictions; the table
shows the agreement, the largest probability difference, the size and the time, and a
format that failed says why (the others are still written).
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
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

from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.trained_model import ModelChoice
from fitgen_gui.ui.widgets.data_file_questions import ask_run_data_file
from fitgen_gui.ui.widgets.forms import PathPicker
from fitgen_gui.ui.workers.trained_model_work import JobContext, ModelWork

__all__ = ["FORMAT_CHOICES", "ExportDialog"]

# (key, label, short label, checked by default); labels are names, but for the int8 one's
FORMAT_CHOICES = [
    ("keras", "Keras (.keras)", "Keras", True),
    ("saved_model", "TensorFlow SavedModel", "SavedModel", True),
    ("onnx", "ONNX", "ONNX", True),
    ("tflite", "LiteRT / TFLite (float32)", "TFLite float32", True),
    ("tflite-int8", QT_TRANSLATE_NOOP("ExportDialog", "LiteRT / TFLite full integer (int8, "
                                      "for microcontrollers and NPUs)"),
     "TFLite int8", False),
]


def default_destination(choice: ModelChoice) -> str:
    stamp = datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    if choice.is_run and choice.path:
        return os.path.join(choice.path, "exports", stamp)
    base = os.path.dirname(choice.path or "") or choice.workspace or os.getcwd()
    return os.path.join(base, f"export_{stamp}")


class ExportDialog(QDialog):
    """Choose the formats and the folder; export; see each format's self-test."""

    def __init__(self, choice: ModelChoice, work: ModelWork, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("export.dialog")
        self.setWindowTitle(self.tr("Export {model}").format(model=choice.describe()))
        self.choice, self.work = choice, work
        self.results: list[Any] | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Each format is written with labels.txt, preprocessing.json and a "
                       "README of loading code, then checked: it predicts validation images "
                       "in its own runtime, and must agree with FitGen on at least 99% of "
                       "them (97% for int8)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.formats: dict[str, QCheckBox] = {}
        for row, (key, label, _, checked) in enumerate(FORMAT_CHOICES):
            box = QCheckBox(self.tr(label) if key == "tflite-int8" else label)
            box.setObjectName(f"export.format.{key}")
            box.setChecked(checked)
            box.toggled.connect(lambda *_: self._sync())
            grid.addWidget(box, row // 2, row % 2)
            self.formats[key] = box
        layout.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Folder")))
        self.folder = PathPicker("export.folder", caption=self.tr("The export folder"),
                                 help_text=self.tr("One sub-folder per format is written here."))
        self.folder.setValue(default_destination(choice))
        row.addWidget(self.folder, 1)
        layout.addLayout(row)
        self.overwrite = QCheckBox(self.tr("Replace the folder if it exists and is not empty"))
        self.overwrite.setObjectName("export.overwrite")
        layout.addWidget(self.overwrite)
        self.status = QLabel("")
        self.status.setObjectName("export.status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("export.results")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Format"), self.tr("Self-test"), self.tr("Agreement"),
             self.tr("Largest difference"), self.tr("Size"), self.tr("Time")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox()
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("export.run")
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setObjectName("export.open")
        self.open_button.setEnabled(False)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.export_button.clicked.connect(self.run)
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(self.folder.value())))
        work.progress.connect(self._progress)
        work.busy_changed.connect(lambda _: self._sync())
        self.resize(760, 520)
        self._sync()

    def chosen_formats(self) -> list[str]:
        return [key for key, box in self.formats.items() if box.isChecked()]

    def _sync(self) -> None:
        self.export_button.setEnabled(bool(self.chosen_formats()) and not self.work.busy)

    def _progress(self, text: str, done: int, total: int) -> None:
        if self.work.busy and self.results is None:
            self.status.setText(f"{engine_text(text)}…")

    def run(self) -> bool:
        """Export in the background; the table fills when it is done."""
        formats, out = self.chosen_formats(), self.folder.value().strip()
        path, epoch = self.choice.path, self.choice.epoch
        if not formats or not out or path is None or self.work.busy:
            return False
        trusted = self._trust_data_file(path)
        if trusted is None:
            return False
        overwrite = self.overwrite.isChecked()

        def job(context: JobContext) -> Any:
            from fitgen_gui.training.export_data import export_files
            from fitgen_gui.training.tf_export import export_model

            context.progress("Loading the model", 0, 0)  # English: engine_text shows it
            source = context.model(path, epoch)
            parity, calibration, arrays = export_files(source, trusted=trusted)
            return export_model(source, formats, out, parity_files=parity,
                                calibration_files=calibration, parity_arrays=arrays,
                                overwrite=overwrite,
                                progress=lambda text: context.progress(text, 0, 0))

        self.results = None
        self.table.setRowCount(0)
        self.status.setText(self.tr("Exporting… (each format takes a few seconds to a minute)"))
        self.work.submit(job, self._done, self._failed)
        self._sync()
        return True

    def _trust_data_file(self, path: str) -> bool | None:
        if not os.path.isdir(path):
            return False
        return ask_run_data_file(self, path, "for the export's self-test (it needs the run's "
                                             "validation images)")

    def _failed(self, message: str, details: str) -> None:
        self.status.setText("<span style='color:#b3261e'>{}</span>".format(
            self.tr("Could not export: {error}").format(error=engine_text(message))))

    def _done(self, results: list[Any]) -> None:
        self.results = results
        self.table.setRowCount(len(results))
        labels = {key: short for key, _, short, _ in FORMAT_CHOICES}
        for row, result in enumerate(results):
            verdict = self.tr("passed") if result.ok else self.tr("FAILED")
            cells = [
                labels.get(result.format, result.format), verdict,
                "" if result.agreement is None else
                self.tr("{share} of {count}").format(share=f"{result.agreement:.1%}",
                                                     count=result.counted),
                "" if result.max_probability_difference is None else
                f"{result.max_probability_difference:.2g}",
                self.tr("{size} MB").format(size=f"{result.size_bytes / 2**20:.1f}")
                if result.size_bytes else "",
                self.tr("{seconds} s").format(seconds=f"{result.seconds:.1f}")
                if result.seconds else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not result.ok:
                    item.setForeground(Qt.GlobalColor.darkRed)
                    item.setToolTip(result.error)
                elif result.notes:
                    item.setToolTip(" ".join(result.notes))
                self.table.setItem(row, column, item)
        failed = [r for r in results if not r.ok]
        if failed:
            self.status.setText("<span style='color:#b3261e'>" + "<br>".join(
                f"{labels.get(r.format, r.format)}: {r.error}" for r in failed) +
                "</span><br>" + self.tr("The other formats were written and passed."))
        else:
            self.status.setText(self.tr("All {count} formats written and self-tested in "
                                        "{folder} (see export-report.json).").format(
                count=len(results), folder=self.folder.value()))
        self.open_button.setEnabled(True)
