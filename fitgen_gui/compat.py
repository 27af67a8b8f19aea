"""Make Keras 2 tutorial code run unchanged on Keras 3.

>>> from fitgen_gui import compat
>>> compat.install()
>>> model.fit_generator(gen, steps_per_epoch=100, epochs=10)   # doctest: +SKIP

:func:`install` adds ``fit_generator``, ``evaluate_generator`` and ``predict_generator`` to
``keras.Model`` (so every model has them again), and puts FitGen's ``ImageDataGenerator``
where Keras 2 code imports it from (``keras.preprocessing.image``). It also gives the
neighbouring APIs that tutorials use their Keras 2 meaning, each with a
``DeprecationWarning`` naming the Keras 3 spelling:

- ``model.save_weights("first_try.h5")`` / ``load_weights``: Keras 3 refuses names not
  ending in ``.weights.h5``; the file is written in Keras 3's weights format under the name
  given, and read back (a real Keras 2 ``.h5`` file is read by Keras 3 itself);
- ``RMSprop(lr=..., decay=...)`` and the other optimizers: ``lr`` is ``learning_rate``, and
  ``decay`` (which Keras 3 ignores with a warning, so training silently differs) becomes
  Keras 2's ``lr / (1 + decay * iterations)``: an ``InverseTimeDecay`` schedule.
"""

from __future__ import annotations

import functools
import inspect
import os
import shutil
import tempfile
import warnings
from typing import Any

__all__ = ["install", "uninstall"]

_METHODS = ("fit_generator", "evaluate_generator", "predict_generator")
_OPTIMIZERS = ("SGD", "RMSprop", "Adam", "Adamax", "Adagrad", "Adadelta", "Nadam", "AdamW",
               "Ftrl")
_ORIGINALS: dict[tuple[Any, str], Any] = {}


def install() -> None:
    """Add the Keras 2 generator methods and ``ImageDataGenerator`` to Keras 3, and Keras 2's
    meaning of ``save_weights("x.h5")``, ``load_weights``, ``lr=`` and ``decay=``."""
    import keras

    from fitgen_gui.training import generator_training

    for name in _METHODS:
        # The functions take the model first, so as class attributes they bind as methods.
        setattr(keras.Model, name, getattr(generator_training, name))
    from fitgen_gui.data import ImageDataGenerator

    keras.preprocessing.image.ImageDataGenerator = ImageDataGenerator
    _patch(keras.Model, "save_weights", _save_weights)
    _patch(keras.Model, "load_weights", _load_weights)
    for name in _OPTIMIZERS:
        cls = getattr(keras.optimizers, name, None)
        if cls is not None and "__init__" in vars(cls):
            _patch(cls, "__init__", _optimizer_init)


def uninstall() -> None:
    """Remove what :func:`install` added."""
    import keras

    for name in _METHODS:
        if name in vars(keras.Model):
            delattr(keras.Model, name)
    if hasattr(keras.preprocessing.image, "ImageDataGenerator"):
        del keras.preprocessing.image.ImageDataGenerator
    for (owner, name), original in list(_ORIGINALS.items()):
        setattr(owner, name, original)
        del _ORIGINALS[(owner, name)]


def _patch(owner: Any, name: str, wrapper: Any) -> None:
    if (owner, name) in _ORIGINALS:
        return  # installed already
    original = vars(owner)[name]
    _ORIGINALS[(owner, name)] = original
    setattr(owner, name, functools.wraps(original)(wrapper(original)))


def _keras2_h5_name(filepath: Any) -> str | None:
    if not isinstance(filepath, str | os.PathLike):
        return None
    path = os.fspath(filepath)
    if path.endswith((".h5", ".hdf5")) and not path.endswith(".weights.h5"):
        return path
    return None


def _save_weights(original: Any) -> Any:
    def save_weights(self: Any, filepath: Any, overwrite: bool = True, **kwargs: Any) -> None:
        path = _keras2_h5_name(filepath)
        if path is None:
            return original(self, filepath, overwrite=overwrite, **kwargs)
        warnings.warn(
            f"save_weights('{os.path.basename(path)}'): Keras 3 names weights files "
            "'NAME.weights.h5'; the weights are saved in Keras 3's format under the name you "
            "gave (load them with load_weights, with compat installed).",
            DeprecationWarning, stacklevel=2)
        if not overwrite and os.path.exists(path):
            raise FileExistsError(f"'{path}' exists and overwrite=False.")
        from fitgen_gui.core.atomic_files import atomic_target

        # Keras 3 writes only names ending in .weights.h5: the temporary file has one.
        staged = os.path.join(os.path.dirname(os.path.abspath(path)),
                              f".{os.path.basename(path)}.tmp.weights.h5")
        with atomic_target(path, temporary=staged):
            original(self, staged, overwrite=True, **kwargs)
        return None

    return save_weights


def _is_keras3_weights(path: str) -> bool:
    import h5py

    try:
        with h5py.File(path, "r") as f:
            return "layer_names" not in f.attrs and "model_weights" not in f
    except OSError:
        return False


def _load_weights(original: Any) -> Any:
    def load_weights(self: Any, filepath: Any, *args: Any, **kwargs: Any) -> Any:
        path = _keras2_h5_name(filepath)
        if path is None or not os.path.exists(path) or not _is_keras3_weights(path):
            # A real Keras 2 .h5 file: Keras 3 reads those itself.
            return original(self, filepath, *args, **kwargs)
        warnings.warn(
            f"load_weights('{os.path.basename(path)}'): Keras 3 names weights files "
            "'NAME.weights.h5'; this one is read as one.", DeprecationWarning, stacklevel=2)
        with tempfile.TemporaryDirectory(prefix="fitgen-weights-") as tmp:
            staged = os.path.join(tmp, "staged.weights.h5")
            shutil.copyfile(path, staged)
            return original(self, staged, *args, **kwargs)

    return load_weights


def _optimizer_init(original: Any) -> Any:
    parameters = inspect.signature(original).parameters
    default_rate = parameters["learning_rate"].default if "learning_rate" in parameters \
        else 0.001

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        name = type(self).__name__
        if "lr" in kwargs:
            if "learning_rate" in kwargs or args:
                raise TypeError(f"{name}: give the learning rate once (lr is Keras 2's name "
                                "for learning_rate).")
            warnings.warn(f"{name}(lr=...): `lr` is Keras 2's name of `learning_rate`; use "
                          "learning_rate=... instead.", DeprecationWarning, stacklevel=2)
            kwargs["learning_rate"] = kwargs.pop("lr")
        decay = kwargs.pop("decay", None)
        if decay:
            import keras

            if args:
                kwargs["learning_rate"], args = args[0], args[1:]
            rate = kwargs.get("learning_rate", default_rate)
            warnings.warn(
                f"{name}(decay={decay}): Keras 3 ignores `decay`; it is applied as Keras 2 "
                "did, lr / (1 + decay * iterations). In Keras 3 write learning_rate="
                f"keras.optimizers.schedules.InverseTimeDecay({rate}, decay_steps=1, "
                f"decay_rate={decay}).", DeprecationWarning, stacklevel=2)
            if not isinstance(rate, keras.optimizers.schedules.LearningRateSchedule):
                kwargs["learning_rate"] = keras.optimizers.schedules.InverseTimeDecay(
                    rate, decay_steps=1, decay_rate=decay)
        original(self, *args, **kwargs)

    return __init__
