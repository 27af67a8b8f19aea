"""A Python data file: programmers feed FitGen their own generator.

The file the user chose as the data source is imported (its code runs: FitGen does this
only when the user chose the file, and says so) and must define::

    class_names = ["cat", "dog"]          # the classes, in label order

    def train_data(batch_size):           # a generator or keras.utils.PyDataset of
        ...                               # (images, labels) batches; images 0-255

    def val_data(batch_size):             # optional, the same for validation
        ...

Labels follow the run's class mode (one-hot for categorical, indices for sparse, 0/1 for
binary). Batches go through ``fit_generator`` unchanged, so the preview shows exactly what
the model is fed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from fitgen_gui.core.errors import UserError

__all__ = ["UserData", "UserDataError", "load_user_data"]


class UserDataError(UserError):
    """The data file cannot be used; the message names it and says why."""


@dataclass
class UserData:
    """A loaded data file."""

    path: str
    module: ModuleType
    class_names: list[str]

    def train(self, batch_size: int) -> Any:
        return self._call("train_data", batch_size)

    @property
    def has_validation(self) -> bool:
        """Whether the file defines ``val_data``."""
        return callable(getattr(self.module, "val_data", None))

    def validation(self, batch_size: int) -> Any | None:
        if not callable(getattr(self.module, "val_data", None)):
            return None
        return self._call("val_data", batch_size)

    def _call(self, name: str, batch_size: int) -> Any:
        try:
            return getattr(self.module, name)(batch_size)
        except Exception as exc:
            raise UserDataError(
                f"{name}({batch_size}) in '{self.path}' raised {type(exc).__name__}: {exc}"
            ) from exc


def load_user_data(path: str | os.PathLike) -> UserData:
    """Import the data file at ``path`` (its code runs) and check what it defines."""
    path = os.path.abspath(os.fspath(path))
    if not os.path.isfile(path):
        raise UserDataError(f"The data file '{path}' does not exist.")
    digest = hashlib.blake2b(path.encode(), digest_size=6).hexdigest()
    name = f"fitgen_user_data_{digest}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UserDataError(f"'{path}' is not a Python file.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # so worker processes and pickling can find it
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(name, None)
        raise UserDataError(
            f"The data file '{path}' raised {type(exc).__name__} while loading: {exc}"
        ) from exc
    names = getattr(module, "class_names", None)
    if not isinstance(names, list | tuple) or len(names) < 2 or not all(
            isinstance(n, str) for n in names):
        raise UserDataError(
            f"The data file '{path}' must define class_names, a list of at least 2 class "
            f"names in label order; it has {names!r}.")
    if not callable(getattr(module, "train_data", None)):
        raise UserDataError(
            f"The data file '{path}' must define train_data(batch_size), returning a "
            "generator or PyDataset of (images, labels) batches.")
    return UserData(path, module, list(names))
