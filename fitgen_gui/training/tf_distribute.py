"""Training steps under a ``tf.distribute`` strategy: each replica trains on its share.

A model built and compiled in ``strategy.scope()`` carries its strategy. Keras 3's
``train_on_batch`` hands every replica the whole batch (the work done twice on two devices)
and its ``fit`` fails under ``MultiWorkerMirroredStrategy`` (keras-team/keras#20585).
FitGen's loop gives each replica its slice of the batch
(``experimental_distribute_values_from_function``) and runs Keras's own ``train_step`` on
it with ``strategy.run``: the loss is scaled per replica, the gradients are all-reduced by
the optimizer, and the metrics, read outside the replicas, are those of the whole batch.

Under ``MultiWorkerMirroredStrategy`` every worker reads the same global batch from its
own (identically seeded) data and takes the slices of its own replicas.

TensorFlow-specific (hence the name).
"""

from __future__ import annotations

import itertools
from typing import Any

import keras
import numpy as np

__all__ = ["DistributedSteps", "distributed_steps", "replicas_of"]


def _strategy(model: Any) -> Any | None:
    if keras.backend.backend() != "tensorflow":
        return None
    strategy = getattr(model, "distribute_strategy", None)
    if strategy is None or strategy.num_replicas_in_sync <= 1:
        return None
    return strategy


def replicas_of(model: Any) -> int:
    """Replicas that train ``model`` together (1 without a strategy)."""
    strategy = _strategy(model)
    return 1 if strategy is None else int(strategy.num_replicas_in_sync)


class DistributedSteps:
    """``train_on_batch`` and ``test_on_batch`` with the global batch split across replicas.

    The metrics are not reset between batches (FitGen's loop resets them at each epoch),
    and the logs are the metrics over all replicas.
    """

    def __init__(self, model: keras.Model, strategy: Any) -> None:
        import tensorflow as tf

        self.model = model
        self.strategy = strategy
        self.replicas = int(strategy.num_replicas_in_sync)
        self.last_shares: list[int] = []  # the samples of each replica in the last batch
        self._train = tf.function(
            lambda data: strategy.run(model.train_step, args=(data,)), reduce_retracing=True)
        self._test = tf.function(
            lambda data: strategy.run(model.test_step, args=(data,)), reduce_retracing=True)
        self._built = False

    def _split(self, x: Any, y: Any, sample_weight: Any) -> Any:
        import tensorflow as tf

        data = tuple(part for part in (x, y, sample_weight) if part is not None)
        arrays = keras.tree.map_structure(np.asarray, data)
        size = len(keras.tree.flatten(arrays)[0])
        if size < self.replicas:
            raise ValueError(
                f"A batch of {size} sample(s) cannot be shared by {self.replicas} replicas: use "
                f"a batch size that is a multiple of {self.replicas}, or fewer devices.")
        bounds = np.linspace(0, size, self.replicas + 1).round().astype(int)
        self.last_shares = [int(b - a) for a, b in itertools.pairwise(bounds)]
        if not self._built:
            # Metrics, loss and optimizer state are made before the first step, in the
            # strategy's scope (what Keras's train_on_batch does before its own step), from
            # one replica's share.
            first = keras.tree.map_structure(lambda a: a[:bounds[1]], arrays)
            with self.strategy.scope():
                self.model._symbolic_build(data_batch=first)
                if self.model.optimizer is not None and not self.model.optimizer.built:
                    self.model.optimizer.build(self.model.trainable_variables)
            self._built = True

        def share(context: Any) -> Any:
            i = context.replica_id_in_sync_group
            return keras.tree.map_structure(
                lambda a: tf.constant(a[bounds[i]:bounds[i + 1]]), arrays)

        return self.strategy.experimental_distribute_values_from_function(share)

    def _logs(self) -> dict:
        return {k: float(v) for k, v in self.model.get_metrics_result().items()}

    def train_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None,
                       return_dict: bool = True) -> dict:
        self._train(self._split(x, y, sample_weight))
        return self._logs()

    def test_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None,
                      return_dict: bool = True) -> dict:
        self._test(self._split(x, y, sample_weight))
        return self._logs()


def distributed_steps(model: Any) -> DistributedSteps | None:
    """Steps for ``model``'s strategy when it has more than one replica; else None."""
    strategy = _strategy(model)
    return None if strategy is None else DistributedSteps(model, strategy)
