"""*Try several settings* in the app: the dialog reads and checks values as ``fitgen sweep
--vary`` does, the sweep's runs train one after another as child processes (real tiny
trainings), Stop leaves the unfinished run to Resume sweep, and the Runs tab shows the
sweep as a group whose Compare overlays all its runs."""

import csv
import json

import pytest
from PySide6.QtWidgets import QMessageBox

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.sweep import Sweep, parse_vary
from fitgen_gui.core.sweep_plan import plan_sweep, write_sweep
from fitgen_gui.core.sweep_table import UNFINISHED
from fitgen_gui.ui.dialogs.sweep_dialog import SweepDialog
from fitgen_gui.ui.panels.sweep_rows import SWEEP_ROLE
from tests.ui.conftest import choose_folders, small_training


@pytest.fixture
def base(tiny_dataset):
    return RunConfig().replace(**{"data.train_dir": str(tiny_dataset / "train"),
                                  "data.val_dir": str(tiny_dataset / "val")})


def test_the_dialog_counts_the_runs_as_values_are_typed(qtbot, base):
    dialog = SweepDialog(base)
    qtbot.addWidget(dialog)
    combo = dialog.settings[0]
    index = combo.findData("optimizer.learning_rate")
    assert combo.itemText(index) == "Learning rate (optimizer.learning_rate)"
    assert not dialog.ok_button.isEnabled()  # nothing chosen yet
    combo.setCurrentIndex(index)
    qtbot.keyClicks(dialog.values[0], "0.001, 0.01")
    qtbot.waitUntil(lambda: dialog.runs.text().startswith("2 runs"), timeout=5000)
    assert dialog.runs.text() == "2 runs: 01_learning_rate-0.001; 02_learning_rate-0.01"
    assert dialog.ok_button.isEnabled() and not dialog.message.text()
    dialog.choose(1, "augmentation.horizontal_flip", "false,true")
    assert dialog.runs.text().startswith("4 runs: 01_learning_rate-0.001_horizontal_flip")
    assert dialog.plan is not None and len(dialog.plan.configs) == 4


@pytest.mark.parametrize(("key", "values", "sentence"), [
    ("optimizer.name", "adam,adagrad", "optimizer.name must be one of 'adam'"),
    ("optimizer.learning_rate", "0.001,-1",
     "The run with optimizer.learning_rate=-1 cannot train: optimizer.learning_rate must be "
     "a number above 0"),
    ("optimizer.learning_rate", "0.1,0.1", "lists 0.1 more than once"),
])
def test_a_refused_value_gives_the_cli_s_sentence_and_ok_is_disabled(qtbot, base, key,
                                                                     values, sentence):
    dialog = SweepDialog(base)
    qtbot.addWidget(dialog)
    dialog.choose(0, key, values)
    assert sentence in dialog.message.text()
    assert not dialog.ok_button.isEnabled()
    try:
        plan_sweep(base, parse_vary([f"{key}={values}"]))
    except Exception as exc:  # noqa: BLE001 - the CLI's own check says the same
        assert dialog.message.text() == dialog.said_here(str(exc))
    dialog.choose(0, key, "0.001" if "learning" in key else "adam")
    assert dialog.ok_button.isEnabled() and not dialog.message.isVisible()


def test_more_than_100_runs_are_asked_about(qtbot, base, monkeypatch):
    dialog = SweepDialog(base)
    qtbot.addWidget(dialog)
    dialog.choose(0, "data.batch_size", ",".join(map(str, range(1, 12))))
    dialog.choose(1, "optimizer.learning_rate", ",".join(f"{i / 100}" for i in range(1, 11)))
    assert dialog.runs.text() == "110 runs" and dialog.ok_button.isEnabled()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or
                        QMessageBox.StandardButton.No)
    dialog.accept()
    assert asked and "110 runs" in asked[0] and dialog.result() != SweepDialog.DialogCode.Accepted
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.accept()
    assert dialog.result() == SweepDialog.DialogCode.Accepted
    assert len(dialog.plan.configs) == 110


def group_rows(window):
    table = window.runs_panel.table
    return [row for row in range(table.rowCount()) if table.item(row, 0).data(SWEEP_ROLE)]


def test_a_sweep_is_a_group_of_the_runs_tab_with_its_table(qtbot, window, base):
    plan = plan_sweep(base, parse_vary(["optimizer.learning_rate=0.001,0.01"]))
    sweep_dir, _ = write_sweep(plan, window.settings.workspace)
    window.runs_panel.refresh()
    [row] = group_rows(window)
    panel = window.runs_panel
    assert panel.table.item(row, 0).text() == f"Sweep {sweep_dir.name}"
    assert panel.table.item(row, 1).text() == "2 not started"
    panel.table.selectRow(row)
    assert panel.selected_path() is None and panel.selected_sweep() == str(sweep_dir)
    panel.open_button.click()
    dialog = window.sweeps.table_dialog
    qtbot.addWidget(dialog)
    assert dialog.sweep_dir == str(sweep_dir)
    assert [dialog.table.item(r, 2).text() for r in range(2)] == ["not started"] * 2
    assert dialog.table.horizontalHeaderItem(1).text() == "Learning rate"
    assert dialog.resume_button.isEnabled() and not dialog.compare_button.isEnabled()


