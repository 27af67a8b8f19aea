"""The Chinese translation is complete and is what the window shows (issue 29).

A text marked for translation but missing from the committed ``.ts`` (someone added a
``self.tr("...")`` and did not run ``make translations``), or present without a Chinese
translation, fails here; so does a window that stays English with the Chinese translator
installed, or one that is not English without it.
"""

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "fitgen_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
# The venv's own (next to its python) before any on PATH.
LUPDATE = (str(Path(sys.executable).with_name("pyside6-lupdate"))
           if Path(sys.executable).with_name("pyside6-lupdate").exists()
           else shutil.which("pyside6-lupdate") or "pyside6-lupdate")

# The English of today's window: the tabs and the menu bar's titles.
ENGLISH_SETTINGS_TABS = ["Data", "Augmentation", "Model", "Fit options", "Runs"]
ENGLISH_MAIN_TABS = ["Augmentation preview", "Training", "Batches", "Evaluation",
                     "Improve the data", "Predict"]
ENGLISH_MENUS = ["&File", "&Run", "&Model", "&Settings", "&Help"]


def messages(ts_path: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source text) -> its ``<translation>`` element."""
    found = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


def test_every_text_of_the_committed_ts_is_translated():
    unfinished = []
    for (context, source), translation in messages(TS).items():
        text = "".join(translation.itertext()).strip()
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            unfinished.append(f"{context}: {source!r}")
    assert not unfinished, f"{len(unfinished)} texts without Chinese: {unfinished[:10]}"


def test_every_setting_text_of_core_config_is_in_the_ts():
    spec = importlib.util.spec_from_file_location(
        "make_setting_texts", TRANSLATIONS / "make_setting_texts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    known = {source for context, source in messages(TS) if context == "Setting"}
    missing = [text for text in module.setting_texts() if text not in known]
    assert not missing, f"run `make translations`: {missing[:10]}"


def test_every_marked_source_text_is_in_the_committed_ts(tmp_path):
    if not Path(LUPDATE).exists():
        pytest.skip("pyside6-lupdate is not installed (it ships in the PySide6 wheel)")
    sources = sorted(str(p) for p in (ROOT / "fitgen_gui" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "fitgen_gui" / "app.py"))
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run([LUPDATE, "-no-obsolete", "-locations", "none", *sources, "-ts",
                    str(fresh)], check=True, capture_output=True, timeout=120)
    committed = messages(TS)
    missing = [f"{context}: {source!r}" for context, source in messages(fresh)
               if (context, source) not in committed]
    assert not missing, f"run `make translations`; not in {TS.name}: {missing[:10]}"


def window_texts(window) -> tuple[list[str], list[str], list[str]]:
    settings = [window.settings_tabs.tabText(i) for i in range(window.settings_tabs.count())]
    main = [window.main_tabs.tabText(i) for i in range(window.main_tabs.count())]
    menus = [action.text() for action in window.menuBar().actions() if action.menu()]
    return settings, main, menus


def build_window(qtbot, tmp_path):
    from fitgen_gui.ui.main_window import MainWindow

    main = MainWindow(workspace=str(tmp_path / "runs"))
    qtbot.addWidget(main)
    return main


def close_window(main):
    main.models.shutdown()
    main.tasks.shutdown()


def test_with_the_chinese_translator_the_tabs_and_menus_are_chinese(qapp, qtbot, tmp_path):
    from fitgen_gui.ui.shell.language import install_translators

    assert install_translators(qapp, "zh_CN") == "zh_CN"
    try:
        main = build_window(qtbot, tmp_path)
        settings, tabs, menus = window_texts(main)
        english = [t for t in settings + tabs + menus if not CJK.search(t)]
        assert not english, f"still English with zh_CN: {english}"
        titles = [m.title() for m in main.menuBar().findChildren(QMenu) if m.title()]
        assert titles and all(CJK.search(t) for t in titles), titles
        close_window(main)
    finally:
        install_translators(qapp, "en")


def test_with_english_the_tabs_and_menus_are_as_today(qapp, qtbot, tmp_path):
    from fitgen_gui.ui.shell.language import install_translators

    assert install_translators(qapp, "en") == "en"
    main = build_window(qtbot, tmp_path)
    settings, tabs, menus = window_texts(main)
    assert settings == ENGLISH_SETTINGS_TABS
    assert tabs == ENGLISH_MAIN_TABS
    assert menus == ENGLISH_MENUS
    close_window(main)
