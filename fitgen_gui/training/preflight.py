"""Everything checked before a run folder is made: a run that cannot start leaves nothing.

Settings (with the devices of this computer and whether there is validation data), the
weights file, the data (the data check, reused when the folders have not changed since it
ran), a data file's consent and contents, class weights against the classes, and free
disk space. Each problem is a :class:`~fitgen_gui.core.errors.UserError` in the user's
words.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from fitgen_gui.core.config import ConfigError, Problem, RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_dir import DiskFullError, free_space_message
from fitgen_gui.data import check_cache
from fitgen_gui.data.data_check import (
    CheckReport,
    check_folders,
    folders_fingerprint,
    walk_folders,
)
from fitgen_gui.data.folder_scan import ClassTree
from fitgen_gui.data.pipeline import absolute, class_weights, extensions_of
from fitgen_gui.training.weights_files import weights_problems

__all__ = ["DataFileNotTrusted", "Prepared", "absolute_paths", "prepare"]

MIN_FREE_BYTES = 64 << 20  # a run needs room for a few checkpoints at least


class DataFileNotTrusted(UserError):
    """A data file would run without the user having chosen it now."""


@dataclass
class Prepared:
    """What the preflight learned, for the run to use rather than find again."""

    config: RunConfig
    trees: dict[str, ClassTree] = field(default_factory=dict)
    report: CheckReport | None = None
    report_reused: str = ""  # where the reused report came from, for the console
    class_names: list[str] = field(default_factory=list)
    has_validation: bool = False


def absolute_paths(config: RunConfig) -> RunConfig:
    """The settings with absolute folder and file paths: a run resumes from any directory."""
    data = config.data
    changes = {"data.train_dir": absolute(data.train_dir), "data.val_dir": absolute(data.val_dir),
               "data.generator_file": absolute(data.generator_file)}
    if config.model.weights not in ("none", "imagenet", ""):
        changes["model.weights"] = absolute(config.model.weights)
    return config.replace(**changes)


def _folder_report(prepared: Prepared, progress: Callable[[int, int], None] | None,
                   reuse: CheckReport | None, on_phase: Callable[[str, str], None]) -> None:
    config = prepared.config
    data = config.data
    extensions = extensions_of(config)
    on_phase("scanning", "Listing the image files")
    trees = walk_folders(data.train_dir, data.val_dir or None, follow_links=data.follow_links,
                         extensions=extensions)
    prepared.trees = trees
    if not config.training.check_data:
        return
    digest = folders_fingerprint(trees, data.follow_links, extensions)
    if reuse is not None and reuse.fingerprint == digest:
        prepared.report, prepared.report_reused = reuse, "the Data panel"
        return
    cached = check_cache.load(data.train_dir, data.val_dir or None, digest)
    if cached is not None:
        prepared.report, prepared.report_reused = cached, "an earlier check"
        return
    total = sum(len(t.filenames) for t in trees.values())
    on_phase("checking", f"Checking {total} files")
    report = check_folders(data.train_dir, data.val_dir or None,
                           follow_links=data.follow_links, extensions=extensions,
                           progress=progress, trees=trees)
    check_cache.store(report)
    prepared.report = report


def prepare(config: RunConfig, *, data_file_trusted: bool, devices: list[str],
            workspace: str | os.PathLike | None = None,
            reuse_report: CheckReport | None = None,
            check_progress: Callable[[int, int], None] | None = None,
            on_phase: Callable[[str, str], None] = lambda phase, text: None) -> Prepared:
    """Check everything a run of ``config`` needs; raise a ``UserError`` if it cannot start.

    Parameters
    ----------
    data_file_trusted
        The user chose the data file for this run (app: picked or confirmed; CLI:
        ``--data-file`` or ``--trust-data-file``). Without it, a data file is refused:
        its code would run unasked.
    devices
        The devices of this computer (``tf_devices.available_devices`` keys).
    workspace
        Where the run folder will be made (its disk is checked for space).
    reuse_report
        A data check the caller already has (the app's Data panel): used when the folders
        have not changed since.
    """
    # Problems name the paths as the user gave them; the run stores absolute ones.
    problems = config.validate(devices=devices, has_validation=None
                               if config.data.source == "folders" else True)
    config = absolute_paths(config)
    prepared = Prepared(config)
    data = config.data
    # Callbacks watching validation metrics depend on the data file; checked below.
    early = [p for p in problems if not (data.source == "python"
                                         and p.field.startswith("callbacks."))]
    early += weights_problems(config)
    if early:
        raise ConfigError(early)
    if data.source == "python":
        if not data_file_trusted:
            raise DataFileNotTrusted(
                f"These settings get their data by running the Python file "
                f"'{data.generator_file}'. FitGen runs a data file only when you choose it: "
                "pass --trust-data-file (or --data-file FILE) to run it, or open the "
                "settings in the app, which asks.")
        from fitgen_gui.data.user_data import load_user_data

        on_phase("loading_data", "Loading your data file")
        user = load_user_data(data.generator_file)
        prepared.class_names = list(user.class_names)
        prepared.has_validation = user.has_validation
        config.check(devices=devices, has_validation=user.has_validation)
    else:
        _folder_report(prepared, check_progress, reuse_report, on_phase)
        report = prepared.report
        if report is not None and not report.can_train:
            errors = [f for f in report.findings if f.severity == "error"]
            raise ConfigError([Problem("data.train_dir", f.message) for f in errors])
        train = prepared.trees.get("train")
        names = train.class_names if train else []
        counts = train.counts() if train else {}
        usable = [n for n in names if counts.get(n)]
        if len(usable) < 2:
            listed = f" ({', '.join(usable)})" if usable else ""
            raise ConfigError([Problem(
                "data.train_dir", f"folder '{data.train_dir}' has {len(usable)} class{listed} "
                "with images; at least 2 class sub-folders are needed")])
        prepared.class_names = list(names)
        prepared.has_validation = bool(data.val_dir or data.validation_split)
    setting = config.training.class_weight
    if isinstance(setting, dict):
        class_weights(setting, np.zeros(0, int), prepared.class_names)
    if workspace is not None:
        _check_space(workspace)
    return prepared


def _check_space(workspace: str | os.PathLike) -> None:
    folder = Path(workspace)
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < MIN_FREE_BYTES:
        raise DiskFullError(free_space_message(folder, MIN_FREE_BYTES))


def devices_of(available: list[tuple[str, str]]) -> list[str]:
    """The keys of ``tf_devices.available_devices()``."""
    return [key for key, _ in available]


def describe_reuse(prepared: Prepared) -> str:
    if prepared.report is None:
        return ""
    source = prepared.report_reused
    if source:
        return (f"Data check reused from {source}: the {prepared.report.files_checked} files "
                "have not changed since (names, sizes, times).")
    return ""
