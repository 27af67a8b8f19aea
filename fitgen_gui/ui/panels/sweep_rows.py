"""The Runs tab's sweeps: one group row per sweep folder, its runs indented under it.

The runs of a sweep live inside its folder (``runs/<sweep>/<run>/``), so the plain listing
of the runs folder does not see them. :func:`fill_table` puts each sweep among the runs by
its name (both start with their date, so newest first holds), as a bold row naming the
sweep and how its runs stand (``2 finished, 1 stopped``), followed by the runs that have a
folder, as ordinary rows. A group row keeps the sweep's folder under :data:`SWEEP_ROLE`
(and no run path), so Open shows its table and Compare takes all its runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from fitgen_gui.core.run_dir import RunDir, summarize
from fitgen_gui.core.sweep import Sweep
from fitgen_gui.core.sweep_table import rows_of
from fitgen_gui.ui.shell.engine_texts import status_counts

__all__ = ["SWEEP_ROLE", "fill_table", "runs_of_sweep", "sweep_of_row"]

SWEEP_ROLE = Qt.ItemDataRole.UserRole + 1
_INDENT = "    "


def _tr(text: str) -> str:
    return QCoreApplication.translate("SweepRows", text)


def runs_of_sweep(sweep_dir: str | Path, sweep: Sweep | None = None) -> list[str]:
    """The folders of the sweep's runs that have started, in the sweep's order."""
    sweep = sweep or Sweep.read(sweep_dir)
    return [str(Path(sweep_dir) / r.name) for r in sweep.runs
            if (Path(sweep_dir) / r.name / "config.json").is_file()]


def sweep_of_row(table: QTableWidget, row: int) -> str | None:
    """The sweep folder of a group row (None for a run's row)."""
    item = table.item(row, 0)
    value = item.data(SWEEP_ROLE) if item is not None else None
    return str(value) if value else None


def _group_row(table: QTableWidget, row: int, sweep_dir: Path, sweep: Sweep) -> None:
    rows = rows_of(sweep_dir, sweep)
    keys = ", ".join(sweep.keys)
    name = QTableWidgetItem(_tr("Sweep {name}").format(name=sweep_dir.name))
    name.setData(Qt.ItemDataRole.UserRole, None)
    name.setData(SWEEP_ROLE, str(sweep_dir))
    name.setToolTip(_tr("{count} runs varying {keys}. Open (or double-click) shows the "
                        "sweep's table; Compare shows all its runs.").format(
        count=len(sweep.runs), keys=keys))
    font = QFont(name.font())
    font.setBold(True)
    name.setFont(font)
    table.setItem(row, 0, name)
    table.setItem(row, 1, QTableWidgetItem(status_counts([r.status for r in rows])))
    table.setItem(row, 2, QTableWidgetItem(_tr("{count} runs").format(count=len(sweep.runs))))
    table.setItem(row, 3, QTableWidgetItem(keys))
    table.setItem(row, 4, QTableWidgetItem(""))


def fill_table(table: QTableWidget, runs: list[Any], sweeps: list[tuple[Path, Sweep]],
               show_run: Callable[[int, Any], None]) -> None:
    """Fill ``table`` with ``runs`` (run summaries) and ``sweeps`` (their folders and
    sweeps), newest first, each sweep's started runs under its group row; ``show_run(row,
    summary)`` writes a run's row."""
    entries: list[tuple[str, Any]] = [(run.name, run) for run in runs]
    entries += [(path.name, (path, sweep)) for path, sweep in sweeps]
    entries.sort(key=lambda entry: entry[0], reverse=True)
    lines: list[tuple[str, Any]] = []
    for _, entry in entries:
        if isinstance(entry, tuple):
            path, sweep = entry
            lines.append(("sweep", entry))
            lines += [("member", summarize(RunDir(p))) for p in runs_of_sweep(path, sweep)]
        else:
            lines.append(("run", entry))
    table.setRowCount(len(lines))
    for row, (kind, entry) in enumerate(lines):
        if kind == "sweep":
            _group_row(table, row, *entry)
            continue
        show_run(row, entry)
        if kind == "member":
            item = table.item(row, 0)
            item.setText(_INDENT + item.text())
