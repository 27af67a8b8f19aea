"""Dialogs: export, the loader tuner, resume."""
