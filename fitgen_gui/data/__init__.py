"""Data: folder scanning, decoding, ``ImageDataGenerator`` and its PyDataset iterators.

Names load their module on first use, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "ImageDataGenerator": "fitgen_gui.data.image_data_generator",
    "Iterator": "fitgen_gui.data.iterators",
    "NumpyArrayIterator": "fitgen_gui.data.iterators",
    "DirectoryIterator": "fitgen_gui.data.file_iterators",
    "DataFrameIterator": "fitgen_gui.data.file_iterators",
    "read_image": "fitgen_gui.data.image_io",
    "ImageReadError": "fitgen_gui.data.image_io",
    "IMAGE_EXTENSIONS": "fitgen_gui.data.image_io",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
