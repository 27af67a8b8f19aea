"""Reading image files into uint8 arrays, fast and without surprises.

OpenCV decodes (libjpeg-turbo, libpng, libwebp...) with the GIL released, and JPEGs are
decoded at 1/2, 1/4 or 1/8 scale when the image stays at least as large as the target:
most of a big photo's decoding time is spent on pixels a 224x224 model never sees.
Pillow is the fallback for what OpenCV cannot read.

Conversions, where Keras 2 (via Pillow) silently loses information:

- transparency (RGBA, LA, palette with a transparent colour) is composited on white,
  rather than dropped, which turns transparent areas into whatever colour they hide
  (often black);
- 16-bit images are scaled to 8 bits, not clipped at 255;
- the EXIF orientation of JPEGs is applied;
- an animated GIF gives its first frame.

Only regular files are read, and at most :data:`MAX_FILE_BYTES` of them: a named pipe
called ``pipe.jpg`` would block the reader forever, a link to ``/dev/zero`` would fill the
memory. Decoding a large image takes its decoded size from a shared budget
(:data:`DECODE_BUDGET_BYTES`), so a folder of huge PNGs is decoded a few at a time whatever
the number of threads, instead of all at once.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
import warnings
from collections.abc import Iterator

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

__all__ = [
    "DECODE_BUDGET_BYTES",
    "IMAGE_EXTENSIONS",
    "KERAS2_EXTENSIONS",
    "MAX_FILE_BYTES",
    "PIL_FILTERS",
    "ImageReadError",
    "decode_image",
    "decode_resized",
    "read_file_bytes",
    "read_image",
    "read_image_resized",
]

# Pillow's notes about what the decoders here do anyway (palette transparency converted to
# RGBA, a corrupt EXIF block skipped...), ignored once for the process. Wrapping each decode
# in warnings.catch_warnings() instead swapped the process's warning filters from the data
# threads while the training thread warned (catch_warnings is not thread-safe), and the
# training's own warnings were lost.
warnings.filterwarnings("ignore", module=r"PIL(\.|$)")

#: Keras 2's interpolation names and the Pillow filters they resize with.
PIL_FILTERS = {
    "nearest": Image.Resampling.NEAREST,
    "bilinear": Image.Resampling.BILINEAR,
    "bicubic": Image.Resampling.BICUBIC,
    "lanczos": Image.Resampling.LANCZOS,
    "box": Image.Resampling.BOX,
    "hamming": Image.Resampling.HAMMING,
}

#: Extensions Keras 2's flow_from_directory accepts.
KERAS2_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".ppm", ".tif", ".tiff")
#: What FitGen accepts: Keras 2's, plus GIF and WebP.
IMAGE_EXTENSIONS = (*KERAS2_EXTENSIONS, ".gif", ".webp")

#: Largest image file read (an encoded file; decoded sizes are limited by ``max_pixels``).
MAX_FILE_BYTES = int(os.environ.get("FITGEN_MAX_FILE_MB", "512")) << 20
#: Decoded bytes of large images being decoded at once, across all threads.
DECODE_BUDGET_BYTES = int(os.environ.get("FITGEN_DECODE_BUDGET_MB", "768")) << 20
_LARGE = 16 << 20  # images decoding to less than this do not count against the budget
_WHOLE_READ_BYTES = 16 << 20  # files up to this size are handed to Pillow's decoder at once

_CHANNELS = {"rgb": 3, "grayscale": 1, "rgba": 4}
_BACKGROUND = 255.0  # transparency is composited on white

# A damaged file is reported by FitGen with its name; OpenCV's own warnings are noise.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)


def max_pixels() -> int:
    """Pixels above which an image is refused as a possible decompression bomb (Pillow's
    error threshold, twice its warning limit)."""
    return 2 * (Image.MAX_IMAGE_PIXELS or 2**62)


class ImageReadError(OSError):
    """An image file could not be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"Cannot read image '{path}': {reason}")
        self.path = path
        self.reason = reason


