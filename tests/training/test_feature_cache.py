"""The head of a frozen backbone trains on features computed once: the same predictions
as the whole model, the same training, reused on resume, rebuilt when the images change."""

import threading

import keras
import numpy as np
import pytest
from PIL import Image

from fitgen_gui.core.events import ConsoleText, PhaseStarted, TrainingFinished, TrainingStopped
from fitgen_gui.core.run_dir import RunDir
from fitgen_gui.data.pipeline import build_run_data
from fitgen_gui.training import feature_cache
from fitgen_gui.training.models import build_model, compile_model
from fitgen_gui.training.runner import resume_training, run_training

pytestmark = pytest.mark.slow


@pytest.fixture
def frozen_config(tiny_config):
    config = tiny_config
    # Of the backbones, ResNet50 alone gives features of a useful size without ImageNet
    # weights (the others' random batch-norm statistics shrink them to 1e-11 or less).
    config = config.replace(**{
        "model.architecture": "resnet50",
        "model.weights": "none",
        "model.train_base": False,
        "model.dropout": 0.0,
        # Unaugmented: the cache then holds one copy, the model's very features (the
        # default left-right flips would make random copies of each image).
        "augmentation.horizontal_flip": False,
    })
    return config


def console_of(events):
    return "".join(e.text for e in events if isinstance(e, ConsoleText))


def test_the_head_on_cached_features_predicts_what_the_whole_model_does(frozen_config,
                                                                       tmp_path):
    data = build_run_data(frozen_config, seed=1)
    model = build_model(frozen_config, len(data.class_names))
    compile_model(model, frozen_config, 2)
    cached = feature_cache.build_cache(model, frozen_config, data, tmp_path)
    for iterator, features in ((data.train, cached.train), (data.val, cached.val)):
        images, _ = iterator.samples_at(np.arange(iterator.n), epoch=0, batch=0,
                                        augment=False)
        whole = model.predict_on_batch(images)
        head = cached.head.predict_on_batch(features.features[0])
        assert whole.std(axis=0).max() > 0.01  # the images give different predictions
        np.testing.assert_allclose(head, whole, rtol=1e-4, atol=1e-6)
    # Training the head trains the model: they share their layers.
    assert cached.head.get_layer("predictions") is model.get_layer("predictions")


def test_an_epoch_on_cached_features_trains_as_an_epoch_through_the_backbone(frozen_config,
                                                                             tmp_path):
    frozen_config = frozen_config.replace(**{"training.epochs": 1, "optimizer.name": "sgd"})
    weights = {}
    for cache in (True, False):
        config = frozen_config.replace(**{"model.feature_cache": cache})
        events = []
        final = run_training(config, events.append, workspace=tmp_path / f"runs{cache}")
        assert isinstance(final, TrainingFinished), getattr(final, "details", final)
        assert (RunDir(final.run_dir).path / "features-train.npz").exists() == cache
        assert ("cached features" in console_of(events)) == cache
        model = keras.saving.load_model(final.model_path, safe_mode=True)
        weights[cache] = model.get_layer("predictions").get_weights()
    for cached, whole in zip(weights[True], weights[False], strict=True):
        np.testing.assert_allclose(cached, whole, atol=1e-5)
    # ...and both learned: the head's bias starts at zero.
    assert np.abs(weights[True][1]).max() > 1e-4


def test_resume_reuses_the_cache_and_a_changed_image_rebuilds_it(frozen_config, tmp_path):
    final = run_training(frozen_config, lambda e: None, workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    run = RunDir(final.run_dir)
    cache = run.path / "features-train.npz"
    stamp = cache.stat().st_mtime_ns

    events = []
    resumed = resume_training(run.path, events.append, from_epoch=1)
    assert isinstance(resumed, TrainingFinished), getattr(resumed, "details", resumed)
    assert "Reusing the cached features of the training images" in console_of(events)
    assert cache.stat().st_mtime_ns == stamp

    # One training photo changes: the training features are computed again, not reused.
    photo = sorted((tmp_path / "shapes" / "train").rglob("*.png"))[0]
    Image.new("RGB", (40, 40), (250, 10, 10)).save(photo)
    events = []
    again = resume_training(run.path, events.append, from_epoch=1)
    assert isinstance(again, TrainingFinished), getattr(again, "details", again)
    text = console_of(events)
    assert "Computed the training features again: the images changed" in text
    assert "Reusing the cached features of the validation images" in text

    # A damaged cache file is computed again too, with the reason.
    cache.write_bytes(b"not an npz file")
    events = []
    assert isinstance(resume_training(run.path, events.append, from_epoch=1),
                      TrainingFinished)
    assert "the cache file could not be read" in console_of(events)
    with np.load(cache) as stored:
        assert stored["features"].shape[:2] == (1, 36)


def test_augmenting_caches_copies_that_the_epochs_take_in_turn(frozen_config, tmp_path):
    frozen_config = frozen_config.replace(**{
        "augmentation.horizontal_flip": True,
        "augmentation.rotation_range": 30,
        "model.feature_cache_copies": 3,
    })
    data = build_run_data(frozen_config, seed=1)
    model = build_model(frozen_config, len(data.class_names))
    compile_model(model, frozen_config, 2)
    cached = feature_cache.build_cache(model, frozen_config, data, tmp_path)
    features = cached.train.features
    assert features.shape[:2] == (3, 36)
    assert np.abs(features[0] - features[1]).mean() > 0.05 * np.abs(features[0]).mean()
    assert cached.val.features.shape[0] == 1  # validation is never augmented
    train = cached.train
    train.set_epoch(4)  # the fifth epoch uses copy 4 mod 3 = 1
    order = train.index_array[:train.batch_size]
    np.testing.assert_array_equal(train[0][0], features[1][order])
    # The same order of images as the image iterator's in the same epoch.
    data.train.set_epoch(4)
    np.testing.assert_array_equal(order, data.train.index_array[:train.batch_size])


def test_stopping_while_features_are_computed_stops_and_leaves_no_half_cache(frozen_config,
                                                                             tmp_path):
    stop = threading.Event()

    def sink(event):
        if isinstance(event, PhaseStarted) and event.phase == "features":
            stop.set()

    final = run_training(frozen_config, sink, stop, workspace=tmp_path / "runs")
    assert isinstance(final, TrainingStopped)
    folder = RunDir(final.run_dir).path
    assert not list(folder.glob("*features*"))
    assert RunDir(folder).read_state()["status"] == "stopped"
    # Resuming computes the features and trains.
    resumed = resume_training(folder, lambda e: None)
    assert isinstance(resumed, TrainingFinished), getattr(resumed, "details", resumed)
    assert (folder / "features-train.npz").exists()
