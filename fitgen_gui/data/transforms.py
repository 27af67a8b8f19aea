"""Keras 2's image transforms, computed with one OpenCV warp instead of scipy per channel.

Keras 2 builds a 3x3 matrix from rotation, shift, shear and zoom, centres it on the image
and calls ``scipy.ndimage.affine_transform`` once per channel. The same matrix, moved from
scipy's (row, col) convention to OpenCV's (x, y), gives the same image from one
``cv2.warpAffine`` call on all channels, about 25 times faster, with the GIL released.

Two of scipy's border rules differ from OpenCV's: ``'constant'`` does not blend the edge
pixel with ``cval`` and ``'wrap'`` repeats with a period of ``n - 1``. ``exact=True`` (used
by ``ImageDataGenerator.apply_transform``) reproduces them with ``cv2.remap``; the batch
pipeline uses OpenCV's own rules there (a one-pixel difference along the border).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

import cv2
import numpy as np

__all__ = [
    "FILL_MODES",
    "apply_brightness",
    "apply_channel_shift",
    "compose",
    "flip_matrix",
    "keras_affine_matrix",
    "resize_matrix",
    "warp",
]

FILL_MODES = {
    "nearest": cv2.BORDER_REPLICATE,
    "constant": cv2.BORDER_CONSTANT,
    "reflect": cv2.BORDER_REFLECT,  # scipy's 'reflect' is half-sample symmetric, as this
    "wrap": cv2.BORDER_WRAP,
}

_INTERPOLATION_ORDERS = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR}
_SWAP = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])


def interpolation_flag(order: int) -> int:
    """OpenCV interpolation for a scipy spline order (2 and more become bicubic)."""
    return _INTERPOLATION_ORDERS.get(order, cv2.INTER_CUBIC)


def keras_affine_matrix(
    theta: float, tx: float, ty: float, shear: float, zx: float, zy: float,
    height: int, width: int,
) -> np.ndarray | None:
    """The output-to-input pixel map of Keras 2's ``apply_affine_transform``, in (x, y).

    Parameters are Keras 2's: ``theta`` and ``shear`` in degrees, ``tx`` the shift along
    rows (height), ``ty`` along columns (width), ``zx`` / ``zy`` the zooms. Returns a 3x3
    matrix for ``cv2.warpAffine(..., WARP_INVERSE_MAP)``, or None for the identity.
    """
    if not theta and not tx and not ty and not shear and zx == 1 and zy == 1:
        return None
    # rotation @ shift @ shear @ zoom, multiplied out in floats: the same numbers as the
    # four 3x3 numpy products, in a tenth of the time (a call per image).
    cos_t, sin_t = (math.cos(math.radians(theta)), math.sin(math.radians(theta))) if theta \
        else (1.0, 0.0)
    sin_s, cos_s = (math.sin(math.radians(shear)), math.cos(math.radians(shear))) if shear \
        else (0.0, 1.0)
    a, b, c = cos_t * zx, (-cos_t * sin_s - sin_t * cos_s) * zy, cos_t * tx - sin_t * ty
    d, e, f = sin_t * zx, (-sin_t * sin_s + cos_t * cos_s) * zy, sin_t * tx + cos_t * ty
    # Keras centres the matrix with (height, width) for its first and second coordinate,
    # then swaps both coordinates before handing it to scipy in (row, col) order; one more
    # swap gives OpenCV's (x, y) order: net effect, the centred matrix as built.
    o_1, o_2 = height / 2 - 0.5, width / 2 - 0.5
    return np.array([
        [a, b, c + o_1 - a * o_1 - b * o_2],
        [d, e, f + o_2 - d * o_1 - e * o_2],
        [0.0, 0.0, 1.0],
    ])


def flip_matrix(horizontal: bool, vertical: bool, height: int, width: int) -> np.ndarray | None:
    """The (x, y) pixel map of a left-right and/or up-down flip, or None."""
    if not horizontal and not vertical:
        return None
    matrix = np.eye(3)
    if horizontal:
        matrix[0, 0], matrix[0, 2] = -1.0, width - 1.0
    if vertical:
        matrix[1, 1], matrix[1, 2] = -1.0, height - 1.0
    return matrix


def resize_matrix(
    src_height: int, src_width: int, dst_height: int, dst_width: int,
    crop: tuple[int, int, int, int] | None = None,
) -> np.ndarray:
    """The (x, y) map from a resized image's pixels to the source's (pixel centres aligned).

    ``crop`` is ``(left, top, width, height)`` of the part of the source to resize.
    """
    left, top, width, height = crop or (0, 0, src_width, src_height)
    sx, sy = width / dst_width, height / dst_height
    return np.array([
        [sx, 0.0, left + 0.5 * sx - 0.5],
        [0.0, sy, top + 0.5 * sy - 0.5],
        [0.0, 0.0, 1.0],
    ])


def compose(*matrices: np.ndarray | None) -> np.ndarray | None:
    """Product of pixel maps, applied right to left; None stands for the identity."""
    result = None
    for matrix in matrices:
        if matrix is not None:
            result = matrix if result is None else result @ matrix
    return result


@functools.lru_cache(maxsize=16)
def _grid(height: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    return xs, ys


def _scipy_border_maps(
    matrix: np.ndarray, out_h: int, out_w: int, in_h: int, in_w: int, fill_mode: str
) -> tuple[np.ndarray, np.ndarray]:
    """Source coordinates under scipy's 'constant' or 'wrap' rules, for ``cv2.remap``."""
    xs, ys = _grid(out_h, out_w)
    m = matrix.astype(np.float32)
    map_x = m[0, 0] * xs + m[0, 1] * ys + m[0, 2]
    map_y = m[1, 0] * xs + m[1, 1] * ys + m[1, 2]
    for coords, size in ((map_x, in_w), (map_y, in_h)):
        outside = (coords < 0) | (coords > size - 1)
        if fill_mode == "wrap":
            period = max(size - 1, 1)
            coords[outside] = np.mod(coords[outside], period)
        else:
            coords[outside] = -2.0  # beyond the blending band: exactly cval
    return map_x, map_y


