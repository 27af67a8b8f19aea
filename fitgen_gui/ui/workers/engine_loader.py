"""Loading TensorFlow in the background after the window shows, and what it found."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Signal

from fitgen_gui.ui.workers.background import BackgroundTasks

__all__ = ["EngineLoader"]


def _load() -> list[tuple[str, str]]:
    from fitgen_gui.training.tf_startup import import_keras_quietly

    import_keras_quietly()
    from fitgen_gui.training import tf_devices

    return tf_devices.available_devices()


class EngineLoader(QObject):
    """Imports TensorFlow on a background thread.

    Signals
    -------
    ready(list)
        ``[(device key, label)]``: automatic, CPU and each GPU found.
    failed(str)
        Why TensorFlow could not load.
    """

    ready = Signal(list)
    failed = Signal(str)

    def __init__(self, tasks: BackgroundTasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.is_ready = False

    def load(self) -> None:
        self._tasks.submit("engine", _load, self._loaded,
                           lambda message, details: self.failed.emit(message))

    def _loaded(self, devices: list[tuple[str, str]]) -> None:
        # TensorFlow's 370,000 objects live as long as the app: out of the collector's way,
        # a full collection on the GUI thread takes milliseconds instead of 200-300.
        gc.freeze()
        self.is_ready = True
        self.ready.emit(devices)
