"""What the Data panel shows of the chosen folders: classes, counts, a thumbnail each.

Made from the same walk as the data check and the iterators (``walk_folders``), which it
keeps, so a later check or training need not walk the folders again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import cv2
import numpy as np

from fitgen_gui.data.data_check import walk_folders
from fitgen_gui.data.folder_scan import ClassTree
from fitgen_gui.data.image_io import IMAGE_EXTENSIONS, ImageReadError, read_image

__all__ = ["FolderSummary", "summarize_folders", "thumbnail"]

THUMBNAIL = 40


@dataclass
class FolderSummary:
    """Classes of the chosen folders, with counts and one thumbnail each."""

    classes: list[str]
    train_counts: dict[str, int]
    val_counts: dict[str, int]
    thumbnails: dict[str, np.ndarray]
    trees: dict[str, ClassTree] = field(default_factory=dict)


def thumbnail(path: str, size: int = THUMBNAIL) -> np.ndarray | None:
    """A small RGB copy of an image file (longest side ``size``), or None if unreadable.
    JPEGs are decoded at reduced scale: fast enough for galleries of hundreds."""
    try:
        image = read_image(path, min_size=(size, size))
    except ImageReadError:
        return None
    height, width = image.shape[:2]
    scale = size / max(height, width)
    return cv2.resize(image, (max(1, round(width * scale)), max(1, round(height * scale))),
                      interpolation=cv2.INTER_AREA)


def summarize_folders(train_dir: str, val_dir: str | None, *, follow_links: bool = False,
                      extensions: tuple[str, ...] = IMAGE_EXTENSIONS) -> FolderSummary:
    """Walk the folders (a background task): classes, counts, thumbnails, and the walks."""
    trees = walk_folders(train_dir, val_dir, follow_links=follow_links, extensions=extensions)
    train = trees.get("train")
    if train is None:
        raise FileNotFoundError(f"Folder '{train_dir}' does not exist.")
    counts = train.counts()
    val_counts = trees["val"].counts() if "val" in trees else {}
    first: dict[str, str] = {}
    for name, index in zip(train.filenames, train.classes, strict=True):
        first.setdefault(train.class_names[index], name)
    thumbnails = {}
    for cls, name in first.items():
        image = thumbnail(os.path.join(train_dir, name))
        if image is not None:
            thumbnails[cls] = image
    classes = list(train.class_names) + [c for c in val_counts if c not in counts]
    return FolderSummary(classes, counts, val_counts, thumbnails, trees)
