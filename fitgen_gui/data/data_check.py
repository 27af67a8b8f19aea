"""The pre-flight data check: every problem of a dataset, found before training starts.

Lab folders are messy, and a training that dies at epoch 7 because of one broken file
costs an afternoon. :func:`check_folders` reads every file once (in parallel) and reports,
each with the files concerned: files training cannot read (they are skipped), images that
will be converted and how, folder problems, exact duplicates and train/validation
leakage, near-identical images (resized copies, JPEG re-encodes: a perceptual hash of each
image, :mod:`.near_duplicates`) and the pairs, tiny classes and imbalance. ``fitgen
check`` prints it; the app shows it as a table; a run saves it as ``data-check.json``.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np
from PIL import Image, UnidentifiedImageError

from fitgen_gui.data.folder_scan import ClassTree, display_name, fingerprint, walk_class_tree
from fitgen_gui.data.image_io import (
    IMAGE_EXTENSIONS,
    KERAS2_EXTENSIONS,
    ImageReadError,
    decode_image,
    read_file_bytes,
)
from fitgen_gui.data.near_duplicates import (
    METHOD_BYTES,
    DuplicatePair,
    colour_signature,
    hash_thumbnail,
    pair_files,
    phash_many,
)

__all__ = ["CheckReport", "Finding", "check_folders", "format_report", "walk_folders"]

REPORT_VERSION = 4  # a report of another version is never reused (4: colour-confirmed pairs)

_HASH_CHUNK = 4096  # thumbnails hashed together (4 MB), then let go
TINY_CLASS = 10  # fewer images than this in a class is worth a word
IMBALANCE = 3.0  # largest / smallest class


@dataclass
class Finding:
    """One kind of problem, with every file it concerns.

    ``severity``: ``"error"`` (training cannot start), ``"warning"`` (training goes on,
    but the result may suffer), ``"info"`` (how FitGen handles something).
    """

    kind: str
    severity: str
    message: str
    paths: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    """What :func:`check_folders` found."""

    train_dir: str
    val_dir: str | None
    class_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    files_checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    suggested_class_weight: dict[str, float] | None = None
    extensions: list[str] = field(default_factory=lambda: list(IMAGE_EXTENSIONS))
    fingerprint: str = ""
    version: int = REPORT_VERSION
    # Near-identical images (``near_duplicates.DuplicatePair.to_dict()``), identical files
    # among them: one entry per pair.
    pairs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def can_train(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    @property
    def unreadable(self) -> list[str]:
        """Files training will skip."""
        return [p for f in self.findings if f.kind == "unreadable" for p in f.paths]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "can_train": self.can_train}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckReport:
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in data.items() if k in known}
        data["findings"] = [Finding(**f) for f in data.get("findings", [])]
        return cls(**data)

    def add(self, kind: str, severity: str, message: str, paths: list[str] | None = None
            ) -> None:
        self.findings.append(Finding(kind, severity, message, sorted(paths or [])))


@dataclass
class _FileInfo:
    path: str
    split: str
    label: str
    digest: str = ""
    problem: str | None = None
    conversions: tuple[str, ...] = ()
    phash: int | None = None
    thumbnail: Any = None  # the 32x32 gray image hashed (until the hash is computed)
    signature: Any = None  # the 8x8 RGB thumbnail that confirms a pHash pair


def _conversions(img: Image.Image) -> list[str]:
    found = []
    mode = img.mode
    if mode in ("L", "1", "LA", "I", "I;16", "I;16B", "I;16L", "F"):
        found.append("grayscale")
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        found.append("16-bit")
    if mode in ("RGBA", "LA", "PA"):
        found.append("transparency")
    if mode == "P" and "transparency" in img.info:
        found.append("palette with transparency")
    if mode == "CMYK":
        found.append("CMYK")
    # The orientation FitGen applies is that of JPEGs, read from their header. Pillow's
    # getexif() of a PNG decodes the whole image (507 MB for 13000x13000) to find it.
    if img.format in ("JPEG", "MPO"):
        try:
            if img.getexif().get(0x0112, 1) not in (1, None):
                found.append("EXIF-rotated")
        except (AttributeError, OSError, SyntaxError):
            pass
    if getattr(img, "n_frames", 1) > 1:
        found.append("animated")
    return found


def _inspect_and_hash(info: _FileInfo) -> _FileInfo:
    return _inspect(info, with_hash=True)


def _inspect(info: _FileInfo, with_hash: bool = False) -> _FileInfo:
    try:
        buf = read_file_bytes(info.path)
    except ImageReadError as exc:
        info.problem = exc.reason
        return info
    info.digest = hashlib.blake2b(buf, digest_size=16).hexdigest()
    if not buf.size:
        info.problem = "the file is empty (0 bytes)"
        return info
    try:
        with Image.open(io.BytesIO(buf.tobytes())) as img:  # Pillow's notes: see image_io
            info.conversions = tuple(_conversions(img))
    except Image.DecompressionBombError:
        info.problem = "the image is too large to be safe to open (a decompression bomb?)"
        return info
    except UnidentifiedImageError:
        info.problem = "not an image file, or a format that is not supported"
        return info
    except (OSError, SyntaxError, ValueError) as exc:
        info.problem = f"damaged ({exc})"
        return info
    try:  # exactly what training does with it
        pixels = decode_image(buf, path=info.path)
    except ImageReadError as exc:
        info.problem = exc.reason
        return info
    except (OSError, ValueError, MemoryError) as exc:
        info.problem = f"damaged ({exc})"
        return info
    if with_hash:
        try:
            info.thumbnail = hash_thumbnail(pixels)
            info.signature = colour_signature(pixels)
        except (OSError, ValueError, MemoryError):
            info.thumbnail = info.signature = None  # compared by its bytes only
    return info


def _hash_thumbnails(infos: list[_FileInfo]) -> None:
    """Hash the thumbnails of ``infos`` at once (and let go of them)."""
    chosen = [i for i in infos if i.thumbnail is not None]
    if chosen:
        for info, value in zip(chosen, phash_many(np.stack([i.thumbnail for i in chosen])),
                               strict=True):
            info.phash, info.thumbnail = int(value), None


def _record_tree(tree: ClassTree, split: str, report: CheckReport,
                 files: list[_FileInfo]) -> list[str]:
    """Record the folder problems of one split's walk; queue its images. Returns classes."""
    for rel, index in zip(tree.filenames, tree.classes, strict=True):
        files.append(_FileInfo(os.path.join(tree.root, rel), split, tree.class_names[index]))
    report.class_counts[split] = tree.counts()
    where = f"'{tree.root}'"
    if tree.hidden:
        report.add("hidden_files", "info", f"Hidden and system files in {where} are ignored "
                   "(.DS_Store, Thumbs.db, ._ files...).", tree.hidden)
    if tree.other_files:
        report.add("other_files", "info", f"Files in {where} without an image extension are "
                   f"ignored (images: {', '.join(report.extensions)}).", tree.other_files)
    if tree.root_files:
        report.add("root_files", "warning", f"Files directly in {where} belong to no class "
                   "and are ignored; move them into a class sub-folder.", tree.root_files)
    if tree.nested_dirs:
        report.add("nested_folders", "info", "Images in sub-folders of a class folder count "
                   "for that class.", tree.nested_dirs)
    if tree.bad_names:
        report.add("bad_names", "warning", "File names that are not valid UTF-8, are very "
                   "long, or hold invisible control or text-direction characters may fail or "
                   "mislead on other computers; consider renaming them.",
                   [path for path, _ in tree.bad_names])
    if tree.links_not_followed:
        report.add("links_not_followed", "info", "Linked folders are not followed, and a "
                   "class folder that is a link is not a class (turn on 'follow links' to "
                   "include them).", tree.links_not_followed)
    if tree.link_loops:
        report.add("link_loop", "warning", "A link leads back to a folder already read; it "
                   "is not followed again.", tree.link_loops)
    if tree.special_files:
        report.add("special_files", "warning", "Not regular files (named pipes, devices or "
                   "sockets, or links to them): they are never read, and skipped in "
                   "training.", tree.special_files)
    if tree.dangling_links:
        report.add("dangling_links", "warning", "Links to files that do not exist: skipped "
                   "in training.", [f"{path} -> {target}" for path, target in
                                    tree.dangling_links])
    if tree.cross_class:
        pairs = sorted({(cls, owner) for _, cls, owner in tree.cross_class})
        listed = "; ".join(f"reached from {cls}, belong to {owner}" for cls, owner in pairs)
        report.add("cross_class_links", "warning", "Files reached through a link that "
                   f"already belong to another class are left out ({listed}): one file is "
                   "never given two labels.", [path for path, _, _ in tree.cross_class])
    return list(tree.class_names)


