"""Iterators over image files: ``DirectoryIterator`` (``flow_from_directory``) and
``DataFrameIterator`` (``flow_from_dataframe``), with Keras 2's outputs.

Each image is read when its batch is built, never all at once. Per image: one read, one
decode (at reduced scale for big JPEGs), and one OpenCV warp that resizes, rotates,
shifts, shears, zooms and flips together; the rest is vectorized over the batch. All of
it releases the GIL, so worker threads scale.
"""

from __future__ import annotations

import ast
import csv
import os
import sys
import warnings
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from fitgen_gui.core.errors import UserError
from fitgen_gui.data import transforms
from fitgen_gui.data.folder_scan import scan_class_folders
from fitgen_gui.data.image_io import (
    KERAS2_EXTENSIONS,
    ImageReadError,
    channels_of,
    read_image,
    read_image_resized,
)
from fitgen_gui.data.iterators import ImageBatchMixin, Iterator, _subset_window

__all__ = ["DataFrameIterator", "DirectoryIterator", "TooManyBadFiles", "read_table"]

INTERPOLATIONS = {
    "nearest": cv2.INTER_NEAREST,
    "bilinear": cv2.INTER_LINEAR,
    "bicubic": cv2.INTER_CUBIC,
    "lanczos": cv2.INTER_LANCZOS4,
    "box": cv2.INTER_AREA,
    "hamming": cv2.INTER_AREA,
}


class TooManyBadFiles(UserError, RuntimeError):
    """More images failed to load during training than the share allowed."""


def _print(message: str) -> None:
    """Keras 2 printed "Found N images..."; a windowed app has no stdout, and that is fine."""
    if sys.stdout is not None:
        try:
            print(message)  # noqa: T201 - Keras 2's message, kept for tutorial users
        except (OSError, ValueError):
            pass


