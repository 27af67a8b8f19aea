"""The Data panel: folders (or a data file), the class table, the data check, reading options.

A view of the :class:`~fitgen_gui.ui.state.project.Project`: its controls are bound to the
settings, and it shows what the project learned about the data (classes, counts,
thumbnails, the check's findings). It computes nothing itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon
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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import setting_info
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.state.project import Project
from fitgen_gui.ui.widgets.forms import (
    PathPicker,
    form_group,
    setting_check_box,
    setting_combo,
    setting_help,
    setting_int_spin,
    setting_label,
    setting_text,
    wrap_anywhere,
)
from fitgen_gui.ui.widgets.inputs import SizeInput, ValidationInput
from fitgen_gui.ui.widgets.pixmaps import pixmap_of

__all__ = ["DataPanel"]

THUMBNAIL = 40
_SEVERITY_COLOURS = {"error": "#b3261e", "warning": "#9a5b00", "info": "#44546a"}


class DataPanel(QWidget):
    """Choose the training and validation data and how images are read."""

    def __init__(self, project: Project, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("dataPanel")
        self.project = project
        layout = QVBoxLayout(self)

        folders, form = form_group(self.tr("Images"), "data.folders")
        self.folders_form = form
        self.source = setting_combo("data.source")
        form.addRow(setting_label("data.source"), self.source)
        self.data_file = PathPicker(
            "data.generator_file", folder=False, caption=self.tr("Choose a Python data file"),
            file_filter=self.tr("Python files (*.py)"),
            help_text=setting_help("data.generator_file"))
        form.addRow(setting_label("data.generator_file"), self.data_file)
        self.data_file_note = QLabel(self.tr("FitGen runs this file's code to get the batches, in "
                                     "the preview and in training. Choose only files you trust."))
        self.data_file_note.setObjectName("data.generator_file_note")
        self.data_file_note.setWordWrap(True)
        self.data_file_note.setStyleSheet("color: #9a5b00;")
        form.addRow("", self.data_file_note)
        self.train_dir = PathPicker(
            "data.train_dir",
            caption=self.tr("Choose the training folder (one sub-folder per class)"),
            help_text=self.tr("{help} You can also drop a folder on the window.").format(
                help=setting_help("data.train_dir")))
        form.addRow(setting_label("data.train_dir"), self.train_dir)
        self.validation = ValidationInput()
        form.addRow(self.tr("Validation"), self.validation)
        layout.addWidget(folders)

        classes_box, classes_form = form_group(self.tr("Classes"), "data.classes")
        self.class_table = QTableWidget(0, 3)
        self.class_table.setObjectName("data.class_table")
        self.class_table.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("Training"), self.tr("Validation")])
        self.class_table.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.class_table.verticalHeader().setVisible(False)
        self.class_table.verticalHeader().setDefaultSectionSize(THUMBNAIL + 6)
        self.class_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.class_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.class_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.class_table.setMinimumHeight(150)
        self.class_summary = QLabel(self.tr("Choose a training folder."))
        self.class_summary.setObjectName("data.class_summary")
        self.class_summary.setWordWrap(True)
        classes_form.addRow(self.class_summary)
        classes_form.addRow(self.class_table)
        layout.addWidget(classes_box)

        self.check_box_, check_form = form_group(self.tr("Data check"), "data.check")
        self.check_progress = QProgressBar()
        self.check_progress.setObjectName("data.check_progress")
        self.check_progress.setFormat(self.tr("Checking %v of %m files"))
        self.check_progress.hide()
        self.check_status = QLabel("")
        self.check_status.setObjectName("data.check_status")
        self.check_status.setWordWrap(True)
        self.findings = QTableWidget(0, 2)
        self.findings.setObjectName("data.findings")
        self.findings.setHorizontalHeaderLabels([self.tr("Finding"), self.tr("Files")])
        self.findings.verticalHeader().setVisible(False)
        self.findings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.findings.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.findings.setWordWrap(True)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setMinimumHeight(110)
        self.findings.cellDoubleClicked.connect(self._show_finding)
        # Wrapped findings need taller rows when the panel gets narrower.
        self.findings.horizontalHeader().sectionResized.connect(
            lambda *_: self.findings.resizeRowsToContents())
        self.findings.hide()
        self.recheck = QPushButton(self.tr("Check again"))
        self.recheck.setObjectName("data.recheck")
        self.recheck.setToolTip(self.tr("Read every file again (after fixing files on disk)."))
        self.recheck.clicked.connect(project.recheck)
        status_row = QHBoxLayout()
        status_row.addWidget(self.check_status, 1)
        status_row.addWidget(self.recheck)
        check_form.addRow(self.check_progress)
        check_form.addRow(status_row)
        check_form.addRow(self.findings)
        layout.addWidget(self.check_box_)

        reading, read_form = form_group(self.tr("Reading images"), "data.reading")
        self.reading_form = read_form
        info = setting_info("data.target_size")
        self.target_size = SizeInput("data.target_size", int(info.low), int(info.high),
                                     help_text=setting_text(info.help))
        read_form.addRow(setting_label("data.target_size"), self.target_size)
        self.color_mode = setting_combo("data.color_mode")
        read_form.addRow(setting_label("data.color_mode"), self.color_mode)
        self.class_mode = setting_combo("data.class_mode")
        read_form.addRow(setting_label("data.class_mode"), self.class_mode)
        self.batch_size = setting_int_spin("data.batch_size")
        read_form.addRow(setting_label("data.batch_size"), self.batch_size)
        self.interpolation = setting_combo("data.interpolation")
        read_form.addRow(setting_label("data.interpolation"), self.interpolation)
        self.keep_aspect = setting_check_box("data.keep_aspect_ratio")
        self.follow_links = setting_check_box("data.follow_links")
        self.more_formats = setting_check_box("data.more_formats")
        self.fast_resize = setting_check_box("data.fast_resize")
        for box in (self.keep_aspect, self.follow_links, self.more_formats, self.fast_resize):
            read_form.addRow("", box)
        layout.addWidget(reading)
        layout.addStretch(1)

        for field, widget in (
                ("data.source", self.source), ("data.generator_file", self.data_file),
                ("data.train_dir", self.train_dir), ("data.target_size", self.target_size),
                ("data.color_mode", self.color_mode), ("data.class_mode", self.class_mode),
                ("data.batch_size", self.batch_size),
                ("data.interpolation", self.interpolation),
                ("data.keep_aspect_ratio", self.keep_aspect),
                ("data.follow_links", self.follow_links),
                ("data.more_formats", self.more_formats),
                ("data.fast_resize", self.fast_resize)):
            binder.bind(field, widget)
        binder.bind(ValidationInput.fields, self.validation)
        project.changed.connect(self._on_changed)
        project.data_changed.connect(self._show_data)
        project.check_progress.connect(self._on_check_progress)
        self._show_source()
        self._show_data()

    # -- what is shown ----------------------------------------------------------------

    def _on_changed(self, field: str) -> None:
        if not field or field == "data.source":
            self._show_source()

    def _show_source(self) -> None:
        python = self.project.config.data.source == "python"
        form = self.folders_form
        for widget in (self.data_file, self.data_file_note):
            form.setRowVisible(widget, python)
        for widget in (self.train_dir, self.validation):
            form.setRowVisible(widget, not python)
        self.check_box_.setVisible(not python)
        self.class_table.setVisible(not python)
        for widget in (self.interpolation, self.keep_aspect, self.follow_links,
                       self.more_formats, self.fast_resize):
            self.reading_form.setRowVisible(widget, not python)  # folders only

    def open_dataset(self, folder: str) -> None:
        """A dataset folder: ``train/`` + ``val/`` inside it, or itself the training folder."""
        from pathlib import Path

        root = Path(folder)
        if (root / "train").is_dir():
            val = next((root / n for n in ("val", "validation") if (root / n).is_dir()), None)
            self.set_folders(str(root / "train"), str(val) if val else None)
        else:
            self.set_folders(str(root))

    def set_folders(self, train_dir: str, val_dir: str | None = None) -> None:
        """Choose folders as the user would (dialog, drop, command line)."""
        values: dict[str, Any] = {"data.source": "folders", "data.train_dir": train_dir}
        if val_dir:
            values.update({"data.val_dir": val_dir, "data.validation_split": 0.0})
        self.project.update(values)

    def _show_data(self) -> None:
        project = self.project
        config = project.config
        if config.data.source == "python":
            self._show_data_file()
            return
        train = config.data.train_dir
        if project.data_error:
            self.class_summary.setText(wrap_anywhere(
                self.tr("Could not read the folder: {error}").format(
                    error=engine_text(project.data_error))))
        elif not train:
            self.class_summary.setText(
                self.tr("Choose a training folder: one sub-folder per class."))
        elif project.summary is None and project.checking:
            self.class_summary.setText(self.tr("Scanning…"))
        elif project.summary is None:
            self.class_summary.setText(wrap_anywhere(
                self.tr("Folder '{path}' does not exist.").format(path=train)))
        self._show_summary(project.summary)
        self._show_report(project.report)

    def _show_data_file(self) -> None:
        project = self.project
        if project.data_error:
            self.class_summary.setText(wrap_anywhere(engine_text(project.data_error)))
        elif project.data_file is not None:
            info = project.data_file
            self.class_summary.setText((
                self.tr("Classes from the data file: {names} (it defines val_data for "
                        "validation).") if info.has_validation else
                self.tr("Classes from the data file: {names} (no val_data: no validation).")
            ).format(names=", ".join(info.class_names)))
        elif project.checking:
            self.class_summary.setText(self.tr("Loading the data file…"))
        else:
            self.class_summary.setText(self.tr("Choose a data file."))

    def _show_summary(self, summary: Any) -> None:
        table = self.class_table
        if summary is None:
            table.setRowCount(0)
            return
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
        classes, share = len(summary.train_counts), self.project.config.data.validation_split
        if summary.val_counts:
            text = self.tr("{classes} classes, {train} training images, {val} validation "
                           "images.").format(classes=classes, train=train_total, val=val_total)
        elif share:
            text = self.tr("{classes} classes, {train} training images ({share} of each class "
                           "kept for validation).").format(classes=classes, train=train_total,
                                                            share=f"{share:.0%}")
        else:
            text = self.tr("{classes} classes, {train} training images.").format(
                classes=classes, train=train_total)
        self.class_summary.setText(text)

    def _on_check_progress(self, done: int, total: int) -> None:
        self.check_progress.show()
        self.check_progress.setMaximum(max(total, 1))
        self.check_progress.setValue(done)

    def _show_report(self, report: Any) -> None:
        checking = self.project.checking and report is None
        self.check_progress.setVisible(checking and self.project.summary is not None)
        if report is None:
            self.check_status.setText(self.tr("Reading every file once…") if checking else "")
            self.findings.setRowCount(0)
            self.findings.hide()
            return
        errors = sum(f.severity == "error" for f in report.findings)
        warnings = sum(f.severity == "warning" for f in report.findings)
        if errors:
            text = self.tr("Training cannot start: see the findings in red.")
        elif warnings:
            text = self.tr("{files} files read; {count} things to look at.").format(
                files=report.files_checked, count=warnings)
        else:
            text = self.tr("{files} files read; no problems found.").format(
                files=report.files_checked)
        unreadable = len(report.unreadable)
        if unreadable:
            text = (self.tr("{text} 1 unreadable file will be skipped.") if unreadable == 1
                    else self.tr("{text} {count} unreadable files will be skipped.")).format(
                text=text, count=unreadable)
        self.check_status.setText(text)
        order = ("error", "warning", "info")
        findings = sorted(report.findings, key=lambda f: order.index(f.severity))
        self.findings.setRowCount(len(findings))
        for row, finding in enumerate(findings):
            message = engine_text(finding.message)
            item = QTableWidgetItem(message)
            item.setForeground(QColor(_SEVERITY_COLOURS[finding.severity]))
            item.setData(Qt.ItemDataRole.UserRole, finding)
            shown = "\n".join(finding.paths[:12])
            if len(finding.paths) > 12:
                shown = self.tr("{files}\n… and {count} more").format(
                    files=shown, count=len(finding.paths) - 12)
            item.setToolTip(self.tr("{finding}\n\n{files}\n\nDouble-click to list them.").format(
                finding=message, files=shown) if finding.paths else message)
            self.findings.setItem(row, 0, item)
            count = QTableWidgetItem(str(len(finding.paths)) if finding.paths else "")
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.findings.setItem(row, 1, count)
        self.findings.resizeRowsToContents()
        self.findings.setVisible(bool(findings))

    def _show_finding(self, row: int, column: int) -> None:
        from fitgen_gui.data.folder_scan import display_name

        finding = self.findings.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if not finding.paths:
            return
        dialog = QDialog(self)
        dialog.setObjectName("data.finding_dialog")
        dialog.setWindowTitle(self.tr("%n files", "", len(finding.paths)))
        layout = QVBoxLayout(dialog)
        label = QLabel(engine_text(finding.message))
        label.setWordWrap(True)
        layout.addWidget(label)
        text = QPlainTextEdit("\n".join(display_name(p) for p in finding.paths))
        text.setReadOnly(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(720, 420)
        dialog.open()
