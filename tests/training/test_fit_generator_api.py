"""fit_generator's arguments keep their Keras 2 meaning: validation, class weights, epochs,
the batch contract, progress text, callbacks and the Keras 1 names."""

import io
import sys

import keras
import numpy as np
import pytest

from fitgen_gui.training import fit_generator
from tests.training.conftest import (
    CountingGenerator,
    IdDataset,
    batch_with_id,
    dense_classifier,
    recording_model,
)


def endless(size=8):
    return iter(CountingGenerator(size=size))


# -- validation --------------------------------------------------------------------------


def test_validation_from_a_generator_continues_its_stream():
    model = recording_model()
    history = fit_generator(model, endless(), steps_per_epoch=2, epochs=3, verbose=0,
                            validation_data=endless(), validation_steps=2)
    assert model.tested_ids == [0, 1, 2, 3, 4, 5]
    assert set(history.history) == {"loss", "val_loss"}
    assert len(history.history["val_loss"]) == 3


def test_validation_from_a_pydataset_uses_every_batch_each_time():
    model = recording_model()
    fit_generator(model, endless(), steps_per_epoch=2, epochs=2, verbose=0,
                  validation_data=IdDataset(n=3))
    assert model.tested_ids == [0, 1, 2, 0, 1, 2]


def test_validation_from_arrays_and_sample_weights():
    x, y = batch_with_id(0, size=20)
    history = fit_generator(dense_classifier(), endless(), steps_per_epoch=2, epochs=2,
                            verbose=0, validation_data=(x, y, np.ones(20)))
    assert len(history.history["val_accuracy"]) == 2
    # Arrays are cut in batches of the training batch size (8): 20 samples -> 3 batches.
    model = recording_model()
    fit_generator(model, endless(), steps_per_epoch=1, epochs=1, verbose=0,
                  validation_data=(x, y))
    assert len(model.tested_ids) == 3


def test_validation_metrics_match_evaluate():
    model = dense_classifier(lr=0.0)  # nothing changes, so the two must agree
    x, y = batch_with_id(3, size=24)
    history = fit_generator(model, endless(), steps_per_epoch=2, verbose=0,
                            validation_data=(x, y))
    expected = model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)
    assert history.history["val_loss"][0] == pytest.approx(expected["loss"], rel=1e-5)
    assert history.history["val_accuracy"][0] == pytest.approx(expected["accuracy"])


def test_epoch_metrics_are_epoch_averages_like_fit():
    model = dense_classifier(lr=0.0)
    batches = [batch_with_id(i) for i in range(4)]
    history = fit_generator(model, iter(batches), steps_per_epoch=4, verbose=0)
    x = np.concatenate([b[0] for b in batches])
    y = np.concatenate([b[1] for b in batches])
    expected = model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)
    assert history.history["loss"][0] == pytest.approx(expected["loss"], rel=1e-5)
    assert history.history["accuracy"][0] == pytest.approx(expected["accuracy"])


def test_validation_freq():
    model = recording_model()
    history = fit_generator(model, endless(), steps_per_epoch=1, epochs=4, verbose=0,
                            validation_data=endless(), validation_steps=1, validation_freq=2)
    assert len(history.history["val_loss"]) == 2
    assert len(model.tested_ids) == 2
    model = recording_model()
    fit_generator(model, endless(), steps_per_epoch=1, epochs=4, verbose=0,
                  validation_data=endless(), validation_steps=1, validation_freq=[1, 4])
    assert len(model.tested_ids) == 2


def test_validation_generator_without_steps_is_a_clear_error():
    with pytest.raises(ValueError, match="validation_steps is needed when validation_data is a "
                                         "generator"):
        fit_generator(dense_classifier(), endless(), steps_per_epoch=1, verbose=0,
                      validation_data=endless())


# -- class weights -----------------------------------------------------------------------


def weighted_first_loss(**kwargs):
    model = dense_classifier(lr=0.0)
    history = fit_generator(model, iter([batch_with_id(5)]), steps_per_epoch=1, verbose=0,
                            **kwargs)
    return history.history["loss"][0]


def test_class_weight_on_a_plain_generator_equals_the_same_sample_weights():
    x, y = batch_with_id(5)
    class_weight = {0: 0.0, 1: 1.0, 2: 3.0}
    with_class_weight = weighted_first_loss(class_weight=class_weight)
    model = dense_classifier(lr=0.0)
    weights = np.array([class_weight[int(c)] for c in y], dtype="float32")
    expected = model.evaluate(x, y, sample_weight=weights, verbose=0, return_dict=True)["loss"]
    assert with_class_weight == pytest.approx(expected, rel=1e-5)
    assert with_class_weight != pytest.approx(weighted_first_loss(), rel=1e-3)