class _DecodeBudget:
    """Decoded bytes in flight; a request larger than the whole budget runs alone."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.peak = 0
        self._cond = threading.Condition()

    @contextlib.contextmanager
    def reserve(self, nbytes: int) -> Iterator[None]:
        if nbytes < _LARGE:
            yield
            return
        with self._cond:
            while self.used and self.used + nbytes > self.limit:
                self._cond.wait()
            self.used += nbytes
            self.peak = max(self.peak, self.used)
        try:
            yield
        finally:
            with self._cond:
                self.used -= nbytes
                self._cond.notify_all()


_BUDGET = _DecodeBudget(DECODE_BUDGET_BYTES)


def _format_bytes(count: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"


def read_file_bytes(path: str | os.PathLike, max_bytes: int | None = None) -> np.ndarray:
    """The bytes of a regular file, at most ``max_bytes`` (default :data:`MAX_FILE_BYTES`).

    Raises
    ------
    ImageReadError
        A missing file, a folder, a named pipe, a device or socket (or a link to one), a
        file over the size limit, or a read error; the message names the file.
    """
    path = os.fspath(path)
    limit = MAX_FILE_BYTES if max_bytes is None else max_bytes
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ImageReadError(path, f"a link to '{os.readlink(path)}', which does not "
                                       "exist") from None
        raise ImageReadError(path, "the file does not exist (was it moved or deleted?)") from None
    except IsADirectoryError:
        raise ImageReadError(path, "this is a folder, not an image file") from None
    except OSError as exc:
        raise ImageReadError(path, f"the file cannot be opened ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImageReadError(path, "this is a folder, not an image file")
        if not stat.S_ISREG(info.st_mode):
            raise ImageReadError(path, "not a regular file (a named pipe, device or socket, "
                                       "or a link to one); only image files are read")
        if info.st_size > limit:
            raise ImageReadError(path, f"the file is {_format_bytes(info.st_size)}, more than "
                                       f"the {_format_bytes(limit)} an image may be")
        buf = np.empty(info.st_size, dtype=np.uint8)
        view, done = memoryview(buf), 0
        while done < info.st_size:
            count = os.readv(fd, [view[done:]]) if hasattr(os, "readv") else _read_into(
                fd, view[done:])
            if count == 0:  # the file shrank while being read
                buf = buf[:done]
                break
            done += count
        return buf
    except OSError as exc:
        if isinstance(exc, ImageReadError):
            raise
        raise ImageReadError(path, f"the file cannot be read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def _read_into(fd: int, view: memoryview) -> int:
    data = os.read(fd, len(view))
    view[:len(data)] = data
    return len(data)


def decode_budget_peak() -> int:
    """The most decoded bytes of large images in flight at once so far (for benchmarks)."""
    return _BUDGET.peak


def _check_color_mode(color_mode: str) -> int:
    try:
        return _CHANNELS[color_mode]
    except KeyError:
        raise ValueError(
            f"color_mode must be 'rgb', 'grayscale' or 'rgba'; got {color_mode!r}."
        ) from None


def jpeg_size(buf: np.ndarray) -> tuple[int, int] | None:
    """(width, height) from a JPEG's frame header, or None if ``buf`` is not a JPEG."""
    frame = jpeg_frame(buf)
    return None if frame is None else frame[:2]


def jpeg_frame(buf: np.ndarray) -> tuple[int, int, int] | None:
    """(width, height, components) from a JPEG's frame header, or None if not a JPEG."""
    data = buf.data
    if len(data) < 4 or data[0] != 0xFF or data[1] != 0xD8:
        return None
    pos, end = 2, len(data)
    while pos + 9 < end:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        length = (data[pos + 2] << 8) | data[pos + 3]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE,
                      0xCF):
            height = (data[pos + 5] << 8) | data[pos + 6]
            width = (data[pos + 7] << 8) | data[pos + 8]
            return width, height, data[pos + 9]
        pos += 2 + length
    return None


def png_size(buf: np.ndarray) -> tuple[int, int] | None:
    """(width, height) from a PNG's IHDR chunk, or None if ``buf`` is not a PNG."""
    data = buf.data
    if len(data) < 24 or bytes(data[:8]) != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _reduction(size: tuple[int, int] | None, min_size: tuple[int, int] | None) -> int:
    """The largest JPEG scale-down (1, 2, 4, 8) that keeps the image >= ``min_size``.

    The EXIF orientation may swap width and height, so both sides are compared with the
    target's larger side.
    """
    if size is None or min_size is None:
        return 1
    shortest, needed = min(size), max(min_size)
    for factor in (8, 4, 2):
        if shortest // factor >= needed:
            return factor
    return 1


