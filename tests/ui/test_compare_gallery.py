"""The Compare runs view shows the validation images that changed between two evaluated runs
as thumbnails: wrong before and right now in one gallery, right before and wrong now in the
other, each captioned with its true class and both runs' answers. Fast: the run folders are
written by hand (as tests/core/test_run_compare.py does) over real image files."""

import numpy as np
from PIL import Image
from PySide6.QtGui import QColor

from tests.core.test_run_compare import HISTORY_A, HISTORY_B, make_run

# Each image one flat colour, so a thumbnail shows which file it was made from.
COLOURS = {"cat/1.png": (220, 30, 30), "cat/2.png": (30, 200, 30),
           "dog/1.png": (30, 30, 220), "dog/2.png": (230, 200, 20)}


def write_images(val):
    for name, colour in COLOURS.items():
        (val / name).parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(np.full((40, 40, 3), colour, np.uint8)).save(val / name)


def centre_colour(gallery, row):
    pixmap = gallery.list.item(row).icon().pixmap(48, 48)
    return pixmap.toImage().pixelColor(24, 24) if not pixmap.isNull() else QColor()


def shows(gallery, row, colour):
    found = centre_colour(gallery, row)
    return max(abs(found.red() - colour[0]), abs(found.green() - colour[1]),
               abs(found.blue() - colour[2])) <= 8


def test_two_evaluated_runs_show_the_changed_images_as_thumbnails(qtbot, tmp_path):
    from fitgen_gui.ui.views.compare_view import CompareView
    from fitgen_gui.ui.workers.background import BackgroundTasks

    val = tmp_path / "val"
    write_images(val)
    a = make_run(tmp_path / "a", lr=0.001, val_dir=val, history=HISTORY_A, name="first",
                 right={"cat/1.png": True, "cat/2.png": False, "dog/1.png": True,
                        "dog/2.png": True})
    b = make_run(tmp_path / "b", lr=0.01, val_dir=val, history=HISTORY_B, name="second",
                 right={"cat/1.png": False, "cat/2.png": True, "dog/1.png": True,
                        "dog/2.png": False})
    tasks = BackgroundTasks()
    view = CompareView(tasks)
    qtbot.addWidget(view)
    view.show_runs([str(a), str(b)])

    better, worse = view.wrong_to_right, view.right_to_wrong
    assert better.files() == [str(val / "cat/2.png")]
    assert worse.files() == [str(val / "cat/1.png"), str(val / "dog/2.png")]
    assert better.title.text().startswith("Wrong before, right now: 1 image")
    assert worse.title.text().startswith("Right before, wrong now: 2 images")
    captions = [worse.list.item(r).text() for r in range(worse.list.count())]
    assert captions == ["cat: cat → dog", "dog: dog → cat"]
    assert better.list.item(0).text() == "cat: dog → cat"
    # The thumbnails are decoded in the background and are those of the changed files.
    qtbot.waitUntil(lambda: shows(better, 0, COLOURS["cat/2.png"])
                    and shows(worse, 0, COLOURS["cat/1.png"])
                    and shows(worse, 1, COLOURS["dog/2.png"]), timeout=10_000)
    tasks.shutdown()
