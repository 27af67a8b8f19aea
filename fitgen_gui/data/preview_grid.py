"""Showing a batch as people see it: images made displayable, labels named, a grid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = ["batch_labels", "displayable", "make_grid", "save_grid"]


def displayable(image: np.ndarray, data_format: str = "channels_last") -> np.ndarray:
    """A model input image as uint8 RGB (H, W, 3) for the screen.

    Pixel values are shown as they are when they look like 0-255 or 0-1; normalized values
    (negative, or beyond 255) are stretched from their min to their max.
    """
    x = np.asarray(image, dtype=np.float32)
    if data_format == "channels_first":
        x = np.moveaxis(x, 0, -1)
    low, high = float(x.min()), float(x.max())
    if low >= 0 and high <= 1.0 + 1e-6:
        x = x * 255.0
    elif low < 0 or high > 255:
        x = (x - low) * (255.0 / ((high - low) or 1.0))
    x = np.clip(x + 0.5, 0, 255).astype(np.uint8)
    if x.shape[-1] == 1:
        x = np.repeat(x, 3, axis=-1)
    elif x.shape[-1] == 4:
        x = x[..., :3]
    return x


def batch_labels(targets: Any, class_names: Sequence[str], class_mode: str | None) -> list[str]:
    """Class names of a batch's targets: one-hot (or soft) rows by their largest entry,
    class numbers and 0/1 targets by their value. Targets that are not whole numbers (a
    generator's mistake) are shown as they are, not rounded into a class."""
    if targets is None or class_mode in (None, "input"):
        return []
    y = np.asarray(targets)
    if y.ndim == 2 and y.shape[1] > 1:
        indices = y.argmax(axis=1)
    else:
        values = y.reshape(len(y), -1)[:, 0]
        whole = np.rint(values)
        if not np.array_equal(whole, values):
            return [f"{v:g}" for v in values]
        indices = whole.astype(int)
    return [class_names[i] if 0 <= i < len(class_names) else str(i) for i in indices]


def make_grid(images: Sequence[np.ndarray], labels: Sequence[str] = (), *, columns: int = 8,
              scale: int = 1, gap: int = 4) -> np.ndarray:
    """A grid of uint8 RGB images, each with its label below (uint8 RGB array)."""
    count = len(images)
    if count == 0:
        raise ValueError("make_grid needs at least one image.")
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    h, w = images[0].shape[:2]
    cell_h, cell_w = h * scale, w * scale
    label_h = 14 if labels else 0
    canvas = Image.new("RGB", (columns * (cell_w + gap) + gap,
                               rows * (cell_h + label_h + gap) + gap), (250, 250, 250))
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default()
    for i, image in enumerate(images):
        r, c = divmod(i, columns)
        x0, y0 = gap + c * (cell_w + gap), gap + r * (cell_h + label_h + gap)
        tile = Image.fromarray(image)
        if scale != 1:
            tile = tile.resize((cell_w, cell_h), Image.NEAREST)
        canvas.paste(tile, (x0, y0))
        if labels:
            text = str(labels[i])
            while text and draw.textlength(text, font=font) > cell_w:
                text = text[:-1]
            draw.text((x0, y0 + cell_h + 1), text, fill=(30, 30, 30), font=font)
    return np.asarray(canvas)


def save_grid(path: str, batch: Any, class_names: Sequence[str], class_mode: str | None, *,
              data_format: str = "channels_last", columns: int = 8,
              captions: Sequence[str] | None = None) -> int:
    """Save one batch (``x`` or ``(x, y[, w])``) as a grid labelled with its classes (or with
    ``captions``, one per image); return the image count."""
    x, y = (batch[0], batch[1]) if isinstance(batch, tuple) else (batch, None)
    images = [displayable(image, data_format) for image in x]
    scale = max(1, 96 // max(images[0].shape[:2]))
    labels = captions if captions is not None else batch_labels(y, class_names, class_mode)
    grid = make_grid(images, labels, columns=columns, scale=scale)
    Image.fromarray(grid).save(path)
    return len(images)
