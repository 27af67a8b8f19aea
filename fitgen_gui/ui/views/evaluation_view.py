"""The Evaluation view: how good a trained model is, per class, and which images it gets wrong.

Choose the model (a run's final model or any kept epoch) and the data (the run's
validation or training data, or another folder with the same classes) and press Evaluate.
Shown: the accuracy and a sentence in plain words, a per-class table, the confusion matrix
(a cell opens the gallery of its images), the most confused pairs, and galleries of the
most confident mistakes and the least sure answers, each image with its Grad-CAM map.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.ui.plots.confusion_matrix import ConfusionMatrix
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.dataset_fixes import DatasetFixes
from fitgen_gui.ui.state.trained_model import ModelChoice
from fitgen_gui.ui.widgets.data_file_questions import ask_run_data_file
from fitgen_gui.ui.widgets.fix_bar import FixBar
from fitgen_gui.ui.widgets.forms import ElidedLabel
from fitgen_gui.ui.widgets.gallery import Gallery, ImageDetail
from fitgen_gui.ui.widgets.trained_model_picker import ModelPicker
from fitgen_gui.ui.workers.background import BackgroundTasks
from fitgen_gui.ui.workers.trained_model_work import JobContext, ModelWork, gradcam_job

__all__ = ["EvaluationView"]


def _number_item(value: float, text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class EvaluationView(QWidget):
    """Evaluate a model and look at its answers.

    Signals
    -------
    evaluated(object)
        An ``Evaluation`` was shown.
    export_requested()
    """

    evaluated = Signal(object)
    export_requested = Signal()

    def __init__(self, choice: ModelChoice, work: ModelWork, tasks: BackgroundTasks,
                 fixes: DatasetFixes | None = None) -> None:
        super().__init__()
        self.setObjectName("evaluation")
        self.choice, self.work, self.tasks = choice, work, tasks
        self.evaluation: Any = None
        self._evaluated_for: tuple[str, int | None] | None = None  # the model shown
        self._blocked = ""
        self._running = False  # this view's job is under way
        layout = QVBoxLayout(self)
        self.picker = ModelPicker(choice, "evaluation.model")
        layout.addWidget(self.picker)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Data")))
        self.data = QComboBox()
        self.data.setObjectName("evaluation.data")
        self.data.addItem(self.tr("Validation data"), "val")
        self.data.addItem(self.tr("Training data"), "train")
        self.data.addItem(self.tr("Another folder…"), "")
        self.data.setToolTip(self.tr("The images to evaluate on: the run's own, or a folder with "
                             "one sub-folder per class (the model's class names)."))
        bar.addWidget(self.data)
        self.evaluate_button = QPushButton(self.tr("Evaluate"))
        self.evaluate_button.setObjectName("evaluation.run")
        self.evaluate_button.setProperty("primary", True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("evaluation.cancel")
        self.cancel_button.setEnabled(False)
        self.export_button = QPushButton(self.tr("Export model…"))
        self.export_button.setObjectName("evaluation.export")
        self._export_tip = self.tr("Write the model as .keras, SavedModel, ONNX or TFLite, "
                                   "each checked against FitGen's predictions.")
        for widget in (self.evaluate_button, self.cancel_button, self.export_button):
            bar.addWidget(widget)
        self.progress = QProgressBar()
        self.progress.setObjectName("evaluation.progress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        bar.addWidget(self.progress, 1)
        layout.addLayout(bar)
        self.summary = QLabel(self.tr("Choose a model and press Evaluate to see how good it is."))
        self.summary.setObjectName("evaluation.summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)

        self.per_class = QTableWidget(0, 5)
        self.per_class.setObjectName("evaluation.per_class")
        self.per_class.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("Precision"), self.tr("Recall"), self.tr("F1"),
             self.tr("Images")])
        self.per_class.verticalHeader().setVisible(False)
        self.per_class.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.per_class.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.per_class.setToolTip(self.tr("Precision: of the images the model called this class, "
                                  "the share that are. Recall: of the images of this class, the "
                                  "share it found. F1: both in one number."))
        self.confused = QLabel("")
        self.confused.setObjectName("evaluation.confused")
        self.confused.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.per_class, 1)
        left_layout.addWidget(self.confused)
        self.matrix = ConfusionMatrix()
        self.row_share = QCheckBox(self.tr("Row shares (%)"))
        self.row_share.setObjectName("evaluation.row_share")
        self.row_share.setToolTip(self.tr("Each row as shares of its images (it sums to 100%), "
                                  "instead of counts."))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        matrix_bar = QHBoxLayout()
        title = QLabel(self.tr("Confusion matrix (rows: true class, columns: predicted)"))
        title.setWordWrap(True)  # never what keeps the per-class table narrow
        matrix_bar.addWidget(title, 1)
        matrix_bar.addWidget(self.row_share)
        right_layout.addLayout(matrix_bar)
        right_layout.addWidget(self.matrix, 1)
        numbers = QSplitter(Qt.Orientation.Horizontal)
        numbers.addWidget(left)
        numbers.addWidget(right)
        numbers.setSizes([500, 500])
        numbers.setMinimumHeight(190)  # a few classes' rows and the matrix stay in sight

        self.cell_gallery = Gallery(tasks, "evaluation.cell_gallery")
        self.mistakes = Gallery(tasks, "evaluation.mistakes", lambda p: (
            f"{p.true} → {p.predicted} {p.confidence:.0%}"))
        self.unsure = Gallery(tasks, "evaluation.unsure", lambda p: (
            f"{p.predicted}? {p.confidence:.0%}"))
        self.galleries = QTabWidget()
        self.galleries.setObjectName("evaluation.galleries")
        self.galleries.addTab(self.cell_gallery, self.tr("Matrix cell"))
        self.galleries.addTab(self.mistakes, self.tr("Most confident mistakes"))
        self.galleries.addTab(self.unsure, self.tr("Least sure"))
        self.detail = ImageDetail(tasks, "evaluation.detail")
        # Move to class, Exclude, Undo for the image shown (journaled: core/fixes.py).
        self.fixes = fixes or DatasetFixes(self)
        self.fix_bar = FixBar(self.fixes, "evaluation.fixes")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.fix_bar)
        images = QSplitter(Qt.Orientation.Horizontal)
        images.addWidget(self.galleries)
        images.addWidget(side)
        images.setStretchFactor(0, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("evaluation.splitter")
        self.splitter.addWidget(numbers)
        self.splitter.addWidget(images)
        self.splitter.setSizes([360, 480])  # the images get the larger share
        layout.addWidget(self.splitter, 1)
        self.saved = ElidedLabel("", "evaluation.saved")
        layout.addWidget(self.saved)

        self.evaluate_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(work.cancel)
        self.export_button.clicked.connect(self.export_requested)
        self.data.activated.connect(self._data_chosen)
        self.row_share.toggled.connect(self.matrix.set_normalized)
        self.matrix.cell_chosen.connect(self.show_cell)
        for gallery in (self.cell_gallery, self.mistakes, self.unsure):
            gallery.chosen.connect(self.detail.show_prediction)
            gallery.chosen.connect(self._fix_target)
        self.fixes.changed.connect(lambda _: self._mark_galleries())
        self.detail.gradcam_requested.connect(self._gradcam)
        choice.changed.connect(self._sync)
        work.busy_changed.connect(lambda _: self._sync())
        self._sync()

    # -- state ------------------------------------------------------------------------

    def set_blocked(self, reason: str) -> None:
        """Why model work cannot start now ("" when it can): a training is running."""
        self._blocked = reason
        self._sync()

    def _sync(self) -> None:
        busy = self.work.busy
        ready = self.choice.path is not None and not self._blocked
        self.evaluate_button.setEnabled(ready and not busy)
        self.export_button.setEnabled(ready and not busy)
        self.cancel_button.setEnabled(busy)
        reason = self._blocked or ("" if self.choice.path else self.tr(
            "Train a model first (or choose a model file)."))
        self.evaluate_button.setToolTip(reason or self.tr(
            "Predict every image of the chosen data and compare with its class."))
        self.export_button.setToolTip(reason or self._export_tip)
        run = self.choice.is_run
        for i in (0, 1):  # a model file has no data of its own
            self.data.model().item(i).setEnabled(run)
        if not run and self.data.currentData() in ("val", "train"):
            self.data.setCurrentIndex(self.data.count() - 1)
        elif run and self.data.currentData() == "":
            self.data.setCurrentIndex(0)

    def _data_chosen(self, index: int) -> None:
        if self.data.itemData(index) != "":
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("A folder with one sub-folder per "
                                                  "class"), self.choice.workspace)
        if not folder:
            self.data.setCurrentIndex(0)
            return
        self.set_data_folder(folder)

    def set_data_folder(self, folder: str) -> None:
        """Evaluate on ``folder`` (one sub-folder per class) from now on."""
        existing = self.data.findData(folder)
        if existing < 0:
            self.data.insertItem(self.data.count() - 1,
                                 self.tr("Folder: {folder}").format(folder=folder), folder)
            existing = self.data.findData(folder)
        self.data.setCurrentIndex(existing)

    # -- evaluate ---------------------------------------------------------------------

    def run(self) -> bool:
        """Evaluate the chosen model on the chosen data (in the background)."""
        path, epoch = self.choice.path, self.choice.epoch
        data = self.data.currentData() or "val"
        if path is None or self.work.busy or self._blocked:
            return False
        trusted = self._trust_data_file(path, data)
        if trusted is None:
            return False

        def job(context: JobContext) -> Any:
            from fitgen_gui.training.evaluation import evaluate, evaluation_path

            context.progress("Loading the model", 0, 0)
            source = context.model(path, epoch)
            evaluation = evaluate(source, data, data_file_trusted=trusted,
                                  stop=context.cancelled, progress=lambda done, total:
                                  context.progress("Evaluating", done, total))
            if context.cancelled():
                return None
            saved = ""
            if source.run is not None:
                target = evaluation_path(source.run.path, epoch)
                try:
                    evaluation.write(target)
                    saved = str(target)
                except OSError as exc:
                    evaluation.warnings.append(f"Could not save {target}: "
                                               f"{exc.strerror or exc}.")
            return evaluation, saved

        self._running = True
        self.progress.setMaximum(0)
        self.progress.setFormat(self.tr("Loading the model…"))
        self.summary.setText(self.tr("Evaluating {model}…").format(model=self.choice.describe()))
        self.work.submit(job, lambda result: self._done(result, (path, epoch)), self._failed)
        self._sync()
        return True

    def _trust_data_file(self, path: str, data: str) -> bool | None:
        if data not in ("val", "train") or not self.choice.is_run:
            return False
        return ask_run_data_file(self, path, "to evaluate")

    def on_progress(self, text: str, done: int, total: int) -> None:
        if not self._running:  # another view's job
            return
        if total:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("{step}: {done}/{total} images").format(
                step=engine_text(text), done=done, total=total))
        else:
            self.progress.setMaximum(0)
            self.progress.setFormat(f"{engine_text(text)}…")

    def _done(self, result: Any, model: tuple[str, int | None]) -> None:
        self._running = False
        self.progress.setMaximum(1)
        if result is None:
            self.progress.setValue(0)
            self.progress.setFormat(self.tr("Cancelled"))
            self.summary.setText(self.tr("The evaluation was cancelled."))
            return
        evaluation, saved = result
        self.progress.setValue(1)
        self.progress.setFormat(self.tr("Evaluated {count} images").format(
            count=len(evaluation.predictions)))
        self.saved.setText(self.tr("Saved to {path}").format(path=saved) if saved else "")
        self._evaluated_for = model
        self.show_evaluation(evaluation)

    def _failed(self, message: str, details: str) -> None:
        self._running = False
        self.progress.setMaximum(1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Failed"))
        self.summary.setText("<span style='color:#b3261e'>{}</span>".format(
            self.tr("Could not evaluate: {error}").format(error=engine_text(message))))
        if details:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Evaluation failed"), message,
                              QMessageBox.StandardButton.Ok, self)
            box.setObjectName("dialog.evaluation_failed")
            box.setDetailedText(details)
            box.open()

    # -- showing ------------------------------------------------------------------------

    def show_evaluation(self, evaluation: Any) -> None:
        """Fill the view from an ``Evaluation``."""
        self.evaluation = evaluation
        warnings = "".join(f"<br><span style='color:#b3261e'>⚠ {engine_text(w)}</span>"
                           for w in evaluation.warnings)
        accuracy = self.tr("Accuracy {value}").format(value=f"{evaluation.accuracy:.1%}")
        self.summary.setText(
            f"<span style='font-size:15pt'><b>{accuracy}</b></span> "
            + self.tr("on the {data} data · {model}").format(
                data=self._data_name(evaluation.data), model=evaluation.model)
            + f"<br>{self._sentence(evaluation)}{warnings}")
        table = self.per_class
        table.setSortingEnabled(False)
        table.setRowCount(len(evaluation.classes))
        for row, name in enumerate(evaluation.classes):
            numbers = evaluation.per_class[name]
            table.setItem(row, 0, QTableWidgetItem(name))
            for column, key in enumerate(("precision", "recall", "f1"), start=1):
                table.setItem(row, column, _number_item(numbers[key], f"{numbers[key]:.3f}"))
            table.setItem(row, 4, _number_item(numbers["support"], str(numbers["support"])))
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)  # in the model's class order until a header is clicked
        pairs = evaluation.most_confused(5)
        self.confused.setText(
            "<b>{}</b><br>".format(self.tr("Most confused")) + "<br>".join(
                self.tr("{true} taken for {predicted}: {count} of {of}").format(
                    true=true, predicted=predicted, count=count, of=of)
                for true, predicted, count, of in pairs) if pairs else
            "<b>{}</b>: {}".format(self.tr("Most confused"), self.tr("no mistakes.")))
        self.matrix.set_matrix(evaluation.classes, evaluation.confusion_matrix,
                               self.row_share.isChecked())
        self.mistakes.show_predictions(self.tr("The most confident mistakes"),
                                       evaluation.confident_mistakes(60))
        self.unsure.show_predictions(self.tr("The least sure answers"), evaluation.least_sure(60))
        self._mark_galleries()
        mistakes = evaluation.most_confused(1)
        if mistakes:
            self.show_cell(mistakes[0][0], mistakes[0][1])
        else:
            self.cell_gallery.show_predictions(self.tr("Click a cell of the matrix"), [])
        self.detail.show_prediction(None)
        self.evaluated.emit(evaluation)

    def _data_name(self, data: str) -> str:
        names = {"val": self.tr("validation"), "train": self.tr("training")}
        return names.get(data, data)

    def _sentence(self, evaluation: Any) -> str:
        """training/evaluation.py's sentence, said in the app's language."""
        matrix = evaluation.confusion_matrix
        total = sum(sum(row) for row in matrix)
        right = sum(matrix[i][i] for i in range(len(matrix)))
        data = evaluation.data.split(" ")[0] if evaluation.data.startswith("folder") else (
            evaluation.data)
        text = self.tr("{right} of {total} {data} images right").format(
            right=right, total=total, data=self._data_name(data))
        confused = evaluation.most_confused(1)
        if confused:
            true, predicted, count, of = confused[0]
            text = self.tr("{text}; {true} are often taken for {predicted}: {count} of {of}"
                           ).format(text=text, true=true, predicted=predicted, count=count,
                                    of=of)
        return self.tr("{sentence}.").format(sentence=text)

    def show_cell(self, true: str, predicted: str) -> None:
        """The gallery of one matrix cell: exactly its images."""
        if self.evaluation is None:
            return
        label = (self.tr("{true} images the model got right").format(true=true)
                 if true == predicted else
                 self.tr("{true} images taken for {predicted}").format(true=true,
                                                                       predicted=predicted))
        self.cell_gallery.show_predictions(label, self.evaluation.cell(true, predicted))
        self.cell_gallery.set_marks(self.fixes.mark_of)
        self.galleries.setCurrentWidget(self.cell_gallery)

    def _fix_target(self, prediction: Any) -> None:
        classes = list(self.evaluation.classes) if self.evaluation is not None else []
        self.fix_bar.set_item(prediction.file, prediction.true, classes)

    def _mark_galleries(self) -> None:
        for gallery in (self.cell_gallery, self.mistakes, self.unsure):
            gallery.set_marks(self.fixes.mark_of)

    def _gradcam(self, prediction: Any) -> None:
        if self._evaluated_for is None:
            return
        path, epoch = self._evaluated_for
        self.work.submit(gradcam_job(path, epoch, prediction),
                         lambda result: self.detail.set_gradcam(*result),
                         lambda message, details: self.detail.gradcam_failed(message))
