"""Listing a class-per-folder image tree in Keras 2's order.

Classes are the sorted sub-folder names; inside a class folder, files are found
recursively, folders sorted by path and files by name, as ``flow_from_directory`` did, so
``classes``, ``filenames`` and label arrays match Keras 2 file for file.

Where Keras 2 tripped, this does not: hidden entries (``.DS_Store``, ``._photo.jpg``,
``.ipynb_checkpoints``) are ignored rather than read as images or classes, and following
links never loops on a link that points back up the tree.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from fitgen_gui.data.image_io import IMAGE_EXTENSIONS

__all__ = ["FolderScan", "is_hidden", "list_class_names", "scan_class_folders"]


def is_hidden(name: str) -> bool:
    """Hidden or system entries that are never images or classes."""
    return name.startswith((".", "~$")) or name.lower() in {"thumbs.db", "desktop.ini"}


def list_class_names(directory: str) -> list[str]:
    """Sorted names of the (non-hidden) sub-folders of ``directory``."""
    try:
        with os.scandir(directory) as entries:
            return sorted(
                e.name for e in entries if not is_hidden(e.name) and e.is_dir()
            )
    except FileNotFoundError:
        raise FileNotFoundError(
            f"Folder '{directory}' does not exist. Choose the folder that holds one "
            "sub-folder per class."
        ) from None
    except NotADirectoryError:
        raise NotADirectoryError(
            f"'{directory}' is a file, not a folder. Choose the folder that holds one "
            "sub-folder per class."
        ) from None


@dataclass
class FolderScan:
    """The result of scanning a class-per-folder tree.

    Attributes
    ----------
    filenames
        Paths relative to the root, ``"<class>/<sub/dirs>/<file>"``, in Keras 2's order.
    classes
        Class index of each file.
    class_names
        Class names, index order.
    link_loops
        Folders skipped because a link led back to a folder already visited.
    """

    filenames: list[str] = field(default_factory=list)
    classes: list[int] = field(default_factory=list)
    class_names: list[str] = field(default_factory=list)
    link_loops: list[str] = field(default_factory=list)


def _walk_class(
    root: str, class_name: str, extensions: tuple[str, ...], follow_links: bool
) -> tuple[list[str], list[str]]:
    """Relative file names of one class folder, in Keras 2's order, and link loops met."""
    base = os.path.join(root, class_name)
    if not os.path.isdir(base):
        return [], []
    found: list[tuple[str, list[str]]] = []
    loops: list[str] = []
    seen = {os.path.realpath(base)} if follow_links else set()
    for dirpath, dirnames, files in os.walk(base, followlinks=follow_links):
        kept = []
        for name in dirnames:
            if is_hidden(name):
                continue
            if follow_links:
                real = os.path.realpath(os.path.join(dirpath, name))
                if real in seen:
                    loops.append(os.path.join(dirpath, name))
                    continue
                seen.add(real)
            kept.append(name)
        dirnames[:] = kept
        names = sorted(f for f in files if f.lower().endswith(extensions) and not is_hidden(f))
        found.append((dirpath, names))
    found.sort(key=lambda item: item[0])  # Keras sorts os.walk's output by folder path
    relative = []
    for dirpath, names in found:
        sub = os.path.relpath(dirpath, base)
        for name in names:
            path = name if sub == "." else os.path.join(sub, name)
            relative.append(os.path.join(class_name, path))
    return relative, loops


def scan_class_folders(
    directory: str,
    classes: Sequence[str] | None = None,
    *,
    extensions: Iterable[str] = IMAGE_EXTENSIONS,
    split: tuple[float, float] | None = None,
    follow_links: bool = False,
    missing_ok: bool = False,
) -> FolderScan:
    """Scan ``directory`` for images, one sub-folder per class, in Keras 2's order.

    Parameters
    ----------
    directory
        The root folder.
    classes
        Class folder names to use, in index order; default: every sub-folder, sorted.
    extensions
        Accepted file extensions (lower case, with the dot).
    split
        ``(start, stop)`` fractions of each class's files to keep (validation_split).
    follow_links
        Follow symbolic links to folders.
    missing_ok
        A class of ``classes`` without a folder has no files (instead of an error): a
        validation folder may lack a class and keep the training's class indices.
    """
    class_names = list(classes) if classes else list_class_names(directory)
    for name in class_names:
        if not missing_ok and not os.path.isdir(os.path.join(directory, name)):
            raise FileNotFoundError(
                f"Class folder '{name}' is not in '{directory}'. Check the class names, or "
                "leave `classes` empty to use every sub-folder."
            )
    extensions = tuple(e.lower() for e in extensions)
    scan = FolderScan(class_names=class_names)
    workers = min(8, max(1, len(class_names)))
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(
            lambda name: _walk_class(directory, name, extensions, follow_links), class_names
        ))
    for index, (files, loops) in enumerate(results):
        if split:
            start, stop = int(split[0] * len(files)), int(split[1] * len(files))
            files = files[start:stop]
        scan.filenames.extend(files)
        scan.classes.extend([index] * len(files))
        scan.link_loops.extend(loops)
    return scan
