"""Hostile files and trees: pipes, devices, huge images, links, odd names ."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from fitgen_gui.data import image_io
from fitgen_gui.data.data_check import check_folders, format_report
from fitgen_gui.data.folder_scan import display_name, walk_class_tree
from fitgen_gui.data.image_io import ImageReadError, read_file_bytes, read_image
from tests.data.conftest import natural_image, save

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file types")
ROOT = Path(__file__).resolve().parents[2]


def two_classes(root: Path, per_class: int = 3) -> Path:
    for cls in ("ants", "bees"):
        for i in range(per_class):
            save(root / cls / f"{cls}{i}.png", natural_image(i + (10 if cls == "bees" else 0),
                                                             16, 16))
    return root


@posix_only
def test_a_named_pipe_called_jpg_is_reported_and_never_opened(tmp_path):
    root = two_classes(tmp_path / "train")
    os.mkfifo(root / "ants" / "pipe.jpg")
    began = time.monotonic()
    report = check_folders(root)
    assert time.monotonic() - began < 20  # it used to hang forever
    special = [f for f in report.findings if f.kind == "special_files"]
    assert special and special[0].paths == [str(root / "ants" / "pipe.jpg")]
    tree = walk_class_tree(root)
    assert "ants/pipe.jpg" not in tree.filenames and len(tree.filenames) == 6
    with pytest.raises(ImageReadError, match="not a regular file"):
        read_image(root / "ants" / "pipe.jpg")  # a direct read refuses too, at once


@posix_only
@pytest.mark.slow
def test_a_link_to_dev_zero_is_refused_in_bounded_time_and_memory(tmp_path):
    root = two_classes(tmp_path / "train")
    (root / "bees" / "zero.jpg").symlink_to("/dev/zero")
    code = f"""
import sys, time
sys.path.insert(0, {str(ROOT)!r})
from fitgen_gui.data.data_check import check_folders
began = time.monotonic()
report = check_folders({str(root)!r})
kinds = sorted(f.kind for f in report.findings)
# This process's own peak (ru_maxrss would include the parent's, copied at fork).
status = open("/proc/self/status").read()
peak = int(status.split("VmHWM:")[1].split()[0]) // 1024
print(round(time.monotonic() - began, 1), peak, kinds)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    seconds, peak_mb, kinds = result.stdout.split(maxsplit=2)
    assert float(seconds) < 20 and int(peak_mb) < 400  # read nothing of /dev/zero
    assert "special_files" in kinds
    with pytest.raises(ImageReadError, match="not a regular file"):
        read_file_bytes(root / "bees" / "zero.jpg")


def test_reads_are_capped_at_the_size_limit(tmp_path, monkeypatch):
    path = tmp_path / "big.png"
    save(path, natural_image(0, 64, 64))
    monkeypatch.setattr(image_io, "MAX_FILE_BYTES", 100)
    with pytest.raises(ImageReadError, match="more than the 100 bytes an image may be"):
        read_image(path)


def test_large_images_are_decoded_within_the_memory_budget(tmp_path, monkeypatch):
    # Four 3000x3000 PNGs decode to 27 MB each (counted twice for the conversion): with
    # a budget of 120 MB, at most two are decoded at once, whatever the threads.
    budget = image_io._DecodeBudget(120 << 20)
    monkeypatch.setattr(image_io, "_BUDGET", budget)
    paths = []
    for i in range(4):
        path = tmp_path / f"large{i}.png"
        Image.new("RGB", (3000, 3000), (i * 40, 80, 120)).save(path)
        paths.append(path)
    threads = [threading.Thread(target=read_image, args=(p,)) for p in paths * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert 0 < budget.peak <= 120 << 20
    assert budget.used == 0


@posix_only
def test_a_link_to_the_parent_never_gives_a_file_a_second_class(tmp_path):
    root = two_classes(tmp_path / "train")
    (root / "ants" / "up").symlink_to(root)  # ants/up/bees/... are bees
    for follow in (False, True):
        tree = walk_class_tree(root, follow_links=follow)
        assert tree.counts() == {"ants": 3, "bees": 3}
        labels = {os.path.realpath(root / f): tree.class_names[c]
                  for f, c in zip(tree.filenames, tree.classes, strict=True)}
        assert all(labels[os.path.realpath(root / "bees" / f"bees{i}.png")] == "bees"
                   for i in range(3))
        report = check_folders(root, follow_links=follow)
        assert report.class_counts["train"] == {"ants": 3, "bees": 3}
    kinds = {f.kind for f in check_folders(root, follow_links=True).findings}
    assert "cross_class_links" in kinds or "link_loop" in kinds


@posix_only
def test_a_linked_class_folder_is_a_class_only_when_links_are_followed(tmp_path):
    root = two_classes(tmp_path / "train")
    (root / "ants_link").symlink_to(root / "ants")
    off = walk_class_tree(root)
    assert off.class_names == ["ants", "bees"]
    report = check_folders(root)
    assert report.class_counts["train"] == {"ants": 3, "bees": 3}
    assert any(f.kind == "links_not_followed" and str(root / "ants_link") in f.paths
               for f in report.findings)
    # With links followed it is a class, but its files are the ants' files: left out.
    on = walk_class_tree(root, follow_links=True)
    assert on.counts()["ants"] == 3 and on.counts()["ants_link"] == 0
    # The iterators count the same files as the check (the app's rule).
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.pipeline import build_train_iterator

    config = RunConfig()
    config = config.replace(**{"data.train_dir": str(root)})
    assert build_train_iterator(config, seed=0).samples == 6


@posix_only
def test_a_dangling_link_names_its_target(tmp_path):
    root = two_classes(tmp_path / "train")
    (root / "ants" / "gone.jpg").symlink_to(tmp_path / "deleted.jpg")
    report = check_folders(root)
    dangling = next(f for f in report.findings if f.kind == "dangling_links")
    assert dangling.paths == [f"{root / 'ants' / 'gone.jpg'} -> {tmp_path / 'deleted.jpg'}"]
    with pytest.raises(ImageReadError, match=r"a link to .*deleted\.jpg', which does not exist"):
        read_image(root / "ants" / "gone.jpg")
    assert "cannot be read: cannot be read" not in format_report(report).lower()


@pytest.mark.parametrize("name", ["new\nline.png", "tab\there.png", "photo\u202egnp.exe.png"])
def test_names_with_control_or_direction_characters_are_flagged_and_printed_safely(
        tmp_path, name):
    root = two_classes(tmp_path / "train")
    try:
        save(root / "ants" / name, natural_image(5, 16, 16))
    except OSError:
        pytest.skip("this file system refuses the name")
    report = check_folders(root)
    bad = next(f for f in report.findings if f.kind == "bad_names")
    assert str(root / "ants" / name) in bad.paths
    text = format_report(report, verbose=True)
    for line in text.splitlines():
        assert "\t" not in line and "\u202e" not in line
    assert display_name(name) in text


def test_the_check_and_the_iterator_agree_on_a_messy_tree(tmp_path):
    root = two_classes(tmp_path / "train")
    save(root / ".hidden" / "x.png", natural_image(1, 8, 8))
    save(root / "ants" / "._resource.png", natural_image(1, 8, 8))
    save(root / "bees" / "anim.gif", natural_image(2, 8, 8))
    (root / "bees" / "notes.txt").write_text("hello")
    save(root / "stray.png", natural_image(3, 8, 8))
    report = check_folders(root)
    tree = walk_class_tree(root)
    assert sum(report.class_counts["train"].values()) == len(tree.filenames) == 7
    np.testing.assert_array_equal(sorted(report.class_counts["train"]), ["ants", "bees"])
