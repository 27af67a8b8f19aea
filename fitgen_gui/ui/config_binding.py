"""Binding controls to ``RunConfig`` fields, and showing invalid values at the control.

Panels declare ``binder.bind("data.batch_size", spin_box)``; the binder loads values into
controls, writes them back into a config, announces changes, and marks the controls whose
fields :meth:`RunConfig.validate` reports, with the reason as their tooltip.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from fitgen_gui.core.config import Problem, RunConfig

__all__ = ["Binder", "get_field", "set_field"]

_INDEX = re.compile(r"^(.*)\[(\d+)\]$")
_NO_NONE = object()  # no control value stands for None


def get_field(config: RunConfig, dotted: str) -> Any:
    """``config`` value of ``"data.target_size[0]"`` style field names."""
    match = _INDEX.match(dotted)
    path = match.group(1) if match else dotted
    value: Any = config
    for part in path.split("."):
        value = getattr(value, part)
    return value[int(match.group(2))] if match else value


def set_field(config: RunConfig, dotted: str, value: Any) -> None:
    """Set a field of ``config`` in place (tuple elements included)."""
    match = _INDEX.match(dotted)
    path = match.group(1) if match else dotted
    *parents, name = path.split(".")
    owner: Any = config
    for part in parents:
        owner = getattr(owner, part)
    if match:
        items = list(getattr(owner, name) or ())
        index = int(match.group(2))
        while len(items) <= index:
            items.append(value)
        items[index] = value
        value = tuple(items)
    setattr(owner, name, value)


@dataclasses.dataclass
class _Binding:
    field: str
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]


class Binder(QObject):
    """Controls bound to config fields.

    Signals
    -------
    changed(str)
        A bound control was changed by the user; the field's dotted name.
    """

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bindings: list[_Binding] = []
        self._loading = False

    def bind(self, field: str, widget: QWidget, *, none_value: Any = _NO_NONE,
             getter: Callable[[], Any] | None = None,
             setter: Callable[[Any], None] | None = None) -> QWidget:
        """Bind ``widget`` to ``field``.

        ``none_value``: the control value that stands for ``None`` (a spin box at its
        minimum showing "Automatic", say). ``getter``/``setter`` convert other values.
        """
        get, set_, signal = self._accessors(widget, none_value)
        binding = _Binding(field, widget, getter or get, setter or set_)
        self._bindings.append(binding)
        signal.connect(lambda *_: self._on_edit(field))
        return widget

    @staticmethod
    def _accessors(widget: QWidget, none_value: Any) -> tuple[Callable, Callable, Any]:
        def wrap_none(get: Callable, set_: Callable) -> tuple[Callable, Callable]:
            def getter() -> Any:
                value = get()
                return None if value == none_value else value

            def setter(value: Any) -> None:
                set_(none_value if value is None else value)

            return getter, setter

        if isinstance(widget, QCheckBox):
            return widget.isChecked, widget.setChecked, widget.toggled
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            getter, setter = wrap_none(widget.value, widget.setValue)
            return getter, setter, widget.valueChanged
        if isinstance(widget, QComboBox):
            def set_combo(value: Any) -> None:
                index = widget.findData(value)
                if index < 0 and isinstance(value, str):
                    index = widget.findText(value)
                widget.setCurrentIndex(max(index, 0))

            return widget.currentData, set_combo, widget.currentIndexChanged
        if isinstance(widget, QLineEdit):
            return widget.text, lambda v: widget.setText("" if v is None else str(v)), \
                widget.editingFinished
        if hasattr(widget, "valueChanged") and hasattr(widget, "setValue"):  # our composites
            getter, setter = wrap_none(widget.value, widget.setValue)
            return getter, setter, widget.valueChanged
        raise TypeError(f"cannot bind a {type(widget).__name__}")

    def _on_edit(self, field: str) -> None:
        if not self._loading:
            self.changed.emit(field)

    def fields(self) -> list[str]:
        return [b.field for b in self._bindings]

    def widget(self, field: str) -> QWidget:
        return next(b.widget for b in self._bindings if b.field == field)

    def load(self, config: RunConfig) -> None:
        """Show ``config``'s values in the controls (no ``changed`` signals)."""
        self._loading = True
        try:
            for binding in self._bindings:
                binding.widget.blockSignals(True)
                try:
                    binding.set(get_field(config, binding.field))
                finally:
                    binding.widget.blockSignals(False)
        finally:
            self._loading = False

    def store(self, config: RunConfig) -> None:
        """Write the controls' values into ``config``."""
        for binding in self._bindings:
            set_field(config, binding.field, binding.get())

    def mark_problems(self, problems: Iterable[Problem]) -> list[Problem]:
        """Mark the controls of ``problems``; return the problems no control shows."""
        by_widget: dict[int, list[str]] = {}
        unshown = []
        for problem in problems:
            matches = [b for b in self._bindings
                       if b.field == problem.field or b.field.startswith(problem.field + "[")
                       or problem.field.startswith(b.field + "[")]
            if not matches:
                unshown.append(problem)
            for binding in matches:
                by_widget.setdefault(id(binding.widget), []).append(problem.message)
        for binding in self._bindings:
            messages = by_widget.get(id(binding.widget))
            widget = binding.widget
            was = widget.property("invalid")
            widget.setProperty("invalid", bool(messages))
            if messages:
                widget.setToolTip("\n".join(dict.fromkeys(messages)))
            elif was:
                widget.setToolTip(widget.property("helpText") or "")
            if was != bool(messages):
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        return unshown
