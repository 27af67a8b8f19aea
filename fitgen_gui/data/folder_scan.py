"""The one walker of a class-per-folder image tree, used by the iterators, the data check
and the app's class table, so that all of them count the same files.

Classes are the sorted sub-folder names; inside a class folder, files are found
recursively, folders sorted by path and files by name, as Keras 2's
``flow_from_directory`` did, so ``classes``, ``filenames`` and label arrays match Keras 2
file for file.

Where Keras 2 tripped, this does not, and every case is recorded so the data check can
name the files:

- hidden and system entries (``.DS_Store``, ``._photo.jpg``, ``.ipynb_checkpoints``) are
  neither images nor classes;
- only regular files are images: a named pipe or a link to a device (``/dev/zero``) named
  ``*.jpg`` would hang or fill the memory of whatever reads it;
- following links never loops, and a file reached through a link is never labelled with a
  second class: if its real file already belongs to another class, it is left out;
- a class folder that is itself a link counts only when links are followed (Keras 2
  counted it always; ``class_links=True`` keeps that for library users);
- the fixes journal and the ``_excluded`` folder beside the class folders
  (:mod:`fitgen_gui.core.fixes`) are FitGen's own, never classes or stray files.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from fitgen_gui.core.errors import MissingFolderError, NotAFolderError
from fitgen_gui.core.fixes import RESERVED_NAMES
from fitgen_gui.data.image_io import IMAGE_EXTENSIONS

__all__ = [
    "ClassTree",
    "FolderScan",
    "display_name",
    "fingerprint",
    "is_hidden",
    "list_class_names",
    "scan_class_folders",
    "walk_class_tree",
]

LONG_NAME = 200  # characters of a file name; paths of 260+ fail on Windows
# Characters that change how a name is shown without being seen: controls (newline, tab)
# and bidirectional overrides (a right-to-left override turns "gpj.exe" into "exe.jpg").
_INVISIBLE = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E,
                               0x200F, 0x061C)}


def is_hidden(name: str) -> bool:
    """Hidden or system entries that are never images or classes."""
    return name.startswith((".", "~$")) or name.lower() in {"thumbs.db", "desktop.ini"}


def _odd_characters(name: str) -> bool:
    return any(c in _INVISIBLE or unicodedata.category(c) == "Cc" for c in name)


def display_name(path: str) -> str:
    """``path`` safe to print on one line: control and direction characters escaped."""
    if not _odd_characters(path) and not any(0xDC80 <= ord(c) <= 0xDCFF for c in path):
        return path
    out = []
    for c in path:
        if c in _INVISIBLE or unicodedata.category(c) == "Cc" or 0xDC80 <= ord(c) <= 0xDCFF:
            out.append(c.encode("unicode_escape", "backslashreplace").decode("ascii")
                       if ord(c) < 0xDC80 or ord(c) > 0xDCFF else f"\\x{ord(c) - 0xDC00:02x}")
        else:
            out.append(c)
    return "".join(out)


def bad_name_reason(name: str) -> str | None:
    """Why a file name may cause trouble, or None."""
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in name):  # undecodable bytes (surrogateescape)
        return "not valid UTF-8"
    if _odd_characters(name):
        return "control or text-direction characters"
    if len(name) > LONG_NAME:
        return "very long"
    return None


def _missing(directory: str) -> MissingFolderError:
    return MissingFolderError(
        f"Folder '{directory}' does not exist. Choose the folder that holds one sub-folder "
        "per class.")


@dataclass
class ClassTree:
    """Everything found in a class-per-folder tree; paths other than ``filenames`` are full.

    Attributes
    ----------
    class_names
        Class names, index order.
    filenames
        Image paths relative to the root, ``"<class>/<sub/dirs>/<file>"``, in Keras 2's order.
    classes
        Class index of each of ``filenames``.
    """

    root: str
    class_names: list[str] = field(default_factory=list)
    filenames: list[str] = field(default_factory=list)
    classes: list[int] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)
    root_files: list[str] = field(default_factory=list)
    nested_dirs: list[str] = field(default_factory=list)
    links_not_followed: list[str] = field(default_factory=list)
    link_loops: list[str] = field(default_factory=list)
    special_files: list[str] = field(default_factory=list)
    dangling_links: list[tuple[str, str]] = field(default_factory=list)
    cross_class: list[tuple[str, str, str]] = field(default_factory=list)
    bad_names: list[tuple[str, str]] = field(default_factory=list)
    stats: list[tuple[int, int]] = field(default_factory=list)  # (size, mtime_ns) per file

    def counts(self) -> dict[str, int]:
        """Images per class, every class listed."""
        counts = dict.fromkeys(self.class_names, 0)
        for index in self.classes:
            counts[self.class_names[index]] += 1
        return counts


# Kept for callers of the old name: the iterators' view of a tree.
FolderScan = ClassTree


def _list_root(root: str, tree: ClassTree, class_links: bool) -> list[str]:
    """Class folder names of ``root``; other entries are recorded in ``tree``."""
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except FileNotFoundError:
        raise _missing(root) from None
    except NotADirectoryError:
        raise NotAFolderError(f"'{root}' is a file, not a folder. Choose the folder that "
                              "holds one sub-folder per class.") from None
    classes = []
    for entry in entries:
        if entry.name in RESERVED_NAMES:
            continue  # FitGen's fixes: the journal and the excluded images (core/fixes.py)
        if is_hidden(entry.name):
            tree.hidden.append(entry.path)
        elif entry.is_dir():
            if entry.is_symlink() and not class_links:
                tree.links_not_followed.append(entry.path)
            else:
                classes.append(entry.name)
        else:
            tree.root_files.append(entry.path)
    return classes


def _enters(entry: os.DirEntry, link: bool, follow_links: bool, seen: set[str],
            found: ClassTree) -> bool:
    """Whether to walk a folder met in a class folder; a link not followed and a link
    back to a folder already walked are recorded instead."""
    if link and not follow_links:
        found.links_not_followed.append(entry.path)
        return False
    if link or follow_links:
        real = os.path.realpath(entry.path)
        if real in seen:
            found.link_loops.append(entry.path)
            return False
        seen.add(real)
    return True


def _is_image(entry: os.DirEntry, link: bool, extensions: tuple[str, ...],
              found: ClassTree) -> bool:
    """Whether a file met in a class folder is an image to train on; anything else
    (another extension, a dangling link, a special file) is recorded, and so is a name
    that will cause trouble."""
    if not entry.name.lower().endswith(extensions):
        found.other_files.append(entry.path)
        return False
    if not entry.is_file():
        if link and not os.path.exists(entry.path):
            found.dangling_links.append((entry.path, os.readlink(entry.path)))
        else:
            found.special_files.append(entry.path)
        return False
    reason = bad_name_reason(entry.name)
    if reason:
        found.bad_names.append((entry.path, reason))
    return True


def _stat_of(entry: os.DirEntry) -> tuple[int, int]:
    """Size and modification time (ns) of a file, (0, 0) when it cannot be read."""
    try:
        st = entry.stat()
    except OSError:
        return (0, 0)
    return (st.st_size, st.st_mtime_ns)


def _walk_class(root: str, name: str, extensions: tuple[str, ...], follow_links: bool,
                class_links: bool, with_stats: bool) -> tuple[ClassTree, list[bool]]:
    """Files of one class folder, in Keras 2's order, what was met on the way, and which
    files were reached through a link."""
    found = ClassTree(root)
    linked: list[bool] = []
    base = os.path.join(root, name)
    if not os.path.isdir(base):
        return found, linked
    base_is_link = os.path.islink(base)
    if base_is_link and not class_links:
        found.links_not_followed.append(base)
        return found, linked
    seen = {os.path.realpath(base)}
    folders: list[tuple[str, list[tuple[str, bool, tuple[int, int]]]]] = []

    def visit(path: str, via_link: bool) -> None:
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            return
        files: list[tuple[str, bool, tuple[int, int]]] = []
        subdirs = []
        for entry in entries:
            if is_hidden(entry.name):
                found.hidden.append(entry.path)
                continue
            link = entry.is_symlink()
            if entry.is_dir():
                if _enters(entry, link, follow_links, seen, found):
                    found.nested_dirs.append(entry.path)
                    subdirs.append((entry.path, via_link or link))
            elif _is_image(entry, link, extensions, found):
                info = _stat_of(entry) if with_stats else (0, 0)
                files.append((entry.name, via_link or link, info))
        folders.append((path, files))
        for sub, sub_link in subdirs:
            visit(sub, sub_link)

    visit(base, base_is_link and class_links)
    folders.sort(key=lambda item: item[0])  # Keras sorts os.walk's output by folder path
    for dirpath, files in folders:
        sub = os.path.relpath(dirpath, base)
        for fname, via_link, info in files:
            rel = os.path.join(name, fname if sub == "." else os.path.join(sub, fname))
            found.filenames.append(rel)
            found.stats.append(info)
            linked.append(via_link)
    return found, linked


def walk_class_tree(
    root: str | os.PathLike,
    classes: Sequence[str] | None = None,
    *,
    extensions: Iterable[str] = IMAGE_EXTENSIONS,
    split: tuple[float, float] | None = None,
    follow_links: bool = False,
    class_links: bool | None = None,
    missing_ok: bool = False,
    with_stats: bool = False,
) -> ClassTree:
    """Walk ``root``: classes, images in Keras 2's order, and everything else met.

    Parameters
    ----------
    classes
        Class folder names to use, in index order; default: every sub-folder, sorted.
    extensions
        Accepted file extensions (lower case, with the dot).
    split
        ``(start, stop)`` fractions of each class's files to keep (validation_split).
    follow_links
        Follow links to folders inside class folders (and to class folders).
    class_links
        Whether a class folder that is a link is a class; default: ``follow_links``.
    missing_ok
        A class of ``classes`` without a folder has no files (instead of an error).
    with_stats
        Record each image's size and modification time (``stats``).
    """
    root = os.fspath(root)
    class_links = follow_links if class_links is None else class_links
    tree = ClassTree(root)
    if classes:
        if not os.path.isdir(root):
            raise _missing(root)
        names = list(classes)
    else:
        names = _list_root(root, tree, class_links)
    for name in names:
        if not missing_ok and not os.path.isdir(os.path.join(root, name)):
            raise MissingFolderError(
                f"Class folder '{name}' is not in '{root}'. Check the class names, or leave "
                "`classes` empty to use every sub-folder.")
    tree.class_names = names
    extensions = tuple(e.lower() for e in extensions)
    workers = min(8, max(1, len(names)))
    with ThreadPoolExecutor(workers) as pool:
        parts = list(pool.map(lambda n: _walk_class(root, n, extensions, follow_links,
                                                    class_links, with_stats), names))
    # A file reached through a link whose real file is in another class is left out:
    # one file, one label. Only files reached through links need their real path.
    real_root = os.path.realpath(root)
    owner: dict[str, int] = {}
    for index, (part, linked_flags) in enumerate(parts):
        for rel, linked in zip(part.filenames, linked_flags, strict=True):
            if not linked:
                owner[os.path.join(real_root, rel)] = index
    for index, (part, linked_flags) in enumerate(parts):
        files, stats = [], []
        for rel, linked, info in zip(part.filenames, linked_flags, part.stats, strict=True):
            if linked:
                real = os.path.realpath(os.path.join(root, rel))
                first = owner.setdefault(real, index)
                if first != index:
                    tree.cross_class.append((os.path.join(root, rel), names[index],
                                             names[first]))
                    continue
            files.append(rel)
            stats.append(info)
        if split:
            start, stop = int(split[0] * len(files)), int(split[1] * len(files))
            files, stats = files[start:stop], stats[start:stop]
        tree.filenames.extend(files)
        tree.stats.extend(stats)
        tree.classes.extend([index] * len(files))
        for attribute in ("hidden", "other_files", "nested_dirs", "links_not_followed",
                          "link_loops", "special_files", "dangling_links", "bad_names"):
            getattr(tree, attribute).extend(getattr(part, attribute))
    return tree


def fingerprint(trees: Iterable[ClassTree], *options: object) -> str:
    """A digest of the image files of ``trees`` (names, sizes, modification times) and
    ``options``: equal digests mean a data check of these folders still holds."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr(options).encode("utf-8", "surrogateescape"))
    for tree in trees:
        digest.update(repr((tree.root, tree.class_names)).encode("utf-8", "surrogateescape"))
        for name, (size, mtime) in zip(tree.filenames, tree.stats, strict=True):
            digest.update(f"{name}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def scan_class_folders(
    directory: str,
    classes: Sequence[str] | None = None,
    *,
    extensions: Iterable[str] = IMAGE_EXTENSIONS,
    split: tuple[float, float] | None = None,
    follow_links: bool = False,
    class_links: bool | None = None,
    missing_ok: bool = False,
) -> ClassTree:
    """The images of ``directory`` for an iterator (see :func:`walk_class_tree`)."""
    return walk_class_tree(directory, classes, extensions=extensions, split=split,
                           follow_links=follow_links, class_links=class_links,
                           missing_ok=missing_ok)


def list_class_names(directory: str, *, class_links: bool = True) -> list[str]:
    """Sorted names of the (non-hidden) class sub-folders of ``directory``."""
    return _list_root(os.fspath(directory), ClassTree(os.fspath(directory)), class_links)
