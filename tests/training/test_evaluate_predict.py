"""evaluate_generator and predict_generator follow the same input rules as fit_generator."""

import io

import keras
import numpy as np
import pytest

from fitgen_gui.training import evaluate_generator, predict_generator
from tests.training.conftest import CountingGenerator, IdDataset, batch_with_id, dense_classifier


def test_evaluate_generator_matches_keras_evaluate():
    model = dense_classifier()
    batches = [batch_with_id(i) for i in range(3)]
    loss, accuracy = evaluate_generator(model, iter(batches), steps=3)
    x = np.concatenate([b[0] for b in batches])
    y = np.concatenate([b[1] for b in batches])
    expected = model.evaluate(x, y, batch_size=8, verbose=0, return_dict=True)
    assert loss == pytest.approx(expected["loss"], rel=1e-5)
    assert accuracy == pytest.approx(expected["accuracy"])


def test_evaluate_generator_returns_a_scalar_without_metrics_and_uses_len_of_a_pydataset():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy")
    dataset = IdDataset(n=3)
    result = evaluate_generator(model, dataset, workers=2)
    assert isinstance(result, float)
    assert sorted(i for i in dataset.log if i != "end") == [0, 1, 2]


def test_evaluate_generator_needs_steps_for_a_generator():
    with pytest.raises(ValueError, match="steps is needed when the evaluation data is a generator"):
        evaluate_generator(dense_classifier(), iter(CountingGenerator()))


def test_evaluate_generator_checks_the_contract():
    with pytest.raises(ValueError, match="Each evaluation batch must be a tuple"):
        evaluate_generator(dense_classifier(), iter([np.zeros((8, 4))]), steps=1)


@pytest.mark.parametrize("workers", [0, 2])
def test_predict_generator_concatenates_in_order(workers):
    model = dense_classifier()
    inputs = [batch_with_id(i)[0] for i in range(3)]
    predicted = predict_generator(model, iter(inputs), steps=3, workers=workers)
    np.testing.assert_allclose(predicted, model.predict(np.concatenate(inputs), verbose=0),
                               rtol=1e-5, atol=1e-6)
    # (x, y) batches: the targets are ignored.
    from_tuples = predict_generator(model, IdDataset(n=3), workers=workers)
    assert from_tuples.shape == (24, 3)


def test_predict_generator_progress_bar():
    out = io.StringIO()
    predict_generator(dense_classifier(), IdDataset(n=2), verbose=1, stream=out)
    assert out.getvalue().startswith("2/2 ━━━━")
