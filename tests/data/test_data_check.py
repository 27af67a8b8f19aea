"""The pre-flight data check on a messy folder with every case, then training on it."""

import io
import os
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import RunWarning, TrainingFailed, TrainingFinished
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.data.data_check import check_folders, format_report
from fitgen_gui.training.runner import run_training
from tests.data.conftest import natural_image, save


def jpeg_bytes(pixels, **kwargs):
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", **kwargs)
    return buffer.getvalue()


@pytest.fixture
def messy(tmp_path, monkeypatch):
    """A lab folder with every problem the data check looks for (and some good images)."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5000)  # a small "decompression bomb"
    train, val = tmp_path / "train", tmp_path / "val"
    good = {}
    for cls, count in (("cats", 14), ("dogs", 12), ("lizards", 3)):
        for i in range(count):
            pixels = natural_image(100 * len(good) + i, 40, 48)
            good[(cls, i)] = save(train / cls / f"{cls}{i}.png", pixels)
    for cls in ("cats", "dogs"):
        for i in range(4):
            save(val / cls / f"v{i}.png", natural_image(900 + 10 * i + (cls == "dogs"), 40, 48))
    save(val / "frogs" / "f.png", natural_image(999, 40, 48))  # a class only in validation
    (train / "empty_class").mkdir()
    cats = train / "cats"
    # Unreadable: empty, truncated JPEG and PNG, not an image, unsupported format, too big.
    (cats / "empty.jpg").write_bytes(b"")
    (cats / "cut.jpg").write_bytes(jpeg_bytes(natural_image(1, 64, 64))[:300])
    png = io.BytesIO()
    Image.fromarray(natural_image(2, 64, 64)).save(png, "PNG")
    (cats / "cut.png").write_bytes(png.getvalue()[:200])
    (cats / "notes.jpg").write_text("shopping list: mice")
    (cats / "photo.png").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(200))
    Image.new("L", (150, 150)).save(cats / "bomb.png")
    # Converted: grayscale, RGBA, palette + transparency, 16-bit, CMYK, EXIF, animated.
    Image.fromarray(natural_image(3, 40, 48)[..., 0]).save(cats / "gray.png")
    rgba = np.dstack([natural_image(4, 40, 48), np.full((40, 48), 128, np.uint8)])
    Image.fromarray(rgba).save(cats / "rgba.png")
    palette = Image.fromarray(natural_image(5, 40, 48)).convert("P")
    palette.save(cats / "palette.png", transparency=0)
    Image.fromarray(np.full((40, 48), 30000, np.uint16)).save(cats / "deep.png")
    Image.fromarray(natural_image(6, 40, 48)).convert("CMYK").save(cats / "cmyk.jpg")
    exif = Image.Exif()
    exif[0x0112] = 6
    (cats / "rotated.jpg").write_bytes(jpeg_bytes(natural_image(7, 40, 48), exif=exif.tobytes()))
    frames = [Image.fromarray(natural_image(8 + i, 40, 48)) for i in range(3)]
    frames[0].save(cats / "anim.gif", save_all=True, append_images=frames[1:])
    # Folder problems: root files, hidden/system files, nested folders, names, link loop.
    save(train / "readme.png", natural_image(9, 8, 8))
    (train / ".DS_Store").write_bytes(b"\0\0")
    (cats / "Thumbs.db").write_bytes(b"\0")
    (cats / "._cats0.png").write_bytes(b"\0\5\x16\7")
    save(cats / "more" / "nested.png", natural_image(10, 40, 48))
    save(cats / ("long" * 55 + ".png"), natural_image(11, 40, 48))
    if os.name == "posix":
        save(Path(os.fsdecode(os.fsencode(str(cats)) + b"/caf\xe9.png")),
             natural_image(12, 40, 48))
        (cats / "more" / "loop").symlink_to(cats)
    # Duplicates: inside a class, across classes, and across train and val (leakage).
    shutil.copy(good[("cats", 0)], cats / "cats0_copy.png")
    shutil.copy(good[("cats", 1)], train / "dogs" / "also_a_dog.png")
    shutil.copy(good[("dogs", 0)], val / "dogs" / "leaked.png")
    return tmp_path


def test_the_check_reports_every_problem_with_its_files(messy):
    report = check_folders(messy / "train", messy / "val", follow_links=True)
    by_kind = {f.kind: f for f in report.findings}
    names = lambda kind: sorted(Path(p).name for p in by_kind[kind].paths)  # noqa: E731
    unreadable = {Path(p).name: f.message for f in report.findings if f.kind == "unreadable"
                  for p in f.paths}
    assert set(unreadable) == {"empty.jpg", "cut.jpg", "cut.png", "notes.jpg", "photo.png",
                               "bomb.png"}
    assert "the file is empty" in unreadable["empty.jpg"]
    assert "too large to be safe" in unreadable["bomb.png"]
    assert "not an image" in unreadable["notes.jpg"]
    assert all("skipped in training" in m for m in unreadable.values())
    assert set(report.unreadable) == {str(p) for p in messy.glob("train/cats/*")
                                      if p.name in unreadable}
    converted = {k.split(":")[1]: names(k) for k in by_kind if k.startswith("converted:")}
    assert converted["grayscale"] == ["deep.png", "gray.png"]
    assert converted["16-bit"] == ["deep.png"]
    assert converted["transparency"] == ["rgba.png"]
    assert converted["palette with transparency"] == ["palette.png"]
    assert converted["CMYK"] == ["cmyk.jpg"]
    assert converted["EXIF-rotated"] == ["rotated.jpg"]
    assert converted["animated"] == ["anim.gif"]
    assert names("empty_class") == ["empty_class"]
    assert "lizards" in by_kind["only_in_train"].message
    assert "empty_class" in by_kind["only_in_train"].message
    assert names("only_in_val") == ["frogs"]
    assert names("root_files") == ["readme.png"]
    assert names("hidden_files") == [".DS_Store", "._cats0.png", "Thumbs.db"]
    assert "more" in names("nested_folders")
    assert sorted(n[:4] for n in names("bad_names")) == (
        ["caf\udce9", "long"] if os.name == "posix" else ["long"])
    if os.name == "posix":
        assert names("link_loop") == ["loop"]
    assert names("duplicates") == ["cats0.png", "cats0_copy.png"]
    assert names("duplicate_conflict") == ["also_a_dog.png", "cats1.png"]
    assert names("leakage") == ["dogs0.png", "leaked.png"]
    assert "lizards (3)" in by_kind["tiny_class"].message
    assert "balanced" in by_kind["imbalance"].message
    assert report.suggested_class_weight["lizards"] > 3 * report.suggested_class_weight["cats"]
    assert report.can_train
    text = format_report(report)
    assert "Training can start." in text and "WARNING: Cannot be read" in text


def test_a_single_class_cannot_train(tmp_path):
    save(tmp_path / "train" / "cats" / "a.png", natural_image(0, 8, 8))
    report = check_folders(tmp_path / "train")
    assert not report.can_train
    assert "has 1 class (cats) with images; at least 2" in format_report(report)


@pytest.mark.slow
def test_training_on_the_messy_folder_skips_bad_files_and_names_them(messy, tmp_path):
    config = RunConfig(name="messy")
    config = config.replace(**{
        "data.train_dir": str(messy / "train"),
        "data.val_dir": str(messy / "val"),
        "data.target_size": (32, 32),
        "data.batch_size": 8,
        "data.follow_links": True,
        "training.epochs": 2,
        "training.class_weight": "balanced",
    })
    events = []
    final = run_training(config, events.append, threading.Event(), workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    skipped = {Path(e.path).name for e in events
               if isinstance(e, RunWarning) and e.kind == "bad_file"}
    assert skipped == {"empty.jpg", "cut.jpg", "cut.png", "notes.jpg", "photo.png", "bomb.png"}
    run = RunDir(final.run_dir)
    saved = (run.path / "data-check.json").read_text()
    assert '"leakage"' in saved and '"can_train": true' in saved
    console = (run.path / "console.log").read_text()
    assert "WARNING: Cannot be read" in console and "bomb.png" in console


@pytest.mark.slow
def test_a_file_deleted_during_training_is_skipped_with_a_warning(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 3})
    victim = next(Path(tiny_config.data.train_dir, "square").iterdir())
    events = []

    def sink(event):
        events.append(event)
        # After the pre-flight check passed, before any batch is read (read-ahead spans
        # whole epochs of this tiny set).
        if type(event).__name__ == "RunStarted":
            victim.unlink()

    final = run_training(tiny_config, sink, threading.Event(), workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    warnings = [e for e in events if isinstance(e, RunWarning) and e.kind == "bad_file"]
    assert [Path(w.path).name for w in warnings] == [victim.name]
    assert "does not exist" in warnings[0].message


@pytest.mark.slow
def test_too_many_unreadable_files_stop_the_run_and_keep_the_checkpoint(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 3, "training.workers": 0})
    victims = sorted(Path(tiny_config.data.train_dir).glob("*/*.png"))[::4]  # 9 of 36

    def sink(event):
        if type(event).__name__ == "EpochEnded" and event.epoch == 0:
            for path in victims:
                path.unlink()

    final = run_training(tiny_config, sink, threading.Event(), workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFailed)
    assert final.message.startswith("2 of 36 images could not be read, more than the 5% "
                                    "allowed, so training stopped.")
    assert "Run the data check" in final.message
    assert final.checkpoint and final.checkpoint.endswith("epoch-0001.keras")
    assert RunDir(final.run_dir).status() == "failed"
