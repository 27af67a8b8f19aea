"""What is shown on the right: the preview, the training, the batches, the evaluation,
predictions."""
