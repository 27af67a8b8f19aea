"""What a new user meets in the window, each reproduced through its controls."""

import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from fitgen_gui.core.events import (
    BatchEnded,
    EpochStarted,
    PhaseStarted,
    RunStarted,
    TrainingFailed,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.data.demo_dataset import write_demo_dataset
from fitgen_gui.ui.main_window import SETTINGS_MIN_WIDTH, MainWindow
from tests.data.conftest import natural_image, save
from tests.ui.conftest import choose_folders, small_training, type_path, wait_for_data

TRAINING = 180_000


def use_data_file(qtbot, window, path):
    panel = window.data_panel
    panel.source.setCurrentIndex(panel.source.findData("python"))
    type_path(qtbot, panel.data_file, path)
    wait_for_data(qtbot, window)


def counting_data_file(tmp_path, name, *, sleep=0.0, fail_at=None, val=False):
    """A data file whose generator logs each batch it builds (1-based) to ``<name>.log``."""
    path = tmp_path / f"{name}.py"
    log = tmp_path / f"{name}.log"
    path.write_text(textwrap.dedent(f'''
        import time
        import numpy as np

        class_names = ["a", "b"]
        FAIL_AT = {fail_at!r}


        def train_data(batch_size):
            n = 0
            while True:
                n += 1
                if FAIL_AT is not None and n == FAIL_AT:
                    raise RuntimeError("sensor export unreadable")
                time.sleep({sleep!r})
                with open({str(log)!r}, "a") as f:
                    f.write(f"{{n}}\\n")
                y = np.arange(batch_size) % 2
                yield np.full((batch_size, 16, 16, 3), 100.0, "float32"), np.eye(2)[y]
    ''') + (textwrap.dedent('''

        def val_data(batch_size):
            return train_data(batch_size)
    ''') if val else ""))
    return path, log


def logged(log):
    return [int(n) for n in log.read_text().split()] if log.exists() else []




def test_long_status_text_never_squeezes_the_settings_panel(qtbot, window, tiny_dataset):
    window.resize(1400, 900)
    choose_folders(qtbot, window, tiny_dataset)
    qtbot.waitUntil(lambda: window.preview.last is not None, timeout=30_000)
    QApplication.processEvents()
    before = window.settings_tabs.width()
    window.preview._failed("ConfigError: The settings have 1 problem(s): - data.train_dir: "
                           + "folder '" + "/very/long/path" * 30 + "' does not exist", "")
    window.run_bar.set_problems(["Training images: folder '" + "/x" * 200 + "' is missing"])
    for _ in range(5):
        QApplication.processEvents()
    assert window.width() == 1400  # the window did not grow itself
    assert window.settings_tabs.width() >= min(before, SETTINGS_MIN_WIDTH)
    assert window.settings_tabs.width() >= SETTINGS_MIN_WIDTH
    scroll = window.settings_tabs.widget(0)
    assert not scroll.horizontalScrollBar().isVisible()
    for button in (window.data_panel.train_dir.button, window.data_panel.recheck):
        right = button.mapTo(window.data_panel, button.rect().topRight()).x()
        assert right <= window.data_panel.width()  # not clipped off the panel




def test_a_folder_on_the_command_line_keeps_the_last_sessions_settings(
        qtbot, window, tiny_dataset, tmp_path):
    from fitgen_gui.app import open_startup_data

    window.augmentation_panel.rotation.setValue(25)
    window.augmentation_panel.rotation.valueChanged.emit(25.0)
    window.augmentation_panel.horizontal_flip.setChecked(True)
    window.data_panel.batch_size.setValue(16)
    window.training_panel.epochs.setValue(7)
    window.model_panel.optimizer.setCurrentIndex(window.model_panel.optimizer.findData("sgd"))
    window.save_session()
    second = MainWindow(workspace=str(tmp_path / "runs"))
    qtbot.addWidget(second)
    other = write_demo_dataset(tmp_path / "other", counts={"train": 4, "val": 2})
    open_startup_data(second, str(other))
    config = second.config
    assert config.data.train_dir == str(other / "train")  # the folder changed...
    assert config.augmentation.rotation_range == 25  # ...and nothing else
    assert config.augmentation.horizontal_flip and config.data.batch_size == 16
    assert config.training.epochs == 7 and config.optimizer.name == "sgd"
    second.tasks.shutdown()




def test_a_data_file_source_without_a_file_blocks_start(qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    assert window.run_bar.start_button.isEnabled()
    panel = window.data_panel
    panel.source.setCurrentIndex(panel.source.findData("python"))
    assert window.config.data.source == "python"
    assert not window.run_bar.start_button.isEnabled()
    assert "Data file: choose a data file" in window.run_bar.problems.text()
    assert window.flow.start() is False  # the menu's Start cannot either




def test_a_new_data_file_starts_at_batch_1_and_times_that_batch_alone(
        qtbot, window, tmp_path):
    first, _ = counting_data_file(tmp_path, "first")
    use_data_file(qtbot, window, first)
    qtbot.waitUntil(lambda: window.preview.last is not None, timeout=30_000)
    for expected in (1, 2):
        with qtbot.waitSignal(window.preview.shown, timeout=30_000) as shown:
            qtbot.mouseClick(window.preview.new_batch, Qt.MouseButton.LeftButton)
        assert shown.args[0].index == expected
    second, log = counting_data_file(tmp_path, "second", sleep=0.25)
    with qtbot.waitSignal(window.preview.shown, timeout=30_000) as shown:
        type_path(qtbot, window.data_panel.data_file, second)
    batch = shown.args[0]
    assert batch.index == 0 and "Batch 1 " in window.preview.status.text()
    assert logged(log) == [1]  # the generator was not read ahead
    assert batch.seconds < 2 * 0.25  # one batch's time, not three




def test_a_raising_data_file_names_the_batch_and_the_preview_recovers(
        qtbot, window, tmp_path):
    path, _ = counting_data_file(tmp_path, "broken", fail_at=2)
    use_data_file(qtbot, window, path)
    qtbot.waitUntil(lambda: window.preview.last is not None, timeout=30_000)
    for _ in range(2):  # the error, then New batch again: named again, never StopIteration
        qtbot.mouseClick(window.preview.new_batch, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "raised an error" in window.preview.status.text(),
                        timeout=30_000)
        text = window.preview.status.text()
        assert "while building batch 2: RuntimeError: sensor export unreadable" in text
        assert "StopIteration" not in text
        window.preview.status.setText("")
    good, _ = counting_data_file(tmp_path, "good")
    with qtbot.waitSignal(window.preview.shown, timeout=30_000) as shown:
        type_path(qtbot, window.data_panel.data_file, good)
    assert shown.args[0].index == 0




def test_missing_or_bad_weights_block_start_and_create_nothing(
        qtbot, window, tiny_dataset, tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "no-weights-here"))
    choose_folders(qtbot, window, tiny_dataset)
    model = window.model_panel
    model.architecture.setCurrentIndex(model.architecture.findData("mobilenet_v3_small"))
    model.weights_mode.setCurrentIndex(model.weights_mode.findData("imagenet"))
    assert not window.run_bar.start_button.isEnabled()
    assert "Start from: The ImageNet weights of mobilenet_v3_small are not on this computer" \
        in window.run_bar.problems.text()
    for content, reason in ((b"", "is empty"), (b"not weights", "is not a Keras weights file")):
        bad = tmp_path / f"bad{len(content)}.h5"
        bad.write_bytes(content)
        model.weights_mode.setCurrentIndex(model.weights_mode.findData("file"))
        type_path(qtbot, model.weights_file, bad)
        assert reason in window.run_bar.problems.text()
        assert not window.run_bar.start_button.isEnabled()
    assert window.flow.start() is False
    workspace = Path(window.settings.workspace)
    assert not workspace.exists() or not list(workspace.iterdir())  # no "failed 0/10" run




@pytest.mark.slow
def test_after_stop_the_button_and_progress_say_what_happened(
        qtbot, window, tiny_dataset, monkeypatch):
    from tests.ui.conftest import slow_images

    slow_images(monkeypatch)
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=4, batch_size=2)
    with qtbot.waitSignal(window.controller.event, timeout=TRAINING,
                          check_params_cb=lambda e: isinstance(e, EpochStarted) and e.epoch == 1):
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitSignal(window.controller.event, timeout=TRAINING,
                     check_params_cb=lambda e: isinstance(e, BatchEnded) and e.epoch == 1
                     ).wait()  # a batch of epoch 2 has trained
    with qtbot.waitSignal(window.controller.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.run_bar.stop_button, Qt.MouseButton.LeftButton)
        assert window.run_bar.stop_button.text() == "Stopping…"
    assert isinstance(blocker.args[0], TrainingStopped)
    bar = window.run_bar
    assert bar.stop_button.text() == "Stop" and not bar.stop_button.isEnabled()
    assert bar.start_button.isEnabled()
    assert "left" not in bar.progress.format() and "Stopped at epoch 2" in bar.progress.format()


