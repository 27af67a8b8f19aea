"""QPixmaps of the image arrays FitGen shows (previews, batches, galleries)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPixmap

__all__ = ["pixmap_of"]


def pixmap_of(image: np.ndarray) -> QPixmap:
    """A QPixmap of a uint8 RGB (H, W, 3) array."""
    image = np.ascontiguousarray(image)
    height, width = image.shape[:2]
    qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(qimage.copy())
