"""Model builders: each trains a step, takes raw pixels at any size, saves and loads safely."""

import itertools

import keras
import numpy as np
import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.training.models import (
    WeightsMissingError,
    build_model,
    compile_model,
    imagenet_weights_file,
)


def config_for(architecture, *, color_mode="rgb", class_mode="categorical", size=(32, 32)):
    config = RunConfig()
    config = config.replace(**{
        "model.architecture": architecture,
        "data.color_mode": color_mode,
        "data.class_mode": class_mode,
        "data.target_size": size,
    })
    return config


@pytest.mark.slow
@pytest.mark.parametrize("architecture", ["small_cnn", "mobilenet_v3_small", "efficientnet_b0",
                                          "resnet50", "mobilenet_v3_large",
                                          "efficientnet_v2_b0", "convnext_tiny"])
def test_each_builder_trains_one_step_and_round_trips(architecture, tmp_path):
    config = config_for(architecture)
    model = build_model(config, num_classes=3)
    compile_model(model, config, steps_per_epoch=1)
    x = np.random.default_rng(0).integers(0, 256, (4, 32, 32, 3)).astype("float32")
    y = keras.utils.to_categorical([0, 1, 2, 0], 3)
    logs = model.train_on_batch(x, y, return_dict=True)
    assert np.isfinite(logs["loss"])
    assert model.optimizer.iterations.numpy() == 1
    path = tmp_path / "m.keras"
    model.save(path)
    loaded = keras.saving.load_model(path, safe_mode=True)  # standard layers only
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-4, atol=1e-5)
    assert loaded.optimizer.iterations.numpy() == 1  # optimizer state comes back too


@pytest.mark.slow
@pytest.mark.parametrize("architecture", ["mobilenet_v3_large", "efficientnet_v2_b0",
                                          "convnext_tiny"])
def test_new_backbones_scale_raw_pixels_inside_the_model(architecture):
    # Their own preprocessing is in the model: raw 0-255 pixels in, and the first layers
    # after the input resize are the backbone's rescaling/normalization.
    model = build_model(config_for(architecture), num_classes=2)
    base = next(layer for layer in model.layers if isinstance(layer, keras.Model))
    kinds = [type(layer).__name__ for layer in base.layers[:4]]
    assert {"Rescaling", "Normalization"} & set(kinds), kinds


def test_a_saved_model_takes_raw_pixels_of_any_size():
    model = build_model(config_for("small_cnn"), num_classes=2)
    for shape in ((1, 50, 70, 3), (2, 20, 20, 3)):
        out = model.predict(np.full(shape, 128.0, "float32"), verbose=0)
        assert out.shape == (shape[0], 2)
        np.testing.assert_allclose(out.sum(axis=1), 1.0, rtol=1e-5)


def test_grayscale_and_binary_heads():
    model = build_model(config_for("mobilenet_v3_small", color_mode="grayscale",
                                   class_mode="binary"), num_classes=2)
    assert model.input_shape == (None, None, None, 1)
    assert model.output_shape == (None, 1)


def test_missing_imagenet_weights_say_where_to_put_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(WeightsMissingError) as info:
        imagenet_weights_file("efficientnet_b0")
    message = str(info.value)
    assert "efficientnetb0_notop.h5" in message and str(tmp_path / "models") in message
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "efficientnetb0_notop.h5").write_bytes(b"weights")
    assert imagenet_weights_file("efficientnet_b0").endswith("efficientnetb0_notop.h5")


def _rates(config, steps_per_epoch):
    from fitgen_gui.training.models import _learning_rate

    schedule = _learning_rate(config, steps_per_epoch)
    total = config.training.epochs * steps_per_epoch
    return [float(keras.ops.convert_to_numpy(schedule(step))) for step in range(total + 1)]


def test_cosine_warms_up_from_a_tenth_then_decays_to_zero():
    config = RunConfig().replace(**{"training.epochs": 10, "optimizer.learning_rate": 1e-3,
                                    "optimizer.schedule": "cosine",
                                    "optimizer.warmup_epochs": 2.0})
    rates = _rates(config, 8)
    assert rates[0] == pytest.approx(1e-4)
    assert rates[16] == pytest.approx(1e-3)  # the top after 2 epochs of 8 steps
    assert all(a < b for a, b in itertools.pairwise(rates[:17]))
    assert all(a >= b for a, b in itertools.pairwise(rates[16:]))
    assert rates[-1] == pytest.approx(0.0, abs=1e-9)


def test_no_warm_up_starts_at_the_rate_and_a_short_run_still_decays():
    plain = RunConfig().replace(**{"training.epochs": 4, "optimizer.learning_rate": 1e-3,
                                   "optimizer.warmup_epochs": 0.0})
    assert _rates(plain, 5)[0] == pytest.approx(1e-3)
    short = RunConfig().replace(**{"training.epochs": 2, "optimizer.learning_rate": 1e-3,
                                   "optimizer.warmup_epochs": 5.0})
    rates = _rates(short, 4)
    assert rates.index(max(rates)) == 4  # the warm-up takes at most half of the 8 steps
    assert rates[-1] == pytest.approx(0.0, abs=1e-9)
