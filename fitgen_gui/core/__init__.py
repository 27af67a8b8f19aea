"""Pure-Python core: configuration, events, run-directory format and metric maths.

Nothing here may import Qt, TensorFlow, Keras or NumPy (checked by import-linter).
"""
