"""``fitgen-gui`` / ``python -m fitgen_gui``: the desktop app.

    python -m fitgen_gui [FOLDER] [--workspace DIR] [--fresh] [--smoke-test]

The last session's settings come back (``--fresh`` starts from the defaults); a folder
given on the command line replaces the session's folders and nothing else. On a first
start without a folder, the built-in demo dataset opens. The window shows at once;
TensorFlow loads in the background.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from types import TracebackType

__all__ = ["main"]


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fitgen-gui",
                                     description="Train image classifiers from folders.")
    parser.add_argument("folder", nargs="?",
                        help="a dataset: its train/ (and val/) folders, or a training folder")
    parser.add_argument("--workspace", help="folder where runs are saved")
    parser.add_argument("--fresh", action="store_true",
                        help="start from default settings, not the last session's")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the window, process events, quit (for tests)")
    return parser.parse_args(argv)


def open_startup_data(window: object, folder: str | None, *, fresh: bool = False) -> None:
    """The session's settings (unless ``fresh``), with ``folder`` as the data when given;
    the demo dataset when there is neither."""
    restored = False if fresh else window.restore_session()
    if folder:
        window.open_folder(os.path.abspath(folder))
    elif not restored:
        from fitgen_gui.data.demo_dataset import ensure_demo_dataset

        window.open_folder(str(ensure_demo_dataset()))


def main(argv: list[str] | None = None) -> int:
    """Start the app; returns its exit status."""
    args = _parse(argv)
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("FitGen")
    app.setApplicationName("FitGen")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # (pyqtgraph is imported, and configured, after the window shows: see
    # fitgen_gui.ui.shell.pyqtgraph_setup)
    from fitgen_gui.ui.shell.gui_gc import GarbageCollector
    from fitgen_gui.ui.shell.language import install_translators

    install_translators(app)  # before any widget: Qt cannot retitle built widgets
    from fitgen_gui.ui.main_window import MainWindow
    from fitgen_gui.ui.shell.style import STYLE

    # Python's garbage collector runs on the GUI thread only: a collection on the training
    # thread would destroy Qt objects there and can deadlock the window.
    collector = GarbageCollector(interval=1.0)  # noqa: F841 - kept alive for the app's life
    app.setStyleSheet(STYLE)
    window = MainWindow(workspace=args.workspace)

    def show_unexpected(kind: type[BaseException], exc: BaseException,
                        tb: TracebackType | None) -> None:
        # Unexpected errors get a dialog with details; the app keeps running.
        title = QApplication.translate("App", "Something went wrong")
        text = QApplication.translate("App", "{error}\n\nYour settings and runs are safe.")
        box = QMessageBox(QMessageBox.Icon.Critical, title,
                          text.format(error=f"{kind.__name__}: {exc}"),
                          QMessageBox.StandardButton.Ok, window)
        box.setDetailedText("".join(traceback.format_exception(kind, exc, tb)))
        box.open()

    sys.excepthook = show_unexpected
    window.show()
    if os.environ.get("FITGEN_REPORT_SHOWN"):  # for bench/ui_latency.py
        app.processEvents()
        print("FITGEN_WINDOW_SHOWN", flush=True)  # noqa: T201 - read by the benchmark
    open_startup_data(window, args.folder, fresh=args.fresh)
    if args.smoke_test:
        QTimer.singleShot(500, app.quit)
        code = app.exec()
        window.close()
        return code if window.isVisible() is False else 1
    window.load_engine()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
