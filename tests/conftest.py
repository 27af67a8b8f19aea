"""Test settings, applied before anything imports Qt or TensorFlow.

Tests make their own tiny data in ``tmp_path``; they never need ``../shared``, the network
or a GPU.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
