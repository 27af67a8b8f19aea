"""Data: folder scanning, decoding, ``ImageDataGenerator`` and its PyDataset iterators."""
