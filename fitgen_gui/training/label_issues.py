"""Likely label errors of a run: out-of-fold probabilities, then confident learning.

The one entry point of ``fitgen label-issues`` and the app's *Find likely label errors*:
:func:`find_label_issues_of_run` plans the folds (:mod:`.out_of_fold`), trains what is
missing, applies confident learning (:mod:`fitgen_gui.data.label_quality`) and writes the
table to ``label-issues/issues.csv`` in the run folder, where the app reads it back.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from fitgen_gui.data.label_issues_file import IssueTable, read_issues_csv
from fitgen_gui.data.label_quality import find_label_issues
from fitgen_gui.training.out_of_fold import (
    FOLDER,
    FoldProgress,
    OofPlan,
    compute_out_of_fold,
    plan_out_of_fold,
)

__all__ = ["ISSUES_FILE", "find_label_issues_of_run", "issues_path", "read_run_issues"]

ISSUES_FILE = "issues.csv"


def issues_path(run_dir: str | os.PathLike) -> Path:
    """Where a run's table of label issues is kept."""
    return Path(run_dir) / FOLDER / ISSUES_FILE


def read_run_issues(run_dir: str | os.PathLike) -> IssueTable | None:
    """The run's last table of label issues, or None when none was made."""
    path = issues_path(run_dir)
    if not path.exists():
        return None
    try:
        return read_issues_csv(path)
    except (OSError, ValueError):
        return None


def find_label_issues_of_run(run_dir: str | os.PathLike, folds: int = 5, *,
                             plan: OofPlan | None = None,
                             stop: threading.Event | None = None,
                             progress: Callable[[FoldProgress], None] | None = None,
                             ) -> IssueTable:
    """Every training image of the run with its label quality, the most suspect first
    (also written to :func:`issues_path`).

    Raises
    ------
    OofStopped
        ``stop`` was set; the finished folds are kept for the next call.
    """
    plan = plan or plan_out_of_fold(run_dir, folds)
    result = compute_out_of_fold(plan, stop=stop, progress=progress)
    issues = find_label_issues(result.probabilities, plan.labels)
    table = IssueTable.from_issues(plan.files, plan.labels, plan.class_names,
                                   result.probabilities, issues)
    table.write(issues_path(run_dir))
    return table
