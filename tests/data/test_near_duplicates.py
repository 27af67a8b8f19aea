"""Near-identical images: the pairs found are the pairs made (copies, resized copies, JPEG
re-encodes) among distinct images, and the bucketed search finds what comparing every
pair finds."""

import io
import shutil

import numpy as np
import pytest
from PIL import Image

from fitgen_gui.data.data_check import check_folders, format_report
from fitgen_gui.data.near_duplicates import hamming_pairs, pairs_by_features


def pattern(rng, size=80):
    """A smooth random picture: sums of random waves per channel (distinct hashes)."""
    y, x = np.mgrid[0:size, 0:size] / size
    image = np.zeros((size, size, 3))
    for c in range(3):
        for _ in range(4):
            fx, fy = rng.uniform(0.5, 4, 2)
            image[..., c] += np.sin(2 * np.pi * (fx * x + fy * y) + rng.uniform(0, 6.3))
    image = (image - image.min()) / (np.ptp(image) + 1e-9) * 255
    return Image.fromarray(image.astype(np.uint8))


@pytest.fixture
def made(tmp_path):
    """train/ and val/ with 40 distinct images and one copy each of 12 of them; returns
    the folders and the pairs made, as (training-side file, other file)."""
    rng = np.random.default_rng(11)
    train, val = tmp_path / "train", tmp_path / "val"
    originals = []
    for i in range(40):
        cls = "ants" if i % 2 else "bees"
        split = train if i < 30 else val
        path = split / cls / f"img{i:02d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        pattern(rng).save(path)
        originals.append(path)
    pairs = set()

    def copy(original, target, how):
        target.parent.mkdir(parents=True, exist_ok=True)
        if how == "exact":
            shutil.copyfile(original, target)
        elif how == "resized":
            Image.open(original).resize((56, 56), Image.Resampling.BILINEAR).save(target)
        else:
            buffer = io.BytesIO()
            Image.open(original).convert("RGB").save(buffer, "JPEG", quality=60)
            target.write_bytes(buffer.getvalue())
        pairs.add(frozenset((str(original), str(target))))

    for k, how in enumerate(["exact", "resized", "jpeg"]):
        o = originals[k * 2]  # within training, same class
        copy(o, o.with_name(f"{how}_{o.stem}.{'jpg' if how == 'jpeg' else 'png'}"), how)
        o = originals[k * 2 + 10]  # leakage: a copy in validation
        copy(o, val / o.parent.name / f"leak_{how}_{o.stem}.{'jpg' if how == 'jpeg' else 'png'}",
             how)
        o = originals[k * 2 + 20]  # the copy in the other class
        other = "ants" if o.parent.name == "bees" else "bees"
        copy(o, train / other / f"{how}_{o.stem}.{'jpg' if how == 'jpeg' else 'png'}", how)
        o = originals[30 + k]  # within validation
        copy(o, o.with_name(f"{how}_{o.stem}.{'jpg' if how == 'jpeg' else 'png'}"), how)
    return train, val, pairs


def test_the_pairs_found_are_the_pairs_made(made):
    train, val, pairs = made
    report = check_folders(train, val)
    found = {frozenset((p["a"], p["b"])) for p in report.pairs}
    assert found == pairs  # 12 made, nothing else among 40 distinct images
    relations = sorted(p["relation"] for p in report.pairs)
    assert relations == ["leak"] * 3 + ["train"] * 6 + ["val"] * 3
    for p in report.pairs:
        if p["relation"] == "leak":
            assert p["a"].startswith(str(train)) and p["b"].startswith(str(val))
        assert p["method"] == ("identical files" if "exact_" in p["b"] + p["a"] or (
            "leak_exact" in p["b"]) else "perceptual hash")
    kinds = {f.kind: f for f in report.findings}
    # Identical files keep their own findings; the near ones are named here.
    assert kinds["near_duplicate_leakage"].message.startswith("2 validation image(s)")
    assert "look better than it is" in kinds["near_duplicate_leakage"].message
    assert kinds["near_duplicate_conflict"].message.startswith("2 pair(s)")
    assert kinds["near_duplicates"].message.startswith("4 pair(s)")
    assert "leakage" in kinds and "duplicate_conflict" in kinds  # the identical files
    text = format_report(report, verbose=True)
    assert text.count("  ~  ") == 8 and "bits of perceptual hash" in text


