"""Small reusable controls: a folder picker, a slider with a spin box, an eliding label,
form helpers."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QWidget,
)

__all__ = [
    "ElidedLabel",
    "PathPicker",
    "SliderSpin",
    "check_box",
    "combo",
    "double_spin",
    "form_group",
    "int_spin",
    "scroll_area",
    "setting_check_box",
    "setting_combo",
    "setting_double_spin",
    "setting_help",
    "setting_int_spin",
    "setting_label",
    "setting_text",
    "tip",
    "wrap_anywhere",
]


def tip(widget: QWidget, text: str) -> QWidget:
    """Give ``widget`` a one-line explanation (kept to restore after an error tooltip)."""
    widget.setToolTip(text)
    widget.setProperty("helpText", text)
    return widget


def _named(widget: QWidget, name: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(name)
    return widget


def _spin(box, name, low, high, step, suffix, special, help_text):
    """Set up an int or a double spin box (one ``valueChanged`` per edit, not per key)."""
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    if special:
        box.setSpecialValueText(special)
    tip(box, help_text)
    return _named(box, name)


def int_spin(name: str, low: int, high: int, *, step: int = 1, suffix: str = "",
             special: str | None = None, help_text: str = "") -> QSpinBox:
    """A spin box; ``special`` is shown at the minimum (for "Automatic")."""
    return _spin(QSpinBox(), name, low, high, step, suffix, special, help_text)


def double_spin(name: str, low: float, high: float, *, step: float = 0.1, decimals: int = 2,
                suffix: str = "", special: str | None = None,
                help_text: str = "") -> QDoubleSpinBox:
    box = _spin(QDoubleSpinBox(), name, low, high, step, suffix, special, help_text)
    box.setDecimals(decimals)
    return box


def check_box(name: str, text: str, help_text: str = "") -> QCheckBox:
    box = QCheckBox(text)
    tip(box, help_text)
    return _named(box, name)


def combo(name: str, items: list[tuple[str, object]], help_text: str = "") -> QComboBox:
    """A combo box of ``(label, value)`` items."""
    box = QComboBox()
    for label, value in items:
        box.addItem(label, value)
    # Long labels may shrink with the panel instead of pushing it wider.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    tip(box, help_text)
    return _named(box, name)


# Controls of one setting, made from its description (core/config.py): the label, the help
# and the choices are the ones validation and the CLI use, so the panels cannot drift.


def setting_label(field: str) -> str:
    """The setting's label, as the form row shows it."""
    from fitgen_gui.core.config import field_label

    return setting_text(field_label(field))


def setting_text(text: str) -> str:
    """A label, help or choice text of core/config.py's ``setting(...)`` in the app's
    language (core stays English for the CLI; ui/widgets/setting_texts.py lists them for
    lupdate under the context ``Setting``)."""
    return QCoreApplication.translate("Setting", text) if text else text


def setting_help(field: str) -> str:
    """The setting's help (its tooltip) in the app's language."""
    from fitgen_gui.core.config import setting_info

    return setting_text(setting_info(field).help)


def _help(field: str, extra: str) -> str:
    from fitgen_gui.core.config import setting_info

    return " ".join(t for t in (setting_text(setting_info(field).help), extra) if t)


def setting_combo(field: str, *, extra_help: str = "") -> QComboBox:
    """A combo box of the setting's choices, labelled as the setting describes them."""
    from fitgen_gui.core.config import setting_info

    info = setting_info(field)
    return combo(field, [(setting_text(label), value) for value, label in info.choices],
                 _help(field, extra_help))


def setting_check_box(field: str, *, extra_help: str = "") -> QCheckBox:
    """A check box labelled with the setting's label."""
    return check_box(field, setting_label(field), _help(field, extra_help))


def _bounds(field: str, low: float | None, high: float | None) -> tuple[float, float]:
    from fitgen_gui.core.config import setting_info

    info = setting_info(field)
    low = info.low if low is None else low
    high = info.high if high is None else high
    if low is None or high is None:
        raise ValueError(f"{field} has no range: give the spin box's low and high")
    return low, high


def setting_int_spin(field: str, *, low: int | None = None, high: int | None = None,
                     extra_help: str = "", **options) -> QSpinBox:
    """A spin box over the setting's range (``low``/``high`` narrow it for the panel)."""
    low, high = _bounds(field, low, high)
    return int_spin(field, int(low), int(high), help_text=_help(field, extra_help), **options)


def setting_double_spin(field: str, *, low: float | None = None, high: float | None = None,
                        extra_help: str = "", **options) -> QDoubleSpinBox:
    """A spin box over the setting's range (``low``/``high`` narrow it for the panel)."""
    low, high = _bounds(field, low, high)
    return double_spin(field, low, high, help_text=_help(field, extra_help), **options)