def test_class_weight_with_one_hot_targets_and_pydataset():
    class OneHot(keras.utils.PyDataset):
        def __len__(self):
            return 2

        def __getitem__(self, index):
            x, y = batch_with_id(index)
            return x, keras.utils.to_categorical(y, 3)

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile("sgd", "categorical_crossentropy")
    plain = fit_generator(model, OneHot(), verbose=0, shuffle=False).history["loss"][0]
    model.set_weights([np.zeros_like(w) for w in model.get_weights()])
    zero_weighted = fit_generator(model, OneHot(), verbose=0, shuffle=False,
                                  class_weight={0: 0, 1: 0, 2: 0}).history["loss"][0]
    assert zero_weighted == 0.0
    assert plain > 0


def test_class_weight_missing_a_class_names_it():
    with pytest.raises(ValueError, match="no weight for class 2"):
        weighted_first_loss(class_weight={0: 1.0, 1: 2.0})


# -- epochs ------------------------------------------------------------------------------


def test_initial_epoch_and_final_epoch():
    source = CountingGenerator()
    history = fit_generator(dense_classifier(), iter(source), steps_per_epoch=2, epochs=5,
                            initial_epoch=3, verbose=0)
    assert history.epoch == [3, 4]
    assert source.calls == 4


# -- the batch contract ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("batch", "message"),
    [
        (np.zeros((8, 4)), r"must be a tuple \(inputs, targets\) or \(inputs, targets, "
                           r"sample_weights\); got a ndarray of shape \(8, 4\)"),
        ((np.zeros((8, 4)),), "got a tuple of 1 items"),
        ((np.zeros((8, 4)), np.zeros(8), np.ones(8), np.ones(8)), "got a tuple of 4 items"),
        ((np.zeros((8, 4)), np.zeros(7)), "same number of samples; got inputs: 8, targets: 7"),
        ((np.zeros((8, 4)), np.zeros(8), np.ones(6)), "sample_weights: 6"),
        (({"pixels": np.zeros((8, 4))}, np.zeros(8)),
         r"inputs dict has keys \['pixels'\], but the model's inputs are named \['features'\]"),
        ((np.zeros((8, 4)), {"label": np.zeros(8)}),
         r"targets dict has keys \['label'\], but the model's targets are named "
         r"\['probabilities'\]"),
        ((np.zeros((8, 4)), 3.0), "targets must be arrays; got a float"),
    ],
)
def test_first_batch_is_checked_against_the_contract(batch, message):
    with pytest.raises(ValueError, match=message):
        fit_generator(dense_classifier(), iter([batch]), steps_per_epoch=1, verbose=0)


def test_dict_inputs_and_targets_by_name_work_for_single_output_models():
    x, y = batch_with_id(0)
    history = fit_generator(dense_classifier(), iter([({"features": x}, {"probabilities": y})]),
                            steps_per_epoch=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])


def test_multi_input_multi_output_dicts():
    a = keras.Input((3,), name="a")
    b = keras.Input((2,), name="b")
    joined = keras.layers.Concatenate()([a, b])
    model = keras.Model([a, b], [keras.layers.Dense(1, name="score")(joined),
                                 keras.layers.Dense(2, name="kind", activation="softmax")(joined)])
    model.compile("sgd", {"score": "mse", "kind": "sparse_categorical_crossentropy"})

    def generator():
        while True:
            yield ({"a": np.ones((4, 3)), "b": np.ones((4, 2)), "unused": np.ones((4, 9))},
                   {"score": np.ones((4, 1)), "kind": np.zeros(4)})

    history = fit_generator(model, generator(), steps_per_epoch=2, verbose=0)
    assert {"loss", "score_loss", "kind_loss"} <= set(history.history)
    with pytest.raises(ValueError, match=r"missing \['b'\]"):
        fit_generator(model, iter([({"a": np.ones((4, 3))}, {"score": np.ones((4, 1)),
                                                             "kind": np.zeros(4)})]),
                      steps_per_epoch=1, verbose=0)
    with pytest.raises(ValueError, match="class_weight dict works with single-output models"):
        fit_generator(model, generator(), steps_per_epoch=1, verbose=0, class_weight={0: 1})


def test_uncompiled_model_is_a_clear_error():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    with pytest.raises(RuntimeError, match="must be compiled"):
        fit_generator(model, endless(), steps_per_epoch=1, verbose=0)


# -- progress text -----------------------------------------------------------------------