def walk_folders(train_dir: str, val_dir: str | None, *, follow_links: bool = False,
                 extensions: tuple[str, ...] = IMAGE_EXTENSIONS) -> dict[str, ClassTree]:
    """The walks of the training (and validation) folder, with file sizes and times."""
    trees = {}
    for split, root in (("train", train_dir), ("val", val_dir)):
        if root and os.path.isdir(root):
            trees[split] = walk_class_tree(root, follow_links=follow_links,
                                           extensions=extensions, with_stats=True)
    return trees


def folders_fingerprint(trees: dict[str, ClassTree], follow_links: bool,
                        extensions: tuple[str, ...]) -> str:
    """The digest a report of these walks carries (see ``folder_scan.fingerprint``)."""
    return fingerprint([trees[k] for k in sorted(trees)], REPORT_VERSION, follow_links,
                       tuple(extensions))


def check_folders(
    train_dir: str | os.PathLike,
    val_dir: str | os.PathLike | None = None,
    *,
    follow_links: bool = False,
    extensions: tuple[str, ...] = IMAGE_EXTENSIONS,
    progress: bool | Callable[[int, int], None] = False,
    workers: int | None = None,
    trees: dict[str, ClassTree] | None = None,
    near_duplicates: bool = True,
) -> CheckReport:
    """Check a training folder (and a validation folder): every file read once.

    Parameters
    ----------
    extensions
        The file types that are images.
    progress
        True draws a progress bar on stderr; a function receives (done, total).
    trees
        Walks of the folders made by :func:`walk_folders` with the same options.
    near_duplicates
        Also find near-identical images (a perceptual hash of each image as it is read).
    """
    train_dir = os.fspath(train_dir)
    val_dir = os.fspath(val_dir) if val_dir else None
    report = CheckReport(train_dir, val_dir, extensions=list(extensions))
    trees = trees if trees is not None else walk_folders(
        train_dir, val_dir, follow_links=follow_links, extensions=tuple(extensions))
    report.fingerprint = folders_fingerprint(trees, follow_links, tuple(extensions))
    files: list[_FileInfo] = []
    classes: dict[str, list[str]] = {}
    for split, root in (("train", train_dir), ("val", val_dir)):
        if root is None:
            continue
        if split not in trees:
            report.add("missing_folder", "error" if split == "train" else "warning",
                       f"Folder '{root}' does not exist.", [root])
            classes[split] = []
            continue
        classes[split] = _record_tree(trees[split], split, report, files)
    if progress is True:
        progress = _progress_bar if sys.stderr is not None and sys.stderr.isatty() else False
    callback = progress or None
    results: list[_FileInfo] = []
    # Memory is bounded by image_io's decode budget, not by the number of threads.
    with ThreadPoolExecutor(workers or min(16, (os.cpu_count() or 2) * 2)) as pool:
        inspect = _inspect_and_hash if near_duplicates else _inspect
        for done, info in enumerate(pool.map(inspect, files), start=1):
            results.append(info)
            if near_duplicates and done % _HASH_CHUNK == 0:
                _hash_thumbnails(results[-_HASH_CHUNK:])
            if callback and (done % 25 == 0 or done == len(files)):
                callback(done, len(files))
    if near_duplicates:
        _hash_thumbnails(results[len(results) - len(results) % _HASH_CHUNK:])
    report.files_checked = len(results)
    _unreadable_and_conversions(report, results)
    _classes(report, classes, results)
    _duplicates(report, results)
    if near_duplicates:
        _near_duplicates(report, results)
    _extra_formats(report, results)
    return report


