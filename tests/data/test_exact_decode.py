"""The exact path reads JPEGs with OpenCV: the pixels must stay Pillow's (Keras 2's), bit
for bit, whatever the JPEG's layout, orientation and size."""

import io

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps

from fitgen_gui.data.image_io import decode_resized, read_file_bytes
from tests.data.conftest import natural_image


def pillow_reference(data: bytes, size: tuple[int, int], rgbx: bool = False) -> np.ndarray:
    """Keras 2's load_img: Pillow decodes, turns by EXIF, converts to RGB, resizes NEAREST."""
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img).convert("RGB")
        if img.size != size[::-1]:
            img = img.resize(size[::-1], Image.Resampling.NEAREST)
        if rgbx:
            return np.frombuffer(img.tobytes("raw", "RGBX"), np.uint8).reshape(*size, 4)
        return np.asarray(img)


def jpeg_bytes(pixels: np.ndarray, **options) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels.squeeze()).save(out, format="JPEG", **options)
    return out.getvalue()


def oriented(pixels: np.ndarray, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return jpeg_bytes(pixels, quality=90, exif=exif.tobytes())


CASES = {
    "baseline 4:2:0": lambda p: jpeg_bytes(p, quality=90),
    "4:4:4": lambda p: jpeg_bytes(p, quality=95, subsampling=0),
    "4:2:2": lambda p: jpeg_bytes(p, quality=75, subsampling=1),
    "progressive": lambda p: jpeg_bytes(p, quality=85, progressive=True),
    "optimized": lambda p: jpeg_bytes(p, quality=60, optimize=True),
    "grey": lambda p: jpeg_bytes(p[..., :1]),
    **{f"orientation {k}": (lambda p, k=k: oriented(p, k)) for k in range(1, 9)},
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("size", [(224, 224), (20, 24), (97, 61), (300, 500)])
def test_exact_path_jpegs_are_pillows_pixels(case, size):
    data = CASES[case](natural_image(7, 183, 251))
    buf = np.frombuffer(data, np.uint8)
    for rgbx in (False, True):
        ours = decode_resized(buf, "rgb", size, "nearest", rgbx=rgbx)
        np.testing.assert_array_equal(ours, pillow_reference(data, size, rgbx))


def test_opencv_nearest_picks_pillows_pixels_at_any_size():
    # INTER_NEAREST_EXACT against Pillow's NEAREST on images of pixel coordinates.
    rng = np.random.default_rng(5)
    for _ in range(150):
        in_w, in_h = (int(v) for v in rng.integers(1, 900, 2))
        out_w, out_h = (int(v) for v in rng.integers(1, 400, 2))
        xs = np.tile(np.arange(in_w, dtype=np.int32), (in_h, 1))
        ys = np.tile(np.arange(in_h, dtype=np.int32)[:, None], (1, in_w))
        for coords in (xs, ys):
            pillow = Image.fromarray(coords, "I").resize((out_w, out_h),
                                                         Image.Resampling.NEAREST)
            opencv = cv2.resize(coords, (out_w, out_h), interpolation=cv2.INTER_NEAREST_EXACT)
            np.testing.assert_array_equal(np.asarray(pillow), opencv.reshape(out_h, out_w))


def test_a_cmyk_jpeg_is_still_converted_by_pillow(tmp_path):
    path = tmp_path / "cmyk.jpg"
    Image.fromarray(natural_image(3, 60, 80)).convert("CMYK").save(path)
    data = path.read_bytes()
    ours = decode_resized(read_file_bytes(path), "rgb", (30, 40), "nearest")
    np.testing.assert_array_equal(ours, pillow_reference(data, (30, 40)))
