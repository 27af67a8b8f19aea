"""The app's look: a calm light theme, readable sizes, invalid controls marked in red."""

STYLE = """
QMainWindow, QWidget { font-size: 10pt; }
QGroupBox {
    font-weight: 600; border: 1px solid #d6d9de; border-radius: 6px;
    margin-top: 14px; padding: 10px 8px 8px 8px;
}
QGroupBox::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #23395d; }
QTabWidget::pane { border: 1px solid #d6d9de; border-radius: 4px; }
QTabBar::tab { padding: 6px 14px; }
QTabBar::tab:selected { font-weight: 600; color: #1f5fa8; }
QPushButton { padding: 5px 12px; }
QPushButton[primary="true"] {
    background: #1f5fa8; color: white; border: 1px solid #174a84; border-radius: 4px;
    font-weight: 600; padding: 6px 16px;
}
QPushButton[primary="true"]:disabled { background: #9db4d3; border-color: #9db4d3; }
*[invalid="true"] { border: 1px solid #b3261e; background: #fdecea; }
QProgressBar { border: 1px solid #c3c8cf; border-radius: 4px; text-align: center;
               min-height: 20px; }
QProgressBar::chunk { background: #5b8fd1; border-radius: 3px; }
QPlainTextEdit#training\\.console { background: #fbfbfc; }
QTableWidget { gridline-color: #e4e6ea; }
"""
