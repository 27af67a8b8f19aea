"""Keras 2's image iterators as ``keras.utils.PyDataset``: the base ``Iterator`` and
``NumpyArrayIterator`` (``ImageDataGenerator.flow``).

An iterator is indexed (``it[i]`` is batch ``i`` of the current epoch, ``len(it)`` is
``ceil(n / batch_size)``, the last batch is short, ``on_epoch_end()`` reshuffles) and can also
be iterated forever with ``next(it)``, as Keras 2 tutorials do.

Randomness never depends on which thread or process builds a batch: the order of epoch
``e`` comes from ``(seed, e)`` and the augmentation of its batch ``i`` from ``(seed, e, i)``.
Without a seed, one is drawn from NumPy's global generator, so
``keras.utils.set_random_seed`` makes runs repeatable.
"""

from __future__ import annotations

import math
import os
import threading
import warnings
from typing import Any

import keras
import numpy as np
from PIL import Image

from fitgen_gui.data import transforms

__all__ = ["Iterator", "NumpyArrayIterator"]


class BatchIndexError(IndexError, ValueError):
    """A batch index outside ``0 .. len(iterator) - 1`` (Keras 2 raised ValueError)."""


def _check_batch_size(batch_size: Any) -> int:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int | np.integer) or (
        batch_size < 1
    ):
        raise ValueError(f"batch_size must be a whole number of at least 1; got {batch_size!r}.")
    return int(batch_size)