_REDUCED = {2: 16, 4: 32, 8: 64}  # cv2.IMREAD_REDUCED_* without the colour bit


def _to_uint8(image: np.ndarray) -> np.ndarray:
    if image.dtype == np.uint8:
        return image
    if image.dtype == np.uint16:  # scale 0-65535 to 0-255 rather than clipping
        return ((image.astype(np.uint32) + 128) // 257).astype(np.uint8)
    if np.issubdtype(image.dtype, np.floating):
        peak = 1.0 if float(np.nanmax(image)) <= 1.0 else 255.0
        return np.clip(np.nan_to_num(image) * (255.0 / peak), 0, 255).round().astype(np.uint8)
    info = np.iinfo(image.dtype)
    scaled = (image.astype(np.float64) - info.min) * (255.0 / (info.max - info.min))
    return scaled.round().astype(np.uint8)


def _composite(rgba: np.ndarray) -> np.ndarray:
    """RGB of an RGBA image over a white background."""
    alpha = rgba[..., 3:4].astype(np.float32) * (1.0 / 255.0)
    rgb = rgba[..., :3].astype(np.float32)
    return (rgb * alpha + _BACKGROUND * (1.0 - alpha) + 0.5).astype(np.uint8)


def _to_mode(image: np.ndarray, color_mode: str, *, bgr: bool) -> np.ndarray:
    """Convert a decoded uint8 image (H, W), (H, W, 3) or (H, W, 4) to ``color_mode``."""
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[..., 0]
    if image.ndim == 3 and image.shape[2] == 2:  # gray + alpha
        image = cv2.cvtColor(image[..., :1], cv2.COLOR_GRAY2BGR if bgr else cv2.COLOR_GRAY2RGB)
        image = np.dstack([image, image[..., 1]])
    if image.ndim == 2:
        if color_mode == "grayscale":
            return image[..., None]
        rgb = cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
        return rgb if color_mode == "rgb" else cv2.cvtColor(rgb, cv2.COLOR_RGB2RGBA)
    if image.shape[2] == 4:
        rgba = cv2.cvtColor(image, cv2.COLOR_BGRA2RGBA) if bgr else image
        if color_mode == "rgba":
            return rgba
        rgb = _composite(rgba)
        if color_mode == "rgb":
            return rgb
        return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)[..., None]
    rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB) if bgr else image
    if color_mode == "rgb":
        return rgb
    if color_mode == "grayscale":
        return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)[..., None]
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2RGBA)


def _upright(img: Image.Image) -> Image.Image:
    """The image turned by its EXIF orientation; itself when it has none (exif_transpose
    copies every image, 4% of the time of reading a 1600x1200 photo)."""
    orientation = img.getexif().get(0x0112, 1)
    if orientation in (None, 1):
        return img
    return ImageOps.exif_transpose(img)


def _open_in_memory(buf: np.ndarray) -> Image.Image:
    """Pillow's image over file bytes already in memory, decoded in one call instead of
    one per 64 KB block (Pillow's default when reading a file): 2% faster on 2 threads
    decoding 1600x1200 JPEGs (fewer GIL hand-overs), the same pixels."""
    import io

    img = Image.open(io.BytesIO(buf.tobytes()))
    img.decodermaxblock = max(img.decodermaxblock, min(buf.size, _WHOLE_READ_BYTES))
    return img


def _decode_with_pillow(buf: np.ndarray, color_mode: str, path: str) -> np.ndarray:
    try:
        with _open_in_memory(buf) as img:
            img.seek(0)  # first frame of an animation
            img = _upright(img)
            if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
                return _to_mode(_to_uint8(np.asarray(img)), color_mode, bgr=False)
            has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
            img = img.convert("RGBA" if has_alpha else "RGB")
            return _to_mode(np.asarray(img), color_mode, bgr=False)
    except Image.DecompressionBombError as exc:
        raise ImageReadError(path, f"the image is too large to be safe to open ({exc})") from exc
    except UnidentifiedImageError:
        raise ImageReadError(
            path, "this is not an image file, or its format is not supported"
        ) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageReadError(path, f"the file is damaged or truncated ({exc})") from exc


