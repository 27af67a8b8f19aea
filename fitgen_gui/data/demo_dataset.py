"""The built-in demo dataset: circles, squares and triangles on noisy backgrounds.

Generated, deterministic, small (64x64 PNGs), and learnable by the small CNN on a CPU in
well under a minute, so the app and the CLI can be tried without any data of one's own.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import cv2
import numpy as np

__all__ = ["CLASSES", "default_demo_dir", "ensure_demo_dataset", "write_demo_dataset"]

CLASSES = ("circle", "square", "triangle")
_SIZE = 64
_COUNTS = {"train": 120, "val": 40}
_VERSION = "1"


def _shape_image(kind: str, rng: np.random.Generator) -> np.ndarray:
    background = rng.integers(40, 200, 3)
    image = np.clip(background + rng.normal(0, 12, (_SIZE, _SIZE, 3)), 0, 255).astype(np.uint8)
    # A few random lines as clutter, so the task is not trivial.
    for _ in range(int(rng.integers(0, 2))):
        p1, p2 = rng.integers(0, _SIZE, 2), rng.integers(0, _SIZE, 2)
        cv2.line(image, tuple(map(int, p1)), tuple(map(int, p2)),
                 tuple(int(c) for c in rng.integers(0, 255, 3)), 1, cv2.LINE_AA)
    colour = rng.integers(0, 255, 3)
    while np.abs(colour - background).sum() < 200:  # the shape stands out from its ground
        colour = rng.integers(0, 255, 3)
    colour = tuple(int(c) for c in colour)
    radius = float(rng.uniform(0.24, 0.40)) * _SIZE
    cx, cy = rng.uniform(radius + 2, _SIZE - radius - 2, 2)
    if kind == "circle":
        cv2.circle(image, (round(cx), round(cy)), round(radius), colour, -1, cv2.LINE_AA)
    else:
        corners = 4 if kind == "square" else 3
        # Upright shapes, tilted a little: learnable in seconds, not trivially.
        upright = math.pi / 4 if corners == 4 else -math.pi / 2
        start = upright + rng.uniform(-0.25, 0.25)
        points = np.array([
            (cx + radius * math.cos(start + 2 * math.pi * k / corners),
             cy + radius * math.sin(start + 2 * math.pi * k / corners))
            for k in range(corners)
        ], dtype=np.int32)
        cv2.fillPoly(image, [points], colour, cv2.LINE_AA)
    return image


def write_demo_dataset(directory: str | os.PathLike, seed: int = 0,
                       counts: dict[str, int] | None = None) -> Path:
    """Write ``train/`` and ``val/`` folders of the demo dataset into ``directory``.

    ``counts`` gives images per class for each split (default: 120 train, 40 val).
    """
    root = Path(directory)
    rng = np.random.default_rng(seed)
    counts = counts or _COUNTS
    for split, count in counts.items():
        for kind in CLASSES:
            folder = root / split / kind
            folder.mkdir(parents=True, exist_ok=True)
            for i in range(count):
                image = _shape_image(kind, rng)
                cv2.imwrite(str(folder / f"{kind}_{i:03d}.png"),
                            cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
    listed = "; ".join(f"{split}: {count} images per class" for split, count in counts.items())
    (root / "README.txt").write_text(
        f"FitGen demo dataset: 3 classes (circle, square, triangle), 64x64 images.\n{listed}\n",
        encoding="utf-8")
    (root / ".fitgen-demo").write_text(_VERSION, encoding="utf-8")
    return root


def default_demo_dir() -> Path:
    """Where the app keeps its demo dataset (the user's cache folder)."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "fitgen" / "demo"


def ensure_demo_dataset(directory: str | os.PathLike | None = None) -> Path:
    """The demo dataset's folder, written first if it is missing or outdated."""
    root = Path(directory) if directory else default_demo_dir()
    marker = root / ".fitgen-demo"
    if not (marker.is_file() and marker.read_text(encoding="utf-8") == _VERSION):
        write_demo_dataset(root)
    return root
