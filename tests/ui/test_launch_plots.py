"""The window shows before pyqtgraph is imported, and its plots are made right after
(issue 24: launch to window shown). Importing pyqtgraph and making the eleven PlotItems of
the Training, Batches and Compare runs tabs took about 0.45 s of the launch's 0.85 s, and
numpy (imported by pyqtgraph and, at module level, by the image widgets) about 0.1 s.

Run in a fresh interpreter: this test process has pyqtgraph loaded already.
"""

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication
    from fitgen_gui.ui.shell.gui_gc import GarbageCollector
    app = QApplication([])
    collector = GarbageCollector()
    from fitgen_gui.ui.main_window import MainWindow
    window = MainWindow(workspace=sys.argv[1])
    print("imported_before_show", "pyqtgraph" in sys.modules)
    window.show()
    print("imported_at_show", "pyqtgraph" in sys.modules)
    print("numpy_at_show", "numpy" in sys.modules)
    app.processEvents()  # the first paint
    print("imported_at_first_paint", "pyqtgraph" in sys.modules)
    names = ["training.plot.epoch_loss", "training.plot.batch_time", "batches.histogram",
             "compare.plot.loss", "compare.plot.accuracy"]
    print("plots_at_show", sum(window.findChild(QObject, n) is not None for n in names))
    deadline = time.monotonic() + 60
    while not window.views_built and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    print("plots_after", sum(window.findChild(QObject, n) is not None for n in names))
    import pyqtgraph
    print("background", pyqtgraph.getConfigOption("background"))
    window.close()
""")


def test_the_window_shows_without_pyqtgraph_and_makes_its_plots_right_after(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYQTGRAPH_QT_LIB": "PySide6",
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "runs")], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    assert lines.get("imported_before_show") == "False", out.stdout + out.stderr
    assert lines.get("imported_at_show") == "False", out.stdout + out.stderr
    assert lines.get("imported_at_first_paint") == "False", out.stdout + out.stderr
    # (numpy, ~0.1 s, is imported where arrays are used; pyqtgraph imports it after)
    assert lines.get("numpy_at_show") == "False", out.stdout + out.stderr
    assert lines.get("plots_at_show") == "0", out.stdout + out.stderr
    assert lines.get("plots_after") == "5", out.stdout + out.stderr
    assert lines.get("background") == "w", out.stdout + out.stderr