def _progress_bar(done: int, total: int) -> None:
    if sys.stderr is None:
        return
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done == total else ""
    sys.stderr.write(f"\rChecking {total} files [{'#' * filled}{'.' * (width - filled)}] "
                     f"{done}/{total}{end}")
    sys.stderr.flush()


def _unreadable_and_conversions(report: CheckReport, results: list[_FileInfo]) -> None:
    by_reason: dict[str, list[str]] = defaultdict(list)
    for info in results:
        if info.problem:
            by_reason[info.problem.split(" (")[0]].append(info.path)
    for reason, paths in sorted(by_reason.items()):
        report.add("unreadable", "warning", f"Cannot be read: {reason}. These files are "
                   "skipped in training.", paths)
    wording = {
        "grayscale": "Grayscale images are read as colour (gray in all 3 channels).",
        "16-bit": "16-bit images are scaled to 8 bits (not clipped).",
        "transparency": "Transparent areas are composited on white.",
        "palette with transparency": "Palette images with a transparent colour are "
                                     "composited on white.",
        "CMYK": "CMYK images are converted to RGB.",
        "EXIF-rotated": "Photos with an EXIF orientation are turned upright.",
        "animated": "Animated images are read as their first frame.",
    }
    converted: dict[str, list[str]] = defaultdict(list)
    for info in results:
        if not info.problem:
            for conversion in info.conversions:
                converted[conversion].append(info.path)
    for conversion, paths in converted.items():
        report.add(f"converted:{conversion}", "info", wording[conversion], paths)


