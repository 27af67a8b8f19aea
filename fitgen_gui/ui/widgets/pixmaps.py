"""QPixmaps of the image arrays FitGen shows (previews, batches, galleries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QImage, QPixmap

if TYPE_CHECKING:  # numpy is imported where arrays are used: not before the window shows
    import numpy as np

__all__ = ["pixmap_of", "rgb_of"]


def rgb_of(image: np.ndarray) -> np.ndarray:
    """A (H, W, 1 or 3) uint8 image as (H, W, 3): a grey one's channel three times."""
    import numpy as np

    return image if image.shape[-1] == 3 else np.repeat(image[..., :1], 3, axis=-1)


def pixmap_of(image: np.ndarray) -> QPixmap:
    """A QPixmap of a uint8 RGB (H, W, 3) array."""
    import numpy as np

    image = np.ascontiguousarray(image)
    height, width = image.shape[:2]
    qimage = QImage(image.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(qimage.copy())
