"""A Python data file in the app: previewed, trained on, its failure shown, never run unasked."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import TrainingFailed, TrainingFinished
from tests.training.conftest import data_file
from tests.ui.conftest import type_path, wait_for_data

pytestmark = pytest.mark.slow


def choose_data_file(qtbot, window, path):
    panel = window.data_panel
    panel.source.setCurrentIndex(panel.source.findData("python"))
    with qtbot.waitSignal(window.preview.shown, timeout=60_000):
        type_path(qtbot, panel.data_file, path)
        wait_for_data(qtbot, window)
    window.data_panel.target_size.height.setValue(24)
    window.data_panel.target_size.width.setValue(24)
    window.data_panel.batch_size.setValue(8)
    window.training_panel.epochs.setValue(2)
    window.training_panel.steps.setValue(4)


def test_the_preview_shows_the_files_batches_and_training_runs(qtbot, window, tmp_path):
    path = data_file(tmp_path)
    choose_data_file(qtbot, window, path)
    assert window.data_panel.data_file_note.isVisible()
    assert "runs this file's code" in window.data_panel.data_file_note.text()
    assert "dark, bright" in window.data_panel.class_summary.text()
    preview = window.preview.last
    assert len(preview.images) == 8 and set(preview.labels) <= {"dark", "bright"}
    assert "from your data file" in window.preview.status.text()
    with qtbot.waitSignal(window.controller.finished, timeout=180_000) as blocker:
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    assert isinstance(blocker.args[0], TrainingFinished), getattr(blocker.args[0], "details", "")
    assert "Running your data code from" in window.training_view.console.toPlainText()


def test_a_raising_generator_is_shown_and_the_app_stays_usable(qtbot, window, tmp_path):
    choose_data_file(qtbot, window, data_file(tmp_path, fail_at=6))
    with qtbot.waitSignal(window.controller.finished, timeout=180_000) as blocker:
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    final = blocker.args[0]
    assert isinstance(final, TrainingFailed) and "batch 6" in final.message
    dialog = window.findChild(QMessageBox, "dialog.training_failed")
    assert dialog is not None and dialog.isVisible() and "sensor export" in dialog.text()
    assert "in batches" in dialog.detailedText()
    dialog.close()
    assert "ERROR:" in window.training_view.console.toPlainText()
    assert window.run_bar.start_button.isEnabled()  # the app goes on


def test_opening_a_project_asks_before_running_its_data_file(qtbot, window, tmp_path,
                                                             monkeypatch):
    config = RunConfig()
    config = config.replace(**{
        "data.source": "python",
        "data.generator_file": str(data_file(tmp_path)),
    })
    project = tmp_path / "project.json"
    project.write_text(config.to_json())
    questions = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: questions.append(
        args[2]) or QMessageBox.StandardButton.No)
    assert window.files.open(str(project))
    assert "running the Python file" in questions[0]
    assert window.config.data.source == "folders"  # the file is kept, but not run
    assert window.data_panel.source.currentData() == "folders"
