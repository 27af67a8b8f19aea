"""Near-identical images: the same photo resized, re-saved as JPEG, or copied.

The same cell imaged twice, or one photo exported at two sizes, is one example counted
twice; with one copy in training and one in validation, validation measures memory, not
learning, and its accuracy looks better than it is (leakage). Byte-identical copies are
found by the data check's file digests; near-identical ones by a perceptual hash (pHash of
the ``imagehash`` package, BSD-licensed: 64 bits from the signs of the image's lowest
spatial frequencies, which resizing and JPEG compression barely change) and a Hamming
distance of at most :data:`THRESHOLD` bits.

pHash reads only the lowest frequencies of a gray image, so two different pictures of the
same layout (any two big centred circles: a yellow one on lilac and a beige one on teal)
collide. Each candidate pair is therefore confirmed by a second, cheap check: a colour
signature of each image (its 8x8 RGB thumbnail, :func:`colour_signature`) must differ by
at most :data:`COLOUR_THRESHOLD` grey levels on average, which a copy, a resized copy or a
JPEG re-encode passes and a different photo fails. Only candidate pairs are compared.

Comparing every pair would cost n² (1.25 billion pairs for 50,000 images). By the
pigeonhole principle, two hashes that differ in at most ``t`` bits agree exactly on at
least one of ``t + 1`` disjoint bands of bits, so only images that share a band's value
(a bucket) are compared: near-linear for photos that differ. When a run has the frozen
backbone's features cached, :func:`pairs_by_features` finds pairs by cosine similarity of
what the network sees instead (each pair says which method found it).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from PIL import Image

__all__ = ["COLOUR_THRESHOLD", "THRESHOLD", "DuplicatePair", "colour_distance",
           "colour_signature", "hamming_pairs", "hash_thumbnail", "image_hash", "pair_files",
           "pairs_by_features", "phash_many"]

THRESHOLD = 6  # bits of 64: resized copies and JPEG re-encodes measured 0-4, others ~32
# Mean absolute difference of 8x8 RGB thumbnails (0-255): copies, resized copies and JPEG
# re-encodes (quality 30 to 70) of the demo set measured 0.2-4.5, the 74 pHash collisions
# among its 480 different images 19.9 and more.
COLOUR_THRESHOLD = 10.0
_SIGNATURE_SIDE = 8
_HASH_SIDE = 32  # pHash of 8x8 bits reads the lowest frequencies of a 32x32 gray image
METHOD_HASH = "perceptual hash"
METHOD_BYTES = "identical files"
METHOD_FEATURES = "backbone features"


def hash_thumbnail(pixels: np.ndarray) -> np.ndarray:
    """The 32x32 gray image pHash reads, from decoded pixels (H, W, C uint8): OpenCV's
    area averaging (fast, and other threads run meanwhile)."""
    import cv2

    gray = pixels[..., 0] if pixels.shape[-1] == 1 else cv2.cvtColor(
        np.ascontiguousarray(pixels[..., :3]), cv2.COLOR_RGB2GRAY)
    return cv2.resize(np.ascontiguousarray(gray), (_HASH_SIDE, _HASH_SIDE),
                      interpolation=cv2.INTER_AREA)


def colour_signature(pixels: np.ndarray) -> np.ndarray:
    """The 8x8 RGB thumbnail (uint8, 8x8x3) that confirms a pHash pair, from decoded
    pixels (H, W, C uint8; gray is repeated in the 3 channels): area averaging, so a
    resized copy or a JPEG re-encode gives almost the same 192 numbers."""
    import cv2

    rgb = np.ascontiguousarray(pixels[..., :3] if pixels.shape[-1] >= 3 else
                               np.repeat(pixels[..., :1], 3, axis=-1))
    return cv2.resize(rgb, (_SIGNATURE_SIDE, _SIGNATURE_SIDE), interpolation=cv2.INTER_AREA)


def colour_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two colour signatures, in grey levels (0-255)."""
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())


def phash_many(thumbnails: np.ndarray) -> np.ndarray:
    """``imagehash.phash`` of many 32x32 gray images at once, as uint64 (n,).

    The same computation as imagehash's (the 2-D DCT of the 32x32 image, its 8x8 lowest
    frequencies compared with their median), on the whole stack in one call: imagehash's
    per-image overhead (0.1 ms an image) would double the data check's time by itself.
    The tests check it against ``imagehash.phash`` bit for bit.
    """
    import scipy.fftpack

    stack = np.asarray(thumbnails, dtype=np.float64).reshape(-1, _HASH_SIDE, _HASH_SIDE)
    if not len(stack):
        return np.zeros(0, np.uint64)
    dct = scipy.fftpack.dct(scipy.fftpack.dct(stack, axis=1), axis=2)[:, :8, :8]
    bits = dct.reshape(len(stack), 64) > np.median(dct.reshape(len(stack), 64), axis=1,
                                                   keepdims=True)
    return np.packbits(bits, axis=1).view(">u8").reshape(-1).astype(np.uint64)


