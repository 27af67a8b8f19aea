"""The Compare runs view, on two real tiny trainings that differ in their learning rate,
both evaluated on the same validation images; opened from the Runs tab as a user does."""

import os
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import TrainingFinished
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.data.demo_dataset import write_demo_dataset

pytestmark = pytest.mark.slow

RATES = (0.001, 0.005)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    from fitgen_gui.training.evaluation import evaluate, evaluation_path
    from fitgen_gui.training.model_source import open_model
    from fitgen_gui.training.runner import run_training

    base = tmp_path_factory.mktemp("compare")
    data = write_demo_dataset(base / "shapes", counts={"train": 12, "val": 4})
    runs = []
    for index, rate in enumerate(RATES):
        config = RunConfig(name=f"lr{index}").replace(**{
            "data.train_dir": str(data / "train"), "data.val_dir": str(data / "val"),
            "data.target_size": (32, 32), "data.batch_size": 8, "training.epochs": 2,
            "training.workers": 1, "optimizer.learning_rate": rate})
        final = run_training(config, lambda event: None, workspace=base / "runs")
        assert isinstance(final, TrainingFinished), getattr(final, "details", final)
        source = open_model(final.run_dir, None)
        evaluate(source, "val").write(evaluation_path(final.run_dir, None))
        runs.append(final.run_dir)
    return SimpleNamespace(base=base, runs=runs)


@pytest.fixture
def window(qtbot, two_runs):
    from fitgen_gui.ui.main_window import MainWindow

    main = MainWindow(workspace=str(two_runs.base / "runs"))
    qtbot.addWidget(main)
    main.resize(1600, 1000)
    main.show()
    yield main
    main.models.shutdown()
    main.tasks.shutdown()


def select_rows(table, paths):
    table.clearSelection()
    model = table.selectionModel()
    for row in range(table.rowCount()):
        if any(os.path.samefile(table.item(row, 0).data(Qt.ItemDataRole.UserRole), p)
               for p in paths):
            model.select(table.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_compare_is_enabled_with_two_runs_and_opens_them_side_by_side(qtbot, window,
                                                                      two_runs):
    panel = window.runs_panel
    window.settings_tabs.setCurrentWidget(panel)
    assert panel.table.rowCount() == 2
    select_rows(panel.table, two_runs.runs[:1])
    assert not panel.compare_button.isEnabled()  # one run is nothing to compare
    select_rows(panel.table, two_runs.runs)
    assert panel.compare_button.isEnabled()
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    view = window.compare_view
    assert window.main_tabs.currentWidget() is view
    # measured from the older run (the table lists the newest first)
    assert [os.path.realpath(r.path) for r in view.comparison.runs] == [
        os.path.realpath(p) for p in two_runs.runs]

    table = view.table
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    row = labels.index("Learning rate (optimizer.learning_rate)")
    names = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    rates = {view.comparison.runs[c].name.rsplit("_", 1)[1]: float(table.item(row, c).text())
             for c in range(len(names))}
    assert rates == {"lr0": RATES[0], "lr1": RATES[1]}
    assert "Final validation accuracy" in labels and "Best (epoch)" in labels
    assert any(label.startswith("Accuracy of class ") for label in labels)  # evaluated

    for metric, keys in (("loss", ("loss", "val_loss")),
                         ("accuracy", ("accuracy", "val_accuracy"))):
        curves = view.curves[metric]
        assert len(curves) == 2  # one set of curves per run
        for run in view.comparison.runs:
            history = RunDir(run.path).read_history()
            for key in keys:
                x, y = curves[run.path][key].getData()
                assert list(x) == [r["epoch"] + 1 for r in history]
                assert list(y) == pytest.approx([r[key] for r in history])
    legend = view.loss_plot.getPlotItem().legend
    assert sorted(label.text for _, label in legend.items) == sorted(
        run.name for run in view.comparison.runs)

    change = view.comparison.changes[0]
    assert change.reason == "" and change.images == 12  # the same validation images
    assert view.wrong_to_right.list.count() == len(change.wrong_to_right)
    assert view.right_to_wrong.list.count() == len(change.right_to_wrong)
    assert "12 images" in view.changes_label.text()
    if os.environ.get("FITGEN_SCREENSHOTS"):
        view.resize(1100, 900)
        view.grab().save(os.environ["FITGEN_SCREENSHOTS"])
