"""FitGen: train image classifiers from folders of images, with or without code.

Importing this package is cheap: it loads neither Qt nor TensorFlow.
"""

__version__ = "0.1.0"