def form_group(title: str, name: str) -> tuple[QGroupBox, QFormLayout]:
    group = QGroupBox(title)
    group.setObjectName(name)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return group, form


class PathPicker(QWidget):
    """A path field with a Browse button.

    Signals
    -------
    valueChanged(str)
        The path was typed (on Enter or leaving the field) or chosen.
    """

    valueChanged = Signal(str)

    def __init__(self, name: str, *, folder: bool = True, caption: str = "Choose a folder",
                 file_filter: str = "", help_text: str = "") -> None:
        super().__init__()
        if caption == "Choose a folder":
            caption = self.tr("Choose a folder")
        self._folder, self._caption, self._filter = folder, caption, file_filter
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = _named(QLineEdit(), f"{name}.path")
        self.edit.setPlaceholderText(self.tr("Choose a folder…") if folder
                                     else self.tr("Choose a file…"))
        self.edit.setClearButtonEnabled(True)
        self.button = _named(QPushButton(self.tr("Browse…")), f"{name}.browse")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        tip(self.edit, help_text)
        _named(self, name)
        self.edit.editingFinished.connect(self._typed)
        self.button.clicked.connect(self.browse)
        self._last = ""

    def value(self) -> str:
        return self.edit.text().strip()

    def setValue(self, value: str) -> None:
        self._last = value or ""
        self.edit.setText(self._last)

    def _typed(self) -> None:
        if self.value() != self._last:
            self._last = self.value()
            self.valueChanged.emit(self._last)

    def browse(self) -> None:
        start = self.value() or ""
        if self._folder:
            path = QFileDialog.getExistingDirectory(self, self._caption, start)
        else:
            path, _ = QFileDialog.getOpenFileName(self, self._caption, start, self._filter)
        if path:
            self.setValue(path)
            self.valueChanged.emit(path)


class SliderSpin(QWidget):
    """A slider and a spin box showing the same number.

    Signals
    -------
    valueChanged(float)
    """

    valueChanged = Signal(float)

    def __init__(self, name: str, low: float, high: float, *, step: float, decimals: int = 2,
                 suffix: str = "", help_text: str = "") -> None:
        super().__init__()
        self._scale = 10 ** decimals
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = _named(QSlider(Qt.Orientation.Horizontal), f"{name}.slider")
        self.slider.setRange(round(low * self._scale), round(high * self._scale))
        self.slider.setSingleStep(max(1, round(step * self._scale)))
        self.slider.setPageStep(max(1, round(step * self._scale * 5)))
        self.spin = double_spin(f"{name}.value", low, high, step=step, decimals=decimals,
                                suffix=suffix)
        self.spin.setMinimumWidth(86)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        for widget in (self.slider, self.spin):
            tip(widget, help_text)
        _named(self, name)
        tip(self, help_text)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)

    def value(self) -> float:
        return float(self.spin.value())

    def setValue(self, value: float) -> None:
        value = float(value or 0.0)
        self.spin.blockSignals(True)
        self.slider.blockSignals(True)
        self.spin.setValue(value)
        self.slider.setValue(round(value * self._scale))
        self.spin.blockSignals(False)
        self.slider.blockSignals(False)

    def _from_slider(self, position: int) -> None:
        value = position / self._scale
        if not math.isclose(value, self.spin.value()):
            self.spin.blockSignals(True)
            self.spin.setValue(value)
            self.spin.blockSignals(False)
            self.valueChanged.emit(self.value())

    def _from_spin(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * self._scale))
        self.slider.blockSignals(False)
        self.valueChanged.emit(float(value))


class ElidedLabel(QLabel):
    """One line of status text that never widens its panel: long text ends in "…" and the
    whole of it is the tooltip. (A plain QLabel asks for the width of its longest text,
    which squeezed the settings panel whenever an error message was long.)"""

    def __init__(self, text: str = "", name: str = "") -> None:
        super().__init__()
        if name:
            _named(self, name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text if len(text) > 60 else "")
        self._elide()

    def text(self) -> str:
        """The whole text, not the part shown."""
        return self._full

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(" ".join(self._full.split()),
                                              Qt.TextElideMode.ElideRight,
                                              max(self.width(), 40))
        QLabel.setText(self, shown)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(200, super().sizeHint().height())


def scroll_area(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless vertical scroll area (a settings panel)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def wrap_anywhere(text: str) -> str:
    """``text`` that a word-wrapping label can break inside long paths (after / and \\)."""
    return text.replace("/", "/\u200b").replace("\\", "\\\u200b")