def warp(
    image: np.ndarray,
    matrix: np.ndarray,
    out_size: tuple[int, int],
    *,
    fill_mode: str = "nearest",
    cval: float = 0.0,
    order: int = 1,
    exact: bool = False,
) -> np.ndarray:
    """Sample ``image`` (H, W, C) through the (x, y) output-to-input map ``matrix``.

    ``out_size`` is (height, width). Any number of channels and uint8 or float32 data.
    """
    out_h, out_w = out_size
    flags = interpolation_flag(order)
    border = FILL_MODES[fill_mode]
    in_h, in_w = image.shape[:2]
    maps = None
    if exact and fill_mode in ("constant", "wrap"):
        maps = _scipy_border_maps(matrix, out_h, out_w, in_h, in_w, fill_mode)
        border = cv2.BORDER_CONSTANT if fill_mode == "constant" else cv2.BORDER_REPLICATE
    channels = image.shape[2] if image.ndim == 3 else 1
    chunks = []
    for start in range(0, channels, 4):  # OpenCV warps at most 4 channels at a time
        part = image[..., start:start + 4] if image.ndim == 3 else image
        part = np.ascontiguousarray(part)
        value = (float(cval),) * 4
        if maps is not None:
            out = cv2.remap(part, maps[0], maps[1], flags, borderMode=border, borderValue=value)
        else:
            out = cv2.warpAffine(part, matrix[:2], (out_w, out_h),
                                 flags=flags | cv2.WARP_INVERSE_MAP, borderMode=border,
                                 borderValue=value)
        if out.ndim == 2 and image.ndim == 3:
            out = out[..., None]
        chunks.append(out)
    return chunks[0] if len(chunks) == 1 else np.concatenate(chunks, axis=-1)


def apply_channel_shift(image: np.ndarray, intensity: float) -> np.ndarray:
    """Keras 2's channel shift: add ``intensity``, clip to the image's own min and max."""
    low, high = image.min(), image.max()
    return np.clip(image + intensity, low, high)


def apply_brightness(image: np.ndarray, brightness: float) -> np.ndarray:
    """Keras 2's brightness (``PIL.ImageEnhance.Brightness`` with ``scale=False``).

    Pixels are multiplied by ``brightness`` and clipped to 0-255; an image outside 0-255 is
    first mapped to 0-255 by its min and max and mapped back afterwards, as Keras did.
    """
    low, high = float(image.min()), float(image.max())
    if low < 0 or high > 255:
        span = (high - low) or 1.0
        scaled = (image - low) * (255.0 / span)
        out = np.clip(scaled * brightness, 0.0, 255.0)
        return out / 255.0 * span + low
    return np.clip(image * brightness, 0.0, 255.0)


def transform_parameters_matrix(
    params: Mapping[str, object], height: int, width: int
) -> np.ndarray | None:
    """The (x, y) pixel map of a Keras 2 parameter dict: affine, then the flips."""
    affine = keras_affine_matrix(
        float(params.get("theta", 0) or 0), float(params.get("tx", 0) or 0),
        float(params.get("ty", 0) or 0), float(params.get("shear", 0) or 0),
        float(params.get("zx", 1) or 1), float(params.get("zy", 1) or 1), height, width,
    )
    flips = flip_matrix(bool(params.get("flip_horizontal", False)),
                        bool(params.get("flip_vertical", False)), height, width)
    # out(o) = affine_out(F o) = image(A F o): the flip's map is applied first.
    return compose(affine, flips)