def test_without_near_duplicates_the_check_is_as_before(made):
    train, val, _ = made
    report = check_folders(train, val, near_duplicates=False)
    assert report.pairs == []
    assert not [f for f in report.findings if f.kind.startswith("near_duplicate")]


def test_the_bucketed_search_finds_what_comparing_every_pair_finds():
    rng = np.random.default_rng(2)
    base = rng.integers(0, 2**63, 1500, dtype=np.int64).astype(np.uint64)
    near = base[:300].copy()
    for i in range(len(near)):  # 0 to 9 bits flipped: some within 6, some not
        for bit in rng.choice(64, int(rng.integers(0, 10)), replace=False):
            near[i] ^= np.uint64(1) << np.uint64(bit)
    hashes = np.concatenate([base, near])
    fast = hamming_pairs(hashes.tolist(), 6)
    slow = []
    for i in range(len(hashes)):  # every pair, one row at a time
        distances = np.bitwise_count(hashes[i] ^ hashes[i + 1:])
        slow += [(i, i + 1 + int(k), int(distances[k])) for k in np.flatnonzero(distances <= 6)]
    assert fast == slow and len(slow) > 100


def test_pairs_by_features_finds_the_alike_rows():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(50, 16))
    features[7] = features[3] * 2.0 + 0.001  # the same direction: what a copy gives
    assert [(i, j) for i, j, _ in pairs_by_features(features, 0.99, block=16)] == [(3, 7)]


def test_the_hashes_of_many_at_once_are_imagehash_phash_bit_for_bit():
    import imagehash

    from fitgen_gui.data.near_duplicates import hash_thumbnail, image_hash, phash_many

    rng = np.random.default_rng(4)
    images = [np.asarray(pattern(rng, 50 + 7 * k)) for k in range(20)]
    images.append(rng.integers(0, 255, (40, 60, 1), dtype=np.uint8))  # grayscale, not square
    thumbnails = np.stack([hash_thumbnail(i) for i in images])
    many = phash_many(thumbnails)
    for image, thumbnail, value in zip(images, thumbnails, many, strict=True):
        reference = imagehash.phash(Image.fromarray(thumbnail))
        assert int(value) == int(str(reference), 16) == image_hash(image)


def test_the_demo_set_has_no_near_duplicates_but_copies_of_its_images_leak(tmp_path):
    """Any two big centred shapes share a pHash: the colour signature tells them apart,
    and still pairs a copy, a resized copy and a JPEG re-encode added to validation."""
    from fitgen_gui.data.demo_dataset import write_demo_dataset
    from fitgen_gui.data.near_duplicates import image_hash

    root = write_demo_dataset(tmp_path / "demo", counts={"train": 40, "val": 15})
    train, val = root / "train", root / "val"
    images = sorted(root.glob("*/*/*.png"))
    hashes = [image_hash(np.asarray(Image.open(p).convert("RGB"))) for p in images]
    assert len(hamming_pairs(hashes)) >= 3  # pHash alone pairs different shapes
    report = check_folders(train, val)
    assert report.pairs == []
    assert not [f for f in report.findings if f.kind.startswith("near_duplicate")]

    original = train / "circle" / "circle_007.png"
    copies = {val / "circle" / "copy.png": "exact", val / "circle" / "resized.png": "resized",
              val / "circle" / "reencoded.jpg": "jpeg"}
    for target, how in copies.items():
        if how == "exact":
            shutil.copyfile(original, target)
        elif how == "resized":
            Image.open(original).resize((48, 48), Image.Resampling.BILINEAR).save(target)
        else:
            Image.open(original).convert("RGB").save(target, "JPEG", quality=60)
    report = check_folders(train, val)
    leaks = {(p["a"], p["b"]) for p in report.pairs if p["relation"] == "leak"}
    assert leaks == {(str(original), str(target)) for target in copies}
    others = {frozenset((p["a"], p["b"])) for p in report.pairs if p["relation"] != "leak"}
    assert others == {frozenset((str(a), str(b))) for a in copies for b in copies if a != b}
    kinds = {f.kind: f for f in report.findings}
    assert kinds["near_duplicate_leakage"].message.startswith("2 validation image(s)")
    assert str(original) in kinds["leakage"].paths  # the identical file, by its bytes
