"""Render resources/icons/fitgen.svg into the PNG sizes, .ico and .icns the bundle and the
menu entry use. Run after changing the SVG: ``python packaging/make_icons.py``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "fitgen.svg"))
    if not renderer.isValid():
        raise SystemExit(f"{ICONS / 'fitgen.svg'} is not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = ICONS / f"fitgen-{size}.png"
        image.save(str(path))
        written.append(path)
    largest = Image.open(ICONS / "fitgen-512.png")
    largest.save(ICONS / "fitgen.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    largest.save(ICONS / "fitgen.icns")
    del app
    print("Wrote " + ", ".join(p.name for p in written) + ", fitgen.ico, fitgen.icns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
