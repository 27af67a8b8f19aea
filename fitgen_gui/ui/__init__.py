"""The desktop app: PySide6 widgets, pyqtgraph plots and the training controller."""
