"""The table of likely label errors: one row per training image, as a CSV a person can open.

Columns: ``file`` (the image's path), ``label`` (its class folder), ``suggested`` (the
likeliest other class when it is a likely label error, else its label), ``quality`` (the
out-of-fold probability of its label: lower is more suspect) and one column per class with
its out-of-fold probability. Rows are ordered by quality, the most suspect first. The app
reads the same file back (``label-issues/issues.csv`` in the run folder), so what it shows
after a restart is what was found, not what a widget remembered.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fitgen_gui.data.label_quality import LabelIssues

__all__ = ["FOLDER", "ISSUES_FILE", "IssueRow", "IssueTable", "issues_path",
           "read_issues_csv", "read_run_issues"]

FOLDER = "label-issues"  # in the run folder: the folds, the features, the table
ISSUES_FILE = "issues.csv"
_FIXED = ("file", "label", "suggested", "quality")


@dataclass(frozen=True)
class IssueRow:
    """One training image and what confident learning said of it."""

    file: str
    label: str
    suggested: str
    quality: float
    probabilities: tuple[float, ...]

    @property
    def is_issue(self) -> bool:
        return self.suggested != self.label


@dataclass
class IssueTable:
    """Every training image of a run, the most suspect first."""

    class_names: list[str]
    rows: list[IssueRow]

    @classmethod
    def from_issues(cls, files: list[str], labels: np.ndarray, class_names: list[str],
                    probabilities: np.ndarray, issues: LabelIssues) -> IssueTable:
        rows = [IssueRow(files[i], class_names[int(labels[i])],
                         class_names[int(issues.suggested[i])], float(issues.quality[i]),
                         tuple(float(v) for v in probabilities[i]))
                for i in issues.ranking]
        return cls(list(class_names), rows)

    @property
    def issues(self) -> list[IssueRow]:
        """The likely label errors, the most suspect first."""
        return [r for r in self.rows if r.is_issue]

    def per_class(self) -> dict[str, int]:
        """Likely label errors per given class, every class listed."""
        counts = Counter(r.label for r in self.issues)
        return {name: counts.get(name, 0) for name in self.class_names}

    def pairs(self) -> list[tuple[str, str, int]]:
        """``(label, suggested, count)`` of the likely errors, the commonest first."""
        counts = Counter((r.label, r.suggested) for r in self.issues)
        return [(a, b, n) for (a, b), n in counts.most_common()]

    def write(self, path: str | os.PathLike) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        with open(tmp, "w", newline="", encoding="utf-8", errors="surrogateescape") as f:
            writer = csv.writer(f)
            writer.writerow([*_FIXED, *self.class_names])
            for r in self.rows:
                writer.writerow([r.file, r.label, r.suggested, f"{r.quality:.6f}",
                                 *(f"{p:.6f}" for p in r.probabilities)])
        os.replace(tmp, path)
        return path


def read_issues_csv(path: str | os.PathLike) -> IssueTable:
    """A table written by :meth:`IssueTable.write` (or edited by hand: rows kept as they are)."""
    with open(path, newline="", encoding="utf-8", errors="surrogateescape") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None or tuple(header[:4]) != _FIXED:
            raise ValueError(f"'{path}' is not a table of label issues (its first columns "
                             f"are not {', '.join(_FIXED)}).")
        names = header[4:]
        rows = [IssueRow(row[0], row[1], row[2], float(row[3]),
                         tuple(float(v) for v in row[4:4 + len(names)]))
                for row in reader if len(row) >= 4]
    return IssueTable(names, rows)


def issues_path(run_dir: str | os.PathLike) -> Path:
    """Where a run's table of label issues is kept."""
    return Path(run_dir) / FOLDER / ISSUES_FILE


def read_run_issues(run_dir: str | os.PathLike) -> IssueTable | None:
    """The run's last table of label issues, or None when none was made (or readable)."""
    path = issues_path(run_dir)
    if not path.exists():
        return None
    try:
        return read_issues_csv(path)
    except (OSError, ValueError):
        return None
