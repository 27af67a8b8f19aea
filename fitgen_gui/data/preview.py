"""Preview batches: exactly what training receives, built off the GUI thread.

Folders: each request builds its own iterator (from a walk of the folder made once) with
the run's augmentation and the normalization statistics training would fit
(:func:`fitgen_gui.data.pipeline.fit_normalization`, cached): nothing mutable is shared
between two requests. A Python data file: its batches are read in the order training
reads them; a new file or settings start again at batch 1, an error names the batch, and
the next request starts the generator again.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from fitgen_gui.core.config import ConfigError, RunConfig
from fitgen_gui.data.folder_scan import ClassTree
from fitgen_gui.data.pipeline import (
    NormalizationCache,
    build_train_iterator,
    needs_normalization_fit,
)
from fitgen_gui.data.preview_grid import batch_labels, displayable

__all__ = ["DataFilePreview", "FolderPreview", "PreviewBatch", "PreviewError"]


class PreviewError(Exception):
    """No preview can be shown; the message says why in the user's words."""


@dataclass
class PreviewBatch:
    """A batch ready to show."""

    images: list[np.ndarray]
    labels: list[str]
    index: int
    batches: int  # batches per epoch, 0 when unknown (a generator)
    seconds: float  # to build this batch alone
    built: int  # images in the whole batch (the preview may show fewer)
    augmented: bool
    value_range: tuple[float, float]
    source_key: str = ""


def _user_words(exc: ConfigError) -> str:
    return "; ".join(p.message for p in exc.problems)


class FolderPreview:
    """Preview batches of image folders (thread-safe)."""

    def __init__(self) -> None:
        self._normalization = NormalizationCache()

    @staticmethod
    def source_key(config: RunConfig) -> str:
        """Changes when the images shown change (not when only augmentation does)."""
        data = config.to_dict()["data"]
        return json.dumps({"data": data, "seed": config.training.seed,
                           "shuffle": config.training.shuffle}, sort_keys=True)

    def compute(self, config: RunConfig, index: int, stream: int, augment: bool,
                count: int, tree: ClassTree | None = None) -> PreviewBatch:
        seed = config.training.seed if config.training.seed is not None else 0
        try:
            iterator = build_train_iterator(config, seed=seed, tree=tree)
        except ConfigError as exc:
            raise PreviewError(_user_words(exc)) from exc
        iterator.skip_unreadable_files(1.0)  # as training does: another image takes its place
        if needs_normalization_fit(config):
            aug = config.to_dict()["augmentation"]
            key = json.dumps({"source": self.source_key(config), "aug": aug}, sort_keys=True)
            self._normalization.apply(iterator, key, seed)
        generator = iterator.image_data_generator
        augment = augment and bool(generator.has_geometry or generator.horizontal_flip
                                   or generator.vertical_flip or generator.channel_shift_range
                                   or generator.brightness_range is not None)
        index = index % max(len(iterator), 1)
        started = time.perf_counter()
        batch = iterator.get_batch(index, augment=augment, stream=stream)
        seconds = time.perf_counter() - started
        x, y = batch[0], batch[1]
        labels = batch_labels(y, list(iterator.class_indices), config.data.class_mode)
        return PreviewBatch([displayable(image) for image in x[:count]], labels[:count],
                            index, len(iterator), seconds, len(x), augment,
                            (float(np.min(x)), float(np.max(x))), self.source_key(config))


class DataFilePreview:
    """Batches of a Python data file, in the order training reads them (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple = ()
        self._source: Any = None
        self.class_names: list[str] = []
        self.position = 0  # batches read from the generator so far
        self._last: Any = None
        self._last_seconds = 0.0

    @staticmethod
    def source_key(config: RunConfig) -> str:
        path = config.data.generator_file
        try:
            mtime = os.path.getmtime(path)
        except OSError:
            mtime = 0.0
        return json.dumps([path, mtime, config.data.batch_size, config.data.class_mode])

    def _restart(self, config: RunConfig, key: str) -> None:
        from fitgen_gui.data.batch_streams import is_sequence
        from fitgen_gui.data.user_data import load_user_data

        self._source, self._key = None, ()
        user = load_user_data(config.data.generator_file)
        source = user.train(config.data.batch_size)
        self._source = source if is_sequence(source) else iter(source)
        self.class_names, self._key, self.position, self._last = user.class_names, key, 0, None

    def compute(self, config: RunConfig, index: int, count: int) -> PreviewBatch:
        """Batch ``index`` (0-based): a generator is read on to it, or started again when it
        is past it, when the file or settings changed, or after it raised."""
        from fitgen_gui.data.batch_streams import is_sequence, sequence_length

        key = self.source_key(config)
        with self._lock:
            if key != self._key or (not is_sequence(self._source) and index < self.position - 1):
                self._restart(config, key)
            if is_sequence(self._source):
                length = sequence_length(self._source) or index + 1
                index %= length
                started = time.perf_counter()
                batch = self._read(lambda: self._source[index], index)
                seconds = time.perf_counter() - started
            else:
                while self.position < index:  # read on to that batch; not timed
                    self._last = self._read(lambda: next(self._source), self.position)
                    self.position += 1
                if self.position == index:
                    started = time.perf_counter()
                    self._last = self._read(lambda: next(self._source), index)
                    seconds = time.perf_counter() - started
                    self.position += 1
                else:  # the batch shown last (same index): built before
                    seconds = self._last_seconds
                batch = self._last
            self._last_seconds = seconds
        x, y = (batch[0], batch[1]) if isinstance(batch, tuple | list) else (batch, None)
        labels = batch_labels(y, self.class_names, config.data.class_mode)
        images = [displayable(np.asarray(image)) for image in np.asarray(x)[:count]]
        return PreviewBatch(images, labels[:count], index, 0, seconds, len(x), False,
                            (float(np.min(x)), float(np.max(x))), key)

    def _read(self, read: Any, index: int) -> Any:
        try:
            return read()
        except StopIteration:
            self._key = ()  # start again next time
            raise PreviewError(f"Your data file's train_data ran out after {index} "
                               "batches.") from None
        except Exception as exc:
            self._key = ()  # a generator that raised is finished: start again next time
            raise PreviewError(f"Your data file raised an error while building batch "
                               f"{index + 1}: {type(exc).__name__}: {exc}") from exc
