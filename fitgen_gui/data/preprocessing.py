"""How an image becomes a model's input: the spec that ``preprocessing.json`` declares.

A FitGen model takes RGB (or grayscale) pixels 0-255 at the run's image size; everything
else (scaling, normalization, resizing to the network's own size) is inside the model.
``Preprocessing`` says the rest: the size, the channels, the Pillow filter that resizes a
decoded image, and the conversions FitGen applies before (EXIF orientation, transparency
on white). :func:`load_for_model` is FitGen's own loading of that spec, the one its
evaluation and prediction use; an exported model's README shows the same in ten lines.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fitgen_gui.core.config import RunConfig

__all__ = ["Preprocessing", "load_for_model"]


@dataclass
class Preprocessing:
    """What a model's input is and how an image file becomes it."""

    input_size: list[int]  # [height, width]
    channels: str = "RGB"  # "RGB", "L" (grayscale) or "RGBA"
    value_range: list[float] = field(default_factory=lambda: [0.0, 255.0])
    dtype: str = "float32"
    resize: str = "bilinear"  # a Pillow filter name
    keep_aspect_ratio: bool = False  # centre-crop to the input's shape before resizing
    exif_transpose: bool = True  # turn photos upright by their EXIF orientation first
    alpha: str = "composite on white"  # transparent areas, before dropping the alpha
    fast_resize: bool = False  # the run read images with OpenCV (differs from this spec)

    @classmethod
    def from_config(cls, config: RunConfig) -> Preprocessing:
        data = config.data
        channels = {"rgb": "RGB", "grayscale": "L", "rgba": "RGBA"}[data.color_mode]
        return cls([int(v) for v in data.target_size], channels, resize=data.interpolation,
                   keep_aspect_ratio=data.keep_aspect_ratio, fast_resize=data.fast_resize)

    @property
    def color_mode(self) -> str:
        return {"RGB": "rgb", "L": "grayscale", "RGBA": "rgba"}[self.channels]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("fast_resize")
        return out

    def write(self, path: str | Path) -> None:
        from fitgen_gui.core.run_dir import write_atomic

        write_atomic(path, json.dumps(self.to_dict(), indent=2) + "\n")

    @classmethod
    def read(cls, path: str | Path) -> Preprocessing:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def load_for_model(path: str, spec: Preprocessing) -> np.ndarray:
    """One image file as the model's input under ``spec``: uint8 (H, W, C)."""
    from fitgen_gui.data.image_io import read_image, read_image_resized

    size = (int(spec.input_size[0]), int(spec.input_size[1]))
    if not spec.fast_resize:
        return read_image_resized(path, spec.color_mode, size, spec.resize,
                                  keep_aspect_ratio=spec.keep_aspect_ratio)
    import cv2

    from fitgen_gui.data.file_iterators import INTERPOLATIONS

    image = read_image(path, spec.color_mode, min_size=size)
    out = cv2.resize(image, (size[1], size[0]), interpolation=INTERPOLATIONS[spec.resize])
    return out if out.ndim == 3 else out[..., None]