def test_after_a_failure_the_progress_says_failed(qtbot, window):

    def failing_job(sink, stop):
        sink(RunStarted("/nowhere", 2, 0, 5, None, ("a", "b"), 10, 0, "CPU"))
        return TrainingFailed("The data broke.", "details")

    with qtbot.waitSignal(window.controller.finished, timeout=10_000):
        window.controller.launch(failing_job)
    bar = window.run_bar
    assert bar.progress.format() == "Failed: see the message"
    assert "The data broke." in bar.status.text() and bar.stop_button.text() == "Stop"
    box = window.findChild(QMessageBox, "dialog.training_failed")
    box.close()




def test_the_run_name_follows_the_training_folder(qtbot, window, tmp_path):
    alpha = write_demo_dataset(tmp_path / "alpha", counts={"train": 4, "val": 2})
    beta = write_demo_dataset(tmp_path / "beta", counts={"train": 4, "val": 2})
    window.open_folder(str(alpha))
    assert window.config.name == "alpha"
    window.open_folder(str(beta))
    assert window.config.name == "beta"


# The data-file failure message (batches counted from 1, whether a checkpoint was kept,
# its own console line) is tested in tests/training/test_user_data.py.




def test_run_actions_are_enabled_only_when_they_can_act_and_say_why(qtbot, window,
                                                                         tiny_dataset):
    actions = window.actions
    assert not actions.stop.isEnabled() and "Nothing is training" in actions.stop.toolTip()
    assert not actions.resume.isEnabled() and "Open a run" in actions.resume.toolTip()
    choose_folders(qtbot, window, tiny_dataset)
    assert actions.start.isEnabled()
    window.data_panel.source.setCurrentIndex(window.data_panel.source.findData("python"))
    assert not actions.start.isEnabled() and "choose a data file" in actions.start.toolTip()




