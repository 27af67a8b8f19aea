"""FitGen's icon on the window and its dialogs."""

from fitgen_gui.core.resources import ICON_SIZES


def test_every_window_and_dialog_has_fitgen_s_icon(window):
    from PySide6.QtWidgets import QApplication, QMessageBox

    sizes = {s.width() for s in QApplication.windowIcon().availableSizes()}
    assert set(ICON_SIZES) <= sizes
    assert not window.windowIcon().isNull()
    box = QMessageBox(window)
    assert box.windowIcon().cacheKey() == QApplication.windowIcon().cacheKey()
    assert QApplication.desktopFileName() == "fitgen"
