"""``ImageDataGenerator``: Keras 2's API and meaning, computed with OpenCV, on Keras 3.

Tutorial code runs unchanged::

    datagen = ImageDataGenerator(rotation_range=20, width_shift_range=0.1,
                                 horizontal_flip=True, rescale=1 / 255)
    train = datagen.flow_from_directory("data/train", target_size=(224, 224))
    model.fit(train, epochs=10)          # or fit_generator(model, train, ...)

What differs from Keras 2, on purpose:

- random draws come from NumPy Generators keyed by (seed, epoch, batch), so a seed
  reproduces its batches exactly with any number of worker threads or processes;
- geometry (resize, rotation, shift, shear, zoom, flips) is one OpenCV warp per image;
- files are decoded as ``image_io`` describes (EXIF orientation applied, transparency
  composited on white, 16-bit scaled, reduced-scale JPEG decoding);
- ``brightness_range`` multiplies pixel values (Keras 2 first cast them to 8 bits, which
  destroyed images already scaled to 0-1).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from fitgen_gui.data import transforms

__all__ = ["ImageDataGenerator"]


def _as_number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{name} must be a number; got {value!r}.")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more; got {value!r}.")
    return value


def _as_range(name: str, value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number or a list of numbers; got {value!r}.")
    if isinstance(value, int | float | np.integer | np.floating):
        if value < 0:
            raise ValueError(f"{name} must be 0 or more; got {value!r}.")
        return value
    try:
        values = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or a list of numbers; got {value!r}.") from None
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a number or a list of numbers; got {value!r}.")
    return values


class ImageDataGenerator:
    """Real-time image augmentation and normalization, with Keras 2's arguments.

    Parameters
    ----------
    featurewise_center, featurewise_std_normalization
        Subtract the dataset's per-channel mean / divide by its std (call :meth:`fit`).
    samplewise_center, samplewise_std_normalization
        Subtract each image's mean / divide by its std.
    zca_whitening, zca_epsilon
        ZCA whitening (call :meth:`fit`).
    rotation_range
        Degrees: rotations drawn from ``(-rotation_range, rotation_range)``.
    width_shift_range, height_shift_range
        Below 1: a fraction of the width / height; 1 or more: pixels; an int or a list:
        discrete choices (Keras 2's rules).
    brightness_range
        ``(low, high)``: pixel values multiplied by a factor from that range.
    shear_range
        Shear angle in **degrees** (``0.2`` is almost nothing).
    zoom_range
        ``z`` draws zooms from ``[1 - z, 1 + z]``, or ``[low, high]``; width and height are
        drawn independently. Below 1 zooms in.
    channel_shift_range
        A value from ``(-c, c)`` added to every channel, clipped to the image's range.
    fill_mode, cval
        ``'nearest'``, ``'constant'`` (with ``cval``), ``'reflect'`` or ``'wrap'``.
    horizontal_flip, vertical_flip
        Flip half of the images.
    rescale
        Multiply pixel values by this (after augmentation), e.g. ``1 / 255``.
    preprocessing_function
        Called on each image (rank 3) after augmentation, before ``rescale``.
    data_format
        ``'channels_last'`` (default) or ``'channels_first'``.
    validation_split
        Fraction of the images kept for ``subset='validation'``.
    interpolation_order
        0 nearest, 1 bilinear (default), 2 or more bicubic, for rotations, shifts and zooms.
    dtype
        Output dtype, ``'float32'`` by default.
    """

    def __init__(
        self,
        featurewise_center: bool = False,
        samplewise_center: bool = False,
        featurewise_std_normalization: bool = False,
        samplewise_std_normalization: bool = False,
        zca_whitening: bool = False,
        zca_epsilon: float = 1e-6,
        rotation_range: float = 0,
        width_shift_range: Any = 0.0,
        height_shift_range: Any = 0.0,
        brightness_range: Sequence[float] | None = None,
        shear_range: float = 0.0,
        zoom_range: Any = 0.0,
        channel_shift_range: float = 0.0,
        fill_mode: str = "nearest",
        cval: float = 0.0,
        horizontal_flip: bool = False,
        vertical_flip: bool = False,
        rescale: float | None = None,
        preprocessing_function: Callable[[np.ndarray], np.ndarray] | None = None,
        data_format: str | None = None,
        validation_split: float = 0.0,
        interpolation_order: int = 1,
        dtype: str | None = None,
    ) -> None:
        self.featurewise_center = featurewise_center
        self.samplewise_center = samplewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.samplewise_std_normalization = samplewise_std_normalization
        self.zca_whitening = zca_whitening
        self.zca_epsilon = zca_epsilon
        self.rotation_range = _as_number("rotation_range", rotation_range)
        self.width_shift_range = _as_range("width_shift_range", width_shift_range)
        self.height_shift_range = _as_range("height_shift_range", height_shift_range)
        self.shear_range = _as_number("shear_range", shear_range)
        self.channel_shift_range = _as_number("channel_shift_range", channel_shift_range)
        if fill_mode not in transforms.FILL_MODES:
            raise ValueError(
                f"fill_mode must be one of 'nearest', 'constant', 'reflect', 'wrap'; got "
                f"{fill_mode!r}."
            )
        self.fill_mode = fill_mode
        self.cval = cval
        self.horizontal_flip = horizontal_flip
        self.vertical_flip = vertical_flip
        self.rescale = rescale
        if preprocessing_function is not None and not callable(preprocessing_function):
            raise ValueError("preprocessing_function must be a function of one image.")
        self.preprocessing_function = preprocessing_function
        self.dtype = dtype or "float32"
        if not isinstance(interpolation_order, int) or not 0 <= interpolation_order <= 5:
            raise ValueError(
                f"interpolation_order must be 0 to 5 (0 nearest, 1 bilinear, 3 bicubic); got "
                f"{interpolation_order!r}."
            )
        self.interpolation_order = interpolation_order
        data_format = data_format or "channels_last"
        if data_format not in ("channels_last", "channels_first"):
            raise ValueError(
                "data_format must be 'channels_last' (channels after rows and columns) or "
                f"'channels_first'; got {data_format!r}."
            )
        self.data_format = data_format
        if data_format == "channels_first":
            self.channel_axis, self.row_axis, self.col_axis = 1, 2, 3
        else:
            self.channel_axis, self.row_axis, self.col_axis = 3, 1, 2
        if validation_split and not 0 < validation_split < 1:
            raise ValueError(
                f"validation_split must be strictly between 0 and 1; got {validation_split!r}."
            )
        self._validation_split = validation_split
        self.mean: np.ndarray | None = None
        self.std: np.ndarray | None = None
        self.zca_whitening_matrix: np.ndarray | None = None
        if isinstance(zoom_range, int | float) and not isinstance(zoom_range, bool):
            if zoom_range < 0:
                raise ValueError(f"zoom_range must be 0 or more; got {zoom_range!r}.")
            self.zoom_range = [1 - zoom_range, 1 + zoom_range]
        elif (
            isinstance(zoom_range, list | tuple | np.ndarray)
            and len(zoom_range) == 2
            and all(isinstance(v, int | float | np.number) for v in zoom_range)
        ):
            self.zoom_range = [zoom_range[0], zoom_range[1]]
        else:
            raise ValueError(
                "zoom_range must be a number or a pair [low, high]; got "
                f"{zoom_range!r}."
            )
        if brightness_range is not None and (
            not isinstance(brightness_range, list | tuple) or len(brightness_range) != 2
        ):
            raise ValueError(
                "brightness_range must be a pair (low, high), e.g. (0.8, 1.2); got "
                f"{brightness_range!r}."
            )
        self.brightness_range = brightness_range
        self._implied_settings()
        self._rng = np.random.default_rng(np.random.randint(2**31))

    def _implied_settings(self) -> None:
        """Keras 2's overrides between the normalization options, with its warnings."""
        if self.zca_whitening:
            if not self.featurewise_center:
                self.featurewise_center = True
                warnings.warn("zca_whitening implies featurewise_center=True.", stacklevel=3)
            if self.featurewise_std_normalization:
                self.featurewise_std_normalization = False
                warnings.warn("zca_whitening overrides featurewise_std_normalization.",
                              stacklevel=3)
        if self.featurewise_std_normalization and not self.featurewise_center:
            self.featurewise_center = True
            warnings.warn("featurewise_std_normalization implies featurewise_center=True.",
                          stacklevel=3)
        if self.samplewise_std_normalization and not self.samplewise_center:
            self.samplewise_center = True
            warnings.warn("samplewise_std_normalization implies samplewise_center=True.",
                          stacklevel=3)

    # -- random parameters ------------------------------------------------------------

    @property
    def has_geometry(self) -> bool:
        """Whether rotations, shifts, shears or zooms are drawn (flips aside)."""
        return bool(
            np.any(self.rotation_range) or np.any(self.width_shift_range)
            or np.any(self.height_shift_range) or np.any(self.shear_range)
            or self.zoom_range[0] != 1 or self.zoom_range[1] != 1
        )

    def _image_axes(self, shape: Sequence[int]) -> tuple[int, int]:
        """(height, width) of one image of ``shape`` in this data format."""
        return int(shape[self.row_axis - 1]), int(shape[self.col_axis - 1])

    def _draw_shift(self, rng: np.random.Generator, spec: Any, size: int, n: int) -> np.ndarray:
        if not np.any(spec):
            return np.zeros(n)
        if isinstance(spec, np.ndarray):  # a list of discrete choices
            shift = rng.choice(spec, n) * rng.choice([-1, 1], n)
        elif isinstance(spec, int | np.integer):  # integers in [0, spec), either sign
            shift = rng.integers(0, spec, n) * rng.choice([-1, 1], n)
        else:
            shift = rng.uniform(-spec, spec, n)
        if np.max(spec) < 1:
            shift = shift * size
        return shift.astype(float)

    def draw_transforms(
        self, rng: np.random.Generator, n: int, img_shape: Sequence[int]
    ) -> dict[str, np.ndarray | None]:
        """Random parameters for ``n`` images of ``img_shape``, one array per parameter."""
        height, width = self._image_axes(img_shape)
        theta = (rng.uniform(-self.rotation_range, self.rotation_range, n)
                 if self.rotation_range else np.zeros(n))
        tx = self._draw_shift(rng, self.height_shift_range, height, n)
        ty = self._draw_shift(rng, self.width_shift_range, width, n)
        shear = (rng.uniform(-self.shear_range, self.shear_range, n)
                 if self.shear_range else np.zeros(n))
        if self.zoom_range[0] == 1 and self.zoom_range[1] == 1:
            zoom = np.ones((n, 2))
        else:
            zoom = rng.uniform(self.zoom_range[0], self.zoom_range[1], (n, 2))
        flip_h = (rng.random(n) < 0.5) & bool(self.horizontal_flip)
        flip_v = (rng.random(n) < 0.5) & bool(self.vertical_flip)
        shift = None
        if self.channel_shift_range:
            c = self.channel_shift_range
            shift = rng.uniform(-c, c, n)
        brightness = None
        if self.brightness_range is not None:
            brightness = rng.uniform(self.brightness_range[0], self.brightness_range[1], n)
        return {
            "theta": theta, "tx": tx, "ty": ty, "shear": shear,
            "zx": zoom[:, 0], "zy": zoom[:, 1],
            "flip_horizontal": flip_h, "flip_vertical": flip_v,
            "channel_shift_intensity": shift, "brightness": brightness,
        }

    @staticmethod
    def pick(params: dict[str, np.ndarray | None], i: int) -> dict[str, Any]:
        """The parameters of image ``i`` from :meth:`draw_transforms`, as Python values."""
        out: dict[str, Any] = {}
        for key, values in params.items():
            if values is None:
                out[key] = None
            elif values.dtype == bool:
                out[key] = bool(values[i])
            else:
                out[key] = float(values[i])
        return out

    def get_random_transform(self, img_shape: Sequence[int], seed: int | None = None) -> dict:
        """Random transformation parameters for one image, as Keras 2's dict.

        Keys: ``theta``, ``tx``, ``ty``, ``shear``, ``zx``, ``zy``, ``flip_horizontal``,
        ``flip_vertical``, ``channel_shift_intensity``, ``brightness``. A ``seed`` gives the
        same parameters every time.
        """
        rng = np.random.default_rng(seed) if seed is not None else self._rng
        return self.pick(self.draw_transforms(rng, 1, img_shape), 0)

    # -- applying ---------------------------------------------------------------------

    def _to_hwc(self, x: np.ndarray) -> np.ndarray:
        return np.moveaxis(x, 0, -1) if self.data_format == "channels_first" else x

    def _from_hwc(self, x: np.ndarray) -> np.ndarray:
        return np.moveaxis(x, -1, 0) if self.data_format == "channels_first" else x

    def apply_transform(self, x: np.ndarray, transform_parameters: dict) -> np.ndarray:
        """Apply explicit parameters to one image (rank 3), exactly as Keras 2 did.

        Order: affine (rotation, shift, shear, zoom), channel shift, flips, brightness.
        """
        x = np.asarray(x)
        if x.ndim != 3:
            raise ValueError(f"apply_transform takes one image of rank 3; got shape {x.shape}.")
        image = self._to_hwc(x)
        height, width = image.shape[:2]
        matrix = transforms.transform_parameters_matrix(transform_parameters, height, width)
        if matrix is not None:
            work = image if image.dtype in (np.uint8, np.float32) else image.astype(np.float32)
            image = transforms.warp(work, matrix, (height, width), fill_mode=self.fill_mode,
                                    cval=self.cval, order=self.interpolation_order, exact=True)
        shift = transform_parameters.get("channel_shift_intensity")
        if shift is not None:
            image = transforms.apply_channel_shift(image.astype(np.float32), shift)
        brightness = transform_parameters.get("brightness")
        if brightness is not None:
            image = transforms.apply_brightness(image.astype(np.float32), brightness)
        image = self._from_hwc(image)
        return image.astype(x.dtype if np.issubdtype(x.dtype, np.floating) else self.dtype,
                            copy=False)

    def random_transform(self, x: np.ndarray, seed: int | None = None) -> np.ndarray:
        """Apply a random transformation to one image (rank 3)."""
        return self.apply_transform(x, self.get_random_transform(np.shape(x), seed))

    def standardize(self, x: np.ndarray) -> np.ndarray:
        """Apply the normalization options to ``x`` in place (floats) and return it.

        Keras 2's meaning, on whatever ``x`` is: samplewise statistics are taken over all
        of ``x`` (one image when called per image, as the iterators do).
        """
        if self.preprocessing_function:
            x = self.preprocessing_function(x)
        if self.rescale:
            x *= self.rescale
        if self.samplewise_center:
            x -= np.mean(x, keepdims=True)
        if self.samplewise_std_normalization:
            x /= np.std(x, keepdims=True) + 1e-6
        return self._featurewise(x)

    def _featurewise(self, x: np.ndarray) -> np.ndarray:
        if self.featurewise_center:
            if self.mean is not None:
                x -= self.mean
            else:
                warnings.warn(_NOT_FIT.format("featurewise_center"), stacklevel=3)
        if self.featurewise_std_normalization:
            if self.std is not None:
                x /= self.std + 1e-6
            else:
                warnings.warn(_NOT_FIT.format("featurewise_std_normalization"), stacklevel=3)
        if self.zca_whitening:
            if self.zca_whitening_matrix is not None:
                flat = x.reshape(-1, int(np.prod(x.shape[-3:])))
                x = (flat @ self.zca_whitening_matrix).reshape(x.shape)
            else:
                warnings.warn(_NOT_FIT.format("zca_whitening"), stacklevel=3)
        return x

    def standardize_batch(self, batch: np.ndarray) -> np.ndarray:
        """Normalize a batch image by image (what the iterators do; vectorized)."""
        if self.preprocessing_function:
            for i in range(len(batch)):
                batch[i] = self.preprocessing_function(batch[i])
        if self.rescale:
            batch *= self.rescale
        axes = tuple(range(1, batch.ndim))
        if self.samplewise_center:
            batch -= batch.mean(axis=axes, keepdims=True)
        if self.samplewise_std_normalization:
            batch /= batch.std(axis=axes, keepdims=True) + 1e-6
        return self._featurewise(batch)

    def fit(self, x: np.ndarray, augment: bool = False, rounds: int = 1,
            seed: int | None = None) -> None:
        """Compute the featurewise mean / std and the ZCA matrix from sample images.

        Needed for ``featurewise_center``, ``featurewise_std_normalization`` and
        ``zca_whitening``; ``rescale`` is applied first, and with ``augment=True`` the
        statistics come from ``rounds`` augmented copies.
        """
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim != 4:
            raise ValueError(
                f"fit() takes a batch of images of rank 4; got an array of shape {x.shape}."
            )
        if x.shape[self.channel_axis] not in {1, 3, 4}:
            warnings.warn(
                f"fit() expects 1, 3 or 4 channels on axis {self.channel_axis} "
                f"({self.data_format}); got shape {x.shape}.",
                stacklevel=2,
            )
        rng = np.random.default_rng(seed) if seed is not None else self._rng
        x = np.copy(x)
        if self.rescale:
            x *= self.rescale
        if augment:
            rounds_x = np.zeros((rounds * x.shape[0], *x.shape[1:]), dtype=self.dtype)
            for r in range(rounds):
                params = self.draw_transforms(rng, len(x), x.shape[1:])
                for i in range(len(x)):
                    rounds_x[i + r * len(x)] = self.apply_transform(x[i], self.pick(params, i))
            x = rounds_x
        broadcast = [1, 1, 1]
        broadcast[self.channel_axis - 1] = x.shape[self.channel_axis]
        if self.featurewise_center:
            self.mean = np.mean(x, axis=(0, self.row_axis, self.col_axis)).reshape(broadcast)
            x -= self.mean
        if self.featurewise_std_normalization:
            self.std = np.std(x, axis=(0, self.row_axis, self.col_axis)).reshape(broadcast)
            x /= self.std + 1e-6
        if self.zca_whitening:
            flat = np.reshape(x, (len(x), -1))
            u, s, _ = np.linalg.svd(flat.T, full_matrices=False)
            s_inv = np.sqrt(len(x)) / (s + self.zca_epsilon)
            self.zca_whitening_matrix = (u * s_inv).dot(u.T)

    # -- iterators --------------------------------------------------------------------

    def flow(self, x: Any, y: Any = None, batch_size: int = 32, shuffle: bool = True,
             sample_weight: Any = None, seed: int | None = None, save_to_dir: str | None = None,
             save_prefix: str = "", save_format: str = "png", ignore_class_split: bool = False,
             subset: str | None = None) -> Any:
        """Batches of augmented images from arrays: a :class:`NumpyArrayIterator`."""
        from fitgen_gui.data.iterators import NumpyArrayIterator

        return NumpyArrayIterator(
            x, y, self, batch_size=batch_size, shuffle=shuffle, sample_weight=sample_weight,
            seed=seed, data_format=self.data_format, save_to_dir=save_to_dir,
            save_prefix=save_prefix, save_format=save_format,
            ignore_class_split=ignore_class_split, subset=subset, dtype=self.dtype,
        )

    def flow_from_directory(
        self, directory: str, target_size: tuple[int, int] = (256, 256),
        color_mode: str = "rgb", classes: Sequence[str] | None = None,
        class_mode: str | None = "categorical", batch_size: int = 32, shuffle: bool = True,
        seed: int | None = None, save_to_dir: str | None = None, save_prefix: str = "",
        save_format: str = "png", follow_links: bool = False, subset: str | None = None,
        interpolation: str = "nearest", keep_aspect_ratio: bool = False, *,
        allow_missing_classes: bool = False, verbose: bool = True,
        class_links: bool | None = True, tree: Any = None,
        extensions: Sequence[str] | None = None, fast_resize: bool = False,
    ) -> Any:
        """Batches of augmented images from a class-per-folder tree: a
        :class:`DirectoryIterator`. Classes are the sorted sub-folder names; the files are
        Keras 2's (png, jpg, jpeg, bmp, ppm, tif, tiff) unless ``extensions`` says more.

        Images are decoded and resized with Pillow, exactly as Keras 2 did (its pixels);
        ``fast_resize=True`` reads with OpenCV instead: faster on large photos (JPEGs are
        decoded at reduced scale), pixels slightly different.

        FitGen's additions: ``allow_missing_classes``, ``class_links``, ``tree``,
        ``extensions`` and ``fast_resize`` (see ``DirectoryIterator``) and
        ``verbose=False`` to leave out Keras 2's "Found N images" message.
        """
        from fitgen_gui.data.file_iterators import DirectoryIterator

        return DirectoryIterator(
            directory, self, target_size=target_size, color_mode=color_mode, classes=classes,
            class_mode=class_mode, batch_size=batch_size, shuffle=shuffle, seed=seed,
            data_format=self.data_format, save_to_dir=save_to_dir, save_prefix=save_prefix,
            save_format=save_format, follow_links=follow_links, subset=subset,
            interpolation=interpolation, keep_aspect_ratio=keep_aspect_ratio, dtype=self.dtype,
            allow_missing_classes=allow_missing_classes, verbose=verbose,
            class_links=class_links, tree=tree, extensions=extensions,
            fast_resize=fast_resize,
        )

    def flow_from_dataframe(
        self, dataframe: Any, directory: str | None = None, x_col: str = "filename",
        y_col: Any = "class", weight_col: str | None = None,
        target_size: tuple[int, int] = (256, 256), color_mode: str = "rgb",
        classes: Sequence[str] | None = None, class_mode: str | None = "categorical",
        batch_size: int = 32, shuffle: bool = True, seed: int | None = None,
        save_to_dir: str | None = None, save_prefix: str = "", save_format: str = "png",
        subset: str | None = None, interpolation: str = "nearest",
        validate_filenames: bool = True, keep_aspect_ratio: bool = False,
        fast_resize: bool = False, **kwargs: Any,
    ) -> Any:
        """Batches from a table of file names and labels: a :class:`DataFrameIterator`.

        ``dataframe`` is a pandas DataFrame, or the path of a CSV file (no pandas needed).
        """
        from fitgen_gui.data.file_iterators import DataFrameIterator

        for legacy in ("has_ext", "sort", "drop_duplicates"):
            if legacy in kwargs:
                kwargs.pop(legacy)
                warnings.warn(f"flow_from_dataframe: `{legacy}` is deprecated and ignored.",
                              DeprecationWarning, stacklevel=2)
        if kwargs:
            raise TypeError(f"flow_from_dataframe() got unexpected arguments {sorted(kwargs)}")
        if class_mode == "other":
            warnings.warn('class_mode "other" is the old name of "raw".', DeprecationWarning,
                          stacklevel=2)
            class_mode = "raw"
        return DataFrameIterator(
            dataframe, directory, self, x_col=x_col, y_col=y_col, weight_col=weight_col,
            target_size=target_size, color_mode=color_mode, classes=classes,
            class_mode=class_mode, data_format=self.data_format, batch_size=batch_size,
            shuffle=shuffle, seed=seed, save_to_dir=save_to_dir, save_prefix=save_prefix,
            save_format=save_format, subset=subset, interpolation=interpolation,
            keep_aspect_ratio=keep_aspect_ratio, dtype=self.dtype,
            validate_filenames=validate_filenames, fast_resize=fast_resize,
        )


_NOT_FIT = (
    "This ImageDataGenerator specifies `{}`, but it has not been fit on any training data. "
    "Fit it first by calling `.fit(numpy_data)`."
)
