"""Screenshots of the real app, for the README and for looking at changes.

    python docs/make_screenshots.py [--out docs/screenshots] [--size 1600x1000]
        [--data FOLDER] [--only data-panel,...]

Runs under a virtual X display (``xvfb-run``) when there is no display, drives the app
through its own window (folders, augmentation, Start, Evaluate, Predict), and saves PNGs
of: the data panel with its classes and data check, the augmentation preview, training in
progress with plots and console, the data feed (input-bound meter and classes per batch),
the batch tap, 16 augmentations of one image, the loader tuner, the evaluation (with a
mistake's Grad-CAM map) and the predictions of new images. ``--data`` uses another
dataset than the built-in demo (a folder with train/ and val/); ``--size`` other window
sizes (1280x800 checks that nothing is clipped).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _relaunch_under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("No display: install Xvfb (apt-get install xvfb) or set DISPLAY.")
    os.execv(xvfb, [xvfb, "-a", "-s", "-screen 0 1920x1200x24", sys.executable, *sys.argv])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--data", help="a dataset folder (train/ and val/); default: the demo")
    parser.add_argument("--suffix", default="", help="added to each file name")
    parser.add_argument("--no-training", action="store_true", help="only the data and preview")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    _relaunch_under_xvfb()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="fitgen-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ["XDG_CACHE_HOME"] = str(scratch / "cache")
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

    import pyqtgraph as pg
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("FitGen")
    app.setApplicationName("FitGen")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(scratch / "settings"))
    pg.setConfigOptions(antialias=True, background="w", foreground="#333333")
    from fitgen_gui.data.demo_dataset import ensure_demo_dataset
    from fitgen_gui.ui.main_window import MainWindow
    from fitgen_gui.ui.shell.style import STYLE

    app.setStyleSheet(STYLE)
    window = MainWindow(workspace=str(scratch / "runs"))
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    window.load_engine()

    def pump(seconds: float, until=None) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            if until is not None and until():
                return
            time.sleep(0.02)

    def shot(name: str) -> None:
        pump(0.4)
        path = out / name.replace(".png", f"{args.suffix}.png")
        window.grab().save(str(path))
        print(path, window.width(), window.height(), "settings panel",
              window.settings_tabs.width())

    window.open_folder(args.data or str(ensure_demo_dataset()))
    pump(120, lambda: window.project.report is not None and window.project.summary)
    window.settings_tabs.setCurrentIndex(0)
    window.main_tabs.setCurrentWidget(window.preview)
    pump(20, lambda: window.preview.last is not None)
    shot("data-panel.png")

    panel = window.augmentation_panel
    window.settings_tabs.setCurrentIndex(1)
    panel.rotation.setValue(25)
    panel.rotation.valueChanged.emit(25.0)
    panel.zoom.setValue(0.2)
    panel.zoom.valueChanged.emit(0.2)
    panel.horizontal_flip.setChecked(True)
    panel.brightness_on.setChecked(True)
    window.preview.last = None
    pump(20, lambda: window.preview.last is not None)
    shot("augmentation-preview.png")
    if args.no_training:
        window.close()
        shutil.rmtree(scratch, ignore_errors=True)
        return 0

    window.settings_tabs.setCurrentIndex(3)
    window.training_panel.epochs.setValue(args.epochs)
    # Reading on the training thread (0 workers): the data feed shows the wait for data,
    # and the loader tuner has something to find.
    window.training_panel.workers.setValue(0)
    window.run_bar.start_button.click()
    pump(180, lambda: window.training_view.plots.point_count("val_loss") >= 4)
    pump(1.5)
    shot("training.png")
    pump(300, lambda: not window.controller.is_running)
    shot("training-finished.png")

    # The generator debugger: the data feed of the run, batch 7 as the model got it, one
    # image's 16 augmentations, and the loader tuner.
    window.training_view.splitter.setSizes([330, 330, 200])
    shot("data-feed.png")
    batches = window.batch_view
    window.main_tabs.setCurrentWidget(batches)
    batches.show_batch(7)
    pump(60, lambda: batches.last is not None)
    shot("batch-tap.png")
    batches._select(3)
    batches.augment_button.setChecked(True)
    pump(60, lambda: batches.augmented is not None)
    shot("batch-augmentations.png")
    batches.augment_button.setChecked(False)
    window.tune_loader()
    dialog = window.loader_dialog
    dialog.start()
    pump(600, lambda: dialog.report is not None or dialog.measure.isEnabled())
    pump(0.5)
    dialog.grab().save(str(out / f"tune-loader{args.suffix}.png"))
    print(out / f"tune-loader{args.suffix}.png", dialog.status.text())
    dialog.close()

    # After training: Evaluate (run bar), a confident mistake with its Grad-CAM map.
    models = window.models
    window.run_bar.evaluate_button.click()
    view = models.evaluation
    pump(300, lambda: view.evaluation is not None and not models.busy)
    view.galleries.setCurrentWidget(view.mistakes)
    pump(10, lambda: view.mistakes.list.count() > 0)
    if view.mistakes.list.count():
        view.mistakes.list.setCurrentRow(min(2, view.mistakes.list.count() - 1))
        view.detail.gradcam_button.click()
        pump(60, lambda: view.detail.showing_gradcam)
    shot("evaluation.png")

    # Predict: the validation images of the first class, as new images.
    folder = Path(args.data or str(ensure_demo_dataset())) / "val"
    first = sorted(p for p in folder.iterdir() if p.is_dir())[0]
    models.show_predict()
    models.predict.predict([str(first)])
    pump(300, lambda: models.predict.rows and not models.busy)
    shot("predict.png")
    window.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