def _crop_box(width: int, height: int, target_w: int, target_h: int) -> tuple[int, int, int, int]:
    """Keras 2's ``keep_aspect_ratio`` centre crop: (left, top, width, height)."""
    crop_h = min(height, (width * target_h) // target_w)
    crop_w = min(width, (height * target_w) // target_h)
    return (width - crop_w) // 2, (height - crop_h) // 2, crop_w, crop_h


def _check_target_size(target_size: Any) -> tuple[int, int]:
    try:
        height, width = (int(v) for v in target_size)
    except (TypeError, ValueError):
        height = width = 0
    if height < 1 or width < 1:
        raise ValueError(
            f"target_size must be (height, width) in pixels, e.g. (224, 224); got "
            f"{target_size!r}."
        )
    return height, width


class FileBatchMixin(ImageBatchMixin):
    """Loading and augmenting batches of image files (the speed-critical part).

    A file that cannot be read raises :class:`~fitgen_gui.data.image_io.ImageReadError`
    naming it (Keras 2's behaviour, with a clear message), unless
    :meth:`skip_unreadable_files` was called: then the batch is refilled from other files,
    ``listener(path, reason)`` hears of it, and more than ``max_fraction`` of the files
    failing raises :class:`TooManyBadFiles`.
    """

    _skip_bad = False
    _max_bad_fraction = 0.05
    _bad_listener: Any = None
    #: False (default): decode and resize with Pillow exactly as Keras 2 (and an exported
    #: model's preprocessing.json) does. True: OpenCV, JPEGs decoded at reduced scale and
    #: resized together with the augmentation in one warp: faster on large photos, pixels
    #: a little different.
    fast_resize = False

    target_size: tuple[int, int]
    color_mode: str
    interpolation: str
    keep_aspect_ratio: bool
    image_shape: tuple[int, ...]
    class_mode: str | None
    classes: Any
    allowed_class_modes: frozenset
    class_indices: dict

    def _set_processing_attrs(
        self, image_data_generator: Any, target_size: Any, color_mode: str,
        data_format: str | None, save_to_dir: str | None, save_prefix: str, save_format: str,
        subset: str | None, interpolation: str, keep_aspect_ratio: bool, dtype: str | None,
        class_mode: str | None,
    ) -> None:
        if class_mode not in self.allowed_class_modes:
            allowed = ", ".join(repr(m) for m in sorted(self.allowed_class_modes, key=str))
            raise ValueError(f"class_mode must be one of {allowed}; got {class_mode!r}.")
        self.class_mode = class_mode
        self.image_data_generator = image_data_generator
        self.target_size = _check_target_size(target_size)
        channels = channels_of(color_mode)
        self.color_mode = color_mode
        self.data_format = data_format or "channels_last"
        self.image_shape = (
            (*self.target_size, channels) if self.data_format == "channels_last"
            else (channels, *self.target_size)
        )
        if interpolation not in INTERPOLATIONS:
            raise ValueError(
                f"interpolation must be one of {sorted(INTERPOLATIONS)}; got {interpolation!r}."
            )
        self.interpolation = interpolation
        self.keep_aspect_ratio = keep_aspect_ratio
        self.save_to_dir, self.save_prefix, self.save_format = save_to_dir, save_prefix, \
            save_format
        self.dtype = dtype or "float32"
        self.subset = subset
        validation_split = getattr(image_data_generator, "_validation_split", 0.0)
        if subset is not None:
            _subset_window(1, subset, validation_split)  # validates the arguments
            self.split = (0.0, validation_split) if subset == "validation" else (
                validation_split, 1.0)
        else:
            self.split = None

    def skip_unreadable_files(self, max_fraction: float = 0.05, listener: Any = None) -> None:
        """Skip files that fail to load (see the class docstring). ``listener(path, reason)``
        hears of each, in this process: a copy sent to a loader process does not call it
        (that process skips the file alone)."""
        self._skip_bad = True
        self._max_bad_fraction = max_fraction
        self._bad_listener = listener
        self._bad: dict[int, str] = {}

    @property
    def skipped_files(self) -> dict[str, str]:
        """Files skipped so far: path -> reason."""
        return {self.filepaths[i]: reason for i, reason in getattr(self, "_bad", {}).items()}

    def exclude_files(self, paths: Any) -> int:
        """Leave out files known to be unreadable (from the data check); return how many."""
        drop = {os.path.normpath(p) for p in paths}
        keep = [i for i, p in enumerate(self.filepaths) if os.path.normpath(p) not in drop]
        removed = len(self.filepaths) - len(keep)
        if removed:
            self._keep_only(keep)
        return removed

    def _keep_only(self, keep: list[int]) -> None:
        self.filenames = [self.filenames[i] for i in keep]
        self._filepaths = [self._filepaths[i] for i in keep]
        if isinstance(self.classes, np.ndarray):
            self.classes = self.classes[keep]
        elif self.classes is not None:
            self.classes = [self.classes[i] for i in keep]
        if getattr(self, "_sample_weight", None) is not None:
            self._sample_weight = self._sample_weight[keep]
        self.samples = self.n = len(keep)
        self._orders = {}

    def _load_or_substitute(self, index: int, params: dict | None,
                            rng: np.random.Generator) -> tuple[np.ndarray, int]:
        """Load file ``index``; when skipping, another file takes the place of a bad one."""
        while True:
            if self._skip_bad and index in self._bad:
                index = self._replacement(rng)
                continue
            try:
                return self.load_image(self.filepaths[index], params), index
            except ImageReadError as exc:
                if not self._skip_bad:
                    raise
                self._mark_bad(index, exc)
                index = self._replacement(rng)

    def _mark_bad(self, index: int, exc: ImageReadError) -> None:
        with self.lock:
            first_time = index not in self._bad
            self._bad[index] = exc.reason
            count = len(self._bad)
        if first_time and self._bad_listener is not None:
            self._bad_listener(exc.path, exc.reason)
        if count > self._max_bad_fraction * self.n:
            raise TooManyBadFiles(
                f"{count} of {self.n} images could not be read, more than the "
                f"{self._max_bad_fraction:.0%} allowed, so training stopped. The latest: "
                f"{exc}. Run the data check to see them all."
            ) from exc

    def _replacement(self, rng: np.random.Generator) -> int:
        for _ in range(1000):
            candidate = int(rng.integers(self.n))
            if candidate not in self._bad:
                return candidate
        raise TooManyBadFiles(f"Almost none of the {self.n} images can be read.")

    def _resize(self, image: np.ndarray, crop: tuple[int, int, int, int] | None) -> np.ndarray:
        if crop is not None:
            left, top, width, height = crop
            image = image[top:top + height, left:left + width]
        target_h, target_w = self.target_size
        if image.shape[:2] == (target_h, target_w):
            return image
        out = cv2.resize(image, (target_w, target_h),
                         interpolation=INTERPOLATIONS[self.interpolation])
        return out if out.ndim == 3 else out[..., None]

    def load_image(self, path: str, params: dict | None = None) -> np.ndarray:
        """One file, resized to ``target_size`` and geometrically augmented: uint8 HWC."""
        if not self.fast_resize:
            return self._load_exact(path, params)
        target_h, target_w = self.target_size
        image = read_image(path, self.color_mode, min_size=self.target_size)
        height, width = image.shape[:2]
        crop = _crop_box(width, height, target_w, target_h) if self.keep_aspect_ratio else None
        affine = None
        if params is not None:
            affine = transforms.keras_affine_matrix(
                params["theta"], params["tx"], params["ty"], params["shear"], params["zx"],
                params["zy"], target_h, target_w,
            )
        if affine is None:
            out = self._resize(image, crop)
            if params is not None and (params["flip_horizontal"] or params["flip_vertical"]):
                code = {(True, False): 1, (False, True): 0, (True, True): -1}[
                    (params["flip_horizontal"], params["flip_vertical"])]
                out = cv2.flip(out, code)
                out = out if out.ndim == 3 else out[..., None]
            return out
        generator = self.image_data_generator
        geometry = transforms.compose(affine, transforms.flip_matrix(
            params["flip_horizontal"], params["flip_vertical"], target_h, target_w))
        src_w, src_h = (crop[2], crop[3]) if crop else (width, height)
        if src_w > 2 * target_w and src_h > 2 * target_h:
            # Much larger than the target: resize first (as Keras 2 did), then augment.
            source, matrix = self._resize(image, crop), geometry
        else:
            # Resize and augment in one warp: one resampling, less work.
            source = image
            matrix = transforms.compose(
                transforms.resize_matrix(height, width, target_h, target_w, crop), geometry)
        return transforms.warp(source, matrix, (target_h, target_w),
                               fill_mode=generator.fill_mode, cval=generator.cval,
                               order=generator.interpolation_order)

    def _load_exact(self, path: str, params: dict | None) -> np.ndarray:
        """Keras 2's order: Pillow decodes and resizes, then the geometry at target size."""
        target_h, target_w = self.target_size
        matrix = None if params is None else transforms.compose(
            transforms.keras_affine_matrix(
                params["theta"], params["tx"], params["ty"], params["shear"], params["zx"],
                params["zy"], target_h, target_w),
            transforms.flip_matrix(params["flip_horizontal"], params["flip_vertical"],
                                   target_h, target_w))
        # OpenCV warps four channels with its vector code, three without: an RGB image is
        # warped in Pillow's RGBX layout and the X dropped after (the same pixels, 0.13
        # instead of 0.21 ms per 224x224 image).
        rgbx = matrix is not None and self.color_mode == "rgb"
        image = read_image_resized(path, self.color_mode, self.target_size, self.interpolation,
                                   keep_aspect_ratio=self.keep_aspect_ratio, rgbx=rgbx)
        if matrix is None:
            return image
        generator = self.image_data_generator
        out = transforms.warp(image, matrix, (target_h, target_w), fill_mode=generator.fill_mode,
                              cval=generator.cval, order=generator.interpolation_order)
        return cv2.cvtColor(out, cv2.COLOR_RGBA2RGB) if rgbx else out

    def _get_batches_of_transformed_samples(
        self, index_array: np.ndarray, rng: np.random.Generator | None = None,
        augment: bool = True,
    ) -> Any:
        rng = rng if rng is not None else np.random.default_rng()
        count = len(index_array)
        params = self._draw(rng, count, self.image_shape, augment)
        target_h, target_w = self.target_size
        channels = self.image_shape[-1 if self.data_format == "channels_last" else 0]
        pixels = np.empty((count, target_h, target_w, channels), dtype=np.uint8)
        pick = self.image_data_generator.pick if params is not None else None
        used = np.array(index_array, copy=True)
        for i, j in enumerate(index_array):
            pixels[i], used[i] = self._load_or_substitute(
                int(j), pick(params, i) if pick else None, rng)
        batch_x = self._finish(pixels, params, rng, used)
        return self._with_targets(batch_x, used)

    def _with_targets(self, batch_x: np.ndarray, index_array: np.ndarray) -> Any:
        mode = self.class_mode
        if mode == "input":
            batch_y = batch_x.copy()
        elif mode in ("binary", "sparse"):
            batch_y = np.asarray([self.classes[j] for j in index_array], dtype=self.dtype)
        elif mode == "categorical":
            batch_y = np.zeros((len(batch_x), len(self.class_indices)), dtype=self.dtype)
            for i, j in enumerate(index_array):
                batch_y[i, self.classes[j]] = 1.0
        elif mode == "multi_output":
            batch_y = [output[index_array] for output in self.labels]
        elif mode == "raw":
            batch_y = self.labels[index_array]
        else:
            return batch_x
        weights = self.sample_weight
        if weights is None:
            return batch_x, batch_y
        return batch_x, batch_y, weights[index_array]


class DirectoryIterator(FileBatchMixin, Iterator):
    """Batches of augmented images from a class-per-folder tree (``flow_from_directory``).

    Attributes
    ----------
    directory : str
    class_indices : dict
        Class name to index; classes are the sorted sub-folder names.
    classes : numpy.ndarray
        Class index of each file (int32).
    filenames : list of str
        File paths relative to ``directory``, in Keras 2's order.
    filepaths : list of str
        Full paths.
    samples : int
        Number of images.
    num_classes : int

    FitGen's own keywords: ``allow_missing_classes=True`` lets ``classes`` name folders
    that are absent, with no files (a validation folder then keeps the training's class
    indices); ``class_links`` says whether a class folder that is a link is a class (Keras
    2: always; the app: only when following links); ``tree`` reuses a walk of the folder
    made with the same options; ``extensions`` lists the file types read (default: Keras
    2's, ``image_io.IMAGE_EXTENSIONS`` adds GIF and WebP); ``fast_resize`` reads with
    OpenCV (see ``FileBatchMixin.fast_resize``).
    """

    allowed_class_modes = frozenset({"categorical", "binary", "sparse", "input", None})
    white_list_formats = KERAS2_EXTENSIONS

    def __init__(
        self, directory: str, image_data_generator: Any = None,
        target_size: Any = (256, 256), color_mode: str = "rgb",
        classes: Sequence[str] | None = None, class_mode: str | None = "categorical",
        batch_size: int = 32, shuffle: bool = True, seed: int | None = None,
        data_format: str | None = None, save_to_dir: str | None = None,
        save_prefix: str = "", save_format: str = "png", follow_links: bool = False,
        subset: str | None = None, interpolation: str = "nearest",
        keep_aspect_ratio: bool = False, dtype: str | None = None, *,
        allow_missing_classes: bool = False, verbose: bool = True,
        class_links: bool | None = True, tree: Any = None,
        extensions: Sequence[str] | None = None, fast_resize: bool = False,
    ) -> None:
        if extensions is not None:
            self.white_list_formats = tuple(e.lower() for e in extensions)
        self.fast_resize = fast_resize
        self._set_processing_attrs(
            image_data_generator, target_size, color_mode, data_format, save_to_dir,
            save_prefix, save_format, subset, interpolation, keep_aspect_ratio, dtype,
            class_mode,
        )
        self.directory = os.fspath(directory)
        scan = tree or scan_class_folders(
            self.directory, classes, extensions=self.white_list_formats, split=self.split,
            follow_links=follow_links, class_links=class_links,
            missing_ok=allow_missing_classes)
        self.tree = scan
        if class_mode == "binary" and len(scan.class_names) != 2:
            raise ValueError(
                f"class_mode='binary' needs exactly 2 classes; '{self.directory}' has "
                f"{len(scan.class_names)} ({', '.join(scan.class_names) or 'none'}). Use "
                "class_mode='categorical' or 'sparse' for more."
            )
        self.class_indices = {name: i for i, name in enumerate(scan.class_names)}
        self.num_classes = len(scan.class_names)
        self.filenames = list(scan.filenames)
        self.classes = np.asarray(scan.classes, dtype=np.int32)
        self.samples = len(self.filenames)
        self.link_loops = scan.link_loops
        self._filepaths = [os.path.join(self.directory, f) for f in self.filenames]
        if verbose:
            _print(f"Found {self.samples} images belonging to {self.num_classes} classes.")
        super().__init__(self.samples, batch_size, shuffle, seed)

    @property
    def filepaths(self) -> list[str]:
        return self._filepaths

    @property
    def labels(self) -> np.ndarray:
        return self.classes

    @property
    def sample_weight(self) -> None:
        return None


def _parse_cell(value: Any) -> Any:
    """A CSV cell: a list written by pandas (``"['a', 'b']"``) becomes a list."""
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return value
        return list(parsed) if isinstance(parsed, list | tuple) else value
    return value


def read_table(data: Any) -> dict[str, list]:
    """Columns of a pandas DataFrame, a dict of columns, or a CSV file (no pandas needed)."""
    if isinstance(data, str | os.PathLike):
        path = os.fspath(data)
        try:
            with open(path, newline="", encoding="utf-8-sig") as f:
                rows = list(csv.DictReader(f))
                fields = list(rows[0].keys()) if rows else []
        except FileNotFoundError:
            raise FileNotFoundError(f"Table '{path}' does not exist.") from None
        except (UnicodeDecodeError, csv.Error) as exc:
            raise ValueError(f"Table '{path}' is not a readable UTF-8 CSV file: {exc}") from exc
        return {name: [_parse_cell(row[name]) for row in rows] for name in fields}
    if hasattr(data, "columns") and hasattr(data, "__getitem__"):  # pandas.DataFrame
        return {str(name): list(data[name].tolist()) for name in data.columns}
    if isinstance(data, dict):
        return {str(name): list(values) for name, values in data.items()}
    raise TypeError(
        f"flow_from_dataframe takes a pandas DataFrame or the path of a CSV file; got "
        f"{type(data).__name__}."
    )


def _numeric_column(values: list, *, from_csv: bool) -> bool:
    """Whether a column holds numbers, as pandas types it: a DataFrame's numbers (not text,
    not booleans); a CSV file's cells when every one reads as a number."""
    if from_csv:
        try:
            [float(v) for v in values]
        except (TypeError, ValueError):
            return False
        return True
    return all(isinstance(v, int | float | np.number) and not isinstance(v, bool | np.bool_)
               for v in values)


def _column(table: dict[str, list], name: str, role: str) -> list:
    if name not in table:
        raise ValueError(
            f"The table has no column '{name}' ({role}); its columns are {sorted(table)}."
        )
    return table[name]


def _number(value: Any, column: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"Column '{column}' must hold numbers; found {value!r}.") from None


class DataFrameIterator(FileBatchMixin, Iterator):
    """Batches of augmented images listed in a table (``flow_from_dataframe``).

    ``class_mode``: ``categorical`` (labels may be lists: multi-label), ``binary``,
    ``sparse``, ``raw`` (the values of ``y_col``), ``multi_output`` (a list of columns),
    ``input`` or None.
    """

    allowed_class_modes = frozenset({"binary", "categorical", "input", "multi_output", "raw",
                                     "sparse", None})
    white_list_formats = KERAS2_EXTENSIONS

    def __init__(
        self, dataframe: Any, directory: str | None = None, image_data_generator: Any = None,
        x_col: str = "filename", y_col: Any = "class", weight_col: str | None = None,
        target_size: Any = (256, 256), color_mode: str = "rgb",
        classes: Sequence[str] | None = None, class_mode: str | None = "categorical",
        batch_size: int = 32, shuffle: bool = True, seed: int | None = None,
        data_format: str | None = "channels_last", save_to_dir: str | None = None,
        save_prefix: str = "", save_format: str = "png", subset: str | None = None,
        interpolation: str = "nearest", keep_aspect_ratio: bool = False,
        dtype: str | None = "float32", validate_filenames: bool = True,
        fast_resize: bool = False,
    ) -> None:
        self.fast_resize = fast_resize
        self._set_processing_attrs(
            image_data_generator, target_size, color_mode, data_format, save_to_dir,
            save_prefix, save_format, subset, interpolation, keep_aspect_ratio, dtype,
            class_mode,
        )
        self.directory = os.fspath(directory) if directory else ""
        table = read_table(dataframe)
        names = _column(table, x_col, "x_col, the file names")
        keep = list(range(len(names)))
        if not all(isinstance(v, str) for v in names):
            raise TypeError(f"All values in column x_col='{x_col}' must be file names (text).")
        raw_columns = class_mode == "raw" and isinstance(y_col, list | tuple)
        y_cols = list(y_col) if class_mode == "multi_output" or raw_columns else [y_col]
        if class_mode == "multi_output" and not isinstance(y_col, list):
            raise TypeError(f"class_mode='multi_output' needs y_col to be a list of columns; "
                            f"got {y_col!r}.")
        if isinstance(y_col, list | tuple) and class_mode not in ("multi_output", "raw",
                                                                  "input", None):
            raise TypeError(f"With class_mode={class_mode!r}, y_col must be one column; got "
                            f"{list(y_col)!r} (class_mode='raw' or 'multi_output' take several).")
        labels_of = {}
        if class_mode not in ("input", None):
            labels_of = {c: _column(table, c, "y_col, the labels") for c in y_cols}
        if classes and class_mode in ("input", "multi_output", "raw", None):
            warnings.warn(f"`classes` is ignored with class_mode={class_mode!r}.", stacklevel=3)
        weights = _column(table, weight_col, "weight_col") if weight_col else None
        if weights is not None and not _numeric_column(
                weights, from_csv=isinstance(dataframe, str | os.PathLike)):
            # Keras 2 checks the column's type before anything else, text "2" included.
            raise TypeError(f"Column weight_col={weight_col} must be numeric.")
        if validate_filenames:
            keep = [i for i in keep if self._valid_file(names[i])]
            dropped = len(names) - len(keep)
            if dropped:
                warnings.warn(
                    f"Found {dropped} invalid image filename(s) in x_col='{x_col}' (missing "
                    "files or unsupported extensions). These filename(s) will be ignored.",
                    stacklevel=3,
                )
        self.class_indices: dict = {}
        self.classes: Any = None
        if class_mode in ("categorical", "binary", "sparse"):
            keep, class_names = self._filter_classes(labels_of[y_col], keep, classes, y_col)
            self.class_indices = {name: i for i, name in enumerate(class_names)}
        if self.split:
            start, stop = int(self.split[0] * len(keep)), int(self.split[1] * len(keep))
            keep = keep[start:stop]
        if class_mode in ("categorical", "binary", "sparse"):
            self.classes = [self._class_index(labels_of[y_col][i]) for i in keep]
        self._set_targets(labels_of, y_col, y_cols, keep, raw_columns)
        self._sample_weight = (
            np.asarray([float(weights[i]) for i in keep]) if weights else None
        )
        self.filenames = [names[i] for i in keep]
        self.samples = len(self.filenames)
        self.num_classes = len(self.class_indices)
        self._filepaths = [os.path.join(self.directory, f) for f in self.filenames]
        state = "validated" if validate_filenames else "non-validated"
        if self.class_indices:
            _print(f"Found {self.samples} {state} image filenames belonging to "
                   f"{self.num_classes} classes.")
        else:
            _print(f"Found {self.samples} {state} image filenames.")
        super().__init__(self.samples, batch_size, shuffle, seed)

    def _set_targets(self, labels_of: dict, y_col: Any, y_cols: list, keep: list[int],
                     raw_columns: bool) -> None:
        """The targets of ``raw`` and ``multi_output`` class modes, for the rows kept."""
        mode = self.class_mode
        if mode == "raw" and raw_columns:
            # Several columns: one row of values per image, shape (n, columns) (Keras 2's
            # df[y_col].values).
            self._targets = np.asarray(
                [[_number(labels_of[c][i], c) if isinstance(labels_of[c][i], str)
                  else labels_of[c][i] for c in y_cols] for i in keep]).reshape(
                len(keep), len(y_cols))
        elif mode == "raw":
            raw = [labels_of[y_col][i] for i in keep]
            self._targets = np.asarray(
                [_number(v, y_col) if isinstance(v, str) else v for v in raw])
        elif mode == "multi_output":
            self._targets = [np.asarray([labels_of[c][i] for i in keep]) for c in y_cols]

    def _valid_file(self, name: str) -> bool:
        path = os.path.join(self.directory, name)
        return path.lower().endswith(self.white_list_formats) and os.path.isfile(path)

    def _filter_classes(
        self, labels: list, keep: list[int], classes: Sequence[str] | None, y_col: str
    ) -> tuple[list[int], list[str]]:
        mode = self.class_mode
        for i in keep:
            value = labels[i]
            allowed = (str,) if mode in ("binary", "sparse") else (str, list, tuple)
            if not isinstance(value, allowed):
                raise TypeError(
                    f"With class_mode={mode!r}, column y_col='{y_col}' must hold class names "
                    f"(text); row {i} holds {value!r}."
                )
        if classes:
            class_names = list(dict.fromkeys(classes))
            wanted = set(class_names)
            kept = []
            for i in keep:
                value = labels[i]
                if isinstance(value, list | tuple):
                    value = [v for v in value if v in wanted]
                    if value:
                        labels[i] = value
                        kept.append(i)
                elif value in wanted:
                    kept.append(i)
            keep = kept
        else:
            found: set[str] = set()
            for i in keep:
                value = labels[i]
                found.update(value if isinstance(value, list | tuple) else [value])
            class_names = sorted(found)
        if mode == "binary" and len(class_names) != 2:
            raise ValueError(
                f"class_mode='binary' needs exactly 2 classes; found {len(class_names)} "
                f"({', '.join(map(str, class_names))})."
            )
        return keep, class_names

    def _class_index(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [self.class_indices[v] for v in value]
        return self.class_indices[value]

    @property
    def filepaths(self) -> list[str]:
        return self._filepaths

    @property
    def labels(self) -> Any:
        if self.class_mode in ("multi_output", "raw"):
            return self._targets
        return self.classes

    @property
    def sample_weight(self) -> np.ndarray | None:
        return self._sample_weight
