"""What a run's settings mean for its files, without building its data pipeline.

The window asks these on the GUI thread each time a folder or a setting changes (which
image types a check lists, what "Automatic" steps mean). :mod:`fitgen_gui.data.pipeline`
imports the iterators and with them Keras and TensorFlow (3 s on 2 cores): asked from
there, the first folder opened after launch held the window that long (issue 24). This
module needs only the image types; the pipeline re-exports both functions.
"""

from __future__ import annotations

import math

from fitgen_gui.core.config import RunConfig
from fitgen_gui.data.image_io import IMAGE_EXTENSIONS, KERAS2_EXTENSIONS

__all__ = ["automatic_steps", "extensions_of"]


def extensions_of(config: RunConfig) -> tuple[str, ...]:
    """The image file types a run reads: Keras 2's, plus GIF and WebP when asked."""
    return IMAGE_EXTENSIONS if config.data.more_formats else KERAS2_EXTENSIONS


def automatic_steps(train_counts: dict[str, int], val_counts: dict[str, int],
                    batch_size: int, validation_split: float = 0.0
                    ) -> tuple[int | None, int | None]:
    """``ceil(images / batch)`` for training and validation, as the run will count them.

    With a validation split, each class's first ``int(split * n)`` images validate and the
    rest train (Keras 2's rule), so the steps count the training share only.
    """
    if validation_split:
        val = {c: int(validation_split * n) for c, n in train_counts.items()}
        train = sum(n - val[c] for c, n in train_counts.items())
        val_total = sum(val.values())
    else:
        train, val_total = sum(train_counts.values()), sum(val_counts.values())
    return (math.ceil(train / batch_size) if train else None,
            math.ceil(val_total / batch_size) if val_total else None)
