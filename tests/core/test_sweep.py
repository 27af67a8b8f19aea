"""A sweep's plan (what --vary means, the grid, random draws, names) and its table."""

import csv
import json
import os

import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.core.sweep import (
    Axis,
    Sweep,
    SweepRun,
    count,
    draw,
    grid,
    parse_values,
    parse_vary,
    run_names,
    setting_names,
    suggest_setting,
)
from fitgen_gui.core.sweep_table import (
    UNFINISHED,
    SlurmTask,
    count_statuses,
    rows_of,
    status_of,
    write_table,
)


def test_values_are_read_as_set_reads_them_and_brackets_keep_their_commas():
    assert parse_values("0.001,0.01") == [0.001, 0.01]
    assert parse_values("adam, sgd") == ["adam", "sgd"]
    assert parse_values("true,false") == [True, False]
    assert parse_values("[32,32],[64, 64]") == [[32, 32], [64, 64]]
    assert parse_values('"a,b",c') == ["a,b", "c"]
    assert parse_values("null,0.2") == [None, 0.2]


@pytest.mark.parametrize(("items", "message"), [
    (["optimizer.learning_rate"], "is not KEY=V1,V2"),
    (["=1,2"], "is not KEY=V1,V2"),
    (["optimizer.learning_rate=0.1,,0.2"], "has an empty value"),
    (["optimizer.learning_rate=0.1,0.1"], "lists 0.1 more than once"),
    (["training.epochs=1", "training.epochs=2"], "is given twice"),
])
def test_vary_mistakes_are_named(items, message):
    with pytest.raises(UserError, match=message):
        parse_vary(items)


def test_the_grid_has_every_combination_first_key_slowest():
    axes = parse_vary(["optimizer.learning_rate=0.001,0.01", "augmentation.horizontal_flip="
                       "false,true", "model.architecture=small_cnn"])
    assert count(axes) == 4
    assert grid(axes) == [
        {"optimizer.learning_rate": 0.001, "augmentation.horizontal_flip": False,
         "model.architecture": "small_cnn"},
        {"optimizer.learning_rate": 0.001, "augmentation.horizontal_flip": True,
         "model.architecture": "small_cnn"},
        {"optimizer.learning_rate": 0.01, "augmentation.horizontal_flip": False,
         "model.architecture": "small_cnn"},
        {"optimizer.learning_rate": 0.01, "augmentation.horizontal_flip": True,
         "model.architecture": "small_cnn"},
    ]


def test_random_draws_are_distinct_combinations_of_the_grid_and_repeat_with_the_seed():
    axes = [Axis("a", tuple(range(10))), Axis("b", tuple(range(7))), Axis("c", ("x", "y"))]
    everything = grid(axes)
    first = draw(axes, 12, seed=3)
    assert len(first) == 12
    assert len({json.dumps(c, sort_keys=True) for c in first}) == 12
    assert all(c in everything for c in first)
    assert first == sorted(first, key=everything.index)  # in grid order
    assert draw(axes, 12, seed=3) == first
    assert draw(axes, 12, seed=4) != first
    assert draw(axes, 500, seed=3) == everything  # more than there are: all of them
    with pytest.raises(UserError, match="--random must be 1 or more"):
        draw(axes, 0, seed=1)


def test_a_huge_grid_is_drawn_from_without_being_built():
    axes = [Axis(f"k{i}", tuple(range(10))) for i in range(9)]  # 10**9 combinations
    drawn = draw(axes, 5, seed=1)
    assert len(drawn) == 5 and all(len(c) == 9 for c in drawn)


def test_run_names_say_the_values_and_sort_in_order():
    names = run_names([{"optimizer.learning_rate": 0.001, "data.target_size": [32, 32]},
                       {"optimizer.learning_rate": 0.01, "data.target_size": [64, 64]}])
    assert names == ["01_learning_rate-0.001_target_size-32-32",
                     "02_learning_rate-0.01_target_size-64-64"]
    many = run_names([{"k": i} for i in range(120)])
    assert many[0].startswith("001_") and many == sorted(many)
    assert all(len(n) < 70 for n in run_names([{"a.b": "x" * 200}]))


def test_a_mistyped_setting_gets_the_closest_real_one():
    names = setting_names(RunConfig().to_dict())
    assert "optimizer.learning_rate" in names and "name" in names
    assert suggest_setting("learning_rate", names) == "optimizer.learning_rate"
    assert suggest_setting("optimizer.learning_rat", names) == "optimizer.learning_rate"
    assert suggest_setting("augmentation.rotation", names) == "augmentation.rotation_range"
    assert suggest_setting("zzzz.qqqq", names) is None