def _classes(report: CheckReport, classes: dict[str, list[str]],
             results: list[_FileInfo]) -> None:
    readable = Counter((i.split, i.label) for i in results if not i.problem)
    train = classes.get("train", [])
    usable = [c for c in train if readable[("train", c)] > 0]
    empty = [c for c in train if readable[("train", c)] == 0]
    if empty:
        report.add("empty_class", "warning", f"Class folder(s) {', '.join(empty)} have no "
                   "readable images.", [os.path.join(report.train_dir, c) for c in empty])
    if os.path.isdir(report.train_dir) and len(usable) < 2:
        listed = f" ({', '.join(usable)})" if usable else ""
        report.add("too_few_classes", "error", f"Folder '{report.train_dir}' has "
                   f"{len(usable)} class{listed} with images; at least 2 class sub-folders "
                   "are needed.")
    if report.val_dir and "val" in classes:
        only_train = sorted(set(train) - set(classes["val"]))
        only_val = sorted(set(classes["val"]) - set(train))
        if only_train:
            report.add("only_in_train", "warning", f"Class(es) {', '.join(only_train)} have no "
                       "validation folder; validation does not measure them.")
        if only_val:
            report.add("only_in_val", "warning", f"Class(es) {', '.join(only_val)} are only in "
                       "the validation folder; they are left out.",
                       [os.path.join(report.val_dir, c) for c in only_val])
    counts = {c: readable[("train", c)] for c in usable}
    tiny = [c for c, n in counts.items() if n < TINY_CLASS]
    if tiny:
        listed = ", ".join(f"{c} ({counts[c]})" for c in tiny)
        report.add("tiny_class", "warning", f"Very few training images in {listed}; "
                   f"{TINY_CLASS} or more per class are recommended, hundreds are better.")
    if len(counts) >= 2:
        low, high = min(counts.values()), max(counts.values())
        total, k = sum(counts.values()), len(counts)
        weights = {c: round(total / (k * n), 3) for c, n in counts.items()}
        report.suggested_class_weight = weights
        if low and high / low >= IMBALANCE:
            listed = ", ".join(f"{c}: {w}" for c, w in weights.items())
            report.add("imbalance", "warning", f"The classes are unbalanced (largest "
                       f"{high}, smallest {low} images). Class weights that balance them: "
                       f"{listed} (class weight 'balanced').")


def _duplicates(report: CheckReport, results: list[_FileInfo]) -> None:
    groups: dict[str, list[_FileInfo]] = defaultdict(list)
    for info in results:
        if info.digest and not info.problem:
            groups[info.digest].append(info)
    within, conflicting, leaked = [], [], []
    for members in groups.values():
        if len(members) < 2:
            continue
        splits = {m.split for m in members}
        paths = [m.path for m in members]
        if len(splits) > 1:
            leaked.extend(paths)
        elif len({m.label for m in members}) > 1:
            conflicting.extend(paths)
        else:
            within.extend(paths)
    if leaked:
        report.add("leakage", "warning", "The same images are in training and validation; "
                   "validation scores will look better than they are. Remove one copy.",
                   leaked)
    if conflicting:
        report.add("duplicate_conflict", "warning", "The same images are in different "
                   "classes; the model cannot learn both labels.", conflicting)
    if within:
        report.add("duplicates", "info", "Identical copies of images (same content) in the "
                   "same class; they count more than once.", within)


