"""Every control has a stable objectName, and docs/ui-automation.md lists them all."""

import re
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QSlider,
    QTableWidget,
    QTabWidget,
    QWidget,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "ui-automation.md"
CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider, QTableWidget,
            QPlainTextEdit, QProgressBar, QTabWidget)
# Shown only in dialogs, or created with data (one per class, per image).
NOT_IN_WINDOW = {"data.finding_dialog", "resume.dialog", "resume.checkpoints",
                 "resume.epochs", "resume.ok", "dialog.training_failed", "dialog.guide",
                 "dialog.session", "dialog.evaluation_failed", "dialog.train_again",
                 "export.dialog",
                 "export.format.keras", "export.format.saved_model", "export.format.onnx",
                 "export.format.tflite", "export.format.tflite-int8", "export.folder",
                 "export.overwrite", "export.run", "export.open", "export.status",
                 "export.results", "loader.measure", "loader.apply", "loader.status",
                 "loader.table", "loader.verdict", "dialog.sweep_failed",
                 "sweep.dialog", "sweep.setting1", "sweep.setting2", "sweep.setting3",
                 "sweep.values1", "sweep.values2", "sweep.values3", "sweep.message",
                 "sweep.runs", "sweep.ok", "sweep.table_dialog", "sweep.summary",
                 "sweep.table", "sweep.compare", "sweep.resume", "sweep.refresh",
                 "sweep.close"}


def documented_names() -> set[str]:
    names = set()
    for cell in re.findall(r"^\| ([^|]+) \|", DOC.read_text(), flags=re.M):
        names.update(re.findall(r"`([^`]+)`", cell))
    return names


def is_internal(widget: QWidget) -> bool:
    """Parts of Qt's own composite widgets (a spin box's line edit, a tab bar's arrows)."""
    if widget.objectName().startswith("qt_") or widget.objectName().startswith("Scroll"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_is_named_and_documented(qtbot, window):
    qtbot.waitUntil(lambda: window.views_built)  # the plots are made after the window shows
    documented = documented_names()
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or is_internal(widget):
            continue
        name = widget.objectName()
        assert name, f"a {type(widget).__name__} has no objectName"
        base = re.sub(r"\.(path|browse|slider|value)$", "", name)
        assert name in documented or base in documented, f"{name} is not in {DOC.name}"
    for action in window.findChildren(QAction):
        if action.objectName().startswith("action."):
            assert action.objectName() in documented


def test_every_documented_name_exists(qtbot, window):
    qtbot.waitUntil(lambda: window.views_built)  # the plots are made after the window shows
    window.training_panel.class_weights.set_class_names(["a"])
    missing = []
    for name in documented_names() - NOT_IN_WINDOW:
        if name.endswith("<i>") or "<class>" in name:
            continue
        found = window.findChild(QWidget, name) or window.findChild(QAction, name) or (
            window.objectName() == name) or window.menuBar().findChild(QWidget, name)
        if not found:
            missing.append(name)
    assert not missing, f"documented but not in the window: {sorted(missing)}"