class Iterator(keras.utils.PyDataset):
    """Base class of the image iterators (Keras 2's ``Iterator``, as a PyDataset).

    Subclasses implement ``_get_batches_of_transformed_samples(index_array, rng)``.

    Attributes
    ----------
    n : int
        Number of samples.
    batch_size : int
    shuffle : bool
        Shuffle the sample order at each epoch.
    seed : int or None
        The seed given; ``None`` draws one.

    ``workers``, ``use_multiprocessing`` and ``max_queue_size`` are PyDataset's settable
    attributes, read by Keras 3's ``fit``.
    """

    def __init__(self, n: int, batch_size: int, shuffle: bool, seed: int | None) -> None:
        super().__init__(workers=1, use_multiprocessing=False, max_queue_size=10)
        self.n = int(n)
        self.batch_size = _check_batch_size(batch_size)
        self.shuffle = bool(shuffle)
        self.seed = seed
        self._base_seed = int(seed) if seed is not None else int(np.random.randint(2**31))
        self.batch_index = 0
        self.total_batches_seen = 0
        self.lock = threading.Lock()
        self._epoch = 0
        self._flow_epoch = 0
        self._orders: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return math.ceil(self.n / self.batch_size)

    def _order(self, epoch: int) -> np.ndarray:
        """Sample order of ``epoch`` (a permutation when shuffling)."""
        with self.lock:
            order = self._orders.get(epoch)
            if order is None:
                if self.shuffle:
                    order = np.random.default_rng([self._base_seed, epoch]).permutation(self.n)
                else:
                    order = np.arange(self.n)
                if len(self._orders) > 4:
                    self._orders.clear()
                self._orders[epoch] = order
            return order

    def augmentation_rng(self, epoch: int, batch: int, stream: int = 0) -> np.random.Generator:
        """The random generator for the augmentation of one batch."""
        return np.random.default_rng([self._base_seed, epoch, batch, stream])

    @property
    def index_array(self) -> np.ndarray:
        """Sample order of the current epoch."""
        return self._order(self._epoch)

    @property
    def epoch(self) -> int:
        """Epochs ended so far (``on_epoch_end`` calls)."""
        return self._epoch

    def __getitem__(self, idx: int) -> Any:
        return self.get_batch(idx)

    def get_batch(self, idx: int, *, augment: bool = True, stream: int = 0,
                  epoch: int | None = None) -> Any:
        """Batch ``idx`` of the current epoch (or of ``epoch``).

        ``augment=False`` gives the same images without augmentation (normalization still
        applies); another ``stream`` gives the same images with other random draws. The
        app's preview uses both; training uses ``it[idx]``, and its workers
        :meth:`batch_of_epoch`.
        """
        if isinstance(idx, bool) or not isinstance(idx, int | np.integer) or not (
            0 <= idx < len(self)
        ):
            raise BatchIndexError(
                f"Asked for batch {idx!r}, but there are {len(self)} batches (0 to "
                f"{len(self) - 1})."
            )
        with self.lock:
            self.total_batches_seen += 1
        epoch = self._epoch if epoch is None else int(epoch)
        window = self._order(epoch)[self.batch_size * idx:self.batch_size * (idx + 1)]
        rng = self.augmentation_rng(epoch, int(idx), stream)
        return self._get_batches_of_transformed_samples(window, rng=rng, augment=augment)

    def batch_of_epoch(self, epoch: int, idx: int) -> Any:
        """Batch ``idx`` of ``epoch`` (what ``it[idx]`` gives during that epoch), whatever
        epoch the iterator is at now. A batch depends only on ``(seed, epoch, idx)``, so
        fit_generator's workers build the next epoch's batches while the last ones of this
        epoch are still being built, instead of waiting at every epoch's end as Keras 2's
        enqueuer did for a ``Sequence``."""
        return self.get_batch(idx, epoch=epoch)

    @property
    def builds_any_epoch(self) -> bool:
        """Whether :meth:`batch_of_epoch` is what ``it[idx]`` gives: not when a subclass
        changed ``__getitem__`` or ``on_epoch_end`` (streams then read it as Keras 2 did)."""
        cls = type(self)
        return (cls.__getitem__ is Iterator.__getitem__
                and cls.on_epoch_end is Iterator.on_epoch_end)

    def samples_at(self, indices: np.ndarray, *, epoch: int, batch: int,
                   augment: bool = True, stream: int = 0) -> Any:
        """The samples at ``indices`` (in that order), augmented with the draws of batch
        ``batch`` of ``epoch`` and ``stream``: what caching features per image reads."""
        return self._get_batches_of_transformed_samples(
            np.asarray(indices), rng=self.augmentation_rng(epoch, batch, stream),
            augment=augment)

    def on_epoch_end(self) -> None:
        """Start a new epoch: a new sample order when shuffling, new augmentation draws."""
        self._epoch += 1

    def set_epoch(self, epoch: int) -> None:
        """Continue as at ``epoch`` (resuming a run sees the images it would have seen)."""
        self._epoch = int(epoch)

    def _set_index_array(self) -> None:  # Keras 2's name for the same thing
        self.on_epoch_end()

    def reset(self) -> None:
        """Restart ``next()`` at the first batch (Keras 2)."""
        self.batch_index = 0

    def __iter__(self) -> Iterator:
        # Keras 2: `for x, y in datagen.flow(...)` loops forever.
        return self

    def __next__(self) -> Any:
        return self.next()

    def next(self) -> Any:
        """The next batch of an endless stream over the epochs (Keras 2's ``next``)."""
        with self.lock:
            index, epoch = self.batch_index, self._flow_epoch
            if (index + 1) * self.batch_size >= self.n:
                self.batch_index, self._flow_epoch = 0, epoch + 1
            else:
                self.batch_index = index + 1
            self.total_batches_seen += 1
        window = self._order(epoch)[self.batch_size * index:self.batch_size * (index + 1)]
        return self._get_batches_of_transformed_samples(
            window, rng=self.augmentation_rng(epoch, index, stream=1)
        )

    def _get_batches_of_transformed_samples(
        self, index_array: np.ndarray, rng: np.random.Generator | None = None,
        augment: bool = True,
    ) -> Any:
        raise NotImplementedError

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("lock", None)
        state["_orders"] = {}
        # A listener of this process (the run's console) cannot be called from another one
        # (and is often a closure, which cannot be pickled).
        if state.get("_bad_listener") is not None:
            state["_bad_listener"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.lock = threading.Lock()


class ImageBatchMixin:
    """Augmentation steps after the geometry, shared by every iterator.

    ``image_data_generator`` may be None (no augmentation, no normalization).
    """

    image_data_generator: Any
    data_format: str
    dtype: str
    save_to_dir: str | None
    save_prefix: str
    save_format: str

    def _draw(self, rng: np.random.Generator, n: int, shape: tuple, augment: bool) -> Any:
        if self.image_data_generator is None or not augment:
            return None
        return self.image_data_generator.draw_transforms(rng, n, shape)

    def _finish(self, batch_hwc: np.ndarray, params: Any, rng: np.random.Generator,
                index_array: np.ndarray) -> np.ndarray:
        """Pixel-wise augmentation, layout, normalization and saving of a HWC batch."""
        x = batch_hwc.astype(self.dtype)
        if params is not None:
            shift = params["channel_shift_intensity"]
            if shift is not None:
                low = x.min(axis=(1, 2, 3), keepdims=True)
                high = x.max(axis=(1, 2, 3), keepdims=True)
                np.clip(x + shift[:, None, None, None].astype(x.dtype), low, high, out=x)
            brightness = params["brightness"]
            if brightness is not None:
                for i in range(len(x)):
                    x[i] = transforms.apply_brightness(x[i], brightness[i])
        if self.data_format == "channels_first":
            x = np.ascontiguousarray(x.transpose(0, 3, 1, 2))
        if self.image_data_generator is not None:
            x = self.image_data_generator.standardize_batch(x)
        if self.save_to_dir:
            self._save(x, index_array, rng)
        return x

    def _save(self, x: np.ndarray, index_array: np.ndarray, rng: np.random.Generator) -> None:
        for image, j in zip(x, index_array, strict=True):
            hwc = np.moveaxis(image, 0, -1) if self.data_format == "channels_first" else image
            hwc = hwc - hwc.min()
            peak = hwc.max()
            if peak:
                hwc = hwc / peak
            pixels = (hwc * 255).astype(np.uint8)
            if pixels.shape[-1] == 1:
                pixels = pixels[..., 0]
            name = f"{self.save_prefix}_{j}_{rng.integers(10**7)}.{self.save_format}"
            Image.fromarray(pixels).save(os.path.join(self.save_to_dir, name))


def _subset_window(n: int, subset: str | None, validation_split: float) -> slice:
    if subset is None:
        return slice(0, n)
    if subset not in ("training", "validation"):
        raise ValueError(f"subset must be 'training' or 'validation'; got {subset!r}.")
    if not validation_split:
        raise ValueError(
            f"subset={subset!r} needs ImageDataGenerator(validation_split=...), for example "
            "validation_split=0.2."
        )
    split = int(n * validation_split)
    return slice(0, split) if subset == "validation" else slice(split, n)


class NumpyArrayIterator(ImageBatchMixin, Iterator):
    """Batches of augmented images from in-memory arrays (``ImageDataGenerator.flow``).

    ``x`` is a rank-4 array of images, or a tuple ``(images, extra)`` whose extra arrays are
    passed through unchanged. Each batch is ``x`` alone (no ``y``), ``(x, y)`` or
    ``(x, y, sample_weight)``.
    """

    def __init__(
        self, x: Any, y: Any, image_data_generator: Any, batch_size: int = 32,
        shuffle: bool = False, sample_weight: Any = None, seed: int | None = None,
        data_format: str | None = None, save_to_dir: str | None = None,
        save_prefix: str = "", save_format: str = "png", subset: str | None = None,
        ignore_class_split: bool = False, dtype: str | None = None,
    ) -> None:
        self.data_format = data_format or "channels_last"
        self.dtype = dtype or "float32"
        if isinstance(x, tuple | list):
            extra = x[1] if isinstance(x[1], list) else [x[1]]
            x_misc = [np.asarray(a) for a in extra]
            x = x[0]
            for a in x_misc:
                if len(a) != len(x):
                    raise ValueError(
                        f"All arrays in x must have the same length; got {len(x)} images and "
                        f"an extra array of {len(a)}."
                    )
        else:
            x_misc = []
        if y is not None and len(x) != len(y):
            raise ValueError(
                f"x (images) and y (labels) must have the same length; got {len(x)} images "
                f"and {len(y)} labels."
            )
        if sample_weight is not None and len(x) != len(sample_weight):
            raise ValueError(
                f"x (images) and sample_weight must have the same length; got {len(x)} and "
                f"{len(sample_weight)}."
            )
        split = getattr(image_data_generator, "_validation_split", 0.0)
        window = _subset_window(len(x), subset, split)
        if (
            subset is not None and y is not None and not ignore_class_split
            and not np.array_equal(np.unique(np.asarray(y)[: int(len(x) * split)]),
                                   np.unique(np.asarray(y)[int(len(x) * split):]))
        ):
            raise ValueError(
                "Training and validation subsets have different classes after the split. If "
                "the arrays are sorted by label, shuffle them first (or pass "
                "ignore_class_split=True)."
            )
        self.x = np.asarray(x, dtype=self.dtype)[window]
        if self.x.ndim != 4:
            raise ValueError(
                "flow() takes images as an array of rank 4 (samples, height, width, "
                f"channels); got shape {np.shape(x)}."
            )
        channels_axis = 3 if self.data_format == "channels_last" else 1
        if self.x.shape[channels_axis] not in {1, 3, 4}:
            warnings.warn(
                f"flow() expects 1, 3 or 4 channels on axis {channels_axis} "
                f"({self.data_format}); got images of shape {self.x.shape[1:]}.",
                stacklevel=3,
            )
        self.x_misc = [a[window] for a in x_misc]
        self.y = np.asarray(y)[window] if y is not None else None
        self.sample_weight = (np.asarray(sample_weight)[window]
                              if sample_weight is not None else None)
        self.image_data_generator = image_data_generator
        self.save_to_dir, self.save_prefix, self.save_format = save_to_dir, save_prefix, \
            save_format
        super().__init__(len(self.x), batch_size, shuffle, seed)

    def _get_batches_of_transformed_samples(
        self, index_array: np.ndarray, rng: np.random.Generator | None = None,
        augment: bool = True,
    ) -> Any:
        rng = rng if rng is not None else np.random.default_rng()
        images = self.x[index_array]
        if self.data_format == "channels_first":
            images = images.transpose(0, 2, 3, 1)
        params = self._draw(rng, len(images), images.shape[1:], augment)
        generator = self.image_data_generator
        if params is not None:
            height, width = images.shape[1:3]
            images = images.copy()
            for i in range(len(images)):
                matrix = transforms.transform_parameters_matrix(
                    generator.pick(params, i), height, width
                )
                if matrix is not None:
                    images[i] = transforms.warp(
                        images[i], matrix, (height, width), fill_mode=generator.fill_mode,
                        cval=generator.cval, order=generator.interpolation_order, exact=True,
                    )
        batch_x = self._finish(images, params, rng, index_array)
        misc = [a[index_array] for a in self.x_misc]
        output = batch_x if not misc else [batch_x, *misc]
        if self.y is None:
            return output
        if self.sample_weight is None:
            return output, self.y[index_array]
        return output, self.y[index_array], self.sample_weight[index_array]