def _near_duplicates(report: CheckReport, results: list[_FileInfo]) -> None:
    """Pairs of near-identical images; identical files (reported above) are among the
    pairs, the findings name the others."""
    usable = [i for i in results if not i.problem]
    pairs = pair_files([i.path for i in usable], [i.split for i in usable],
                       [i.label for i in usable], [i.phash for i in usable],
                       [i.digest for i in usable],
                       signatures=[i.signature for i in usable])
    report.pairs = [p.to_dict() for p in pairs]
    near = [p for p in pairs if p.method != METHOD_BYTES]
    leaks = [p for p in near if p.relation == "leak"]
    conflicts = [p for p in near if p.relation != "leak" and not p.same_label]
    within = [p for p in near if p.relation != "leak" and p.same_label]

    def files(chosen: list[DuplicatePair]) -> list[str]:
        return list(dict.fromkeys(path for p in chosen for path in (p.a, p.b)))

    if leaks:
        report.add("near_duplicate_leakage", "warning", f"{len(leaks)} validation image(s) "
                   "are near-identical to training images (resized, re-saved or copied): "
                   "validation copies of training images make accuracy look better than it "
                   "is. Exclude one image of each pair.", files(leaks))
    if conflicts:
        report.add("near_duplicate_conflict", "warning", f"{len(conflicts)} pair(s) of "
                   "near-identical images are in different classes; at least one label of "
                   "each pair is wrong.", files(conflicts))
    if within:
        report.add("near_duplicates", "info", f"{len(within)} pair(s) of near-identical "
                   "images (resized, re-saved or copied) in the same class; each counts "
                   "more than once.", files(within))


def _extra_formats(report: CheckReport, results: list[_FileInfo]) -> None:
    extra = [i.path for i in results if not i.path.lower().endswith(KERAS2_EXTENSIONS)]
    if extra:
        kinds = sorted({os.path.splitext(p)[1].lower() for p in extra})
        report.add("extra_formats", "info", f"{', '.join(kinds)} files are read too (Keras "
                   "2's flow_from_directory skips them; turn off 'Also read GIF and WebP files' "
                   "to train on exactly Keras 2's files).", extra)


def _pair_lines(report: CheckReport, finding: Finding, limit: int | None) -> list[str]:
    """The pairs of a near-duplicate finding, one per line: ``a  ~  b (3 bits)``."""
    kind = {"near_duplicate_leakage": lambda p: p["relation"] == "leak",
            "near_duplicate_conflict": lambda p: p["relation"] != "leak" and not p["same_label"],
            "near_duplicates": lambda p: p["relation"] != "leak" and p["same_label"]}
    pairs = [p for p in report.pairs if p["method"] != METHOD_BYTES and kind[finding.kind](p)]
    shown = pairs if limit is None else pairs[:limit]
    lines = [f"    {display_name(p['a'])}  ~  {display_name(p['b'])} ({p['distance']} bits "
             f"of {p['method']})" for p in shown]
    if len(pairs) > len(shown):
        lines.append(f"    ... and {len(pairs) - len(shown)} more pairs (--verbose lists all)")
    return lines


def format_report(report: CheckReport, *, verbose: bool = False, limit: int = 5) -> str:
    """The report as text for a terminal or the console pane."""
    lines = [f"Checked {report.files_checked} files in '{report.train_dir}'"
             + (f" and '{report.val_dir}'" if report.val_dir else "") + "."]
    for split, counts in report.class_counts.items():
        listed = ", ".join(f"{c}: {n}" for c, n in counts.items()) or "no classes"
        lines.append(f"  {split}: {listed}")
    if not report.findings:
        lines.append("No problems found.")
    order = ("error", "warning", "info")
    for finding in sorted(report.findings, key=lambda f: order.index(f.severity)):
        lines.append(f"{finding.severity.upper()}: {finding.message}")
        if finding.kind.startswith("near_duplicate"):
            lines.extend(_pair_lines(report, finding, limit=None if verbose else limit))
            continue
        shown = finding.paths if verbose else finding.paths[:limit]
        lines.extend(f"    {display_name(path)}" for path in shown)
        if len(finding.paths) > len(shown):
            lines.append(f"    ... and {len(finding.paths) - len(shown)} more "
                         "(--verbose lists all)")
    lines.append("Training can start." if report.can_train
                 else "Training cannot start (see ERROR).")
    return "\n".join(lines)
