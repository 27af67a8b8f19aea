"""The Improve the data view: it shows a run's likely label errors, a Move and an Undo
change the folder (and the marks come from the journal), the Evaluation view's galleries
have the same actions, and Train again starts a run through the normal Start."""

import json
import threading
from pathlib import Path

import numpy as np
import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.fixes import JOURNAL, FixJournal
from fitgen_gui.core.run_dir import LABELS, RunDir
from fitgen_gui.data.label_issues_file import IssueTable, issues_path
from fitgen_gui.data.label_quality import find_label_issues
from tests.core.test_fixes import files_of
from tests.ui.conftest import wait_for_data


def run_with_issues(workspace: Path, dataset: Path) -> Path:
    """A run folder of ``dataset`` whose label-issues table says: circle_000 looks like a
    square, square_001 like a triangle (a table as find_label_issues_of_run writes it)."""
    config = RunConfig(name="shapes").replace(**{
        "data.train_dir": str(dataset / "train"), "data.val_dir": str(dataset / "val"),
        "data.target_size": (32, 32), "data.batch_size": 8, "training.epochs": 1,
        "training.workers": 0})
    run = RunDir.create(workspace, "shapes")
    run.write_config(config.to_json())
    run.write_state("finished")
    names = ["circle", "square", "triangle"]
    (run.path / LABELS).write_text("".join(f"{n}\n" for n in names))
    files = sorted((dataset / "train").glob("*/*.png"))
    labels = np.array([names.index(f.parent.name) for f in files])
    p = np.full((len(files), 3), 0.05)
    p[np.arange(len(files)), labels] = 0.9
    suspects = {"circle_000.png": 1, "square_001.png": 2}
    for i, f in enumerate(files):
        if f.name in suspects:
            p[i] = 0.05
            p[i, suspects[f.name]] = 0.9
    table = IssueTable.from_issues([str(f) for f in files], labels, names, p,
                                   find_label_issues(p, labels))
    table.write(issues_path(run.path))
    return run.path


def show_improve(qtbot, window, run):
    window.models.show_improve(str(run))
    view = window.models.improve
    qtbot.waitUntil(lambda: view.table is not None, timeout=10_000)
    return view


def test_the_view_shows_the_likely_errors_and_a_move_and_an_undo_change_the_folder(
        qtbot, window, tiny_dataset, tmp_path):
    run = run_with_issues(tmp_path / "runs", tiny_dataset)
    train = tiny_dataset / "train"
    before = files_of(train)
    view = show_improve(qtbot, window, run)
    assert window.main_tabs.currentWidget() is view
    assert "Found before 2 likely label error(s) among 36 training images" in (
        view.summary.text())
    assert [view.gallery.list.item(r).text() for r in range(view.gallery.list.count())] == [
        "circle → square q=0.05", "square → triangle q=0.05"]
    assert [view.pair.itemText(i) for i in range(view.pair.count())][1:3] == [
        "circle that look like square (1)", "square that look like triangle (1)"]
    view.pair.setCurrentIndex(2)
    view.pair.activated.emit(2)
    assert view.gallery.files() == [str(train / "square" / "square_001.png")]
    view.pair.setCurrentIndex(0)
    view.pair.activated.emit(0)

    view.gallery.list.setCurrentRow(0)  # circle_000, which looks like a square
    bar = view.fix_bar
    assert bar.file == str(train / "circle" / "circle_000.png")
    assert bar.move_button.isEnabled() and not bar.undo_button.isEnabled()
    assert [a.text() for a in bar.move_menu.actions()] == ["circle", "square", "triangle"]
    bar.move_menu.actions()[1].trigger()  # Move to class ▸ square
    assert (train / "square" / "circle_000.png").read_bytes() == before["circle/circle_000.png"]
    assert not (train / "circle" / "circle_000.png").exists()
    assert json.loads((train / JOURNAL).read_text().splitlines()[0])["to"] == (
        "square/circle_000.png")
    assert view.gallery.list.item(0).text().endswith("[moved to square]")
    assert not bar.move_button.isEnabled() and bar.undo_button.isEnabled()

    view.gallery.list.setCurrentRow(1)
    bar.exclude()
    assert (train / "_excluded" / "square" / "square_001.png").exists()
    assert view.gallery.list.item(1).text().endswith("[excluded]")
    # The marks are the journal's: another view of the same run shows them too.
    window.models.choice.set(None)
    view = show_improve(qtbot, window, run)
    assert view.gallery.list.item(0).text().endswith("[moved to square]")

    bar.undo(None)  # the last: the exclusion
    assert (train / "square" / "square_001.png").exists()
    bar.journal_menu.aboutToShow.emit()
    entries = [a.text() for a in bar.journal_menu.actions() if a.text()]
    assert entries[0].startswith("#3 undid #2") and entries[-1] == "Undo all"
    assert entries[2].startswith("Undo #1 moved circle/circle_000.png to square/")
    bar.journal_menu.actions()[-1].trigger()  # Undo all
    assert files_of(train) == before
    assert not view.gallery.list.item(0).text().endswith("]")
    assert FixJournal(train).undoable() == []


