"""Dataclasses to and from JSON-ready values, by their type hints: one serializer for the
settings (``config.json``) and the events (``events.jsonl``).

JSON has lists where the dataclasses have tuples, and ints where they have floats; the
type hints say which is which, so no module keeps its own list of tuple fields. Reading
reports every value that does not fit its field (a :class:`Mismatch` with the dotted name
and what was expected) instead of guessing.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any

__all__ = ["Mismatch", "from_plain", "to_plain"]

_KINDS = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}


@dataclass(frozen=True)
class Mismatch:
    """A value that does not fit its field: the dotted name and what was expected."""

    field: str
    message: str


def to_plain(value: Any) -> Any:
    """A JSON-ready copy: dataclasses become dicts, tuples lists, dict keys text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(cls: type, data: dict[str, Any], mismatches: list[Mismatch], *,
               prefix: str = "", unknown: str = "report") -> Any:
    """An instance of dataclass ``cls`` from ``data`` (as :func:`to_plain` wrote it).

    Values that do not fit are appended to ``mismatches`` (and passed on as they are);
    missing keys take the field's default. ``unknown`` keys are reported (``"report"``) or
    ignored (``"ignore"``, for records written by a newer FitGen).
    """
    known = {f.name for f in dataclasses.fields(cls)}
    if unknown == "report":
        for key in data:
            if key not in known:
                close = [k for k in known if k.replace("_", "") == str(key).replace("_", "")]
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                mismatches.append(Mismatch(f"{prefix}{key}", f"is not a setting{hint}"))
    hints = _hints(cls)
    values = {}
    for name in known:
        if name in data:
            values[name] = _coerce(data[name], hints[name], f"{prefix}{name}", mismatches)
    return cls(**values)


def _coerce(value: Any, hint: Any, dotted: str, mismatches: list[Mismatch]) -> Any:
    """A JSON value as the field's type: lists to tuples, ints to floats; else a mismatch."""
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            mismatches.append(Mismatch(dotted, "must be a group of settings {...}"))
            return hint()
        return from_plain(hint, value, mismatches, prefix=f"{dotted}.")
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(value, inner[0], dotted, mismatches) if len(inner) == 1 else value
    if origin is tuple:
        return _coerce_tuple(value, args, dotted, mismatches)
    if origin is dict:
        if not isinstance(value, dict):
            mismatches.append(Mismatch(dotted, "must be a mapping {...}"))
            return value
        return {k: _coerce(v, args[1], dotted, mismatches) for k, v in value.items()}
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in _KINDS and not (
            isinstance(value, hint) and not (hint is not bool and isinstance(value, bool))):
        mismatches.append(Mismatch(dotted, f"must be {_KINDS[hint]}; got {value!r}"))
    return value


def _coerce_tuple(value: Any, args: tuple, dotted: str, mismatches: list[Mismatch]) -> Any:
    if not isinstance(value, list | tuple):
        mismatches.append(Mismatch(dotted, "must be a list [...]"))
        return value
    if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
        return tuple(_coerce(v, args[0], dotted, mismatches) for v in value)
    if len(value) != len(args):
        mismatches.append(Mismatch(dotted, f"must be a list of {len(args)} numbers"))
        return value
    return tuple(_coerce(v, a, dotted, mismatches) for v, a in zip(value, args, strict=True))
