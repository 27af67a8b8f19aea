"""The window's menus. Actions are enabled only when they can act; otherwise their tip says
why (Stop: "Nothing is training"; Resume…: "Open a run in the Runs tab...")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from fitgen_gui.ui.shell.language import LANGUAGES, RESTART_NOTE, chosen_language, set_language

__all__ = ["QUICK_GUIDE", "WindowActions"]

_CONTEXT = "WindowActions"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


QUICK_GUIDE = QT_TRANSLATE_NOOP(
    "WindowActions",
    """<h3>FitGen in six steps</h3>
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
(Data source: A Python data file, see <i>docs/python-data-file.md</i>).</p>""",
)


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

    def __init__(
        self,
        window: QMainWindow,
        handlers: dict[str, Callable[[], Any]],
        can: dict[str, Callable[[], tuple[bool, str]]],
        recent: Callable[[], list[str]],
        open_recent: Callable[[str], Any],
    ) -> None:
        self.window = window
        self._can = can
        self._recent, self._open_recent = recent, open_recent
        bar = window.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("WindowActions", "&File"))
        self.add(
            file_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&New project"),
            "action.new_project",
            handlers["new_project"],
            QKeySequence.StandardKey.New,
        )
        self.add(
            file_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Open project…"),
            "action.open_project",
            handlers["open_project"],
            QKeySequence.StandardKey.Open,
        )
        self.recent_menu = file_menu.addMenu(
            QCoreApplication.translate("WindowActions", "Recent projects")
        )
        self.recent_menu.setObjectName("menu.recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.add(
            file_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Save project"),
            "action.save_project",
            handlers["save_project"],
            QKeySequence.StandardKey.Save,
        )
        self.add(
            file_menu,
            QT_TRANSLATE_NOOP("WindowActions", "Save project &as…"),
            "action.save_project_as",
            handlers["save_project_as"],
            QKeySequence.StandardKey.SaveAs,
        )
        file_menu.addSeparator()
        self.add(
            file_menu,
            QT_TRANSLATE_NOOP("WindowActions", "Choose training &folder…"),
            "action.open_folder",
            handlers["open_folder"],
        )
        self.add(
            file_menu,
            QT_TRANSLATE_NOOP("WindowActions", "Runs &workspace folder…"),
            "action.workspace",
            handlers["workspace"],
        )
        file_menu.addSeparator()
        self.add(
            file_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Quit"),
            "action.quit",
            window.close,
            QKeySequence.StandardKey.Quit,
        )
        run_menu = bar.addMenu(QCoreApplication.translate("WindowActions", "&Run"))
        self.start = self.add(
            run_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Start training"),
            "action.start",
            handlers["start"],
            "F5",
        )
        self.stop = self.add(
            run_menu,
            QT_TRANSLATE_NOOP("WindowActions", "S&top"),
            "action.stop",
            handlers["stop"],
            "Shift+F5",
        )
        self.resume = self.add(
            run_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Resume…"),
            "action.resume",
            handlers["resume"],
        )
        model_menu = bar.addMenu(QCoreApplication.translate("WindowActions", "&Model"))
        self.evaluate = self.add(
            model_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Evaluate"),
            "action.evaluate",
            handlers["evaluate"],
            "F6",
        )
        self.add(
            model_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Predict images…"),
            "action.predict",
            handlers["predict"],
        )
        self.export = self.add(
            model_menu,
            QT_TRANSLATE_NOOP("WindowActions", "E&xport…"),
            "action.export",
            handlers["export"],
        )
        self._add_language_menu(
            bar.addMenu(QCoreApplication.translate("WindowActions", "&Settings"))
        )
        help_menu = bar.addMenu(QCoreApplication.translate("WindowActions", "&Help"))
        self.add(
            help_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&Quick guide"),
            "action.guide",
            self.show_guide,
            "F1",
        )
        self.add(
            help_menu,
            QT_TRANSLATE_NOOP("WindowActions", "&About FitGen"),
            "action.about",
            self._about,
        )
        self.refresh()

    def add(
        self, menu: QMenu, text: str, name: str, slot: Callable[[], Any], shortcut: Any = None
    ) -> QAction:
        action = QAction(_tr(text), self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        return action

    def refresh(self) -> None:
        """Enable each run action only when it can act, with the reason in its tip."""
        for name, action in (
            ("start", self.start),
            ("stop", self.stop),
            ("resume", self.resume),
            ("evaluate", self.evaluate),
            ("export", self.export),
        ):
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
            none_yet = QCoreApplication.translate("WindowActions", "(none yet)")
            self.recent_menu.addAction(none_yet).setEnabled(False)

    def show_guide(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("WindowActions", "Quick guide"),
            _tr(QUICK_GUIDE),
            QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setObjectName("dialog.guide")
        box.open()
        return box

    def _about(self) -> None:
        from fitgen_gui import __version__

        QMessageBox.about(
            self.window,
            QCoreApplication.translate("WindowActions", "About FitGen"),
            QCoreApplication.translate(
                "WindowActions",
                "FitGen {version}\nTrain image classifiers from folders of "
                "images.\nKeras 2's fit_generator and ImageDataGenerator, on "
                "Keras 3.",
            ).format(version=__version__),
        )

    def _add_language_menu(self, settings_menu: QMenu) -> None:
        """*Settings ▸ Language*: English, 中文; saved, applied at the next start."""
        menu = settings_menu.addMenu(QCoreApplication.translate("WindowActions", "&Language"))
        menu.setObjectName("menu.language")
        group = QActionGroup(menu)
        current = chosen_language()
        for code, name in LANGUAGES.items():
            action = menu.addAction(name)  # each language in its own words
            action.setObjectName(f"action.language.{code}")
            action.setCheckable(True)
            action.setChecked(code == current)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self._choose_language(c))
        menu.addSeparator()
        menu.addAction(_tr(RESTART_NOTE)).setEnabled(False)

    def _choose_language(self, code: str) -> None:
        set_language(code)
        self.window.statusBar().showMessage(_tr(RESTART_NOTE), 8000)
