"""The desktop app driven through its controls, on a tiny generated dataset, real training."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from fitgen_gui.core.events import (
    BatchEnded,
    EpochStarted,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.ui.dialogs.resume_dialog import ResumeDialog
from tests.ui.conftest import choose_folders, slow_images, small_training

pytestmark = pytest.mark.slow
TRAINING = 180_000  # ms; a real (tiny) training with TensorFlow start-up


def train(qtbot, window):
    with qtbot.waitSignal(window.controller.finished, timeout=TRAINING) as blocker:
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_choosing_folders_shows_classes_counts_and_the_data_check(qtbot, window,
                                                                   tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    table = window.data_panel.class_table
    rows = {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}
    assert rows == {"circle": ("12", "4"), "square": ("12", "4"), "triangle": ("12", "4")}
    assert not table.item(0, 0).icon().isNull()  # a thumbnail
    assert "48 files read; no problems found" in window.data_panel.check_status.text()
    assert window.run_bar.start_button.isEnabled()
    assert window.training_panel.steps.specialValueText() == "Automatic (2)"  # 36 / 32
    assert "Ready: 36 training images in 3 classes, 12 validation images" in (
        window.run_bar.status.text())


def test_invalid_values_are_refused_at_the_control_with_a_reason(qtbot, window, tmp_path):
    picker = window.data_panel.train_dir
    picker.edit.setText(str(tmp_path / "nowhere"))
    picker.edit.editingFinished.emit()
    assert picker.property("invalid") is True
    assert "does not exist" in picker.toolTip()
    assert not window.run_bar.start_button.isEnabled()
    assert "Training images: folder" in window.run_bar.problems.text()
    window.model_panel.architecture.setCurrentIndex(
        window.model_panel.architecture.findData("resnet50"))
    window.model_panel.weights_mode.setCurrentIndex(
        window.model_panel.weights_mode.findData("file"))
    window.model_panel.weights_file.setValue(str(tmp_path / "missing.h5"))
    window.model_panel.weights_file.valueChanged.emit(str(tmp_path / "missing.h5"))
    assert window.model_panel.weights.property("invalid") is True
    assert "does not exist" in window.model_panel.weights.toolTip()


def test_the_preview_shows_the_training_batch_and_follows_the_settings(qtbot, window,
                                                                       tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    qtbot.waitUntil(lambda: window.preview.last is not None, timeout=60_000)
    first = window.preview.last
    assert len(first.images) == 16 and set(first.labels) <= {"circle", "square", "triangle"}
    with qtbot.waitSignal(window.preview.shown, timeout=5_000) as shown:
        window.augmentation_panel.rotation.setValue(40)
        window.augmentation_panel.rotation.valueChanged.emit(40.0)
    rotated = shown.args[0]
    assert rotated.augmented and rotated.labels == first.labels  # same images...
    assert any((a != b).any() for a, b in zip(rotated.images, first.images, strict=True))
    with qtbot.waitSignal(window.preview.shown, timeout=5_000) as shown:
        qtbot.mouseClick(window.preview.reaugment, Qt.MouseButton.LeftButton)
    assert shown.args[0].labels == first.labels  # ...with new random changes
    assert any((a != b).any() for a, b in zip(shown.args[0].images, rotated.images,
                                              strict=True))
    with qtbot.waitSignal(window.preview.shown, timeout=5_000) as shown:
        qtbot.mouseClick(window.preview.originals, Qt.MouseButton.LeftButton)
    assert not shown.args[0].augmented
    with qtbot.waitSignal(window.preview.shown, timeout=5_000) as shown:
        qtbot.mouseClick(window.preview.new_batch, Qt.MouseButton.LeftButton)
    assert shown.args[0].index == 1


def test_train_two_epochs_then_resume_from_epoch_1(qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=2)
    final = train(qtbot, window)
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    plots = window.training_view.plots
    assert plots.point_count("batch_loss") == 10  # a point for every batch (2 x 5)
    assert plots.point_count("val_loss") == 2
    assert "Epoch 2/2" in window.training_view.console.toPlainText()
    run = RunDir(final.run_dir)
    assert run.path.parent == Path(window.settings.workspace)
    assert (run.path / "model.keras").exists()
    assert window.runs_panel.table.rowCount() == 1
    assert window.run_bar.resume_button.isEnabled()
    assert window.actions.resume.isEnabled() and not window.actions.stop.isEnabled()

    # Resume from epoch 1 to epoch 3: the plots continue after epoch 1.
    dialog = ResumeDialog(run, planned_epochs=2)
    dialog.select_epoch(1)
    dialog.epochs.setValue(3)
    assert dialog.choice() == (1, 3)
    with qtbot.waitSignal(window.controller.finished, timeout=TRAINING) as blocker:
        assert window.flow.resume(final.run_dir, *dialog.choice())
    assert isinstance(blocker.args[0], TrainingFinished)
    assert plots.point_count("batch_loss") == 15  # epoch 1 kept, epochs 2-3 new
    assert list(plots.series["val_loss"].x) == [1.0, 2.0, 3.0]
    assert [r["epoch"] for r in run.read_history()] == [0, 1, 2]

    # The next step after training: Evaluate, in the run bar, on the run just trained.
    assert window.run_bar.evaluate_button.isEnabled()
    assert window.models.choice.path == final.run_dir
    qtbot.mouseClick(window.run_bar.evaluate_button, Qt.MouseButton.LeftButton)
    view = window.models.evaluation
    qtbot.waitUntil(lambda: view.evaluation is not None and not window.models.busy,
                    timeout=TRAINING)
    assert window.main_tabs.currentWidget() is view
    assert sum(map(sum, view.evaluation.confusion_matrix)) == 12  # the validation images


def test_stop_mid_epoch_keeps_a_checkpoint(qtbot, window, tiny_dataset, monkeypatch):
    slow_images(monkeypatch)
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=6, batch_size=2)  # many batches: time to press Stop

    def second_epoch_running(event):
        return isinstance(event, BatchEnded) and event.epoch == 1

    with qtbot.waitSignal(window.controller.event, timeout=TRAINING,
                          check_params_cb=second_epoch_running):
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.controller.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.run_bar.stop_button, Qt.MouseButton.LeftButton)
    final = blocker.args[0]
    assert isinstance(final, TrainingStopped)
    assert final.epoch == 1 and final.checkpoint.endswith("epoch-0002-partial.keras")
    assert "Stopped at epoch 2" in window.run_bar.status.text()
    assert window.run_bar.start_button.isEnabled()


def test_opening_a_past_run_rebuilds_its_plots_and_console(qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=2)
    final = train(qtbot, window)
    points = window.training_view.plots.point_count("batch_loss")
    window.training_view.clear()
    assert window.training_view.plots.point_count("batch_loss") == 0
    window.runs_panel.refresh()
    window.runs_panel.table.selectRow(0)
    qtbot.mouseClick(window.runs_panel.open_button, Qt.MouseButton.LeftButton)
    assert window.training_view.plots.point_count("batch_loss") == points
    assert window.training_view.plots.point_count("val_accuracy") == 2
    shown = window.training_view.console.toPlainText()
    logged = (Path(final.run_dir) / "console.log").read_text()
    assert shown.strip() == logged.strip()
    assert "finished" in window.training_view.heading.text()


def test_projects_are_saved_opened_and_the_session_comes_back(qtbot, window, tiny_dataset,
                                                              tmp_path):
    choose_folders(qtbot, window, tiny_dataset)
    window.augmentation_panel.horizontal_flip.setChecked(True)
    window.training_panel.epochs.setValue(7)
    path = str(tmp_path / "cells.json")
    assert window.files.save_as(path)
    saved = json.loads(Path(path).read_text())
    assert saved["augmentation"]["horizontal_flip"] is True
    assert saved["training"]["epochs"] == 7
    assert window.settings.recent_projects == [path]
    window.save_session()

    from fitgen_gui.ui.main_window import MainWindow

    second = MainWindow(workspace=str(tmp_path / "runs"))
    qtbot.addWidget(second)
    assert second.restore_session()
    assert second.training_panel.epochs.value() == 7
    assert second.augmentation_panel.horizontal_flip.isChecked()
    second.files.new()
    assert second.training_panel.epochs.value() == 10
    assert second.files.open(path)
    assert second.config == window.config
    second.tasks.shutdown()


def test_dropping_a_dataset_folder_opens_its_train_and_val(qtbot, window, tiny_dataset):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tiny_dataset))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.project.summary is not None, timeout=30_000)
    assert window.config.data.train_dir == str(tiny_dataset / "train")
    assert window.config.data.val_dir == str(tiny_dataset / "val")


def test_closing_during_training_asks_then_stops_and_keeps_the_checkpoint(
        qtbot, window, tiny_dataset, monkeypatch):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=20)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args[2])
                        or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.controller.event, timeout=TRAINING,
                          check_params_cb=lambda e: isinstance(e, EpochStarted)
                          and e.epoch == 1):
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    window.close()
    assert asked and "checkpoint" in asked[0]
    assert not window.controller.is_running
    final = window.controller.last_final
    assert isinstance(final, TrainingStopped) and final.checkpoint


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_the_runs_view_follows_a_run_another_process_trains(qtbot, window, tiny_dataset,
                                                            tmp_path, workers):
    """Trained by ``fitgen train``, or by two ``fitgen worker`` processes (a cluster on
    127.0.0.1, as on two machines): the app follows the chief's run folder live."""
    import json
    import os
    import socket
    import subprocess
    import sys

    from fitgen_gui.core.run_dir import EventLog, RunDir

    workspace = Path(window.settings.workspace)
    command = [sys.executable, "-m", "fitgen_gui.cli", "train" if workers == 1 else "worker",
               "--train", tiny_dataset / "train", "--epochs", "40", "--target-size", "32",
               "32", "--batch-size", "4", "-v", "0", "--runs-dir", workspace]
    ports = []
    for _ in range(workers if workers > 1 else 0):
        with socket.socket() as free:
            free.bind(("127.0.0.1", 0))
            ports.append(free.getsockname()[1])
    processes = []
    for index in range(workers):
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
        if ports:
            env["TF_CONFIG"] = json.dumps({
                "cluster": {"worker": [f"127.0.0.1:{p}" for p in ports]},
                "task": {"type": "worker", "index": index}})
        processes.append(subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
    try:
        def an_epoch_ended():
            logs = list(workspace.glob("*/events.jsonl"))
            return bool(logs) and any(r["type"] == "EpochEnded"
                                      for r in EventLog(logs[0]).records())

        qtbot.waitUntil(an_epoch_ended, timeout=120_000)
        assert len(list(workspace.iterdir())) == 1  # the chief's run folder only
        window.runs_panel.refresh()
        assert window.runs_panel.table.item(0, 1).text() == "running"
        window.runs_panel.table.selectRow(0)
        qtbot.mouseClick(window.runs_panel.open_button, Qt.MouseButton.LeftButton)
        view = window.training_view
        assert view.following
        assert not window.run_bar.resume_button.isEnabled()  # being trained elsewhere
        if workers > 1:
            assert "2 workers, 1 CPU each; this is worker 0" in view.console.toPlainText()
        before = view.plots.point_count("val_loss")
        qtbot.waitUntil(lambda: view.plots.point_count("val_loss") > before, timeout=60_000)
        epochs = len(RunDir(next(workspace.iterdir())).read_history())
        # The heading counts the epochs that came in since the run was opened.
        qtbot.waitUntil(lambda: f"running, {epochs}" in view.heading.text()
                        or f"running, {epochs + 1}" in view.heading.text(), timeout=10_000)
    finally:
        for process in processes:
            process.kill()
            process.wait(30)


def test_resuming_a_run_with_a_data_file_asks_first(qtbot, window, tmp_path, monkeypatch):
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.core.run_dir import RunDir

    config = RunConfig(name="user")
    config = config.replace(**{
        "data.source": "python",
        "data.generator_file": str(tmp_path / "lab.py"),
    })
    run = RunDir.create(tmp_path / "runs", "user")
    run.write_config(config.to_json())
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2])
                        or QMessageBox.StandardButton.No)
    assert window.flow.resume_dialog(str(run.path)) is False
    assert asked and "lab.py" in asked[0] and not window.controller.is_running
