"""The Compare runs view says why images cannot be compared, and why runs cannot be (fast:
run folders written by hand, as tests/core/test_run_compare.py does)."""

from tests.core.test_run_compare import HISTORY_A, HISTORY_B, make_run


def test_unevaluated_images_and_a_damaged_run_are_explained(qtbot, tmp_path):
    from fitgen_gui.core.run_dir import RunDir
    from fitgen_gui.ui.views.compare_view import CompareView
    from fitgen_gui.ui.workers.background import BackgroundTasks

    val = tmp_path / "val"
    a = make_run(tmp_path / "a", lr=0.001, val_dir=val, history=HISTORY_A, name="first",
                 right={"cat/1.png": True, "dog/1.png": False})
    b = make_run(tmp_path / "b", lr=0.01, val_dir=val, history=HISTORY_B, name="second",
                 right={"cat/1.png": True, "dog/1.png": True})
    (b / "evaluation.json").unlink()
    tasks = BackgroundTasks()
    view = CompareView(tasks)
    qtbot.addWidget(view)
    view.show_runs([str(a), str(b)])
    assert "not compared" in view.changes_label.text()
    assert "b not evaluated" in view.changes_label.text()
    assert view.wrong_to_right.list.count() == 0 and view.right_to_wrong.list.count() == 0
    _, y = view.curves["loss"][str(RunDir(b).path)]["val_loss"].getData()
    assert list(y) == [0.5, 0.9]
    labels = [view.table.verticalHeaderItem(r).text() for r in range(view.table.rowCount())]
    row = labels.index("Accuracy of class cat")
    assert view.table.item(row, 1).text() == "—"  # the unevaluated run has none

    (a / "config.json").write_text("{not json")
    view.show_runs([str(a), str(b)])
    assert view.summary.text().startswith("These runs cannot be compared:")
    assert "damaged" in view.summary.text()
    tasks.shutdown()
