"""compat.install() lets Keras 2 tutorial code run unchanged on Keras 3."""

import keras
import numpy as np
import pytest

from fitgen_gui import compat


@pytest.fixture
def installed():
    compat.install()
    yield
    compat.uninstall()


def test_seed_example_from_the_keras_2_docs_runs_as_written(installed, tmp_path):
    # A file of "x1 x1 x1, x2 x2, y" lines, as the docstring's generate_arrays_from_file reads.
    rng = np.random.default_rng(0)
    path = tmp_path / "my_file.txt"
    path.write_text("".join(
        f"{' '.join(map(str, rng.random(3)))},{' '.join(map(str, rng.random(2)))},{i % 2}\n"
        for i in range(50)
    ))

    def process_line(line):
        a, b, label = line.split(",")
        x1 = np.array([[float(v) for v in a.split()]])
        x2 = np.array([[float(v) for v in b.split()]])
        return x1, x2, np.array([[float(label)]])

    # --- the seed text, unchanged, with its file name pointed at the test's file ---
    def generate_arrays_from_file(path):
        while True:
            with open(path) as f:
                for line in f:
                    # create numpy arrays of input data
                    # and labels, from each line in the file
                    x1, x2, y = process_line(line)
                    yield ({'input_1': x1, 'input_2': x2}, {'output': y})

    input_1 = keras.Input((3,), name="input_1")
    input_2 = keras.Input((2,), name="input_2")
    hidden = keras.layers.Concatenate()([input_1, input_2])
    output = keras.layers.Dense(1, activation="sigmoid", name="output")(hidden)
    model = keras.Model([input_1, input_2], output)
    model.compile("adam", "binary_crossentropy")

    history = model.fit_generator(generate_arrays_from_file(str(path)),
                                  steps_per_epoch=100, epochs=2, verbose=0)
    assert history.epoch == [0, 1]
    assert np.isfinite(history.history["loss"]).all()
    assert model.evaluate_generator(generate_arrays_from_file(str(path)), steps=5) > 0
    assert model.predict_generator(generate_arrays_from_file(str(path)), steps=5).shape == (5, 1)


def test_uninstall_removes_the_methods():
    compat.install()
    compat.uninstall()
    assert not hasattr(keras.Model, "fit_generator")


def test_keras_2_imports_of_image_data_generator_work(installed):
    from keras.preprocessing.image import ImageDataGenerator

    from fitgen_gui.data import ImageDataGenerator as Ours

    assert ImageDataGenerator is Ours


def tiny_model(seed=0):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy")
    return model


# TensorFlow variables' __array__ (numpy 2), re-raised by pytest.warns without its module.
@pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")
def test_save_and_load_weights_with_a_keras_2_h5_name(installed, tmp_path):
    # The "classifier from little data" blog script: model.save_weights('first_try.h5').
    path = tmp_path / "first_try.h5"
    saved = tiny_model(seed=1)
    with pytest.warns(DeprecationWarning, match=r"Keras 3 names weights files"):
        saved.save_weights(str(path))
    loaded = tiny_model(seed=2)
    with pytest.warns(DeprecationWarning, match=r"read as one"):
        loaded.load_weights(str(path))
    for a, b in zip(saved.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert not list(tmp_path.glob(".fitgen-weights-*"))  # nothing left beside it


def test_a_real_keras_2_h5_weights_file_still_loads(installed, tmp_path):
    import tf_keras

    tf_keras.utils.set_random_seed(3)
    keras2 = tf_keras.Sequential([tf_keras.Input((3,)), tf_keras.layers.Dense(4, activation="relu"),
                                  tf_keras.layers.Dense(2, activation="softmax")])
    keras2.save_weights(str(tmp_path / "keras2.h5"))
    model = tiny_model()
    model.load_weights(str(tmp_path / "keras2.h5"))
    for a, b in zip(keras2.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_lr_and_decay_mean_what_they_meant_in_keras_2(installed):
    with pytest.warns(DeprecationWarning) as record:
        optimizer = keras.optimizers.RMSprop(lr=0.01, decay=0.1)
    said = " ".join(str(w.message) for w in record)
    assert "`lr` is Keras 2's name of `learning_rate`" in said
    assert "InverseTimeDecay(0.01, decay_steps=1, decay_rate=0.1)" in said
    model = tiny_model()
    model.compile(optimizer, "sparse_categorical_crossentropy")
    x, y = np.random.default_rng(0).random((8, 3)), np.arange(8) % 2
    for _ in range(3):
        model.train_on_batch(x, y)
    # Keras 2: lr / (1 + decay * iterations), here after 3 updates.
    assert float(optimizer.learning_rate) == pytest.approx(0.01 / (1 + 0.1 * 3), rel=1e-6)
    with pytest.warns(DeprecationWarning, match="lr"):
        sgd = keras.optimizers.SGD(lr=0.05, momentum=0.9, nesterov=True)
    assert float(sgd.learning_rate) == pytest.approx(0.05)


def test_uninstall_restores_keras_3(tmp_path):
    compat.install()
    compat.uninstall()
    with pytest.raises(ValueError, match=r"Argument\(s\) not recognized"):
        keras.optimizers.RMSprop(lr=0.01)
    with pytest.raises(ValueError, match=r"must end in `\.weights\.h5`"):
        tiny_model().save_weights(str(tmp_path / "x.h5"))
