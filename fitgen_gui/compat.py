"""Make Keras 2 tutorial code run unchanged on Keras 3.

>>> from fitgen_gui import compat
>>> compat.install()
>>> model.fit_generator(gen, steps_per_epoch=100, epochs=10)   # doctest: +SKIP

:func:`install` adds ``fit_generator``, ``evaluate_generator`` and ``predict_generator`` to
``keras.Model`` (so every model has them again), and puts FitGen's ``ImageDataGenerator``
where Keras 2 code imports it from (``keras.preprocessing.image``).
"""

from __future__ import annotations

__all__ = ["install", "uninstall"]

_METHODS = ("fit_generator", "evaluate_generator", "predict_generator")


def install() -> None:
    """Add the Keras 2 generator methods and ``ImageDataGenerator`` to Keras 3."""
    import keras

    from fitgen_gui.training import generator_training

    for name in _METHODS:
        # The functions take the model first, so as class attributes they bind as methods.
        setattr(keras.Model, name, getattr(generator_training, name))
    from fitgen_gui.data import ImageDataGenerator

    keras.preprocessing.image.ImageDataGenerator = ImageDataGenerator


def uninstall() -> None:
    """Remove what :func:`install` added."""
    import keras

    for name in _METHODS:
        if name in vars(keras.Model):
            delattr(keras.Model, name)
    if hasattr(keras.preprocessing.image, "ImageDataGenerator"):
        del keras.preprocessing.image.ImageDataGenerator
