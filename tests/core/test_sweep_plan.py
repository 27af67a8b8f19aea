"""Making a sweep folder (core/sweep_plan.py): what the CLI and the app's Try several
settings share, so both write the same folders."""

import csv

import pytest

from fitgen_gui.core.config import ConfigError, RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.sweep import Sweep, parse_vary
from fitgen_gui.core.sweep_plan import (
    list_sweeps,
    plan_sweep,
    run_command,
    varied_settings,
    write_sweep,
)


@pytest.fixture
def base(tmp_path):
    for folder in ("train/a", "train/b", "val/a", "val/b"):
        (tmp_path / "data" / folder).mkdir(parents=True)
    return RunConfig(name="run").replace(**{"data.train_dir": str(tmp_path / "data/train"),
                                            "data.val_dir": str(tmp_path / "data/val")})


def test_a_plan_has_one_checked_run_per_combination_with_its_values(base):
    plan = plan_sweep(base, parse_vary(["optimizer.learning_rate=0.001,0.01",
                                        "augmentation.horizontal_flip=false,true"]))
    assert plan.total == 4 and plan.keys == ["optimizer.learning_rate",
                                             "augmentation.horizontal_flip"]
    assert plan.names[0] == "01_learning_rate-0.001_horizontal_flip-false"
    assert [(c.optimizer.learning_rate, c.augmentation.horizontal_flip, c.name)
            for c in plan.configs] == [(0.001, False, plan.names[0]),
                                       (0.001, True, plan.names[1]),
                                       (0.01, False, plan.names[2]),
                                       (0.01, True, plan.names[3])]
    assert plan.drawn is None


def test_random_draws_and_says_so(base):
    plan = plan_sweep(base, parse_vary(["optimizer.learning_rate=0.1,0.2,0.3,0.4"]),
                      random=2, seed=5)
    assert len(plan.configs) == 2 and plan.drawn == {"n": 2, "seed": 5, "of": 4}
    assert plan_sweep(base, plan.axes, random=2, seed=5).combinations == plan.combinations


@pytest.mark.parametrize(("vary", "sentence"), [
    (["learning_rate=0.1,0.2"], "--vary learning_rate: 'learning_rate' is not a setting. "
                                "Did you mean optimizer.learning_rate?"),
    (["optimizer=0.1,0.2"], "'optimizer' is a group of settings; vary one of them"),
    (["name=a,b"], "each run of a sweep is named after its values"),
    (["optimizer.learning_rate=0.001,-1"],
     "The run with optimizer.learning_rate=-1 cannot train: optimizer.learning_rate must be "
     "a number above 0"),
    (["data.batch_size=8,many"], "--vary data.batch_size=many: data.batch_size"),
])
def test_refused_values_get_the_sentence_the_cli_prints(base, vary, sentence):
    with pytest.raises(UserError) as caught:
        plan_sweep(base, parse_vary(vary))
    assert sentence in str(caught.value)


def test_settings_that_no_value_can_fix_are_the_base_settings_problem(base):
    broken = base.replace(**{"data.train_dir": ""})
    with pytest.raises(ConfigError, match=r"data\.train_dir"):
        plan_sweep(broken, parse_vary(["optimizer.learning_rate=0.1,0.2"]))


def test_the_sweep_folder_has_every_run_s_settings_the_plan_and_the_table(base, tmp_path,
                                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    relative = base.replace(**{"data.train_dir": "data/train", "data.val_dir": "data/val"})
    plan = plan_sweep(relative, parse_vary(["training.epochs=1,2"]))
    sweep_dir, sweep = write_sweep(plan, tmp_path / "runs", options={"evaluate": False})
    assert sweep_dir.parent == tmp_path / "runs" and sweep_dir.name.endswith("_sweep")
    assert Sweep.read(sweep_dir).to_dict() == sweep.to_dict()
    for run, epochs in zip(sweep.runs, (1, 2), strict=True):
        config = RunConfig.from_json(run.settings_file(sweep_dir).read_text())
        assert config.training.epochs == epochs and config.name == run.name
        assert config.data.train_dir == str(tmp_path / "data/train")  # absolute
    with open(sweep_dir / "sweep.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["run"], r["training.epochs"], r["status"]) for r in rows] == [
        ("01_epochs-1", "1", "not started"), ("02_epochs-2", "2", "not started")]
    assert list_sweeps(tmp_path / "runs") == [(sweep_dir, sweep)]


def test_a_run_is_trained_from_its_settings_then_resumed_from_its_folder(base, tmp_path):
    plan = plan_sweep(base, parse_vary(["training.epochs=1,2"]))
    sweep_dir, sweep = write_sweep(plan, tmp_path, options={"trust_data_file": True})
    run = sweep.runs[0]
    command = run_command(sweep_dir, run, sweep)
    assert command[-5:] == ["train", str(run.settings_file(sweep_dir)), "--run-folder",
                            str(sweep_dir / run.name), "--trust-data-file"]
    assert "--device" in run_command(sweep_dir, run, sweep, "gpu:1")
    (sweep_dir / run.name).mkdir()
    (sweep_dir / run.name / "config.json").write_text("{}")
    assert run_command(sweep_dir, run, sweep)[-3:] == ["resume", str(sweep_dir / run.name),
                                                       "--trust-data-file"]


def test_a_damaged_sweep_is_left_out_of_the_list(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "sweep.json").write_text("{not json")
    assert list_sweeps(tmp_path) == []
    assert list_sweeps(tmp_path / "missing") == []


def test_the_settings_a_sweep_can_vary_are_the_set_keys_in_the_panels_order():
    names = varied_settings()
    assert "optimizer.learning_rate" in names and "augmentation.rotation_range" in names
    assert "name" not in names
    assert names.index("data.batch_size") < names.index("optimizer.learning_rate")
    assert len(names) == len(set(names))
    assert all("." in n for n in names)