def image_hash(pixels: np.ndarray) -> int:
    """The 64-bit pHash of one image's decoded pixels (``imagehash.phash`` of its
    :func:`hash_thumbnail`; the data check hashes many at once with :func:`phash_many`)."""
    import imagehash

    bits = imagehash.phash(Image.fromarray(hash_thumbnail(pixels))).hash
    return int.from_bytes(np.packbits(bits.reshape(-1)).tobytes(), "big")


def hamming_pairs(hashes: Sequence[int] | np.ndarray, threshold: int = THRESHOLD
                  ) -> list[tuple[int, int, int]]:
    """``(i, j, distance)`` for every pair i < j whose hashes differ in at most
    ``threshold`` bits, found through ``threshold + 1`` bands (see the module's note)."""
    values = np.asarray([int(h) for h in hashes], dtype=np.uint64)
    n = len(values)
    bands = threshold + 1
    edges = np.linspace(0, 64, bands + 1).round().astype(int)
    found: set[tuple[int, int]] = set()
    out = []
    for low, high in itertools.pairwise(edges):
        mask = np.uint64((1 << int(high - low)) - 1)
        keys = (values >> np.uint64(low)) & mask
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        ends = np.r_[starts[1:], n]
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
            members = np.sort(order[start:end])
            i, j = np.triu_indices(len(members), 1)
            a, b = members[i], members[j]
            distance = np.bitwise_count(values[a] ^ values[b])
            close = distance <= threshold
            for x, y, d in zip(a[close], b[close], distance[close], strict=True):
                key = (int(x), int(y))
                if key not in found:
                    found.add(key)
                    out.append((key[0], key[1], int(d)))
    out.sort()
    return out


@dataclass(frozen=True)
class DuplicatePair:
    """Two near-identical images.

    ``relation``: ``"train"`` or ``"val"`` (both in that split) or ``"leak"`` (one in
    each: leakage); ``method`` says what found them; ``distance`` is the hash's differing
    bits (0 for identical files) or, for features, ``round((1 - cosine) * 1000)``.
    """

    a: str
    b: str
    relation: str
    method: str
    distance: int
    same_label: bool

    def to_dict(self) -> dict:
        return asdict(self)


def pair_files(paths: Sequence[str], splits: Sequence[str], labels: Sequence[str],
               hashes: Sequence[int | None], digests: Sequence[str],
               threshold: int = THRESHOLD,
               signatures: Sequence[np.ndarray | None] | None = None,
               colour_threshold: float = COLOUR_THRESHOLD) -> list[DuplicatePair]:
    """The near-identical pairs among images (``hashes`` None: not readable, left out);
    a pair of identical files says so. With ``signatures`` (:func:`colour_signature`), a
    pHash pair of different files counts only if its colour signatures differ by at most
    ``colour_threshold`` (see the module's note)."""
    index = [i for i, h in enumerate(hashes) if h is not None]
    pairs = []
    for i, j, distance in hamming_pairs([hashes[k] for k in index], threshold):
        a, b = index[i], index[j]
        same_bytes = bool(digests[a]) and digests[a] == digests[b]
        if not same_bytes and signatures is not None and not _colours_agree(
                signatures[a], signatures[b], colour_threshold):
            continue
        if splits[a] != splits[b]:
            relation, (a, b) = "leak", ((a, b) if splits[a] == "train" else (b, a))
        else:
            relation = splits[a]
        pairs.append(DuplicatePair(paths[a], paths[b], relation,
                                   METHOD_BYTES if same_bytes else METHOD_HASH,
                                   0 if same_bytes else distance, labels[a] == labels[b]))
    return pairs


def _colours_agree(a: np.ndarray | None, b: np.ndarray | None, limit: float) -> bool:
    """Whether two colour signatures confirm a pair (one missing: the hash decides)."""
    return a is None or b is None or colour_distance(a, b) <= limit


def pairs_by_features(features: np.ndarray, threshold: float = 0.98, block: int = 2048
                      ) -> list[tuple[int, int, float]]:
    """``(i, j, cosine)`` for pairs i < j of feature rows at least ``threshold`` alike
    (blocked matrix products: memory ``block``², time n²·dims, fine for tens of
    thousands of cached features)."""
    x = np.asarray(features, dtype=np.float32).reshape(len(features), -1)
    x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    out = []
    for start in range(0, len(x), block):
        sims = x[start:start + block] @ x[start:].T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows, cols, strict=True):
            i, j = start + int(r), start + int(c)
            if i < j:
                out.append((i, j, float(sims[r, c])))
    return out
