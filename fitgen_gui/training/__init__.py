"""Training engine: ``fit_generator`` and friends, model builders, runs. No Qt here.

Importing this package does not import Keras or TensorFlow; the names below load their
module on first use, so the app's window can show before TensorFlow loads.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "fit_generator": "fitgen_gui.training.generator_training",
    "evaluate_generator": "fitgen_gui.training.generator_training",
    "predict_generator": "fitgen_gui.training.generator_training",
    "DataExhaustedWarning": "fitgen_gui.training.generator_training",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
