"""Opening the first folder after launch leaves TensorFlow to the background (issue 24).

The window asks which image types a run reads and what "Automatic" steps mean on the GUI
thread; asked of the data pipeline, that imported Keras and TensorFlow there and held the
freshly shown window 3.6 s on 2 cores. Run in a fresh interpreter: this test process
has Keras loaded already.
"""

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from fitgen_gui.app import open_startup_data
    from fitgen_gui.ui.main_window import MainWindow
    window = MainWindow(workspace=sys.argv[1])
    window.show()
    open_startup_data(window, None, fresh=True)
    window.project.automatic_steps()
    print("keras" in sys.modules, "tensorflow" in sys.modules)
""")


def test_opening_the_demo_folder_at_launch_imports_no_tensorflow_on_the_gui_thread(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYQTGRAPH_QT_LIB": "PySide6",
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "FITGEN_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "runs")], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split()[-2:] == ["False", "False"], out.stdout + out.stderr
