"""The settings tabs on the left: data, augmentation, model, fit options, runs."""
