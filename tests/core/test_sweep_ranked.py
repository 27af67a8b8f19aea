"""The sweep's table ranked by the monitored value (core/sweep_table.ranked): the app's
table shows the winner first; a loss is best lowest, an accuracy highest."""

from fitgen_gui.core.sweep_plan import list_run_names
from fitgen_gui.core.sweep_table import RunRow, ranked


def row(name, monitor=None, best=None, status="finished"):
    return RunRow(name, {}, status, monitor, best)


def test_a_loss_ranks_lowest_first_and_runs_without_a_value_follow_in_order():
    rows = [row("01", "val_loss", 0.9), row("02", status="not started"),
            row("03", "val_loss", 0.2), row("04", "val_loss", 0.5),
            row("05", status="failed")]
    order, metric = ranked(rows)
    assert metric == "val_loss"
    assert [r.run for r in order] == ["03", "04", "01", "02", "05"]


def test_an_accuracy_ranks_highest_first_and_ties_keep_the_sweep_s_order():
    order, metric = ranked([row("01", "val_accuracy", 0.5), row("02", "val_accuracy", 0.75),
                            row("03", "val_accuracy", 0.5)])
    assert metric == "val_accuracy" and [r.run for r in order] == ["02", "01", "03"]


def test_runs_monitoring_different_metrics_are_not_ranked():
    rows = [row("01", "val_loss", 0.9), row("02", "val_accuracy", 0.8)]
    assert ranked(rows) == (rows, None)
    assert ranked([row("01", status="not started")])[1] is None


def test_the_runs_are_listed_as_fitgen_sweep_prints_them():
    assert list_run_names(["a", "b"]) == "a; b"
    assert list_run_names([str(n) for n in range(8)]) == "0; 1; 2; 3; 4; 5; ..."
