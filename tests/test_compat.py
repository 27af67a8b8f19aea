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
