"""pyqtgraph drawings: the training curves, the input meter's strips, the confusion matrix."""
