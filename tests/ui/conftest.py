"""Qt fixtures: isolated settings, a workspace, and no QThread left running."""

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThread


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
    main.tasks.shutdown()
