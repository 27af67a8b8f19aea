"""Say, in words, when validation answers one class for every image.

On a small real dataset a from-scratch model often calls every validation image the same
class for its first epochs: validation accuracy then sits exactly at that class's share
(0.4575 on hymenoptera: 70 ants in 153 images) while training accuracy rises, and a new
user reads the flat line as a broken program. This callback notices it and tells the user
what it means: "The model calls every validation image 'ants' so far: it has not yet
learned to tell the classes apart."

It is cheap: only when validation accuracy equals one class's share of the validation
images (to half an image) does it predict the validation set once more to confirm, and only
for validation sets of at most :data:`MAX_CHECKED_IMAGES` images read from folders. The
console line comes once per stretch of such epochs (the CLI and the Training view's console);
a ``RunWarning``, every such epoch, of kind ``one_class`` whose ``subject`` is the
class name (the Training view words it in the user's language).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras
import numpy as np

from fitgen_gui.core.events import RunWarning

__all__ = ["MAX_CHECKED_IMAGES", "OneClassValidation", "one_class_sentence"]

MAX_CHECKED_IMAGES = 5000


def one_class_sentence(class_name: str) -> str:
    """The whole sentence told when validation answers ``class_name`` for every image."""
    return (f"The model calls every validation image '{class_name}' so far: it has not yet "
            "learned to tell the classes apart.")


class OneClassValidation(keras.callbacks.Callback):
    """Warn while every validation image gets the same predicted class.

    Parameters
    ----------
    val
        The validation iterator (with ``classes``, ``len`` and ``val[i] -> (x, y)``).
    class_names
        The class names, in the model's output order.
    line
        Writes one console line.
    emit
        Hands an event to the run's sink and event log.
    """

    def __init__(self, val: Any, class_names: tuple[str, ...] | list[str],
                 line: Callable[[str], None], emit: Callable[[Any], None]) -> None:
        super().__init__()
        self.val = val
        self.class_names = tuple(class_names)
        self.line = line
        self.emit = emit
        self._told: str | None = None
        classes = np.asarray(val.classes, dtype=np.int64)
        self._total = len(classes)
        self._shares = np.bincount(classes, minlength=len(self.class_names)) / max(1, self._total)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        accuracy = (logs or {}).get("val_accuracy")
        if accuracy is None or not self._total:
            return
        near_share = np.abs(self._shares - float(accuracy)) <= 0.5 / self._total
        predicted = self._only_class() if near_share.any() else None
        if predicted is None:
            self._told = None
            return
        text = one_class_sentence(predicted)
        if predicted != self._told:  # the console says it once per stretch of such epochs
            self._told = predicted
            self.line(f"WARNING: {text}")
        # The event comes every such epoch: the Training view shows it until an epoch ends
        # without it.
        self.emit(RunWarning(text, kind="one_class", subject=predicted))

    def _only_class(self) -> str | None:
        """The class every validation image is predicted as, or None."""
        if self._total > MAX_CHECKED_IMAGES:
            return None
        seen: set[int] = set()
        for index in range(len(self.val)):
            x = self.val[index][0]
            out = np.asarray(self.model.predict_on_batch(x))
            picks = (out[:, 0] > 0.5).astype(int) if out.shape[-1] == 1 else out.argmax(-1)
            seen.update(int(p) for p in picks)
            if len(seen) > 1:
                return None
        return self.class_names[seen.pop()] if len(seen) == 1 else None
