"""The seams of the ui layer, tested fast: controller, background tasks, binder, project."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSpinBox

from fitgen_gui.core.events import (
    ConsoleText,
    EpochStarted,
    TrainingFinished,
    TrainingStopped,
)
from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.state.project import Project
from fitgen_gui.ui.widgets.inputs import ValidationInput
from fitgen_gui.ui.workers.background import BackgroundTasks
from fitgen_gui.ui.workers.training_controller import TrainingController
from tests.ui.conftest import type_path

ROOT = Path(__file__).resolve().parents[2]


# -- TrainingController ---------------------------------------------------------------------


def test_the_controller_delivers_every_event_once_the_final_one_included(qtbot):
    controller = TrainingController()
    final = TrainingFinished("/runs/x", 1, "/runs/x/model.keras")

    def job(sink, stop):  # as the runner does: the final event goes through the sink too
        sink(EpochStarted(0))
        sink(ConsoleText("Epoch 1/1\n"))
        sink(final)
        return final

    seen = []
    controller.event.connect(seen.append)
    with qtbot.waitSignal(controller.finished, timeout=10_000) as done:
        assert controller.launch(job)
    assert done.args[0] is final
    assert seen == [EpochStarted(0), ConsoleText("Epoch 1/1\n"), final]
    assert not controller.is_running


def test_the_controller_runs_one_job_at_a_time_and_stop_reaches_it(qtbot):
    controller = TrainingController()
    started = threading.Event()

    def job(sink, stop):
        started.set()
        stop.wait(10)
        return TrainingStopped("/runs/x", 0, 3, None)

    assert controller.launch(job)
    assert not controller.launch(job)  # one at a time
    started.wait(10)
    with qtbot.waitSignal(controller.finished, timeout=10_000) as done:
        controller.stop()
        assert controller.stop_requested
    assert isinstance(done.args[0], TrainingStopped)


def test_an_exception_in_a_job_becomes_a_failure_event(qtbot):
    controller = TrainingController()

    def job(sink, stop):
        raise RuntimeError("boom")

    with qtbot.waitSignal(controller.finished, timeout=10_000) as done:
        controller.launch(job)
    assert done.args[0].message == "RuntimeError: boom"


@pytest.mark.slow
def test_start_returns_before_tensorflow_loads_and_loads_it_off_the_gui_thread(tmp_path):
    script = f"""
import sys, threading, time
sys.path.insert(0, {str(ROOT)!r})
imported_on = []

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name == "keras" and not imported_on:
            imported_on.append(threading.current_thread().name)
        return None

sys.meta_path.insert(0, Watch())
from PySide6.QtWidgets import QApplication
app = QApplication([])
from fitgen_gui.core.config import RunConfig
from fitgen_gui.ui.workers.training_controller import TrainingController
controller = TrainingController()
began = time.perf_counter()
controller.start(RunConfig(), {str(tmp_path / "runs")!r})
took = time.perf_counter() - began
print("keras imported by", imported_on[0] if imported_on else "nobody", "at start")
print("start took", round(took, 3))
controller.wait(120000)
print("keras imported on", imported_on[0])
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=180, env={"QT_QPA_PLATFORM": "offscreen",
                                              "TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert float(lines[1].split()[-1]) < 0.5, result.stdout  # no import on the GUI thread
    assert lines[2] != "keras imported on MainThread", result.stdout


# -- BackgroundTasks ---------------------------------------------------------------------------


def test_background_tasks_deliver_only_the_newest_result_of_a_topic(qtbot):
    tasks = BackgroundTasks()
    results, errors = [], []
    gate = threading.Event()
    tasks.submit("preview", lambda: gate.wait(5) and "old", results.append)
    tasks.submit("preview", lambda: "new", results.append)
    tasks.submit("scan", lambda: 1 / 0, results.append, lambda m, d: errors.append(m))
    gate.set()
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=5_000)  # every result was handled
    assert results == ["new"]  # "old" came later and was dropped
    assert errors == ["ZeroDivisionError: division by zero"]
    tasks.shutdown()
    ticket = tasks.submit("preview", lambda: "after", results.append)
    assert tasks.pending == 0  # after shutdown nothing is even queued
    assert results == ["new"] and not tasks.is_current("preview", ticket)


# -- Binder and Project -------------------------------------------------------------------------


def test_an_edit_reaches_the_project_once_and_a_project_change_reaches_the_control(qtbot):
    project = Project(BackgroundTasks())
    binder = Binder(project)
    box = QSpinBox()
    box.setRange(1, 100)
    binder.bind("data.batch_size", box)
    assert box.value() == 32  # shown at binding
    changes = []
    project.changed.connect(changes.append)
    box.setValue(16)
    assert project.config.data.batch_size == 16 and changes == ["data.batch_size"]
    config = project.config
    config = config.replace(**{"data.batch_size": 8})
    project.load(config)
    assert box.value() == 8 and changes[-1] == ""


def test_a_composite_binds_two_fields(qtbot, tmp_path):
    project = Project(BackgroundTasks())
    binder = Binder(project)
    validation = ValidationInput()
    binder.bind(ValidationInput.fields, validation)
    validation.mode.setCurrentIndex(validation.mode.findData("split"))
    assert (project.config.data.val_dir, project.config.data.validation_split) == ("", 0.2)
    type_path(None, validation.folder, tmp_path)
    validation.mode.setCurrentIndex(validation.mode.findData("folder"))
    assert project.config.data.val_dir == str(tmp_path)
    assert project.config.data.validation_split == 0.0


def test_a_folder_edit_is_checked_scanned_and_previewed_once(qtbot, window, tiny_dataset):
    project = window.project
    changes, scans = [], []
    project.changed.connect(changes.append)
    original = project.tasks.submit

    def counting(topic, *args, **kwargs):
        scans.append(topic)
        return original(topic, *args, **kwargs)

    project.tasks.submit = counting
    refreshes, requests = project.refreshes, window.preview.requests
    type_path(qtbot, window.data_panel.train_dir, tiny_dataset / "train")
    assert changes == ["data.train_dir", "name"] or changes == ["name", "data.train_dir"]
    assert project.refreshes == refreshes + 1
    qtbot.waitUntil(lambda: project.report is not None, timeout=30_000)
    qtbot.waitUntil(lambda: window.preview.requests > requests, timeout=5_000)
    # Until the preview's debounce has fired and the background work is done.
    qtbot.waitUntil(lambda: not window.preview._debounce.isActive()
                    and project.tasks.pending == 0, timeout=10_000)
    assert scans.count("scan") == 1 and scans.count("check") == 1
    assert window.preview.requests - requests <= 2  # the edit, then the data it found
    project.tasks.submit = original


def test_the_session_keeps_settings_it_cannot_read_in_a_backup(qtbot, window, tmp_path):
    import json

    from PySide6.QtWidgets import QMessageBox

    data = json.loads(window.config.to_json())
    data["training"]["epochs"] = 12
    data["data"]["from_a_newer_fitgen"] = True
    window.settings.last_config = json.dumps(data)
    assert window.restore_session()
    assert window.config.training.epochs == 12  # the rest was restored
    box = window.findChild(QMessageBox, "dialog.session")
    assert box is not None and "data.from_a_newer_fitgen" in box.text()
    backups = list(Path(window.settings.qsettings.fileName()).parent.glob("session-backup-*"))
    assert len(backups) == 1 and "from_a_newer_fitgen" in backups[0].read_text()
    box.close()
    window.settings.last_config = "{ damaged"
    assert not window.restore_session()
    assert len(list(Path(window.settings.qsettings.fileName()).parent.glob(
        "session-backup-*"))) >= 1
