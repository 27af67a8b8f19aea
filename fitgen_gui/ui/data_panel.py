"""The Data panel: folders, the class table, the data check, and how images are read."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import RunConfig
from fitgen_gui.ui.background import BackgroundTasks
from fitgen_gui.ui.config_binding import Binder
from fitgen_gui.ui.widgets import PathPicker, check_box, combo, double_spin, form_group, int_spin

__all__ = ["DataPanel", "FolderSummary", "summarize_folders"]

THUMBNAIL = 40


@dataclass
class FolderSummary:
    """Classes of the chosen folders, with counts and one thumbnail each."""

    classes: list[str]
    train_counts: dict[str, int]
    val_counts: dict[str, int]
    thumbnails: dict[str, np.ndarray]


def summarize_folders(train_dir: str, val_dir: str) -> FolderSummary:
    """Scan the folders (a background task): classes, counts, thumbnails."""
    import cv2

    from fitgen_gui.data.folder_scan import scan_class_folders
    from fitgen_gui.data.image_io import ImageReadError, read_image

    train = scan_class_folders(train_dir)
    counts = dict.fromkeys(train.class_names, 0)
    first: dict[str, str] = {}
    for name, index in zip(train.filenames, train.classes, strict=True):
        cls = train.class_names[index]
        counts[cls] += 1
        first.setdefault(cls, name)
    val_counts: dict[str, int] = {}
    if val_dir and os.path.isdir(val_dir):
        val = scan_class_folders(val_dir)
        val_counts = dict.fromkeys(val.class_names, 0)
        for index in val.classes:
            val_counts[val.class_names[index]] += 1
    thumbnails = {}
    for cls, name in first.items():
        try:
            image = read_image(os.path.join(train_dir, name), min_size=(THUMBNAIL, THUMBNAIL))
        except ImageReadError:
            continue
        height, width = image.shape[:2]
        scale = THUMBNAIL / max(height, width)
        thumbnails[cls] = cv2.resize(image, (max(1, round(width * scale)),
                                             max(1, round(height * scale))),
                                     interpolation=cv2.INTER_AREA)
    classes = list(train.class_names) + [c for c in val_counts if c not in counts]
    return FolderSummary(classes, counts, val_counts, thumbnails)


def pixmap_of(image: np.ndarray) -> QPixmap:
    """A QPixmap of a uint8 RGB (H, W, 3) array."""
    image = np.ascontiguousarray(image)
    height, width = image.shape[:2]
    qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(qimage.copy())


_SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#9a5b00", "info": "#44546a"}


class DataPanel(QWidget):
    """Choose the training and validation folders and how images are read.

    Signals
    -------
    folders_changed()
        The training or validation folder changed (a new scan starts).
    summary_ready(object)
        A :class:`FolderSummary` for the current folders.
    check_ready(object)
        The data check's ``CheckReport``.
    """

    folders_changed = Signal()
    summary_ready = Signal(object)
    check_ready = Signal(object)
    _check_progress = Signal(int, int)

    def __init__(self, binder: Binder, tasks: BackgroundTasks) -> None:
        super().__init__()
        self.setObjectName("dataPanel")
        self._tasks = tasks
        self.summary: FolderSummary | None = None
        self.report: Any = None
        layout = QVBoxLayout(self)

        folders, form = form_group("Images", "data.folders")
        self.folders_form = form
        self.source = combo("data.source", [
            ("Image folders", "folders"), ("A Python data file (programmers)", "python")],
            "Folders of images, one sub-folder per class; or your own generator in a Python "
            "file.")
        form.addRow("Data source", self.source)
        self.data_file = PathPicker(
            "data.generator_file", folder=False, caption="Choose a Python data file",
            file_filter="Python files (*.py)",
            help_text="A file defining class_names and train_data(batch_size) (and "
                      "val_data): see docs/python-data-file.md.")
        form.addRow("Data file", self.data_file)
        self.data_file_note = QLabel("FitGen runs this file's code to get the batches, in the "
                                     "preview and in training. Choose only files you trust.")
        self.data_file_note.setObjectName("data.generator_file_note")
        self.data_file_note.setWordWrap(True)
        self.data_file_note.setStyleSheet("color: #9a5b00;")
        form.addRow("", self.data_file_note)
        self.train_dir = PathPicker(
            "data.train_dir", caption="Choose the training folder (one sub-folder per class)",
            help_text="The folder of training images, with one sub-folder per class "
                      "(cats/, dogs/...). You can also drop a folder on the window.")
        form.addRow("Training images", self.train_dir)
        self.validation_mode = combo("data.validation_mode", [
            ("A separate folder", "folder"), ("A share of the training images", "split"),
            ("No validation", "none")],
            "How the model is checked on images it does not train on.")
        form.addRow("Validation", self.validation_mode)
        self.validation_stack = QStackedWidget()
        self.val_dir = PathPicker(
            "data.val_dir", caption="Choose the validation folder",
            help_text="Images kept apart to measure the model, with the same class "
                      "sub-folders as the training folder.")
        self.validation_split = double_spin(
            "data.validation_split", 0.05, 0.5, step=0.05, decimals=2,
            help_text="The share of each class's training images kept for validation.")
        self.validation_stack.addWidget(self.val_dir)
        self.validation_stack.addWidget(self.validation_split)
        self.validation_stack.addWidget(QLabel("The model is not measured on unseen images."))
        form.addRow("", self.validation_stack)
        layout.addWidget(folders)

        classes_box, classes_form = form_group("Classes", "data.classes")
        self.class_table = QTableWidget(0, 3)
        self.class_table.setObjectName("data.class_table")
        self.class_table.setHorizontalHeaderLabels(["Class", "Training", "Validation"])
        self.class_table.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.class_table.verticalHeader().setVisible(False)
        self.class_table.verticalHeader().setDefaultSectionSize(THUMBNAIL + 6)
        self.class_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.class_table.setMinimumHeight(150)
        self.class_summary = QLabel("Choose a training folder.")
        self.class_summary.setObjectName("data.class_summary")
        self.class_summary.setWordWrap(True)
        classes_form.addRow(self.class_summary)
        classes_form.addRow(self.class_table)
        layout.addWidget(classes_box)

        check_box_, check_form = form_group("Data check", "data.check")
        self.check_progress = QProgressBar()
        self.check_progress.setObjectName("data.check_progress")
        self.check_progress.setFormat("Checking %v of %m files")
        self.check_progress.hide()
        self.check_status = QLabel("")
        self.check_status.setObjectName("data.check_status")
        self.check_status.setWordWrap(True)
        self.findings = QTableWidget(0, 2)
        self.findings.setObjectName("data.findings")
        self.findings.setHorizontalHeaderLabels(["Finding", "Files"])
        self.findings.verticalHeader().setVisible(False)
        self.findings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.findings.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.findings.setWordWrap(True)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setMinimumHeight(110)
        self.findings.cellDoubleClicked.connect(self._show_finding)
        self.findings.hide()
        self.recheck = QPushButton("Check again")
        self.recheck.setObjectName("data.recheck")
        self.recheck.setToolTip("Read every file again (after fixing files on disk).")
        self.recheck.clicked.connect(self.start_check)
        status_row = QHBoxLayout()
        status_row.addWidget(self.check_status, 1)
        status_row.addWidget(self.recheck)
        check_form.addRow(self.check_progress)
        check_form.addRow(status_row)
        check_form.addRow(self.findings)
        layout.addWidget(check_box_)

        reading, read_form = form_group("Reading images", "data.reading")
        self.reading_form = read_form
        size_row = QHBoxLayout()
        self.target_h = int_spin("data.target_size[0]", 8, 4096, step=8, suffix=" px",
                                 help_text="Height the images are resized to.")
        self.target_w = int_spin("data.target_size[1]", 8, 4096, step=8, suffix=" px",
                                 help_text="Width the images are resized to.")
        size_row.addWidget(self.target_h)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.target_w)
        read_form.addRow("Image size (h × w)", size_row)
        self.color_mode = combo("data.color_mode", [
            ("Colour (RGB)", "rgb"), ("Grayscale", "grayscale"), ("Colour + alpha (RGBA)",
                                                                   "rgba")],
            "How many channels the model sees.")
        read_form.addRow("Colour", self.color_mode)
        self.class_mode = combo("data.class_mode", [
            ("One-hot (categorical)", "categorical"), ("Class index (sparse)", "sparse"),
            ("Binary (2 classes)", "binary")],
            "How labels are given to the model; 'binary' needs exactly 2 classes.")
        read_form.addRow("Labels", self.class_mode)
        self.batch_size = int_spin("data.batch_size", 1, 4096,
                                   help_text="Images per training step. Smaller uses less "
                                             "memory; larger trains faster per image.")
        read_form.addRow("Batch size", self.batch_size)
        self.interpolation = combo("data.interpolation", [
            ("Bilinear", "bilinear"), ("Nearest (Keras 2 default)", "nearest"),
            ("Bicubic", "bicubic"), ("Lanczos", "lanczos"), ("Area (box)", "box")],
            "How images are resampled to the image size.")
        read_form.addRow("Resizing", self.interpolation)
        self.keep_aspect = check_box("data.keep_aspect_ratio", "Crop to keep the aspect ratio",
                                     "Cut the centre of each image to the target's shape "
                                     "instead of stretching it.")
        read_form.addRow("", self.keep_aspect)
        self.follow_links = check_box("data.follow_links", "Follow linked folders",
                                      "Include folders reached through links (shortcuts).")
        read_form.addRow("", self.follow_links)
        layout.addWidget(reading)
        layout.addStretch(1)

        binder.bind("data.train_dir", self.train_dir)
        binder.bind("data.generator_file", self.data_file)
        binder.bind("data.val_dir", self.val_dir)
        binder.bind("data.validation_split", self.validation_split)
        for field, widget in (("data.target_size[0]", self.target_h),
                              ("data.target_size[1]", self.target_w),
                              ("data.color_mode", self.color_mode),
                              ("data.class_mode", self.class_mode),
                              ("data.batch_size", self.batch_size),
                              ("data.interpolation", self.interpolation),
                              ("data.keep_aspect_ratio", self.keep_aspect),
                              ("data.follow_links", self.follow_links)):
            binder.bind(field, widget)
        self.validation_mode.currentIndexChanged.connect(self._mode_changed)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.data_file.valueChanged.connect(self._folders_edited)
        self._show_source("folders")
        self.train_dir.valueChanged.connect(self._folders_edited)
        self.val_dir.valueChanged.connect(self._folders_edited)
        self._check_progress.connect(self._on_check_progress)

    # -- validation mode ---------------------------------------------------------------

    def _show_source(self, source: str) -> None:
        python = source == "python"
        form = self.folders_form
        for widget in (self.data_file, self.data_file_note):
            form.setRowVisible(widget, python)
        for widget in (self.train_dir, self.validation_mode, self.validation_stack):
            form.setRowVisible(widget, not python)
        self.findChild(QWidget, "data.check").setVisible(not python)
        self.class_table.setVisible(not python)
        for widget in (self.interpolation, self.keep_aspect, self.follow_links):
            self.reading_form.setRowVisible(widget, not python)  # folders only

    def _source_changed(self) -> None:
        self._show_source(self.source.currentData())
        self._folders_edited()

    def load(self, config: RunConfig) -> None:
        """Show the validation mode of ``config`` (the binder shows the rest)."""
        source = "python" if config.data.generator_file else "folders"
        self.source.blockSignals(True)
        self.source.setCurrentIndex(self.source.findData(source))
        self.source.blockSignals(False)
        self._show_source(source)
        # No validation yet: offer the folder field (an empty one means none).
        mode = "split" if config.data.validation_split and not config.data.val_dir else "folder"
        self.validation_mode.blockSignals(True)
        self.validation_mode.setCurrentIndex(self.validation_mode.findData(mode))
        self.validation_mode.blockSignals(False)
        self.validation_stack.setCurrentIndex(("folder", "split", "none").index(mode))
        if mode != "split":
            self.validation_split.blockSignals(True)
            self.validation_split.setValue(0.2)
            self.validation_split.blockSignals(False)

    def store(self, config: RunConfig) -> None:
        """Apply the source and validation mode after the binder stored the fields."""
        if self.source.currentData() != "python":
            config.data.generator_file = ""
        mode = self.validation_mode.currentData()
        if mode != "folder":
            config.data.val_dir = ""
        if mode != "split":
            config.data.validation_split = 0.0

    def _mode_changed(self) -> None:
        mode = self.validation_mode.currentData()
        self.validation_stack.setCurrentIndex(("folder", "split", "none").index(mode))
        self._folders_edited()

    def set_folders(self, train_dir: str, val_dir: str | None = None) -> None:
        """Choose folders as the user would (dialog or drop)."""
        self.train_dir.setValue(train_dir)
        if val_dir:
            self.val_dir.setValue(val_dir)
            self.validation_mode.setCurrentIndex(self.validation_mode.findData("folder"))
        self._folders_edited()

    def _folders_edited(self, *_: Any) -> None:
        self.folders_changed.emit()

    # -- scanning and checking (background) -------------------------------------------

    def scan(self, config: RunConfig) -> None:
        """Count classes and load thumbnails for the folders of ``config``."""
        train, val = config.data.train_dir, config.data.val_dir
        self.class_table.setRowCount(0)
        self.findings.setRowCount(0)
        self.summary = self.report = None
        if config.data.generator_file:
            self._scan_data_file(config.data.generator_file)
            return
        if not train or not os.path.isdir(train):
            self.class_summary.setText("Choose a training folder: one sub-folder per class."
                                       if not train else f"Folder '{train}' does not exist.")
            self.check_status.setText("")
            return
        self.class_summary.setText("Scanning…")
        self._tasks.submit("scan", lambda: summarize_folders(train, val), self._show_summary,
                           self._scan_failed)
        self.start_check(config)

    def _scan_data_file(self, path: str) -> None:
        if not os.path.isfile(path):
            self.class_summary.setText(f"File '{path}' does not exist.")
            return
        self.class_summary.setText("Loading the data file…")

        def load() -> FolderSummary:
            from fitgen_gui.data.user_data import load_user_data

            names = load_user_data(path).class_names
            return FolderSummary(names, dict.fromkeys(names, 0), {}, {})

        def show(summary: FolderSummary) -> None:
            self.summary = summary
            self.class_summary.setText(f"Classes from the data file: "
                                       f"{', '.join(summary.classes)}.")
            self.summary_ready.emit(summary)

        self._tasks.submit("scan", load, show, self._scan_failed)

    def _scan_failed(self, message: str, details: str) -> None:
        self.class_summary.setText(f"Could not read the folder: {message}")

    def _show_summary(self, summary: FolderSummary) -> None:
        self.summary = summary
        table = self.class_table
        table.setRowCount(len(summary.classes))
        for row, cls in enumerate(summary.classes):
            item = QTableWidgetItem(cls)
            if cls in summary.thumbnails:
                item.setIcon(QIcon(pixmap_of(summary.thumbnails[cls])))
            table.setItem(row, 0, item)
            for col, counts in ((1, summary.train_counts), (2, summary.val_counts)):
                count = counts.get(cls)
                cell = QTableWidgetItem("—" if count is None else str(count))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if count in (None, 0) and (col == 1 or summary.val_counts):
                    cell.setForeground(QColor(_SEVERITY_COLOURS["warning"]))
                table.setItem(row, col, cell)
        train_total = sum(summary.train_counts.values())
        val_total = sum(summary.val_counts.values())
        text = f"{len(summary.train_counts)} classes, {train_total} training images"
        if summary.val_counts:
            text += f", {val_total} validation images"
        self.class_summary.setText(text + ".")
        self.summary_ready.emit(summary)

    def start_check(self, config: RunConfig | None = None) -> None:
        """Read every file once in the background and show the findings."""
        config = config or getattr(self, "_last_config", None)
        if config is None or not os.path.isdir(config.data.train_dir):
            return
        self._last_config = config
        from fitgen_gui.data.data_check import check_folders

        data = config.data
        progress = self._check_progress.emit
        self.check_progress.setValue(0)
        self.check_progress.show()
        self.check_status.setText("Reading every file once…")
        self._tasks.submit(
            "check",
            lambda: check_folders(data.train_dir, data.val_dir or None,
                                  follow_links=data.follow_links, progress=progress),
            self._show_report, self._check_failed)

    def _on_check_progress(self, done: int, total: int) -> None:
        self.check_progress.setMaximum(max(total, 1))
        self.check_progress.setValue(done)

    def _check_failed(self, message: str, details: str) -> None:
        self.check_progress.hide()
        self.check_status.setText(f"The check failed: {message}")

    def _show_report(self, report: Any) -> None:
        self.report = report
        self.check_progress.hide()
        errors = sum(f.severity == "error" for f in report.findings)
        warnings = sum(f.severity == "warning" for f in report.findings)
        if errors:
            text = "Training cannot start: see the findings in red."
        elif warnings:
            text = f"{report.files_checked} files read; {warnings} things to look at."
        else:
            text = f"{report.files_checked} files read; no problems found."
        unreadable = len(report.unreadable)
        if unreadable:
            plural = "s" if unreadable != 1 else ""
            text += f" {unreadable} unreadable file{plural} will be skipped."
        self.check_status.setText(text)
        order = ("error", "warning", "info")
        findings = sorted(report.findings, key=lambda f: order.index(f.severity))
        self.findings.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            item = QTableWidgetItem(finding.message)
            item.setForeground(QColor(_SEVERITY_COLOURS[finding.severity]))
            item.setData(Qt.ItemDataRole.UserRole, finding)
            shown = "\n".join(finding.paths[:12])
            more = f"\n… and {len(finding.paths) - 12} more" if len(finding.paths) > 12 else ""
            item.setToolTip(f"{finding.message}\n\n{shown}{more}\n\nDouble-click to list them."
                            if finding.paths else finding.message)
            self.findings.setItem(row, 0, item)
            count = QTableWidgetItem(str(len(finding.paths)) if finding.paths else "")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.findings.setItem(row, 1, count)
        self.findings.resizeRowsToContents()
        self.findings.setVisible(bool(findings))
        self.check_ready.emit(report)

    def _show_finding(self, row: int, column: int) -> None:
        finding = self.findings.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if not finding.paths:
            return
        dialog = QDialog(self)
        dialog.setObjectName("data.finding_dialog")
        dialog.setWindowTitle(f"{len(finding.paths)} files")
        layout = QVBoxLayout(dialog)
        label = QLabel(finding.message)
        label.setWordWrap(True)
        layout.addWidget(label)
        text = QPlainTextEdit("\n".join(finding.paths))
        text.setReadOnly(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(720, 420)
        dialog.exec()

    def automatic_steps(self, batch_size: int) -> tuple[int | None, int | None]:
        """``ceil(samples / batch)`` for training and validation, when known."""
        if self.summary is None or self.source.currentData() == "python":
            return None, None
        train = sum(self.summary.train_counts.values())
        val = sum(self.summary.val_counts.values())
        return (math.ceil(train / batch_size) if train else None,
                math.ceil(val / batch_size) if val else None)
