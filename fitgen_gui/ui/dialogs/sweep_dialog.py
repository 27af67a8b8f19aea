"""*Try several settings…*: up to three settings and their values; every combination is a
run of one sweep, trained one after another with the other settings as they are now.

The values are read and checked exactly as ``fitgen sweep --vary KEY=V1,V2,...`` reads
them (:func:`~fitgen_gui.core.sweep.parse_vary`, :func:`~fitgen_gui.core.sweep_plan.
plan_sweep`), so a value the CLI refuses is refused here with the same sentence, under the
fields, and OK stays disabled. The number of runs and their names (as ``fitgen sweep``
prints them) are shown as the values are typed; more than
:data:`~fitgen_gui.core.sweep_plan.MAX_WITHOUT_ASKING` are asked about first.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import RunConfig, field_label, get_field
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.sweep import count, parse_vary
from fitgen_gui.core.sweep_plan import (
    MAX_WITHOUT_ASKING,
    SweepPlan,
    list_run_names,
    plan_sweep,
    varied_settings,
)
from fitgen_gui.ui.widgets.forms import setting_text

__all__ = ["AXES", "SweepDialog"]

AXES = 3  # settings varied at most: more makes a grid nobody reads


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


class SweepDialog(QDialog):
    """Choose the settings to vary and their values; :attr:`plan` is the checked sweep
    once accepted.

    Parameters
    ----------
    base
        The settings every run starts from (the project's, as they are now).
    """

    def __init__(self, base: RunConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweep.dialog")
        self.setWindowTitle(self.tr("Try several settings"))
        self.base = base
        self.plan: SweepPlan | None = None
        self._axes: list[Any] = []
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Every combination of the values below is trained as a run of its own, one after "
            "another, with all other settings as they are now. The runs appear in the Runs "
            "tab as one group, with a table of their results."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Setting")), 0, 0)
        grid.addWidget(QLabel(self.tr("Values, separated by commas")), 0, 1)
        self.settings: list[QComboBox] = []
        self.values: list[QLineEdit] = []
        keys = varied_settings(base)
        for index in range(AXES):
            combo = QComboBox()
            combo.setObjectName(f"sweep.setting{index + 1}")
            # The longest setting's name would take the values' room; the list opens wide.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(32)
            combo.addItem(self.tr("(none)"), None)
            for key in keys:
                combo.addItem(self.tr("{label} ({key})").format(
                    label=setting_text(field_label(key)), key=key), key)
            edit = QLineEdit()
            edit.setObjectName(f"sweep.values{index + 1}")
            edit.setEnabled(False)
            combo.currentIndexChanged.connect(self._setting_chosen)
            edit.textChanged.connect(self._schedule_check)
            grid.addWidget(combo, index + 1, 0)
            grid.addWidget(edit, index + 1, 1)
            self.settings.append(combo)
            self.values.append(edit)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.message = QLabel("")
        self.message.setObjectName("sweep.message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        self.runs = QLabel("")
        self.runs.setWordWrap(True)  # six run names are wider than the dialog
        self.runs.setObjectName("sweep.runs")
        layout.addWidget(self.runs)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("sweep.ok")
        self.ok_button.setText(self.tr("Train the runs"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)  # check when typing pauses, not on every key
        self._timer.timeout.connect(self.check)
        self.resize(760, self.sizeHint().height())
        self.check()

    # -- what was chosen ----------------------------------------------------------------

    def choose(self, index: int, key: str, values: str) -> None:
        """Set row ``index`` to vary ``key`` over ``values`` (as typed), and check."""
        self.settings[index].setCurrentIndex(self.settings[index].findData(key))
        self.values[index].setText(values)
        self.check()

    def vary_items(self) -> list[str]:
        """The ``KEY=V1,V2,...`` texts of the rows with a setting (as ``--vary`` takes)."""
        items = []
        for combo, edit in zip(self.settings, self.values, strict=True):
            key = combo.currentData()
            if key:
                items.append(f"{key}={edit.text()}")
        return items

    def _setting_chosen(self) -> None:
        for combo, edit in zip(self.settings, self.values, strict=True):
            key = combo.currentData()
            edit.setEnabled(bool(key))
            if key:
                now = _shown(get_field(self.base, key))
                edit.setPlaceholderText(self.tr("now {value}; e.g. {value}, …").format(
                    value=now))
                edit.setToolTip(self.tr("Values of {label}, separated by commas, as "
                                        "fitgen sweep --vary {key}=V1,V2 takes them.").format(
                    label=setting_text(field_label(key)), key=key))
        self.check()

    def _schedule_check(self) -> None:
        self._timer.start()

    # -- checking -------------------------------------------------------------------------

    def said_here(self, message: str) -> str:
        """The CLI's sentence (``fitgen sweep`` prints it) without what only a command line
        means: the ``--vary`` that names the values is the fields above here, and nothing
        is ever written before OK."""
        message = message.removeprefix("--vary ")
        message = message.replace(" Change the values of --vary; nothing was written.",
                                  " " + self.tr("Change the values above."))
        return message.replace(" Nothing was written.", "")

    def _count_text(self, total: int) -> str:
        """``2 runs`` (the words ``fitgen sweep`` prints before the runs' names)."""
        return self.tr("1 run") if total == 1 else self.tr("{count} runs").format(count=total)

    def check(self) -> bool:
        """Read and check the values; show the number of runs, or why they cannot train.
        Whether OK can be pressed."""
        self._timer.stop()
        self.plan = None
        items = self.vary_items()
        error, total = "", 0
        if not items:
            error = ""
            self.runs.setText(self.tr("Choose a setting and type its values."))
        else:
            try:
                axes = parse_vary(items)
                total = count(axes)
                self.runs.setText(self._count_text(total))
                self._axes = axes
                if total <= MAX_WITHOUT_ASKING:
                    self.plan = plan_sweep(self.base, axes)
                    self.runs.setText(self.tr("{runs}: {names}").format(
                        runs=self._count_text(total), names=list_run_names(self.plan.names)))
                else:  # each value alone: a grid of thousands is checked on OK
                    for axis in axes:
                        plan_sweep(self.base, [axis])
            except UserError as exc:
                error = self.said_here(str(exc))
        self.message.setText(error)
        self.message.setVisible(bool(error))
        ok = bool(items) and not error
        self.ok_button.setEnabled(ok)
        return ok

    def accept(self) -> None:
        if not self.check():
            return
        total = count(self._axes)
        if total > MAX_WITHOUT_ASKING:
            answer = QMessageBox.question(
                self, self.tr("Train {count} runs?").format(count=total),
                self.tr("These values make {count} runs, more than {limit}; they are trained "
                        "one after another. Train them all?").format(count=total,
                                                                     limit=MAX_WITHOUT_ASKING),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
            try:
                self.plan = plan_sweep(self.base, self._axes)
            except UserError as exc:
                self.message.setText(self.said_here(str(exc)))
                self.message.show()
                self.ok_button.setEnabled(False)
                return
        super().accept()
