"""Data: folder scanning, decoding, ``ImageDataGenerator`` and its PyDataset iterators.

Names load their module on first use, so importing this package stays cheap.
"""

from fitgen_gui.core.lazy import lazy_exports

_EXPORTS = {
    "ImageDataGenerator": "fitgen_gui.data.image_data_generator",
    "Iterator": "fitgen_gui.data.iterators",
    "NumpyArrayIterator": "fitgen_gui.data.iterators",
    "DirectoryIterator": "fitgen_gui.data.file_iterators",
    "DataFrameIterator": "fitgen_gui.data.file_iterators",
    "read_image": "fitgen_gui.data.image_io",
    "ImageReadError": "fitgen_gui.data.image_io",
    "IMAGE_EXTENSIONS": "fitgen_gui.data.image_io",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
