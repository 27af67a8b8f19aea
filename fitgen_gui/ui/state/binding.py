"""Binding controls to the project's settings: the only way an edit reaches the config.

Panels declare ``binder.bind("data.batch_size", spin_box)``. An edit of the control sets the
field on the :class:`~fitgen_gui.ui.state.project.Project` (which emits ``changed(field)`` once);
a change of the field (a project opened, a session restored, another control) updates the
control without echoing back. Composite inputs (``ui.inputs``) bind one widget to one
field, or to several (``ValidationInput``). The binder also marks the controls whose
fields have problems, with the reason as their tooltip.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from fitgen_gui.core.config import Problem, RunConfig, get_field

if TYPE_CHECKING:
    from fitgen_gui.ui.state.project import Project

__all__ = ["Binder"]

_NO_NONE = object()  # no control value stands for None


@dataclasses.dataclass
class _Binding:
    fields: tuple[str, ...]
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]

    def values(self) -> dict[str, Any]:
        value = self.get()
        return value if len(self.fields) > 1 else {self.fields[0]: value}

    def show(self, config: RunConfig) -> None:
        current = {f: get_field(config, f) for f in self.fields}
        if _same(current, self.values()):
            return  # the control already shows it (it may be the one being edited)
        self.widget.blockSignals(True)
        try:
            self.set(current if len(self.fields) > 1 else current[self.fields[0]])
        finally:
            self.widget.blockSignals(False)


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def plain(value: Any) -> Any:
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    return {k: plain(v) for k, v in a.items()} == {k: plain(v) for k, v in b.items()}


class Binder(QObject):
    """Controls bound to the fields of a project's settings."""

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._bindings: list[_Binding] = []
        project.changed.connect(self._on_project_changed)

    def bind(self, field: str | Iterable[str], widget: QWidget, *,
             none_value: Any = _NO_NONE) -> QWidget:
        """Bind ``widget`` to ``field`` (or several fields, for a composite input).

        ``none_value``: the control value that stands for ``None`` (a spin box at its
        minimum showing "Automatic", say).
        """
        fields = (field,) if isinstance(field, str) else tuple(field)
        get, set_, signal = self._accessors(widget, none_value)
        binding = _Binding(fields, widget, get, set_)
        self._bindings.append(binding)
        signal.connect(lambda *_: self._on_edit(binding))
        binding.show(self.project.config)
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
        if hasattr(widget, "valueChanged") and hasattr(widget, "setValue"):  # composites
            getter, setter = wrap_none(widget.value, widget.setValue)
            return getter, setter, widget.valueChanged
        raise TypeError(f"cannot bind a {type(widget).__name__}")

    def _on_edit(self, binding: _Binding) -> None:
        self.project.update(binding.values())

    def _on_project_changed(self, field: str) -> None:
        config = self.project.config
        for binding in self._bindings:
            if not field or field in binding.fields or any(
                    f.startswith(field + ".") for f in binding.fields):
                binding.show(config)

    def fields(self) -> list[str]:
        return [f for b in self._bindings for f in b.fields]

    def widget(self, field: str) -> QWidget:
        return next(b.widget for b in self._bindings if field in b.fields)

    def mark_problems(self, problems: Iterable[Problem]) -> list[Problem]:
        """Mark the controls of ``problems``; return the problems no control shows."""
        by_widget: dict[int, list[str]] = {}
        unshown = []
        for problem in problems:
            base = problem.field.split("[")[0]
            matches = [b for b in self._bindings if base in b.fields]
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
