"""The pre-flight data check: every problem of a dataset, found before training starts.

Lab folders are messy, and a training that dies at epoch 7 because of one broken file
costs an afternoon. :func:`check_folders` reads every file once (in parallel) and reports,
each with the files concerned: files training cannot read (they are skipped), images that
will be converted and how, folder problems, exact duplicates and train/validation
leakage, tiny classes and imbalance. ``fitgen check`` prints it; the app shows it as a
table; a run saves it as ``data-check.json``.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from fitgen_gui.data.folder_scan import is_hidden
from fitgen_gui.data.image_io import IMAGE_EXTENSIONS, ImageReadError, read_image

__all__ = ["CheckReport", "Finding", "check_folders", "format_report"]

TINY_CLASS = 10  # fewer images than this in a class is worth a word
IMBALANCE = 3.0  # largest / smallest class
LONG_NAME = 200  # characters of a file name; paths of 260+ fail on Windows


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
        data = {k: v for k, v in data.items() if k != "can_train"}
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
    try:
        if img.getexif().get(0x0112, 1) not in (1, None):
            found.append("EXIF-rotated")
    except (AttributeError, OSError, SyntaxError):
        pass
    if getattr(img, "n_frames", 1) > 1:
        found.append("animated")
    return found


def _inspect(info: _FileInfo) -> _FileInfo:
    try:
        data = Path(info.path).read_bytes()
    except OSError as exc:
        info.problem = f"cannot be read ({exc.strerror or exc})"
        return info
    info.digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    if not data:
        info.problem = "the file is empty (0 bytes)"
        return info
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as img:
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
        read_image(info.path)
    except ImageReadError as exc:
        info.problem = exc.reason
    except (OSError, ValueError, MemoryError) as exc:
        info.problem = f"damaged ({exc})"
    return info


def _bad_name(name: str) -> str | None:
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in name):  # undecodable bytes (surrogateescape)
        return "not valid UTF-8"
    if len(name) > LONG_NAME:
        return "very long"
    return None


def _walk_split(root: str, split: str, report: CheckReport, follow_links: bool,
                files: list[_FileInfo]) -> list[str]:
    """Find the classes and files of one split; record folder problems. Returns classes."""
    hidden, others, root_files, nested, bad_names, links = [], [], [], [], [], []
    classes = []
    with os.scandir(root) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if is_hidden(entry.name):
                hidden.append(entry.path)
            elif entry.is_dir():
                classes.append(entry.name)
            else:
                root_files.append(entry.path)
    counts = {}
    for name in classes:
        base = os.path.join(root, name)
        seen = {os.path.realpath(base)}
        count = 0
        for dirpath, dirnames, filenames in os.walk(base, followlinks=follow_links):
            kept = []
            for d in sorted(dirnames):
                full = os.path.join(dirpath, d)
                if is_hidden(d):
                    hidden.append(full)
                    continue
                if os.path.islink(full):
                    real = os.path.realpath(full)
                    if not follow_links:
                        links.append(full)
                    elif real in seen:
                        report.add("link_loop", "warning",
                                   "A link leads back to a folder already read; it is not "
                                   "followed again.", [full])
                        continue
                    seen.add(real)
                elif follow_links:
                    seen.add(os.path.realpath(full))
                kept.append(d)
                nested.append(full)
            dirnames[:] = kept
            for f in sorted(filenames):
                full = os.path.join(dirpath, f)
                if is_hidden(f):
                    hidden.append(full)
                elif not f.lower().endswith(IMAGE_EXTENSIONS):
                    others.append(full)
                else:
                    if _bad_name(f):
                        bad_names.append(full)
                    files.append(_FileInfo(full, split, name))
                    count += 1
        counts[name] = count
    report.class_counts[split] = counts
    where = f"'{root}'"
    if hidden:
        report.add("hidden_files", "info", f"Hidden and system files in {where} are ignored "
                   "(.DS_Store, Thumbs.db, ._ files...).", hidden)
    if others:
        report.add("other_files", "info", f"Files in {where} without an image extension are "
                   f"ignored (images: {', '.join(IMAGE_EXTENSIONS)}).", others)
    if root_files:
        report.add("root_files", "warning", f"Files directly in {where} belong to no class "
                   "and are ignored; move them into a class sub-folder.", root_files)
    if nested:
        report.add("nested_folders", "info", "Images in sub-folders of a class folder count "
                   "for that class.", nested)
    if bad_names:
        report.add("bad_names", "warning", "File names that are not valid UTF-8 or very long "
                   "may fail on other computers; consider renaming them.", bad_names)
    if links:
        report.add("links_not_followed", "info", "Linked folders are not followed (turn on "
                   "'follow links' to include them).", links)
    return classes


def check_folders(
    train_dir: str | os.PathLike,
    val_dir: str | os.PathLike | None = None,
    *,
    follow_links: bool = False,
    progress: bool | Callable[[int, int], None] = False,
    workers: int | None = None,
) -> CheckReport:
    """Check a training folder (and a validation folder): every file read once.

    Parameters
    ----------
    progress
        True draws a progress bar on stderr; a function receives (done, total).
    """
    train_dir = os.fspath(train_dir)
    val_dir = os.fspath(val_dir) if val_dir else None
    report = CheckReport(train_dir, val_dir)
    splits = [("train", train_dir)] + ([("val", val_dir)] if val_dir else [])
    files: list[_FileInfo] = []
    classes: dict[str, list[str]] = {}
    for split, root in splits:
        if not os.path.isdir(root):
            report.add("missing_folder", "error" if split == "train" else "warning",
                       f"Folder '{root}' does not exist.", [root])
            classes[split] = []
            continue
        classes[split] = _walk_split(root, split, report, follow_links, files)
    if progress is True:
        progress = _progress_bar if sys.stderr is not None and sys.stderr.isatty() else False
    callback = progress or None
    results: list[_FileInfo] = []
    with ThreadPoolExecutor(workers or min(16, (os.cpu_count() or 2) * 2)) as pool:
        for done, info in enumerate(pool.map(_inspect, files), start=1):
            results.append(info)
            if callback and (done % 25 == 0 or done == len(files)):
                callback(done, len(files))
    report.files_checked = len(results)
    _unreadable_and_conversions(report, results)
    _classes(report, classes, results)
    _duplicates(report, results)
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
        shown = finding.paths if verbose else finding.paths[:limit]
        lines.extend(f"    {path}" for path in shown)
        if len(finding.paths) > len(shown):
            lines.append(f"    ... and {len(finding.paths) - len(shown)} more "
                         "(--verbose lists all)")
    lines.append("Training can start." if report.can_train
                 else "Training cannot start (see ERROR).")
    return "\n".join(lines)