@pytest.mark.slow
def test_the_runs_list_shows_the_run_in_progress(qtbot, window, tiny_dataset, monkeypatch):
    from tests.ui.conftest import slow_images

    slow_images(monkeypatch)
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=3, batch_size=4)
    with qtbot.waitSignal(window.controller.event, timeout=TRAINING,
                          check_params_cb=lambda e: isinstance(e, EpochStarted)):
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.runs_panel.table.rowCount() == 1, timeout=5_000)
    assert window.runs_panel.table.item(0, 1).text() == "running"
    with qtbot.waitSignal(window.controller.finished, timeout=TRAINING):
        window.flow.stop()
    assert window.runs_panel.table.item(0, 1).text() == "stopped"




def test_folders_the_check_refuses_block_start_and_the_preview_says_why(
        qtbot, window, tmp_path):
    one = tmp_path / "one"
    save(one / "cats" / "a.png", natural_image(0, 16, 16))
    type_path(qtbot, window.data_panel.train_dir, one)
    wait_for_data(qtbot, window)
    assert not window.run_bar.start_button.isEnabled()
    assert "has 1 class (cats) with images" in window.run_bar.problems.text()
    qtbot.waitUntil(lambda: "No preview" in window.preview.status.text(), timeout=10_000)
    text = window.preview.status.text()
    assert "ConfigError" not in text and "problem(s)" not in text
    assert "1 class" in text




def test_the_status_says_ready_when_folders_are_chosen(qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    status = window.run_bar.status.text()
    assert status.startswith("Ready: 36 training images in 3 classes")
    assert "Choose folders" not in status
    assert window.run_bar.isVisible() and window.run_bar.start_button.isVisible()
    window.main_tabs.setCurrentWidget(window.preview)
    assert window.run_bar.start_button.isVisible()  # Start is never behind a tab
    titles = [window.settings_tabs.tabText(i) for i in range(window.settings_tabs.count())]
    titles += [window.main_tabs.tabText(i) for i in range(window.main_tabs.count())]
    assert titles.count("Training") == 1




def test_a_data_files_val_data_counts_as_validation(qtbot, window, tmp_path):
    path, _ = counting_data_file(tmp_path, "with_val", val=True)
    use_data_file(qtbot, window, path)
    window.training_panel.steps.setValue(3)
    window.training_panel.val_steps.setValue(2)
    window.training_panel.early.setChecked(True)
    assert window.config.callbacks.early_stopping
    assert not any("validation" in m for m in window.project.messages), window.project.messages
    assert window.run_bar.start_button.isEnabled()


def test_automatic_steps_count_the_training_share_of_a_validation_split(qtbot, window,
                                                                            tiny_dataset):
    type_path(qtbot, window.data_panel.train_dir, tiny_dataset / "train")
    wait_for_data(qtbot, window)
    validation = window.data_panel.validation
    validation.mode.setCurrentIndex(validation.mode.findData("split"))
    validation.split.setValue(0.25)
    window.data_panel.batch_size.setValue(8)
    # 12 images per class: 3 validate, 9 train; 27 / 8 -> 4 steps.
    assert window.training_panel.steps.specialValueText() == "Automatic (4)"
    assert window.training_panel.val_steps.specialValueText() == "Automatic (2)"


# Also found by the new user --------------------------------------------------------------


def test_help_has_a_quick_guide(qtbot, window):
    window.actions.show_guide()
    box = window.findChild(QMessageBox, "dialog.guide")
    assert box is not None and "Start training" in box.text()
    box.close()


@pytest.mark.slow
def test_the_status_names_each_phase_before_the_first_batch(qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=1)
    formats = []
    window.controller.event.connect(lambda e: formats.append(window.run_bar.progress.format())
                                    if isinstance(e, PhaseStarted) else None)
    with qtbot.waitSignal(window.controller.finished, timeout=TRAINING) as blocker:
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
    assert isinstance(blocker.args[0], TrainingFinished)
    joined = " | ".join(formats)
    assert "Checking the settings" in joined and "Building the model" in joined
    assert "Compiling" in joined
    assert "0%" not in joined


def test_readme_names_every_system_package_qt_needs():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"):
        assert package in readme
