"""What each setting is, declared once beside its field: its label, its help, its choices and
its range.

``RunConfig``'s fields are declared with :func:`setting`; validation reads the range and the
choices from there, the app's panels their labels, help texts, choices and spin-box ranges,
and the ``fitgen`` options their choices and help, so none of them can drift from the others.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Problem", "Setting", "check_choice", "check_number", "check_setting", "plain_number",
           "setting"]


@dataclass(frozen=True)
class Problem:
    """One invalid setting: the dotted field name and a message saying what to do."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Setting:
    """A setting's description.

    ``choices`` maps each allowed value to its label (validation refuses other values);
    ``low``/``high`` bound a number (``strict_low``: above ``low``; ``below``: under
    ``high``), ``whole`` asks for a whole number; ``text`` replaces the generic range
    message; ``applies`` says when the setting is used at all (it is not checked otherwise,
    so a setting that does not apply never blocks training).
    """

    label: str
    help: str = ""
    choices: tuple[tuple[Any, str], ...] = ()
    low: float | None = None
    high: float | None = None
    whole: bool = False
    strict_low: bool = False
    below: bool = False
    text: str = ""
    applies: Callable[[Any], bool] | None = None
    checked: bool = True  # False: a rule of its own checks it (tuples, paths, devices...)

    @property
    def values(self) -> tuple[Any, ...]:
        return tuple(value for value, _ in self.choices)

    def choice_label(self, value: Any) -> str:
        return dict(self.choices).get(value, str(value))


def setting(default: Any = dataclasses.MISSING, *, label: str, help: str = "",
            choices: Any = (), default_factory: Any = dataclasses.MISSING,
            **bounds: Any) -> Any:
    """A dataclass field described by a :class:`Setting` (the keyword arguments)."""
    if isinstance(choices, dict):
        choices = tuple(choices.items())
    elif choices and not isinstance(choices[0], tuple):
        choices = tuple((c, str(c)) for c in choices)
    info = Setting(label=label, help=help, choices=tuple(choices), **bounds)
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata={"setting": info})
    return dataclasses.field(default=default, metadata={"setting": info})


def plain_number(value: float) -> str:
    """A number as people write it: 2,147,483,647 and 0.0001, never 2.14748e+09 or 1e-04."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:.12f}".rstrip("0")


def check_number(problems: list[Problem], name: str, value: Any, low: float | None = None,
                 high: float | None = None, *, whole: bool = False, strict_low: bool = False,
                 below: bool = False, text: str = "") -> bool:
    """Whether ``value`` is a number in range; if not, a problem saying what it must be."""
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if ok and whole:
        ok = float(value).is_integer()
    if ok and low is not None:
        ok = value > low if strict_low else value >= low
    if ok and high is not None:
        ok = value < high if below else value <= high
    if not ok:
        if not text:
            bound = []
            if low is not None:
                bound.append(f"{'above' if strict_low else 'at least'} {plain_number(low)}")
            if high is not None:
                bound.append(f"{'below' if below else 'at most'} {plain_number(high)}")
            kind = "a whole number" if whole else "a number"
            text = f"must be {kind}{' ' + ' and '.join(bound) if bound else ''}"
        problems.append(Problem(name, f"{text}; got {value!r}"))
    return ok


def check_choice(problems: list[Problem], name: str, value: Any, choices: Any) -> bool:
    """Whether ``value`` is one of ``choices``; if not, a problem listing them."""
    if value in choices:
        return True
    listed = ", ".join(repr(c) for c in choices)
    problems.append(Problem(name, f"must be one of {listed}; got {value!r}"))
    return False


def check_setting(problems: list[Problem], name: str, value: Any, info: Setting) -> None:
    """The checks a setting's description asks for (choices, range)."""
    if info.choices:
        check_choice(problems, name, value, info.values)
    elif info.low is not None or info.high is not None or info.whole:
        check_number(problems, name, value, info.low, info.high, whole=info.whole,
                     strict_low=info.strict_low, below=info.below, text=info.text)