def test_verbose_1_writes_a_keras_style_bar_per_epoch():
    out = io.StringIO()
    fit_generator(dense_classifier(), endless(), steps_per_epoch=3, epochs=2, verbose=1,
                  stream=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Epoch 1/2"
    assert lines[1].startswith("3/3 ━━━━━━━━━━━━━━━━━━━━ ")
    assert " - accuracy: " in lines[1] and " - loss: " in lines[1]
    assert lines[2].startswith("Input: waited for data ")  # the input-bound share
    assert lines[3] == "Epoch 2/2"
    assert len(lines) == 6  # a file gets final lines only, no redraws


def test_verbose_1_redraws_in_place_on_a_terminal_like_stream():
    class Console(io.StringIO):
        supports_carriage_return = True

    out = Console()
    fit_generator(dense_classifier(), endless(), steps_per_epoch=3, verbose=1, stream=out)
    assert "\r1/3 " in out.getvalue() or "\r2/3 " in out.getvalue()
    assert out.getvalue().endswith("\n")


def test_verbose_2_writes_one_line_per_epoch():
    out = io.StringIO()
    x, y = batch_with_id(0)
    fit_generator(dense_classifier(), endless(), steps_per_epoch=3, epochs=2, verbose=2,
                  stream=out, validation_data=(x, y))
    lines = out.getvalue().splitlines()
    assert lines[0] == "Epoch 1/2"
    assert lines[1].startswith("3/3 - ") and "/step - accuracy: " in lines[1]
    assert "val_loss" in lines[1]
    assert lines[2].startswith("Input: waited for data ") and "input-bound" in lines[2]
    assert len(lines) == 6


def test_verbose_0_is_silent(capsys):
    fit_generator(dense_classifier(), endless(), steps_per_epoch=2, verbose=0)
    assert capsys.readouterr().out == ""


def test_no_stdout_in_a_windowed_app_does_not_fail(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    history = fit_generator(dense_classifier(), endless(), steps_per_epoch=2, verbose=1)
    assert len(history.history["loss"]) == 1


def test_stream_that_cannot_encode_the_bar_glyph_gets_ascii():
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="cp1252")
    fit_generator(dense_classifier(), endless(), steps_per_epoch=2, verbose=1, stream=out)
    out.flush()
    assert "2/2 ====================" in raw.getvalue().decode("cp1252")


# -- callbacks ---------------------------------------------------------------------------


def test_callbacks_get_params_logs_and_can_stop_after_the_current_batch():
    seen = {}

    class StopAtBatch1(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            seen["params"] = dict(self.params)

        def on_train_batch_end(self, batch, logs=None):
            seen.setdefault("batch_logs", []).append(dict(logs))
            if batch == 1:
                self.model.stop_training = True

    model = recording_model()
    history = fit_generator(model, endless(), steps_per_epoch=5, epochs=3, verbose=0,
                            validation_data=endless(), validation_steps=2,
                            callbacks=[StopAtBatch1()])
    assert seen["params"] == {"verbose": 0, "epochs": 3, "steps": 5}
    assert set(seen["batch_logs"][0]) == {"loss"}
    assert model.trained_ids == [0, 1]
    assert model.tested_ids == []  # stopped mid-epoch: no validation, as in Keras 2
    assert history.epoch == [0]


def test_early_stopping_works():
    history = fit_generator(
        dense_classifier(lr=0.0), endless(), steps_per_epoch=2, epochs=10, verbose=0,
        validation_data=endless(), validation_steps=1,
        callbacks=[keras.callbacks.EarlyStopping(monitor="loss", patience=1, min_delta=10)],
    )
    assert len(history.epoch) == 2


# -- Keras 1 names -----------------------------------------------------------------------


def test_keras_1_argument_names_work_with_a_deprecation_warning():
    source = CountingGenerator()
    model = recording_model()
    with pytest.warns(DeprecationWarning) as record:
        history = fit_generator(model, iter(source), samples_per_epoch=20, nb_epoch=2,
                                verbose=0, max_q_size=3, pickle_safe=False,
                                validation_data=endless(), nb_val_samples=16)
    named = {str(w.message).split("`")[1] for w in record}
    assert named == {"samples_per_epoch", "nb_epoch", "max_q_size", "pickle_safe",
                     "nb_val_samples"}
    assert all(w.filename == __file__ for w in record)  # points at the caller's line
    assert history.params == {"verbose": 0, "epochs": 2, "steps": 3}  # ceil(20 / 8)
    assert model.trained_ids == list(range(6))
    assert len(model.tested_ids) == 4  # ceil(16 / 8) per epoch


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="unexpected keyword argument 'epoch'"):
        fit_generator(dense_classifier(), endless(), steps_per_epoch=1, epoch=3)
