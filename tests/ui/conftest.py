"""Qt fixtures: isolated settings, a workspace, and no QThread left running."""

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThread


@pytest.fixture(scope="session", autouse=True)
def gui_thread_garbage_collection(qapp):
    """As the app does: collect garbage on the GUI thread only (a collection on a worker
    thread destroys Qt objects there, which deadlocks)."""
    import gc

    from fitgen_gui.ui.shell.gui_gc import GarbageCollector

    collector = GarbageCollector(interval=0.5)
    yield collector
    collector.timer.stop()
    gc.enable()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Each test gets its own QSettings and cache folders (nothing from the user's)."""
    QCoreApplication.setOrganizationName("FitGenTests")
    QCoreApplication.setApplicationName("FitGenTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield


@pytest.fixture(autouse=True)
def no_dangling_qthreads(monkeypatch):
    """Fail a test that leaves a QThread running (napari's guard, in small)."""
    started: list[QThread] = []
    original = QThread.start

    def tracking_start(self, *args, **kwargs):
        started.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QThread, "start", tracking_start)
    yield
    running = []
    for thread in started:
        try:
            if thread.isRunning():
                running.append(thread.objectName() or repr(thread))
        except RuntimeError:  # already deleted: not running
            continue
    assert not running, f"QThreads still running after the test: {running}"


@pytest.fixture
def window(qtbot, tmp_path):
    """The main window with a workspace in ``tmp_path``."""
    from fitgen_gui.ui.main_window import MainWindow

    main = MainWindow(workspace=str(tmp_path / "runs"))
    qtbot.addWidget(main)
    main.show()
    yield main
    if main.controller.is_running:
        main.controller.stop()
        main.controller.wait(60000)
    main.models.shutdown()
    main.tasks.shutdown()


def wait_for_data(qtbot, window, timeout=60_000):
    """Until the project has scanned and checked the data (or failed to)."""
    project = window.project
    qtbot.waitUntil(lambda: not project.checking and (
        project.report is not None or project.data_file is not None
        or bool(project.data_error)), timeout=timeout)


def type_path(qtbot, picker, path):
    """Type a path into a folder/file picker and press Enter, as a user does."""
    picker.edit.setText(str(path))
    picker.edit.editingFinished.emit()


def choose_folders(qtbot, window, dataset):
    """Type the training and validation folders and wait for the scan and the check."""
    panel = window.data_panel
    type_path(qtbot, panel.train_dir, dataset / "train")
    type_path(qtbot, panel.validation.folder, dataset / "val")
    wait_for_data(qtbot, window)


def small_training(window, epochs=2, batch_size=8):
    """32x32 images, batches of 8 (5 steps per epoch on the tiny set), ``epochs`` epochs."""
    window.data_panel.target_size.height.setValue(32)
    window.data_panel.target_size.width.setValue(32)
    window.data_panel.batch_size.setValue(batch_size)
    window.training_panel.epochs.setValue(epochs)
    window.training_panel.workers.setValue(1)


def slow_images(monkeypatch, seconds=0.02):
    """Each image takes ``seconds`` to load: epochs last long enough to press Stop in."""
    import time

    from fitgen_gui.data.file_iterators import FileBatchMixin

    original = FileBatchMixin.load_image

    def slow(self, path, params=None):
        time.sleep(seconds)
        return original(self, path, params)

    monkeypatch.setattr(FileBatchMixin, "load_image", slow)
