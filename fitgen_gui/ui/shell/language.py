"""The app's language: English (the source texts) or Simplified Chinese (zh_CN).

The choice is *Settings ▸ Language* kept in QSettings (``ui/language``: ``""`` follows the
system, ``"en"``, ``"zh_CN"``); without one the system locale decides (``LANG=zh_CN.UTF-8``
gives Chinese). It is applied once, at start, before any widget exists: Qt's translators
cannot retitle widgets already built, so a change takes effect on the next start and the
menu says so. Two translators are installed: FitGen's own ``fitgen_<lang>.qm`` (built by
``make translations`` from ``resources/translations/*.ts``) and Qt's ``qtbase_<lang>.qm``
from the PySide6 wheel (the standard buttons and dialogs: OK, Cancel, file dialogs).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

__all__ = [
    "LANGUAGES",
    "RESTART_NOTE",
    "chosen_language",
    "install_translators",
    "set_language",
    "translations_dir",
]

#: The languages offered in *Settings ▸ Language*: code -> name in that language.
LANGUAGES = {"en": "English", "zh_CN": "中文"}
SETTINGS_KEY = "ui/language"
RESTART_NOTE = QT_TRANSLATE_NOOP(
    "WindowActions", "The language changes when FitGen is started again."
)

_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def translations_dir() -> Path | None:
    """The folder holding ``fitgen_*.qm`` (source checkout, bundle or pip install)."""
    from fitgen_gui.core.resources import resources_dir

    try:
        folder = resources_dir() / "translations"
    except FileNotFoundError:
        return None
    return folder if folder.is_dir() else None


def chosen_language(settings: QSettings | None = None) -> str:
    """``"zh_CN"`` or ``"en"``: the saved choice, else the system locale's."""
    saved = str((settings or QSettings()).value(SETTINGS_KEY, "") or "")
    if saved in LANGUAGES:
        return saved
    name = QLocale.system().name()  # "zh_CN", "zh_TW", "en_US"...
    return "zh_CN" if name.startswith("zh") else "en"


def set_language(code: str, settings: QSettings | None = None) -> None:
    """Save ``code`` (``""`` = follow the system); it applies at the next start."""
    (settings or QSettings()).setValue(SETTINGS_KEY, code)


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Install FitGen's and Qt's translators for ``language`` (default: the chosen one).

    Returns the language in effect; English needs no translator. A missing ``.qm`` leaves
    the texts English rather than failing the start.
    """
    language = language or chosen_language()
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        return "en"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_dir)]
    folder = translations_dir()
    if folder is not None:
        candidates.append((f"fitgen_{language}", str(folder)))
    for name, where in candidates:
        translator = QTranslator(app)
        if translator.load(name, where):
            app.installTranslator(translator)
            _installed.append(translator)
    return language
