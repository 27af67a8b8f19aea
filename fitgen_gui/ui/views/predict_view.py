"""The Predict view: drop images or a folder, get each one's class.

A sortable table of file, predicted class, confidence and every class's probability (a
file that cannot be read gets its reason and the others go on), saved as CSV in the same
columns as ``fitgen predict``. Choosing a row, or dropping a single image, shows the image
with its top classes (and its Grad-CAM map).
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.predictions import to_csv
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.trained_model import ModelChoice
from fitgen_gui.ui.widgets.gallery import ImageDetail
from fitgen_gui.ui.widgets.trained_model_picker import ModelPicker
from fitgen_gui.ui.workers.background import BackgroundTasks
from fitgen_gui.ui.workers.trained_model_work import JobContext, ModelWork, gradcam_job

__all__ = ["PredictView"]

_IMAGE_FILTER = QT_TRANSLATE_NOOP("PredictView", "Images (*.png *.jpg *.jpeg *.bmp *.ppm *.tif "
                                  "*.tiff *.gif *.webp)")


class _Number(QTableWidgetItem):
    """A cell that sorts by its value, not its text."""

    def __init__(self, value: float | None, text: str) -> None:
        super().__init__(text)
        self.value = -1.0 if value is None else value
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.value < getattr(other, "value", -1.0)


class PredictView(QWidget):
    """Predict new images with the chosen model.

    Signals
    -------
    predicted(list)
        The rows (``prediction.PredictedFile``) now shown.
    """

    predicted = Signal(list)

    def __init__(self, choice: ModelChoice, work: ModelWork, tasks: BackgroundTasks) -> None:
        super().__init__()
        self.setObjectName("predict")
        self.setAcceptDrops(True)
        self.choice, self.work = choice, work
        self.rows: list[Any] = []
        self.classes: list[str] = []
        self._model: tuple[str, int | None] | None = None
        self._blocked = ""
        self._running = False  # this view's job is under way
        layout = QVBoxLayout(self)
        layout.addWidget(ModelPicker(choice, "predict.model"))
        bar = QHBoxLayout()
        self.files_button = QPushButton(self.tr("Choose images…"))
        self.files_button.setObjectName("predict.files")
        self.folder_button = QPushButton(self.tr("Choose folder…"))
        self.folder_button.setObjectName("predict.folder")
        self.folder_button.setToolTip(self.tr("Every image in the folder and its sub-folders."))
        self.save_button = QPushButton(self.tr("Save CSV…"))
        self.save_button.setObjectName("predict.save")
        self.save_button.setToolTip(self.tr("file, predicted, confidence, one column per class, "
                                    "error: the columns of `fitgen predict`."))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("predict.cancel")
        for button in (self.files_button, self.folder_button, self.save_button,
                       self.cancel_button):
            bar.addWidget(button)
        self.progress = QProgressBar()
        self.progress.setObjectName("predict.progress")
        self.progress.setFormat("")
        bar.addWidget(self.progress, 1)
        layout.addLayout(bar)
        self.status = QLabel(self.tr("Drop images or a folder here, or choose them."))
        self.status.setObjectName("predict.status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("predict.table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(lambda row, *_: self._row_chosen(row))
        self.detail = ImageDetail(tasks, "predict.detail")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        layout.addWidget(splitter, 1)
        self.files_button.clicked.connect(self._choose_files)
        self.folder_button.clicked.connect(self._choose_folder)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(work.cancel)
        self.detail.gradcam_requested.connect(self._gradcam)
        choice.changed.connect(self._sync)
        work.busy_changed.connect(lambda _: self._sync())
        self._sync()

    def set_blocked(self, reason: str) -> None:
        self._blocked = reason
        self._sync()

    def _sync(self) -> None:
        ready = self.choice.path is not None and not self._blocked and not self.work.busy
        self.files_button.setEnabled(ready)
        self.folder_button.setEnabled(ready)
        self.save_button.setEnabled(bool(self.rows) and not self.work.busy)
        self.cancel_button.setEnabled(self.work.busy)
        reason = self._blocked or ("" if self.choice.path else self.tr(
            "Train a model first (or choose a model file)."))
        for button in (self.files_button, self.folder_button):
            button.setToolTip(reason or self.tr("Predict the class of images."))

    # -- input ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.predict(paths)

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Images to predict"), "",
                                                self.tr(_IMAGE_FILTER))
        if files:
            self.predict(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("A folder of images to predict"))
        if folder:
            self.predict([folder])

    def predict(self, paths: list[str]) -> bool:
        """Predict image files and folders (searched recursively) in the background."""
        path, epoch = self.choice.path, self.choice.epoch
        if path is None:
            self.status.setText(self.tr("Train a model first (or choose a model file), then drop "
                                "the images again."))
            return False
        if self._blocked or self.work.busy:
            self.status.setText(self._blocked or self.tr("Wait for the current task to end."))
            return False

        def job(context: JobContext) -> Any:
            from fitgen_gui.training.prediction import predict_paths

            context.progress("Loading the model", 0, 0)
            source = context.model(path, epoch)
            rows = predict_paths(source, paths, stop=context.cancelled, progress=lambda
                                 done, total: context.progress("Predicting", done, total))
            return source.class_names, rows

        self._running = True
        self.progress.setMaximum(0)
        self.status.setText(self.tr("Predicting with {model}…").format(
            model=self.choice.describe()))
        self.work.submit(job, lambda result: self._done(result, (path, epoch)), self._failed)
        return True

    def on_progress(self, text: str, done: int, total: int) -> None:
        if not self._running:  # another view's job
            return
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(done)
        text = engine_text(text)
        self.progress.setFormat(f"{text}: {done}/{total}" if total else f"{text}…")

    def _failed(self, message: str, details: str) -> None:
        self._running = False
        self.progress.setMaximum(1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Failed"))
        self.status.setText(self.tr("Could not predict: {error}").format(
            error=engine_text(message)))

    def _done(self, result: Any, model: tuple[str, int | None]) -> None:
        self._running = False
        classes, rows = result
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        self._model = model
        self.show_rows(classes, rows)

    # -- output -----------------------------------------------------------------------

    def show_rows(self, classes: list[str], rows: list[Any]) -> None:
        self.classes, self.rows = list(classes), list(rows)
        table = self.table
        table.setSortingEnabled(False)
        table.clear()
        table.setColumnCount(3 + len(classes) + 1)
        table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Predicted"),
                                         self.tr("Confidence"), *classes, self.tr("Error")])
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = QTableWidgetItem(os.path.basename(row.file))
            name.setToolTip(row.file)
            name.setData(Qt.ItemDataRole.UserRole, r)
            table.setItem(r, 0, name)
            table.setItem(r, 1, QTableWidgetItem(row.predicted(classes)))
            confidence = row.confidence
            table.setItem(r, 2, _Number(confidence, "" if confidence is None else
                                        f"{confidence:.1%}"))
            for c, _ in enumerate(classes):
                value = row.probabilities[c] if row.probabilities else None
                table.setItem(r, 3 + c, _Number(value, "" if value is None else
                                                f"{value:.3f}"))
            error = QTableWidgetItem(row.error)
            error.setToolTip(row.error)
            table.setItem(r, 3 + len(classes), error)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the errors, long, last
        table.resizeColumnToContents(0)
        table.setColumnWidth(0, min(table.columnWidth(0), 320))
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # in the files' order until a header is clicked
        failed = sum(1 for row in rows if row.error)
        done = len(rows) - failed
        self.progress.setFormat(self.tr("{count} predicted").format(count=done))
        text = (self.tr("1 image predicted") if done == 1 else
                self.tr("{count} images predicted").format(count=done))
        if failed:
            text = self.tr("{predicted}; {count} could not be read (see the Error column)"
                           ).format(predicted=text, count=failed)
        self.status.setText(self.tr("{predicted}. Click a column to sort; choose a row to see "
                                    "it.").format(predicted=text))
        if not rows:
            self.status.setText(self.tr("No image files there."))
        self._sync()
        readable = [r for r in range(table.rowCount()) if self.rows[
            table.item(r, 0).data(Qt.ItemDataRole.UserRole)].probabilities is not None]
        if rows:
            first = readable[0] if readable else 0
            table.selectRow(first)
            self._row_chosen(first)
        self.predicted.emit(self.rows)

    def _row_chosen(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            return
        predicted = self.rows[item.data(Qt.ItemDataRole.UserRole)]
        if predicted.probabilities is None:
            self.detail.show_prediction(None)
            self.detail.info.setText(f"<b>{os.path.basename(predicted.file)}</b>: "
                                     f"{predicted.error}")
            return
        self.detail.show_prediction(predicted.as_prediction(self.classes))

    def csv_text(self) -> str:
        return to_csv(self.rows, self.classes)

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the predictions"),
                                              "predictions.csv",
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(self.csv_text())
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Could not save"), self.tr(
                "Could not write '{path}': {error}. Choose another place.").format(
                    path=path, error=exc.strerror or exc))
            return
        self.status.setText(self.tr("Saved {count} rows to {path}.").format(
            count=len(self.rows), path=path))

    def _gradcam(self, prediction: Any) -> None:
        if self._model is None:
            return
        self.work.submit(gradcam_job(*self._model, prediction),
                         lambda result: self.detail.set_gradcam(*result),
                         lambda message, details: self.detail.gradcam_failed(message))