def table(sweep_dir):
    with open(sweep_dir / "sweep.csv", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.slow
def test_a_sweep_from_the_dialog_trains_stops_resumes_and_compares(qtbot, window,
                                                                   tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=1)
    dialog = window.sweeps.open_dialog()
    qtbot.addWidget(dialog)
    dialog.choose(0, "optimizer.learning_rate", "0.001,0.01")
    try:
        with qtbot.waitSignal(window.sweeps.finished, timeout=200_000) as ended:
            dialog.ok_button.click()
            sweep_dir = window.sweeps.running
            assert sweep_dir and not window.run_bar.start_button.isEnabled()
            # Stop while the second run trains (its folder followed in the Training view).
            qtbot.waitUntil(lambda: (window.training_view.run_dir or "").endswith(
                "02_learning_rate-0.01"), timeout=180_000)
            assert window.run_bar.progress.format() == "Run 2 of 2: 02_learning_rate-0.01"
            window.run_bar.stop_button.click()
        outcome = ended.args[0]
        assert outcome.stopped
        from pathlib import Path

        sweep_dir = Path(sweep_dir)
        rows = table(sweep_dir)
        assert rows[0]["run"] == "01_learning_rate-0.001" and rows[0]["status"] == "finished"
        assert rows[1]["status"] in UNFINISHED, rows[1]
        first = Sweep.read(sweep_dir).attempts["01_learning_rate-0.001"]
        first_model = sweep_dir / "01_learning_rate-0.001" / "model.keras"
        first_written = first_model.stat().st_mtime_ns
        assert window.run_bar.start_button.isEnabled()

        # Resume sweep (the group's Resume…) trains only the unfinished run.
        [row] = group_rows(window)
        window.runs_panel.table.selectRow(row)
        with qtbot.waitSignal(window.sweeps.finished, timeout=200_000) as ended:
            window.runs_panel.resume_button.click()
        assert not ended.args[0].stopped and ended.args[0].unfinished == 0
        assert [(r["run"], r["optimizer.learning_rate"], r["status"])
                for r in table(sweep_dir)] == [("01_learning_rate-0.001", "0.001", "finished"),
                                               ("02_learning_rate-0.01", "0.01", "finished")]
        assert Sweep.read(sweep_dir).attempts["01_learning_rate-0.001"] == first
        assert first_model.stat().st_mtime_ns == first_written  # the finished run untouched
        for row_ in table(sweep_dir):
            assert row_["best_epoch"] == "1" and float(row_["final_val_accuracy"]) >= 0
            config = json.loads((sweep_dir / row_["run"] / "config.json").read_text())
            assert config["optimizer"]["learning_rate"] == float(row_["optimizer.learning_rate"])

        # The Runs tab: the group and its two runs under it; Compare overlays both.
        [row] = group_rows(window)
        panel = window.runs_panel
        members = [panel.table.item(r, 0).text().strip() for r in (row + 1, row + 2)]
        assert members == ["01_learning_rate-0.001", "02_learning_rate-0.01"]
        assert panel.table.item(row, 1).text() == "2 finished"
        panel.table.selectRow(row)
        assert panel.compare_button.isEnabled()
        panel.compare_button.click()
        assert window.main_tabs.currentWidget() is window.compare_view
        assert sorted(window.compare_view.curves["loss"]) == sorted(
            str(sweep_dir / r["run"]) for r in rows)

        # The sweep's table (the group opened): ranked by val_loss, lowest first.
        panel.table.selectRow(row)
        panel.open_button.click()
        dialog = window.sweeps.table_dialog
        qtbot.addWidget(dialog)
        by_loss = sorted(table(sweep_dir), key=lambda r: float(r["best"]))
        shown = [dialog.table.item(r, 0).text() for r in range(2)]
        assert shown == [r["run"] for r in by_loss]
        assert dialog.table.item(0, 0).font().bold() and not dialog.table.item(1, 0).font().bold()
        assert dialog.table.item(0, 3).text() == f"val_loss {float(by_loss[0]['best']):.4f}"
        assert "Ranked by val_loss, lowest first." in dialog.summary.text()
        assert not dialog.resume_button.isEnabled() and dialog.compare_button.isEnabled()
        window.main_tabs.setCurrentIndex(0)
        dialog.compare_button.click()  # Compare all: the sweep's order, its first run first
        assert window.main_tabs.currentWidget() is window.compare_view
        assert [r.name for r in window.compare_view.comparison.runs] == [
            "01_learning_rate-0.001", "02_learning_rate-0.01"]
    finally:
        window.sweeps.shutdown()


@pytest.mark.slow
def test_closing_the_window_during_a_sweep_asks_then_stops_it_resumably(qtbot, window,
                                                                        tiny_dataset,
                                                                        monkeypatch):
    from pathlib import Path

    from fitgen_gui.core.run_dir import RunDir

    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=5)  # stopped long before it ends
    dialog = window.sweeps.open_dialog()
    qtbot.addWidget(dialog)
    dialog.choose(0, "optimizer.learning_rate", "0.001,0.01")
    try:
        dialog.ok_button.click()
        sweep_dir = Path(window.sweeps.running)
        first = sweep_dir / "01_learning_rate-0.001"
        qtbot.waitUntil(lambda: (window.training_view.run_dir or "") == str(first),
                        timeout=180_000)  # its folder shows it training
        asked = []
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2])
                            or QMessageBox.StandardButton.No)
        assert not window.sweeps.close(window)  # No: the sweep goes on
        assert window.sweeps.running == str(sweep_dir) and "Resume sweep" in asked[0]
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: QMessageBox.StandardButton.Yes)
        assert window.sweeps.close(window)  # returns once the run in progress has ended
        assert RunDir(first).status() == "stopped"  # as Stop leaves it: resumable
        assert [(r["run"], r["status"]) for r in table(sweep_dir)] == [
            ("01_learning_rate-0.001", "stopped"), ("02_learning_rate-0.01", "not started")]
    finally:
        window.sweeps.shutdown()
