"""A screenshot of the main window in one language, to look for clipping (issue 29).

    QT_QPA_PLATFORM=offscreen python docs/make_language_screenshot.py zh_CN 1280x800 \
        docs/screenshots/zh_CN-1280x800.png [--tab N]

The window as a first start shows it (no folder chosen), the translator installed the way
the app installs it (``ui/shell/language.install_translators``); ``--tab`` picks the
settings tab (0 Data ... 4 Runs). Fonts are the system's: without a CJK font (Debian/Ubuntu:
``fonts-noto-cjk``) Chinese renders as boxes.
"""

from __future__ import annotations

import argparse
import os
import tempfile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language", help="en or zh_CN")
    parser.add_argument("size", help="WIDTHxHEIGHT, e.g. 1280x800")
    parser.add_argument("out", help="the PNG to write")
    parser.add_argument("--tab", type=int, default=0, help="the settings tab to show")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    scratch = tempfile.mkdtemp(prefix="fitgen-lang-shot-")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(scratch, "config")
    os.environ["XDG_CACHE_HOME"] = os.path.join(scratch, "cache")

    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    app.setOrganizationName("FitGenShots")
    app.setApplicationName("FitGenShots")
    from fitgen_gui.ui.shell.language import install_translators

    install_translators(app, args.language)
    from fitgen_gui.ui.main_window import MainWindow

    window = MainWindow(workspace=os.path.join(scratch, "runs"))
    window.resize(width, height)
    window.settings_tabs.setCurrentIndex(args.tab)
    window.show()
    for _ in range(20):
        app.processEvents()
    ok = window.grab().save(args.out)
    window.models.shutdown()
    window.tasks.shutdown()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
