"""The window's menus. Actions are enabled only when they can act; otherwise their tip says
why (Stop: "Nothing is training"; Resume…: "Open a run in the Runs tab...")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

__all__ = ["QUICK_GUIDE", "WindowActions"]

QUICK_GUIDE = """<h3>FitGen in six steps</h3>
<ol>
<li><b>Data</b>: choose the training folder (one sub-folder per class: <i>cats/</i>,
<i>dogs/</i>...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.</li>
<li><b>Augmentation</b>: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.</li>
<li><b>Model</b>: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.</li>
<li><b>Fit options</b>: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.</li>
<li>Press <b>Start training</b> (F5). The plots and the console follow every batch.
<b>Stop</b> keeps a checkpoint; <b>Resume…</b> continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.</li>
<li><b>Evaluate</b> (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). <b>Predict</b>: drop new
images on the Predict tab. <b>Model ▸ Export…</b> writes the model for other programs, each
format checked to predict what FitGen predicts.</li>
</ol>
<p>When Start is greyed out, the red line under it says what to fix first.</p>
<p>The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see <i>docs/python-data-file.md</i>).</p>"""


class WindowActions:
    """Menus and actions of the main window.

    Parameters
    ----------
    window
        The main window.
    handlers
        The callables behind the actions, by name (``new_project``, ``start``...).
    can
        ``can["start"]()`` -> (enabled, why) for the actions that depend on state.
    """

    def __init__(self, window: QMainWindow, handlers: dict[str, Callable[[], Any]],
                 can: dict[str, Callable[[], tuple[bool, str]]], recent: Callable[[], list[str]],
                 open_recent: Callable[[str], Any]) -> None:
        self.window = window
        self._can = can
        self._recent, self._open_recent = recent, open_recent
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        self.add(file_menu, "&New project", "action.new_project", handlers["new_project"],
                 QKeySequence.StandardKey.New)
        self.add(file_menu, "&Open project…", "action.open_project", handlers["open_project"],
                 QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Recent projects")
        self.recent_menu.setObjectName("menu.recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.add(file_menu, "&Save project", "action.save_project", handlers["save_project"],
                 QKeySequence.StandardKey.Save)
        self.add(file_menu, "Save project &as…", "action.save_project_as",
                 handlers["save_project_as"], QKeySequence.StandardKey.SaveAs)
        file_menu.addSeparator()
        self.add(file_menu, "Choose training &folder…", "action.open_folder",
                 handlers["open_folder"])
        self.add(file_menu, "Runs &workspace folder…", "action.workspace", handlers["workspace"])
        file_menu.addSeparator()
        self.add(file_menu, "&Quit", "action.quit", window.close, QKeySequence.StandardKey.Quit)
        run_menu = bar.addMenu("&Run")
        self.start = self.add(run_menu, "&Start training", "action.start", handlers["start"],
                              "F5")
        self.stop = self.add(run_menu, "S&top", "action.stop", handlers["stop"], "Shift+F5")
        self.resume = self.add(run_menu, "&Resume…", "action.resume", handlers["resume"])
        model_menu = bar.addMenu("&Model")
        self.evaluate = self.add(model_menu, "&Evaluate", "action.evaluate",
                                 handlers["evaluate"], "F6")
        self.add(model_menu, "&Predict images…", "action.predict", handlers["predict"])
        self.export = self.add(model_menu, "E&xport…", "action.export", handlers["export"])
        help_menu = bar.addMenu("&Help")
        self.add(help_menu, "&Quick guide", "action.guide", self.show_guide, "F1")
        self.add(help_menu, "&About FitGen", "action.about", self._about)
        self.refresh()

    def add(self, menu: QMenu, text: str, name: str, slot: Callable[[], Any],
            shortcut: Any = None) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        return action

    def refresh(self) -> None:
        """Enable each run action only when it can act, with the reason in its tip."""
        for name, action in (("start", self.start), ("stop", self.stop),
                             ("resume", self.resume), ("evaluate", self.evaluate),
                             ("export", self.export)):
            enabled, why = self._can[name]()
            action.setEnabled(enabled)
            action.setToolTip(why)
            action.setStatusTip(why)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not self._recent():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def show_guide(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, "Quick guide", QUICK_GUIDE,
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("dialog.guide")
        box.open()
        return box

    def _about(self) -> None:
        from fitgen_gui import __version__

        QMessageBox.about(self.window, "About FitGen",
                          f"FitGen {__version__}\nTrain image classifiers from folders of "
                          "images.\nKeras 2's fit_generator and ImageDataGenerator, on "
                          "Keras 3.")
