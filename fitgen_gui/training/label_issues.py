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

from fitgen_gui.data.label_issues_file import (
    ISSUES_FILE,
    IssueTable,
    issues_path,
    read_run_issues,
)
from fitgen_gui.data.label_quality import find_label_issues
from fitgen_gui.training.out_of_fold import (
    FoldProgress,
    OofPlan,
    compute_out_of_fold,
    plan_out_of_fold,
)

__all__ = ["ISSUES_FILE", "find_label_issues_of_run", "issues_path", "read_run_issues"]


def find_label_issues_of_run(run_dir: str | os.PathLike, folds: int = 5, *,
                             plan: OofPlan | None = None,
                             stop: threading.Event | None = None,
                             progress: Callable[[FoldProgress], None] | None = None,
                             clear_sessions: bool = True) -> IssueTable:
    """Every training image of the run with its label quality, the most suspect first
    (also written to :func:`issues_path`).

    ``clear_sessions=False`` keeps Keras's global state between folds (the app: another
    thread may be using a model meanwhile).

    Raises
    ------
    OofStopped
        ``stop`` was set; the finished folds are kept for the next call.
    """
    plan = plan or plan_out_of_fold(run_dir, folds)
    result = compute_out_of_fold(plan, stop=stop, progress=progress,
                                 clear_sessions=clear_sessions)
    issues = find_label_issues(result.probabilities, plan.labels)
    table = IssueTable.from_issues(plan.files, plan.labels, plan.class_names,
                                   result.probabilities, issues)
    table.write(issues_path(run_dir))
    return table
