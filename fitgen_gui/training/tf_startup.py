"""Importing Keras and TensorFlow without their start-up noise.

TensorFlow's C++ side prints "Could not find cuda drivers", "cuInit failed" and
"All log messages before absl::InitializeLog()" straight to the stderr file descriptor
while it loads, before ``TF_CPP_MIN_LOG_LEVEL`` takes effect. On a CPU-only lab computer
these read like errors. The import runs with file descriptor 2 pointed at the null
device; Python errors still surface as exceptions.
"""

from __future__ import annotations

import contextlib
import os
import sys

__all__ = ["import_keras_quietly"]


def import_keras_quietly() -> None:
    """Import ``keras`` (and TensorFlow behind it) with C++ start-up messages hidden."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "keras" in sys.modules or os.environ.get("FITGEN_TF_VERBOSE"):
        import keras
        return
    try:
        saved = os.dup(2)
    except OSError:  # no stderr descriptor (a windowed app)
        import keras
        return
    try:
        with open(os.devnull, "w") as null:
            with contextlib.suppress(Exception):
                sys.stderr.flush()
            os.dup2(null.fileno(), 2)
            try:
                import keras

                if keras.backend.backend() == "tensorflow":
                    import tensorflow as tf

                    tf.config.list_physical_devices("GPU")  # the CUDA probe prints here
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)
