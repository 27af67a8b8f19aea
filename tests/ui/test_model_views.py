"""The Evaluation and Predict views and the Export dialog, driven as a user does, on a real
tiny trained run."""

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import TrainingFinished
from fitgen_gui.core.predictions import to_csv
from fitgen_gui.data.demo_dataset import write_demo_dataset

pytestmark = pytest.mark.slow

CLASSES = ["circle", "square", "triangle"]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    from fitgen_gui.training.runner import run_training

    base = tmp_path_factory.mktemp("views")
    data = write_demo_dataset(base / "shapes", counts={"train": 24, "val": 8})
    config = RunConfig(name="tiny")
    config = config.replace(**{
        "data.train_dir": str(data / "train"),
        "data.val_dir": str(data / "val"),
        "data.target_size": (32, 32),
        "data.batch_size": 8,
        "training.epochs": 3,
        "training.workers": 1,
        "optimizer.learning_rate": 0.003,
    })
    final = run_training(config, lambda event: None, workspace=base / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    return SimpleNamespace(base=base, data=data, run=final.run_dir)


@pytest.fixture
def window(qtbot, trained):
    from fitgen_gui.ui.main_window import MainWindow

    main = MainWindow(workspace=str(trained.base / "runs"))
    qtbot.addWidget(main)
    main.resize(1600, 1000)
    main.show()
    yield main
    main.models.shutdown()
    main.tasks.shutdown()


def evaluate(qtbot, window, run):
    view = window.models.evaluation
    assert window.models.evaluate_run(run)
    qtbot.waitUntil(lambda: view.evaluation is not None and not window.models.busy,
                    timeout=120_000)
    return view


def click_cell(qtbot, matrix, row, column):
    rect = matrix.visualItemRect(matrix.item(row, column))
    qtbot.mouseClick(matrix.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_evaluation_view_fills_and_a_cell_opens_exactly_its_images(
        qtbot, window, trained):
    view = evaluate(qtbot, window, trained.run)
    evaluation = view.evaluation
    assert window.main_tabs.currentWidget() is view
    assert f"Accuracy {evaluation.accuracy:.1%}" in view.summary.text()
    assert "validation images right" in view.summary.text()
    assert view.per_class.rowCount() == 3
    shown = {view.per_class.item(r, 0).text(): int(view.per_class.item(r, 4).text())
             for r in range(3)}
    assert shown == {name: 8 for name in CLASSES}
    matrix = view.matrix
    for i in range(3):
        for j in range(3):
            assert matrix.item(i, j).text() == str(evaluation.confusion_matrix[i][j])
    assert (Path(trained.run) / "evaluation.json").exists()
    assert view.saved.text().endswith("evaluation.json")
    # Every cell opens the gallery of exactly its images.
    for i, true in enumerate(CLASSES):
        for j, predicted in enumerate(CLASSES):
            click_cell(qtbot, matrix, i, j)
            expected = [p.file for p in evaluation.cell(true, predicted)]
            assert view.cell_gallery.files() == expected
            assert view.cell_gallery.list.count() == len(expected)
            assert view.galleries.currentWidget() is view.cell_gallery
            assert view.cell_gallery.title.text().startswith(
                f"{true} images the model got right" if i == j else
                f"{true} images taken for {predicted}")
    # Row shares: each row of the matrix as percentages.
    view.row_share.setChecked(True)
    for i in range(3):
        total = sum(evaluation.confusion_matrix[i])
        assert matrix.item(i, i).text() == f"{evaluation.confusion_matrix[i][i] / total:.0%}"
    # The confident mistakes are mistakes, surest first.
    mistakes = view.mistakes.predictions
    assert all(not p.correct for p in mistakes)


def test_an_image_of_a_gallery_shows_its_details_and_grad_cam(qtbot, window, trained):
    view = evaluate(qtbot, window, trained.run)
    gallery = view.unsure
    view.galleries.setCurrentWidget(gallery)
    qtbot.waitUntil(lambda: gallery.list.count() > 0)
    gallery.list.setCurrentRow(0)
    chosen = gallery.predictions[0]
    detail = view.detail
    assert detail.prediction is chosen
    assert detail.file.toolTip() == chosen.file
    assert f"Predicted: <b>{chosen.predicted}</b>" in detail.info.text()
    assert f"True class: <b>{chosen.true}</b>" in detail.info.text()
    assert detail.top_classes() == [(name, f"{value:.1%}") for name, value in chosen.top(3)]
    qtbot.waitUntil(lambda: detail._plain is not None, timeout=30_000)
    qtbot.mouseClick(detail.gradcam_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.showing_gradcam, timeout=60_000)
    assert detail.image.pixmap().width() > 0
    qtbot.mouseClick(detail.gradcam_button, Qt.MouseButton.LeftButton)  # off: the photo
    assert not detail.showing_gradcam and detail.image.pixmap().width() > 0


def test_predict_view_table_csv_and_one_image(qtbot, window, trained, tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    for name in ("circle", "square"):
        for f in sorted((trained.data / "val" / name).iterdir())[:2]:
            shutil.copy(f, folder / f.name)
    (folder / "broken.png").write_bytes(b"not a png")
    view = window.models.predict
    window.models.show_predict()
    assert view.predict([str(folder)])
    qtbot.waitUntil(lambda: len(view.rows) == 5 and not window.models.busy, timeout=120_000)
    table = view.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["File", "Predicted", "Confidence", *CLASSES, "Error"]
    errors = [table.item(r, table.columnCount() - 1).text() for r in range(5)]
    assert sum(1 for e in errors if "not an image file" in e) == 1
    assert "4 images predicted; 1 could not be read" in view.status.text()
    assert view.csv_text() == to_csv(view.rows, CLASSES)
    # Sorting by confidence, surest first.
    table.sortItems(2, Qt.SortOrder.DescendingOrder)
    values = [getattr(table.item(r, 2), "value", -1) for r in range(5)]
    assert values == sorted(values, reverse=True)
    # One image: its top classes at once.
    one = next(folder.glob("circle*"))
    assert view.predict([str(one)])
    qtbot.waitUntil(lambda: len(view.rows) == 1 and not window.models.busy, timeout=60_000)
    assert view.detail.prediction is not None
    assert view.detail.prediction.file == str(one)
    top = view.detail.top_classes()
    assert [name for name, _ in top] == [n for n, _ in view.detail.prediction.top(3)]
    assert top[0][1] == f"{view.rows[0].confidence:.1%}"


def test_export_dialog_writes_and_self_tests_and_never_overwrites(
        qtbot, window, trained, tmp_path):
    window.settings_tabs.setCurrentWidget(window.runs_panel)
    window.runs_panel.select(trained.run)
    qtbot.mouseClick(window.runs_panel.export_button, Qt.MouseButton.LeftButton)
    dialog = window.models.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.folder.value().startswith(str(Path(trained.run) / "exports"))
    for key, box in dialog.formats.items():
        box.setChecked(key in ("keras", "onnx"))
    out = tmp_path / "export"
    dialog.folder.setValue(str(out))
    assert dialog.run()
    qtbot.waitUntil(lambda: dialog.results is not None, timeout=180_000)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(r, 1).text() for r in range(2)] == ["passed", "passed"]
    assert dialog.table.item(0, 2).text() == "100.0% of 24"
    assert json.loads((out / "export-report.json").read_text())["all_ok"] is True
    assert "All 2 formats written and self-tested" in dialog.status.text()
    # Again into the same folder: refused, nothing replaced.
    before = (out / "keras" / "model.keras").stat().st_mtime_ns
    dialog.results = None
    assert dialog.run()
    qtbot.waitUntil(lambda: not window.models.busy, timeout=60_000)
    assert re.search("exists and is not empty", dialog.status.text())
    assert (out / "keras" / "model.keras").stat().st_mtime_ns == before
    dialog.close()


def test_runs_list_says_which_epoch_model_keras_is(window, trained):
    from fitgen_gui.core.run_dir import RunDir

    state = RunDir(trained.run).read_state()
    table = window.runs_panel.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    column = headers.index("model.keras")
    assert table.item(0, column).text().startswith(f"epoch {state['model_epoch']} (best")
    best = table.item(0, headers.index("Best")).text()
    assert best.endswith(f"(epoch {state['model_epoch']})")  # the same epoch


def test_model_work_waits_while_a_training_runs(window, trained):
    window.models.set_training(True)
    view = window.models.evaluation
    assert not view.evaluate_button.isEnabled()
    assert "A training is running" in view.evaluate_button.toolTip()
    assert not view.run()
    assert not window.actions.evaluate.isEnabled()
    window.models.set_training(False)
    assert view.evaluate_button.isEnabled()


@pytest.mark.parametrize("classes", [2, 50])
def test_the_confusion_matrix_is_readable_at_2_and_50_classes(qtbot, classes):
    import numpy as np

    from fitgen_gui.ui.plots.confusion_matrix import ConfusionMatrix

    names = [f"class_with_a_long_name_{i}" for i in range(classes)]
    rng = np.random.default_rng(0)
    counts = rng.integers(0, 5, (classes, classes)) + np.eye(classes, dtype=int) * 40
    matrix = ConfusionMatrix()
    qtbot.addWidget(matrix)
    matrix.set_matrix(names, counts.tolist())
    matrix.resize(900, 700)
    matrix.show()
    header = matrix.horizontalHeaderItem(0).text()
    assert header == (names[0] if classes == 2 else "1")  # numbered columns at 50
    assert matrix.verticalHeaderItem(classes - 1).text().endswith(names[-1])
    assert matrix.horizontalHeader().sectionSize(0) >= 28
    assert matrix.verticalHeader().sectionSize(0) >= 22
    assert matrix.item(0, 0).font().pointSizeF() >= 7
    # Each cell's tooltip says it all.
    assert matrix.item(1, 0).toolTip().startswith(f"True {names[1]}, predicted {names[0]}: ")