def test_sweep_json_round_trips_and_a_damaged_one_is_named(tmp_path):
    sweep = Sweep(["optimizer.learning_rate"], [SweepRun("01_a", {"optimizer.learning_rate":
                                                                  0.1})],
                  engine="slurm", options={"partition": "gpu"},
                  jobs=[{"job": "12", "tasks": [0]}])
    sweep.write(tmp_path)
    again = Sweep.read(tmp_path)
    assert again.to_dict() == sweep.to_dict()
    assert again.latest_job(0) == "12" and again.latest_job(1) is None
    (tmp_path / "sweep.json").write_text('{"runs": 3}')
    with pytest.raises(UserError, match="is damaged"):
        Sweep.read(tmp_path)
    with pytest.raises(UserError, match="is not a FitGen sweep folder"):
        Sweep.read(tmp_path / "nothing")


# -- statuses and sweep.csv ----------------------------------------------------------------

def test_statuses_from_the_folder_slurm_and_the_exit_status():
    pending = SlurmTask("12_1", "PENDING", "Resources")
    assert status_of(None) == ("not started", "")
    assert status_of(None, pending) == ("queued", "SLURM job 12_1: pending (Resources)")
    assert status_of("interrupted", pending)[0] == "queued"  # resubmitted: it will run again
    assert status_of(None, SlurmTask("12_1", "RUNNING"))[0] == "running"
    assert status_of("finished", SlurmTask("12_1", "CANCELLED")) == ("finished", "")
    cancelled = status_of("interrupted", SlurmTask("12_1", "CANCELLED by 0"))
    assert cancelled == ("failed", "SLURM job 12_1 was cancelled (scancel)")
    assert status_of("running", SlurmTask("12_1", "TIMEOUT"))[0] == "running"
    assert "ran out of time" in status_of("interrupted", SlurmTask("12_1", "TIMEOUT"))[1]
    assert "ended without starting the run" in status_of(None, SlurmTask("12_1",
                                                                         "COMPLETED"))[1]
    assert status_of("stopped") == ("stopped", "")
    assert status_of(None, exit_code=2)[0] == "failed"
    assert set(UNFINISHED) == {"not started", "failed", "stopped", "interrupted"}


def _run(folder, status, history):
    run = RunDir.create_at(folder)
    run.write_config(RunConfig().to_json())
    run.write_state(status)
    run.write_history(history)
    return run


def test_the_table_has_a_row_per_run_from_its_folder_and_is_written_atomically(tmp_path):
    sweep = Sweep(["optimizer.learning_rate"], [
        SweepRun("01_lr-0.1", {"optimizer.learning_rate": 0.1}),
        SweepRun("02_lr-1", {"optimizer.learning_rate": 1}),
        SweepRun("03_lr-2", {"optimizer.learning_rate": 2})])
    _run(tmp_path / "01_lr-0.1", "finished", [
        {"epoch": 0, "loss": 1.0, "val_loss": 0.9, "val_accuracy": 0.5},
        {"epoch": 1, "loss": 0.8, "val_loss": 0.7, "val_accuracy": 0.75},
        {"epoch": 2, "loss": 0.6, "val_loss": 0.8, "val_accuracy": 0.625}])
    _run(tmp_path / "02_lr-1", "failed", [])
    rows = rows_of(tmp_path, sweep)
    assert [r.status for r in rows] == ["finished", "failed", "not started"]
    assert (rows[0].monitor, rows[0].best, rows[0].best_epoch) == ("val_loss", 0.7, 2)
    assert rows[0].final_val_accuracy == 0.625
    assert count_statuses(rows) == "1 finished, 1 failed, 1 not started"
    path = write_table(tmp_path, sweep.keys, rows)
    with open(path, newline="") as f:
        table = list(csv.DictReader(f))
    assert list(table[0]) == ["run", "optimizer.learning_rate", "status", "monitor", "best",
                              "best_epoch", "final_val_accuracy", "note"]
    assert table[0] == {"run": "01_lr-0.1", "optimizer.learning_rate": "0.1",
                        "status": "finished", "monitor": "val_loss", "best": "0.7",
                        "best_epoch": "2", "final_val_accuracy": "0.625", "note": ""}
    assert [row["status"] for row in table] == ["finished", "failed", "not started"]
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]
    with_task = rows_of(tmp_path, sweep, {2: SlurmTask("7_2", "PENDING", "Priority")})
    assert with_task[2].status == "queued" and "Priority" in with_task[2].note


def test_a_new_run_folder_must_be_new_or_empty(tmp_path):
    RunDir.create_at(tmp_path / "a")
    assert (tmp_path / "a" / "checkpoints").is_dir()
    (tmp_path / "empty").mkdir()
    RunDir.create_at(tmp_path / "empty")
    _run(tmp_path / "b", "finished", [])
    with pytest.raises(UserError, match=r"already holds a run.*fitgen resume"):
        RunDir.create_at(tmp_path / "b")
