"""RunConfig: JSON round trip and validation messages a person can act on."""

import json

import pytest

from fitgen_gui.core.config import SCHEMA_VERSION, ConfigError, RunConfig


def filled(tmp_path):
    (tmp_path / "train").mkdir()
    config = RunConfig(name="cells")
    config = config.replace(**{
        "data.train_dir": str(tmp_path / "train"),
        "data.target_size": (96, 128),
        "augmentation.brightness_range": (0.8, 1.2),
        "augmentation.rescale": 1 / 255,
        "model.input_size": (96, 96),
        "training.steps_per_epoch": 50,
        "training.class_weight": {"a": 1.0, "b": 2.5},
        "callbacks.early_stopping": True,
        "callbacks.early_stopping_monitor": "loss",
    })
    return config


def test_json_round_trip_keeps_every_setting(tmp_path):
    config = filled(tmp_path)
    text = config.to_json()
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION
    again = RunConfig.from_json(text)
    assert again == config
    assert again.data.target_size == (96, 128)  # lists come back as tuples
    assert again.augmentation.brightness_range == (0.8, 1.2)


def test_missing_fields_take_defaults_and_ints_become_floats():
    config = RunConfig.from_dict({"training": {"epochs": 3}, "optimizer": {"learning_rate": 1}})
    assert config.training.epochs == 3 and config.data.batch_size == 32
    assert config.optimizer.learning_rate == 1.0 and isinstance(config.optimizer.learning_rate,
                                                                float)


def test_unknown_and_mistyped_fields_are_all_reported():
    with pytest.raises(ConfigError) as info:
        RunConfig.from_dict({"data": {"batchsize": 8, "target_size": [64]},
                             "training": {"epochs": "ten"}, "colour": 1})
    fields = {p.field for p in info.value.problems}
    assert fields == {"data.batchsize", "data.target_size", "training.epochs", "colour"}
    assert "did you mean 'batch_size'" in str(info.value)


def test_a_newer_schema_or_damaged_json_is_a_clear_error():
    with pytest.raises(ConfigError, match="reads up to version"):
        RunConfig.from_dict({"schema_version": SCHEMA_VERSION + 1})
    with pytest.raises(ConfigError, match=r"not valid JSON \(line 1"):
        RunConfig.from_json('{"data": {')


def test_validation_returns_every_problem_with_its_field_and_fix(tmp_path):
    config = RunConfig()
    config = config.replace(**{
        "data.train_dir": str(tmp_path / "nowhere"),
        "data.val_dir": str(tmp_path),
        "data.validation_split": 0.2,
        "data.batch_size": 0,
        "augmentation.zoom_range": 1.5,
        "augmentation.brightness_range": (1.5, 0.5),
        "model.architecture": "vgg",
        "optimizer.learning_rate": 0,
        "training.device": "tpu",
        "training.mixed_precision": True,
        "callbacks.reduce_lr_on_plateau": True,
        "callbacks.reduce_lr_factor": 2,
    })
    problems = {p.field: p.message for p in config.validate()}
    assert "does not exist" in problems["data.train_dir"]
    assert "not both" in problems["data.validation_split"]
    assert "at least 1" in problems["data.batch_size"]
    assert "below 1" in problems["augmentation.zoom_range"]
    assert "low value must not be above" in problems["augmentation.brightness_range"]
    assert "'small_cnn'" in problems["model.architecture"]
    assert "above 0" in problems["optimizer.learning_rate"]
    assert "'auto', 'cpu', 'all', 'gpu:N' or a list" in problems["training.device"]
    assert "below 1" in problems["callbacks.reduce_lr_factor"]
    with pytest.raises(ConfigError, match="problem"):
        config.check()


