"""Tiny image trees made by the tests themselves."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image


def natural_image(seed: int, height: int = 48, width: int = 64, channels: int = 3) -> np.ndarray:
    """A smooth image with edges and noise (uint8), more like a photo than pure noise."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    base = []
    for _c in range(channels):
        fx, fy, phase = [*rng.uniform(0.05, 0.3, 2).tolist(), rng.uniform(0, 6)]
        plane = 127 + 80 * np.sin(xs * fx + phase) * np.cos(ys * fy)
        cy, cx, r = rng.uniform(0, height), rng.uniform(0, width), rng.uniform(5, 15)
        plane[(ys - cy) ** 2 + (xs - cx) ** 2 < r * r] = rng.uniform(0, 255)
        base.append(plane)
    image = np.stack(base, axis=-1) + rng.normal(0, 6, (height, width, channels))
    return np.clip(image, 0, 255).astype(np.uint8)


def save(path: Path, pixels: np.ndarray, fmt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels.squeeze()).save(path, format=fmt)
    return path


@pytest.fixture
def image_tree(tmp_path: Path) -> Path:
    """cats (7 images, one in a sub-folder), dogs (5), frogs (4): mixed formats and sizes."""
    root = tmp_path / "train"
    files = {
        "cats": ["c0.png", "c1.jpg", "c2.jpeg", "c3.bmp", "c4.ppm", "sub/c5.png", "c6.tif"],
        "dogs": ["d0.jpg", "d1.png", "d2.tiff", "d3.png", "d4.jpg"],
        "frogs": ["f0.png", "f1.jpg", "f2.png", "f3.jpg"],
    }
    seed = 0
    for cls, names in files.items():
        for name in names:
            seed += 1
            size = (40 + 7 * seed % 30, 50 + 11 * seed % 40)
            save(root / cls / name, natural_image(seed, *size))
    (root / "cats" / "notes.txt").write_text("not an image")
    return root
