"""The screenshots of issue 29: the window's tabs and dialogs in Chinese and English.

    QT_QPA_PLATFORM=offscreen python docs/make_i18n_screenshots.py docs/screenshots/i18n

The window as a user sees it with the demo dataset chosen (its data check done), in
Chinese at 1600x1000 and 1280x800 and in English at 1280x800, one PNG per settings tab
(each beside another main tab) and per dialog: look at them for clipped or cut texts.
Fonts are the system's: without a CJK font (Debian/Ubuntu: ``fonts-noto-cjk``) Chinese
renders as boxes.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

# (file stem, settings tab, main tab); the tabs by index (settings: 0 Data, 1 Augmentation,
# 2 Model, 3 Fit options, 4 Runs; main: 0 preview, 1 Training, 2 Batches, 3 Evaluation,
# 4 Improve the data, 5 Predict, 6 Compare runs).
WINDOW_SHOTS = {
    ("zh_CN", "1600x1000"): [("data-preview", 0, 0), ("fit-options-evaluation", 3, 3)],
    ("zh_CN", "1280x800"): [("data-preview", 0, 0), ("augmentation-training", 1, 1),
                            ("model-batches", 2, 2), ("fit-options-improve", 3, 4),
                            ("runs-predict", 4, 5)],
    ("en", "1280x800"): [("data-preview", 0, 0), ("fit-options-evaluation", 3, 3)],
}
DIALOG_SHOTS = {("zh_CN", "1280x800"): ["export", "loader", "resume"],
                ("en", "1280x800"): ["export"]}


def settle(app, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def shoot(app, language: str, size: str, out: Path, scratch: Path) -> list[Path]:
    from fitgen_gui.core.run_dir import RunDir
    from fitgen_gui.data.demo_dataset import write_demo_dataset
    from fitgen_gui.ui.dialogs.export_dialog import ExportDialog
    from fitgen_gui.ui.dialogs.loader_dialog import LoaderDialog
    from fitgen_gui.ui.dialogs.resume_dialog import ResumeDialog
    from fitgen_gui.ui.main_window import MainWindow
    from fitgen_gui.ui.shell.language import install_translators

    install_translators(app, language)
    width, height = (int(v) for v in size.split("x"))
    data = write_demo_dataset(scratch / f"shapes-{language}-{size}",
                              counts={"train": 12, "val": 4})
    window = MainWindow(workspace=str(scratch / "runs"))
    window.resize(width, height)
    window.show()
    window.data_panel.train_dir.edit.setText(str(data / "train"))
    window.data_panel.train_dir.edit.editingFinished.emit()
    window.data_panel.validation.folder.edit.setText(str(data / "val"))
    window.data_panel.validation.folder.edit.editingFinished.emit()
    project = window.project
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (project.checking or project.report is None):
        settle(app, 1)
    settle(app, 200)  # the preview's first batch
    written = []
    for stem, settings_tab, main_tab in WINDOW_SHOTS.get((language, size), []):
        window.settings_tabs.setCurrentIndex(settings_tab)
        window.main_tabs.setCurrentIndex(main_tab)
        settle(app)
        path = out / f"{language}-{size}-{stem}.png"
        window.grab().save(str(path))
        written.append(path)
    makers = {
        "export": lambda: ExportDialog(window.models.choice, window.models.work, window),
        "loader": lambda: LoaderDialog(window, window.tasks, project.config, project.update,
                                       ""),
        "resume": lambda: ResumeDialog(RunDir(scratch / "runs" / "demo"), 10, window),
    }
    for name in DIALOG_SHOTS.get((language, size), []):
        dialog = makers[name]()
        dialog.show()
        settle(app)
        path = out / f"{language}-{size}-dialog-{name}.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
    window.models.shutdown()
    window.tasks.shutdown()
    window.close()
    window.deleteLater()
    settle(app)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the folder for the PNGs")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="fitgen-i18n-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ["XDG_CACHE_HOME"] = str(scratch / "cache")

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("FitGenShots")
    app.setApplicationName("FitGenShots")
    keys = sorted(set(WINDOW_SHOTS) | set(DIALOG_SHOTS), key=lambda k: (k[0] != "zh_CN", k))
    for language, size in keys:
        for path in shoot(app, language, size, out, scratch):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
