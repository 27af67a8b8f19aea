"""Composite inputs: one setting made of several controls, as one widget.

Each has ``value()``, ``setValue(value)`` and a ``valueChanged(object)`` signal carrying
the setting's value as ``RunConfig`` holds it, so the Binder is the only way edits reach
the settings (no panel writes fields by hand, no hand-emitted change signals).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.ui.widgets.forms import (
    PathPicker,
    _named,
    check_box,
    combo,
    double_spin,
    int_spin,
    tip,
)

__all__ = [
    "ClassWeightInput",
    "OptionalNumber",
    "OptionalRange",
    "PercentInput",
    "SeedInput",
    "SizeInput",
    "ValidationInput",
    "WeightsInput",
]


class _Composite(QWidget):
    valueChanged = Signal(object)

    def __init__(self, name: str) -> None:
        super().__init__()
        _named(self, name)
        self._quiet = False

    def _changed(self, *_: object) -> None:
        self._sync()
        if not self._quiet:
            self.valueChanged.emit(self.value())

    def _sync(self) -> None:
        """Enable or show the parts that apply to the current value."""

    def value(self) -> Any:
        raise NotImplementedError

    def setValue(self, value: Any) -> None:
        self._quiet = True
        try:
            for child in self.findChildren(QWidget):
                child.blockSignals(True)
            self._set(value)
        finally:
            for child in self.findChildren(QWidget):
                child.blockSignals(False)
            self._quiet = False
        self._sync()

    def _set(self, value: Any) -> None:
        raise NotImplementedError


def _row(widget: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    return layout


class SizeInput(_Composite):
    """Height × width in pixels; with ``special``, the minimum means "not set" (None)."""

    def __init__(self, name: str, low: int, high: int, *, step: int = 8,
                 special: str | None = None, help_text: str = "") -> None:
        super().__init__(name)
        low = low - 1 if special else low
        self.height = int_spin(f"{name}[0]", low, high, step=step, suffix=self.tr(" px"),
                               special=special, help_text=help_text)
        self.width = int_spin(f"{name}[1]", low, high, step=step, suffix=self.tr(" px"),
                              special=self.tr("Same") if special else None,
                              help_text=help_text)
        self._special = special
        layout = _row(self)
        layout.addWidget(self.height)
        layout.addWidget(QLabel("×"))
        layout.addWidget(self.width)
        for box in (self.height, self.width):
            box.valueChanged.connect(self._changed)
        tip(self, help_text)

    def value(self) -> tuple[int, int] | None:
        if self._special and self.height.value() == self.height.minimum():
            return None
        width = self.width.value()
        if self._special and width == self.width.minimum():
            width = self.height.value()
        return (self.height.value(), width)

    def _set(self, value: tuple[int, int] | None) -> None:
        h, w = value or (self.height.minimum(), self.width.minimum())
        self.height.setValue(int(h))
        self.width.setValue(int(w))


class OptionalRange(_Composite):
    """A check box and a (low, high) pair: None when unchecked."""

    def __init__(self, name: str, text: str, low: tuple[float, float],
                 high: tuple[float, float], default: tuple[float, float], *,
                 help_text: str = "") -> None:
        super().__init__(name)
        self.enabled = check_box(name.replace("_range", "_enabled"), text, help_text)
        self.low = double_spin(f"{name}[0]", *low, step=0.05)
        self.high = double_spin(f"{name}[1]", *high, step=0.05)
        self._default = default
        layout = _row(self)
        layout.addWidget(self.enabled)
        layout.addWidget(self.low)
        layout.addWidget(QLabel(self.tr("to")))
        layout.addWidget(self.high)
        self.enabled.toggled.connect(self._changed)
        self.low.valueChanged.connect(self._changed)
        self.high.valueChanged.connect(self._changed)
        self._set(None)
        self._sync()

    def value(self) -> tuple[float, float] | None:
        if not self.enabled.isChecked():
            return None
        return (float(self.low.value()), float(self.high.value()))

    def _set(self, value: tuple[float, float] | None) -> None:
        self.enabled.setChecked(value is not None)
        low, high = value or self._default
        self.low.setValue(low)
        self.high.setValue(high)

    def _sync(self) -> None:
        for box in (self.low, self.high):
            box.setEnabled(self.enabled.isChecked())


class OptionalNumber(_Composite):
    """A check box and a number: None when unchecked."""

    def __init__(self, name: str, text: str, low: float, high: float, default: float, *,
                 decimals: int = 2, step: float = 0.1, help_text: str = "",
                 check_name: str | None = None) -> None:
        super().__init__(f"{name}.group")
        self.enabled = check_box(check_name or f"{name}_enabled", text, help_text)
        self.number = double_spin(name, low, high, step=step, decimals=decimals,
                                  help_text=help_text)
        self._default = default
        layout = _row(self)
        layout.addWidget(self.enabled)
        layout.addWidget(self.number, 1)
        self.enabled.toggled.connect(self._changed)
        self.number.valueChanged.connect(self._changed)
        self._set(None)
        self._sync()

    def value(self) -> float | None:
        return float(self.number.value()) if self.enabled.isChecked() else None

    def _set(self, value: float | None) -> None:
        self.enabled.setChecked(value is not None)
        self.number.setValue(self._default if value is None else float(value))

    def _sync(self) -> None:
        self.number.setEnabled(self.enabled.isChecked())


class SeedInput(_Composite):
    """A seed, or "Random" (None)."""

    def __init__(self, name: str, help_text: str = "") -> None:
        super().__init__(f"{name}.group")
        self.seed = int_spin(name, 0, 2**31 - 1, help_text=help_text)
        self.random = check_box("training.random_seed", self.tr("Random"),
                                self.tr("A different random run each time."))
        layout = _row(self)
        layout.addWidget(self.seed, 1)
        layout.addWidget(self.random)
        self.seed.valueChanged.connect(self._changed)
        self.random.toggled.connect(self._changed)

    def value(self) -> int | None:
        return None if self.random.isChecked() else int(self.seed.value())

    def _set(self, value: int | None) -> None:
        self.random.setChecked(value is None)
        self.seed.setValue(1 if value is None else int(value))

    def _sync(self) -> None:
        self.seed.setEnabled(not self.random.isChecked())


class PercentInput(QDoubleSpinBox):
    """A fraction (0-1) shown as a percentage."""

    def __init__(self, name: str, help_text: str = "") -> None:
        super().__init__()
        _named(self, name)
        self.setRange(0, 100)
        self.setDecimals(0)
        self.setSuffix(" %")
        self.setKeyboardTracking(False)
        tip(self, help_text)

    def value(self) -> float:
        return super().value() / 100

    def setValue(self, value: float) -> None:
        super().setValue(round(float(value) * 100))


class ClassWeightInput(_Composite):
    """``"none"``, ``"balanced"`` or ``{class name: weight}`` (a table per class)."""

    def __init__(self, name: str, help_text: str = "") -> None:
        super().__init__(f"{name}.group")
        self.mode = combo(name, [(self.tr("None"), "none"),
                                 (self.tr("Balanced (rarer classes count more)"), "balanced"),
                                 (self.tr("Per class…"), "custom")], help_text)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName(f"{name}_table")
        self.table.setHorizontalHeaderLabels([self.tr("Class"), self.tr("Weight")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(self.table)
        self._names: list[str] = []
        self.mode.currentIndexChanged.connect(self._changed)
        self._sync()

    def set_class_names(self, names: list[str]) -> None:
        """The classes of the data, for per-class weights (current weights are kept)."""
        current = self.value()
        self._names = list(names)
        self._fill(names, current if isinstance(current, dict) else {})
        self._sync()

    def _fill(self, names: list[str], weights: dict) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            spin = QDoubleSpinBox()
            spin.setObjectName(f"training.class_weight[{name}]")
            spin.setRange(0.0, 1000.0)
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            spin.setKeyboardTracking(False)
            spin.setValue(float(weights.get(name, 1.0)))
            spin.valueChanged.connect(self._changed)
            self.table.setCellWidget(row, 1, spin)
        self.table.blockSignals(False)

    def value(self) -> Any:
        mode = self.mode.currentData()
        if mode != "custom":
            return mode
        return {self.table.item(row, 0).text(): float(self.table.cellWidget(row, 1).value())
                for row in range(self.table.rowCount())}

    def _set(self, value: Any) -> None:
        if isinstance(value, dict):
            self.mode.setCurrentIndex(self.mode.findData("custom"))
            names = list(dict.fromkeys([*self._names, *value]))
            self._fill(names, value)
        else:
            self.mode.setCurrentIndex(max(0, self.mode.findData(value)))

    def _sync(self) -> None:
        custom = self.mode.currentData() == "custom"
        self.table.setVisible(custom)
        if custom and self.table.rowCount() == 0 and self._names:
            self._fill(self._names, {})


class ValidationInput(_Composite):
    """How the model is measured: a folder, a share of the training images, or none.

    One widget for two settings: its value is ``{"data.val_dir": ...,
    "data.validation_split": ...}``.
    """

    fields = ("data.val_dir", "data.validation_split")

    def __init__(self) -> None:
        super().__init__("data.validation")
        self.mode = combo("data.validation_mode", [
            (self.tr("A separate folder"), "folder"),
            (self.tr("A share of the training images"), "split"),
            (self.tr("No validation"), "none")],
            self.tr("How the model is checked on images it does not train on."))
        self.stack = QStackedWidget()
        self.folder = PathPicker(
            "data.val_dir", caption=self.tr("Choose the validation folder"),
            help_text=self.tr("Images kept apart to measure the model, with the same class "
                      "sub-folders as the training folder."))
        self.split = double_spin(
            "data.validation_split", 0.05, 0.5, step=0.05, decimals=2,
            help_text=self.tr("The share of each class's training images kept for validation."))
        self.split.setValue(0.2)
        self.stack.addWidget(self.folder)
        self.stack.addWidget(self.split)
        self.stack.addWidget(QLabel(self.tr("The model is not measured on unseen images.")))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(self.stack)
        self.mode.currentIndexChanged.connect(self._changed)
        self.folder.valueChanged.connect(self._changed)
        self.split.valueChanged.connect(self._changed)

    def value(self) -> dict[str, Any]:
        mode = self.mode.currentData()
        return {"data.val_dir": self.folder.value() if mode == "folder" else "",
                "data.validation_split": float(self.split.value()) if mode == "split"
                else 0.0}

    def _set(self, value: dict[str, Any]) -> None:
        folder, split = value.get("data.val_dir") or "", value.get("data.validation_split")
        if split:
            mode = "split"
            self.split.setValue(float(split))
        elif folder or self.mode.currentData() != "none":
            mode = "folder"  # an empty folder field means no validation yet
        else:
            mode = "none"
        self.folder.setValue(folder)
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def _sync(self) -> None:
        self.stack.setCurrentIndex(("folder", "split", "none").index(self.mode.currentData()))


class WeightsInput(_Composite):
    """Starting weights: ``"none"``, ``"imagenet"`` or the path of a weights file."""

    def __init__(self) -> None:
        super().__init__("model.weights")
        self.mode = combo("model.weights_mode", [
            (self.tr("None: learn from scratch"), "none"), ("ImageNet", "imagenet"),
            (self.tr("From a file…"), "file")],
            self.tr("Start from weights learned on ImageNet (1.2 million photos) to learn from "
                    "few images."))
        self.file = PathPicker("model.weights_file", folder=False,
                               caption=self.tr("Choose a weights file (.h5, without top)"),
                               file_filter=self.tr("Keras weights (*.h5 *.weights.h5)"),
                               help_text=self.tr("Weights of the same architecture, without its "
                                         "classification top."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(self.file)
        self.mode.currentIndexChanged.connect(self._changed)
        self.file.valueChanged.connect(self._changed)
        self._sync()

    def value(self) -> str:
        mode = self.mode.currentData()
        if mode == "file":
            return self.file.value() or "none"
        return mode

    def _set(self, value: str) -> None:
        mode = value if value in ("none", "imagenet") else "file"
        self.mode.setCurrentIndex(self.mode.findData(mode))
        if mode == "file":
            self.file.setValue(value)

    def _sync(self) -> None:
        self.file.setVisible(self.mode.currentData() == "file")

