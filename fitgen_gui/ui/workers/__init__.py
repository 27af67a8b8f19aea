"""Work off the GUI thread and its one way back: background tasks, the training controller,
model jobs, TensorFlow's loading."""
