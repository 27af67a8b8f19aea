"""Data check reports kept between runs, reused while the folders stay the same.

A check reads every file; with 200,000 images that is a minute before each training. A
report is stored per pair of folders in the user's cache folder and reused when the
folders' fingerprint (every image's name, size and modification time, and the options)
is the same: listing the files takes a fraction of a second, reading them all does not.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from fitgen_gui.data.data_check import REPORT_VERSION, CheckReport

__all__ = ["cache_dir", "load", "store"]


def cache_dir() -> Path:
    """``<user cache>/fitgen/checks`` (``FITGEN_CACHE_DIR`` overrides the base)."""
    base = os.environ.get("FITGEN_CACHE_DIR")
    if base:
        return Path(base) / "checks"
    if os.name == "nt":
        root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return root / "fitgen" / "checks"


def _path(train_dir: str, val_dir: str | None) -> Path:
    key = json.dumps([os.path.abspath(train_dir), os.path.abspath(val_dir) if val_dir else ""])
    return cache_dir() / (hashlib.blake2b(key.encode("utf-8", "surrogateescape"),
                                          digest_size=12).hexdigest() + ".json")


def load(train_dir: str, val_dir: str | None, fingerprint: str) -> CheckReport | None:
    """The stored report of these folders if its fingerprint is ``fingerprint``."""
    try:
        data = json.loads(_path(train_dir, val_dir).read_text(encoding="utf-8"))
        report = CheckReport.from_dict(data)
    except (OSError, ValueError, TypeError):
        return None
    if report.version != REPORT_VERSION or report.fingerprint != fingerprint:
        return None
    return report


def store(report: CheckReport) -> None:
    """Keep ``report`` for later runs (a cache: failing to write it changes nothing)."""
    if not report.fingerprint:
        return
    from fitgen_gui.core.run_dir import write_atomic

    path = _path(report.train_dir, report.val_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(report.to_dict()))
    except OSError:
        pass
