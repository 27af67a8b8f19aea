"""Training engine: ``fit_generator`` and friends, model builders, runs. No Qt here.

Importing this package does not import Keras or TensorFlow; the names below load their
module on first use, so the app's window can show before TensorFlow loads.
"""

from fitgen_gui.core.lazy import lazy_exports

_GENERATOR_TRAINING = "fitgen_gui.training.generator_training"
__all__ = ["DataExhaustedWarning", "evaluate_generator", "fit_generator", "predict_generator"]
__getattr__, __dir__ = lazy_exports(__name__, dict.fromkeys(__all__, _GENERATOR_TRAINING))
