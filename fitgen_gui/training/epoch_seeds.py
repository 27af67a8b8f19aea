"""``EpochSeeds``: the model's random draws (dropout, stochastic depth) keyed by the epoch.

Keras keeps each random layer's generator state in a ``seed_generator_state`` variable that
a saved model does not contain, so a resumed process would draw other dropout masks than the
run it continues. Setting every such state from ``(seed, epoch, index)`` at the start of each
epoch makes epoch K draw the same masks whether the run went through or was resumed at K;
with the data already keyed by seed and epoch, a resumed run repeats the whole one.
"""

from __future__ import annotations

import keras
import numpy as np

__all__ = ["EpochSeeds"]


class EpochSeeds(keras.callbacks.Callback):
    def __init__(self, seed: int) -> None:
        super().__init__()
        self.seed = int(seed)

    def _states(self) -> list:
        return [v for v in self.model.variables if v.name == "seed_generator_state"]

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        for index, state in enumerate(self._states()):
            key = np.random.SeedSequence([self.seed, epoch, index]).generate_state(1)[0]
            state.assign(np.array([key, 0], dtype=state.dtype))