def _pillow_size(buf: np.ndarray) -> tuple[int, int] | None:
    """(width, height) from the header of another format (no pixels are decoded)."""
    import io

    try:
        with Image.open(io.BytesIO(buf[:1 << 16].tobytes())) as img:  # the header
            return img.size
    except Exception:  # noqa: BLE001 - not readable by Pillow: the decoders report it
        return None


def decode_image(
    buf: np.ndarray,
    color_mode: str = "rgb",
    *,
    min_size: tuple[int, int] | None = None,
    path: str = "<bytes>",
) -> np.ndarray:
    """Decode encoded image bytes to uint8 (H, W, C), C = 3 (rgb), 1 (grayscale), 4 (rgba).

    ``min_size`` (height, width) lets a JPEG be decoded at reduced scale while staying at
    least that large.
    """
    _check_color_mode(color_mode)
    if buf.size == 0:
        raise ImageReadError(path, "the file is empty (0 bytes)")
    size = jpeg_size(buf)
    header = size or png_size(buf)
    if header is not None and header[0] * header[1] > max_pixels():
        raise ImageReadError(path, f"the image is too large to be safe to open "
                                   f"({header[0]}x{header[1]} pixels; a decompression bomb?)")
    if header is None:
        header = _pillow_size(buf)
    factor = _reduction(size, min_size) if size is not None and color_mode != "rgba" else 1
    # Decoding may hold the image twice (decoded, then converted): count both.
    decoded = 2 * 4 * (header[0] // factor) * (header[1] // factor) if header else buf.size
    with _BUDGET.reserve(decoded):
        return _decode(buf, color_mode, size, factor, path)


def _decode(buf: np.ndarray, color_mode: str, size: tuple[int, int] | None, factor: int,
            path: str) -> np.ndarray:
    image = None
    if size is not None and color_mode != "rgba":
        flags = 256 if color_mode == "rgb" else 0  # IMREAD_COLOR_RGB / IMREAD_GRAYSCALE
        flags |= _REDUCED.get(factor, 0)
        image = cv2.imdecode(buf, flags)
        if image is not None:
            return image if image.ndim == 3 else image[..., None]
    if size is None:
        image = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        return _decode_with_pillow(buf, color_mode, path)
    if size is not None:  # an RGBA request for a JPEG
        image = cv2.imdecode(buf, cv2.IMREAD_COLOR_RGB)
        return _to_mode(image, color_mode, bgr=False)
    return _to_mode(_to_uint8(image), color_mode, bgr=True)


def read_image(
    path: str | os.PathLike,
    color_mode: str = "rgb",
    *,
    min_size: tuple[int, int] | None = None,
) -> np.ndarray:
    """Read an image file to uint8 (H, W, C); see :func:`decode_image`.

    Raises
    ------
    ImageReadError
        When the file is missing, empty, damaged or not an image; the message names it.
    """
    path = os.fspath(path)
    return decode_image(read_file_bytes(path), color_mode, min_size=min_size, path=path)


def keras2_crop_box(width: int, height: int, target_w: int, target_h: int
                    ) -> tuple[int, int, int, int]:
    """Keras 2's ``keep_aspect_ratio`` centre crop: (left, top, right, bottom)."""
    crop_h = min(height, (width * target_h) // target_w)
    crop_w = min(width, (height * target_w) // target_h)
    left, top = (width - crop_w) // 2, (height - crop_h) // 2
    return left, top, left + crop_w, top + crop_h


def _pil_in_mode(img: Image.Image, color_mode: str) -> Image.Image:
    """A decoded Pillow image in ``color_mode``, FitGen's conversions applied: 16-bit and
    float images scaled to 8 bits, transparency composited on white (Keras 2 dropped the
    alpha channel, which turns transparent areas into whatever colour they hide)."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        img = Image.fromarray(_to_uint8(np.asarray(img)))
    if color_mode == "rgba":
        return img if img.mode == "RGBA" else img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba).convert("RGB")
    target = "L" if color_mode == "grayscale" else "RGB"
    return img if img.mode == target else img.convert(target)


def decode_resized(buf: np.ndarray, color_mode: str, size: tuple[int, int],
                   interpolation: str = "nearest", *, keep_aspect_ratio: bool = False,
                   path: str = "<bytes>", rgbx: bool = False) -> np.ndarray:
    """Decode and resize to ``size`` (height, width) exactly as Keras 2's ``load_img`` did:
    Pillow decodes, converts and resizes with the Pillow filter of ``interpolation``.

    The same operation an exported model's ``preprocessing.json`` declares, so FitGen's
    pixels are those a user's Pillow code gets. FitGen's conversions (EXIF orientation,
    transparency on white, 16-bit scaled) come first. uint8 (H, W, C).

    ``rgbx=True`` gives an ``"rgb"`` image as (H, W, 4), the fourth channel 255 (Pillow's
    own layout, copied without packing): OpenCV warps four channels faster than three.
    """
    channels = _check_color_mode(color_mode)
    if buf.size == 0:
        raise ImageReadError(path, "the file is empty (0 bytes)")
    frame = jpeg_frame(buf)
    header = (frame[:2] if frame else None) or png_size(buf) or _pillow_size(buf)
    if header is not None and header[0] * header[1] > max_pixels():
        raise ImageReadError(path, f"the image is too large to be safe to open "
                                   f"({header[0]}x{header[1]} pixels; a decompression bomb?)")
    height, width = size
    decoded = 2 * 4 * header[0] * header[1] if header else buf.size
    if (frame is not None and frame[2] in (1, 3) and color_mode == "rgb"
            and interpolation == "nearest" and not keep_aspect_ratio):
        with _BUDGET.reserve(decoded):
            out = _jpeg_nearest_with_opencv(buf, size, rgbx=rgbx)
        if out is not None:
            return out
    try:
        with _BUDGET.reserve(decoded), _open_in_memory(buf) as opened:
            opened.seek(0)  # the first frame of an animation
            img = _pil_in_mode(_upright(opened), color_mode)
            if img.size != (width, height):
                box = (keras2_crop_box(img.width, img.height, width, height)
                       if keep_aspect_ratio else None)
                img = img.resize((width, height), PIL_FILTERS[interpolation], box=box)
            if rgbx and img.mode == "RGB":
                return np.frombuffer(img.tobytes("raw", "RGBX"), np.uint8).reshape(
                    height, width, 4)
            out = np.asarray(img)
    except Image.DecompressionBombError as exc:
        raise ImageReadError(path, f"the image is too large to be safe to open ({exc})") from exc
    except UnidentifiedImageError:
        raise ImageReadError(
            path, "this is not an image file, or its format is not supported") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageReadError(path, f"the file is damaged or truncated ({exc})") from exc
    return out.reshape(height, width, channels)


def _jpeg_nearest_with_opencv(buf: np.ndarray, size: tuple[int, int], *, rgbx: bool
                              ) -> np.ndarray | None:
    """Pillow's pixels for a grey or YCbCr JPEG resized with ``"nearest"``, from OpenCV.

    Both libraries decode with libjpeg-turbo's defaults (accurate integer IDCT, smooth
    chroma upsampling) and turn the image by its EXIF orientation, and OpenCV's
    ``INTER_NEAREST_EXACT`` picks the source pixel Pillow's ``NEAREST`` picks (pixel
    centres), so the result is Pillow's to the bit (tests/data/test_exact_decode.py checks
    both); OpenCV's decoder is 8-10% faster and needs no copy into Pillow's layout, which
    is what the exact path spends beyond decoding. None when OpenCV cannot read the file
    (Pillow then reads it and names the problem).
    """
    image = cv2.imdecode(buf, cv2.IMREAD_COLOR_RGB)
    if image is None or image.ndim != 3 or image.shape[2] != 3:
        return None
    height, width = size
    if image.shape[:2] != (height, width):
        image = cv2.resize(image, (width, height), interpolation=cv2.INTER_NEAREST_EXACT)
    return cv2.cvtColor(image, cv2.COLOR_RGB2RGBA) if rgbx else image


def read_image_resized(path: str | os.PathLike, color_mode: str, size: tuple[int, int],
                       interpolation: str = "nearest", *,
                       keep_aspect_ratio: bool = False, rgbx: bool = False) -> np.ndarray:
    """Read a file and resize it as Keras 2 did (see :func:`decode_resized`)."""
    path = os.fspath(path)
    return decode_resized(read_file_bytes(path), color_mode, size, interpolation,
                          keep_aspect_ratio=keep_aspect_ratio, path=path, rgbx=rgbx)


def channels_of(color_mode: str) -> int:
    """Number of channels of a color mode."""
    return _check_color_mode(color_mode)