def test_validation_catches_settings_that_only_fail_later(tmp_path):
    (tmp_path / "train").mkdir()
    config = RunConfig()
    config = config.replace(**{
        "data.train_dir": str(tmp_path / "train"),
        "data.target_size": (224, 224),
        "augmentation.zca_whitening": True,
        "model.architecture": "small_cnn",
        "model.weights": "imagenet",
        "callbacks.early_stopping": True,
    })
    problems = {p.field: p.message for p in config.validate()}
    assert "32x32 or less" in problems["augmentation.zca_whitening"]
    assert "no ImageNet weights" in problems["model.weights"]
    assert "no validation data" in problems["callbacks.early_stopping_monitor"]


def test_replace_changes_dotted_fields_and_rejects_unknown_ones():
    config = RunConfig().replace(**{"data.batch_size": 16, "name": "b16"})
    assert config.data.batch_size == 16 and config.name == "b16"
    with pytest.raises(ConfigError, match=r"data\.batch: is not a setting"):
        RunConfig().replace(**{"data.batch": 16})


def test_a_file_where_a_folder_belongs_and_big_bounds_read_as_people_write_them(tmp_path):
    a_file = tmp_path / "passwd"
    a_file.write_text("root:x:0:0")
    config = RunConfig().replace(**{"data.train_dir": str(a_file), "data.val_dir": str(a_file),
                                    "training.seed": 2**31})
    problems = {p.field: p.message for p in config.validate()}
    assert problems["data.train_dir"] == (
        f"'{a_file}' is a file; choose the folder that holds one sub-folder per class")
    assert problems["data.val_dir"].startswith(f"'{a_file}' is a file; choose the folder")
    assert problems["training.seed"] == (
        "must be a whole number at least 0 and at most 2,147,483,647; got 2147483648")
    tiny = RunConfig().replace(**{"optimizer.decay_rate": 0, "optimizer.schedule": "exponential"})
    assert "above 0" in {p.field: p.message for p in tiny.validate(check_paths=False)}[
        "optimizer.decay_rate"]


def test_the_config_is_frozen_and_replace_is_the_one_way_to_change_it():
    import dataclasses

    config = RunConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.data.batch_size = 8
    changed = config.replace(**{"data.batch_size": 8, "data.target_size[1]": 96})
    assert (changed.data.batch_size, changed.data.target_size) == (8, (64, 96))
    assert (config.data.batch_size, config.data.target_size) == (32, (64, 64))
    assert changed.get("data.target_size[1]") == 96
    with pytest.raises(ConfigError, match=r"data.target_size\[2\]: is not a setting"):
        config.replace(**{"data.target_size[2]": 1})


def test_each_settings_description_drives_its_validation_and_label():
    from fitgen_gui.core.config import field_label, setting_info, setting_names

    names = setting_names()
    assert "data.batch_size" in names and "callbacks.final_model" in names
    assert field_label("model.weights") == "Start from"
    info = setting_info("optimizer.name")
    assert info.values == ("adam", "adamw", "sgd", "rmsprop")
    assert info.choice_label("sgd") == "SGD with momentum"
    bad = RunConfig().replace(**{"optimizer.name": "adagrad", "data.batch_size": 5000})
    problems = {p.field: p.message for p in bad.validate(check_paths=False)}
    assert problems["optimizer.name"].startswith("must be one of 'adam', 'adamw'")
    assert problems["data.batch_size"] == (
        "must be a whole number at least 1 and at most 4,096; got 5000")


def test_a_setting_that_does_not_apply_never_blocks():
    # Fine-tuning's and step decay's values are checked only when those are on.
    config = RunConfig().replace(**{"model.fine_tune_fraction": 5.0,
                                    "optimizer.decay_epochs": -1.0})
    fields = {p.field for p in config.validate(check_paths=False)}
    assert not fields & {"model.fine_tune_fraction", "optimizer.decay_epochs"}
    on = config.replace(**{"optimizer.schedule": "exponential"})
    assert "optimizer.decay_epochs" in {p.field for p in on.validate(check_paths=False)}