def test_the_evaluation_galleries_move_and_undo_too(qtbot, window, tiny_dataset, tmp_path):
    from fitgen_gui.core.predictions import Prediction

    train = tiny_dataset / "train"
    before = files_of(train)
    view = window.models.evaluation
    names = ["circle", "square", "triangle"]
    file = str(train / "triangle" / "triangle_003.png")
    view.evaluation = type("E", (), {"classes": names})()
    view.mistakes.show_predictions("mistakes", [Prediction(file, "triangle", "circle",
                                                           [0.8, 0.1, 0.1], names)])
    view.mistakes.list.setCurrentRow(0)
    assert view.fix_bar.file == file
    view.fix_bar.move_to("circle")
    assert (train / "circle" / "triangle_003.png").exists()
    assert view.mistakes.list.item(0).text().endswith("[moved to circle]")
    view.fix_bar.undo(None)
    assert files_of(train) == before


@pytest.mark.slow
def test_find_then_train_again_starts_a_run_on_the_fixed_folders(qtbot, window, tiny_config,
                                                                 tmp_path):
    from fitgen_gui.training.runner import run_training

    config = tiny_config.replace(**{"training.epochs": 1, "training.workers": 0})
    workspace = Path(window.settings.workspace)
    final = run_training(config, lambda e: None, threading.Event(), workspace=workspace)
    window.models.show_improve(final.run_dir)
    view = window.models.improve
    qtbot.waitUntil(lambda: "folds of 36 training images" in view.summary.text(),
                    timeout=60_000)
    view.folds.setValue(2)
    seen = []
    shown = view._on_progress
    view._on_progress = lambda step, text: (seen.append(step), shown(step, text))
    qtbot.waitUntil(view.find_button.isEnabled, timeout=10_000)
    view.find_button.click()
    assert view.busy and view.stop_button.isEnabled()
    assert not window.flow.can_start()[0]  # no training while the folds train
    qtbot.waitUntil(lambda: not view.busy, timeout=240_000)
    assert view.table is not None and len(view.table.rows) == 36, view.summary.text()
    stages = [(s.fold, s.stage) for s in seen if s is not None]
    assert (1, "training") in stages and (2, "done") in stages  # progress per fold
    assert view.progress.format() == "Done"
    assert view.gallery.list.count() == len(view.table.issues)

    train = Path(config.data.train_dir)
    FixJournal(train).exclude("circle/circle_000.png")  # a fix, then Train again
    with qtbot.waitSignal(window.controller.finished, timeout=240_000) as finished:
        view.train_again_button.click()
    new_run = Path(finished.args[0].run_dir)
    assert new_run != Path(final.run_dir)
    again = RunConfig.from_json((new_run / "config.json").read_text())
    assert again.replace(name="x") == config.replace(name="x")
    assert "Found 35 training images" in (new_run / "console.log").read_text()
    wait_for_data(qtbot, window)
