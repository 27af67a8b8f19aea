"""The run engine behind Train, Stop and Resume, in named steps.

``fitgen_gui.training.runner`` is its entry point (``run_training``, ``resume_training``);
the modules here are the steps a run goes through, in order:

- :mod:`.start`: ``run_training`` and :func:`~.start.execute`, the frame every run goes
  through (prepare, train, one final event, the folder unlocked);
- :mod:`.resume`: ``resume_training`` and what preparing a resume checks and says;
- :mod:`.session`: what every step shares (sink, stop, console, run folder, lock);
- :mod:`.phases`: the steps before the first batch (device and seed, data, model);
- :mod:`.fitting`: the callbacks, the feature cache and fine-tuning's two phases;
- :mod:`.outcome`: the final event of a run that trained, and its ``model.keras``;
- :mod:`.failures`: an exception in FitGen's words.
"""
