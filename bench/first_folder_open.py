"""How long the GUI thread is held opening the first folder after the window shows.

    python bench/first_folder_open.py

What ``python -m fitgen_gui`` does right after ``window.show()`` (the session's folder, or
the demo set, here from the user's cache folder), in this process, offscreen: prints the seconds
``open_startup_data`` took on the GUI thread, whether it imported Keras there (TensorFlow
is the engine loader's to import, in the background) and the load average (goal: well
under 0.1 s, no Keras).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from fitgen_gui.app import open_startup_data
    from fitgen_gui.ui.main_window import MainWindow

    workspace = tempfile.mkdtemp(prefix="fitgen-first-open-")
    window = MainWindow(workspace=os.path.join(workspace, "runs"))
    window.show()
    app.processEvents()
    began = time.perf_counter()
    open_startup_data(window, None, fresh=True)
    seconds = time.perf_counter() - began
    print(json.dumps({"open_startup_data_s_on_gui_thread": round(seconds, 3),
                      "keras_imported_on_gui_thread": "keras" in sys.modules,
                      "load_average": [round(v, 2) for v in os.getloadavg()]}))
    window.close()


if __name__ == "__main__":
    main()
