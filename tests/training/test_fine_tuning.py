"""Fine-tuning as Keras's transfer-learning guide does it: the head on a frozen base, then
the top of the base at a lower learning rate; shown in the run, resumable in either phase."""

import keras
import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import PhaseStarted, TrainingFinished
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.training.runner import resume_training, run_training

pytestmark = pytest.mark.slow


def fine_tuning_config(tiny_config):
    config = tiny_config
    config = config.replace(**{
        "model.architecture": "mobilenet_v3_small",
        "model.weights": "none",
        "model.train_base": False,
        "model.fine_tune": True,
        "training.epochs": 2,
        "optimizer.learning_rate": 0.001,
        # A constant rate, so phase 2's "a tenth" reads as one number at any step.
        "optimizer.schedule": "constant",
    })
    return config


def base_of(model):
    return next(layer for layer in model.layers if isinstance(layer, keras.Model))


def test_phase_2_unfreezes_the_top_of_the_base_at_a_lower_rate(tiny_config, tmp_path):
    config = fine_tuning_config(tiny_config)
    events = []
    final = run_training(config, events.append, workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    phases = [e for e in events if isinstance(e, PhaseStarted) and e.phase == "fine_tuning"]
    assert len(phases) == 1 and phases[0].epoch == 1
    assert "Fine-tuning from epoch 2" in phases[0].message
    run = RunDir(final.run_dir)
    assert run.read_state()["fine_tuning_from_epoch"] == 2
    assert any(e.phase == "fine_tuning" for e in run.events.events()
               if isinstance(e, PhaseStarted))
    # Epoch 1's checkpoint: the base frozen. Epoch 2's: its top learns, its bottom and its
    # batch normalization do not, and the rate is a tenth.
    first = keras.saving.load_model(run.checkpoint(1).path, safe_mode=True)
    second = keras.saving.load_model(run.checkpoint(2).path, safe_mode=True)
    assert not base_of(first).trainable_weights
    layers = [layer for layer in base_of(second).layers if layer.weights]
    learning = [layer for layer in layers if layer.trainable]
    assert learning and len(learning) < len(layers)
    assert all(not isinstance(layer, keras.layers.BatchNormalization) for layer in learning)
    assert layers.index(learning[0]) >= int(0.6 * len(layers))  # the top of the base
    assert float(second.optimizer.learning_rate) == pytest.approx(0.0001)
    assert float(first.optimizer.learning_rate) == pytest.approx(0.001)
    assert [r["epoch"] for r in run.read_history()] == [0, 1]


def test_resume_works_in_either_phase(tiny_config, tmp_path):
    config = fine_tuning_config(tiny_config)
    config = config.replace(**{"training.epochs": 3, "model.fine_tune_from_epoch": 3})
    final = run_training(config, lambda e: None, workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    # From epoch 1 (phase 1): the switch happens again at epoch 3.
    events = []
    resumed = resume_training(final.run_dir, events.append, from_epoch=1)
    assert isinstance(resumed, TrainingFinished), getattr(resumed, "details", resumed)
    phases = [e for e in events if isinstance(e, PhaseStarted) and e.phase == "fine_tuning"]
    assert [p.epoch for p in phases] == [2]
    # From epoch 3 (phase 2) to epoch 4: it goes on fine-tuning, not back to phase 1.
    events = []
    more = resume_training(final.run_dir, events.append, epochs=4)
    assert isinstance(more, TrainingFinished), getattr(more, "details", more)
    assert not [e for e in events if isinstance(e, PhaseStarted) and e.phase == "fine_tuning"]
    model = keras.saving.load_model(RunDir(final.run_dir).checkpoint(4).path, safe_mode=True)
    assert base_of(model).trainable_weights
    assert float(model.optimizer.learning_rate) == pytest.approx(0.0001)


@pytest.mark.parametrize(("change", "field"), [
    ({"model.architecture": "small_cnn"}, "model.fine_tune"),
    ({"model.train_base": True}, "model.fine_tune"),
    ({"training.epochs": 1}, "training.epochs"),
    ({"model.fine_tune_from_epoch": 1}, "model.fine_tune_from_epoch"),
])
def test_settings_that_cannot_fine_tune_are_named(tiny_config, change, field):
    config = fine_tuning_config(tiny_config).replace(**change)
    assert field in {p.field for p in config.validate()}
    assert RunConfig.from_json(config.to_json()).model.fine_tune
