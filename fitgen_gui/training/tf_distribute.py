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
import warnings
from typing import Any

import keras
import numpy as np

__all__ = ["DistributedSteps", "broadcast_int", "distributed_steps", "replicas_of",
           "same_on_all_workers", "workers_of"]


def _strategy(model: Any) -> Any | None:
    if keras.backend.backend() != "tensorflow":
        return None
    strategy = getattr(model, "distribute_strategy", None)
    if strategy is None or strategy.num_replicas_in_sync <= 1:
        return None
    return strategy


def workers_of(strategy: Any) -> int:
    """Processes (machines) that train together under ``strategy`` (1 on one machine)."""
    local = len(strategy.extended.worker_devices)
    return max(1, int(strategy.num_replicas_in_sync) // max(1, local))


def _sum_over_workers(strategy: Any, value: int) -> int:
    """The sum of each worker's ``value`` (a collective: every worker must call it)."""
    import tensorflow as tf

    local = len(strategy.extended.worker_devices)
    values = strategy.experimental_distribute_values_from_function(
        lambda context: tf.constant(value, tf.int64))
    total = strategy.reduce(tf.distribute.ReduceOp.SUM, values, axis=None)
    return int(total.numpy()) // local  # each worker's replicas all gave its value


def broadcast_int(strategy: Any, value: int, is_chief: bool) -> int:
    """The chief's ``value`` on every worker (a collective: every worker must call it)."""
    return _sum_over_workers(strategy, int(value) if is_chief else 0)


def same_on_all_workers(strategy: Any, value: int, is_chief: bool) -> bool:
    """Whether every worker has the chief's ``value`` (every worker gets the same answer)."""
    chief = broadcast_int(strategy, value, is_chief)
    return _sum_over_workers(strategy, int(chief != value)) == 0


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
        self.workers = workers_of(strategy)
        self.last_shares: list[int] = []  # the samples of each replica in the last batch
        local = list(strategy.extended.worker_devices)
        jit = getattr(model, "jit_compile", False) is True
        if jit and any("CPU" in d for d in local):
            # TensorFlow's XLA has no all-reduce on the CPU ("Collectives are not yet
            # implemented for CPU devices when compiling with XLA", then an abort), and
            # compiles for one CPU device (a split CPU fails with "Trying to access resource
            # ... located in device CPU:1 from device CPU:0"). On GPUs it has both.
            warnings.warn("XLA compilation is off when CPU devices train together "
                          "(TensorFlow's XLA has no all-reduce on the CPU); the training step "
                          "runs without it.", RuntimeWarning, stacklevel=2)
            jit = False
            # Keras's own steps too (the predictions of the one-class check, evaluation):
            # compiled for one CPU device, they would read the other replicas' variables.
            model.jit_compile = False
            model.predict_function = model.test_function = None

        def step(run_step: Any) -> Any:
            if jit:
                # XLA compiles each replica's step; the all-reduce stays outside it (what
                # Keras's own fit does under a strategy).
                run_step = tf.function(run_step, jit_compile=True, reduce_retracing=True)

            def distributed(data: Any) -> Any:
                strategy.run(run_step, args=(data,))
                # Read in the same call, in the strategy's context: the metrics over all
                # replicas, and each metric variable (the run recorder's per-batch values);
                # read one by one outside, each would be its own round trip between workers.
                return model.get_metrics_result(), {
                    v.path: v.value for m in model.metrics for v in m.variables}
            return tf.function(distributed, reduce_retracing=True)

        self._train = step(model.train_step)
        self._test = step(model.test_step)
        self._built = False
        self._metric_values: dict[str, np.ndarray] | None = None

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

    def _logs(self, outputs: Any) -> dict:
        results, values = outputs
        self._metric_values = {k: np.asarray(v) for k, v in values.items()}
        return {k: float(v) for k, v in results.items()}

    def take_metric_values(self) -> dict[str, np.ndarray] | None:
        """Each metric variable's value (by path) read by the last step, once; None after.

        What the run recorder uses instead of reading each variable again (see
        :class:`~fitgen_gui.training.fit_context.FitContext`).
        """
        values, self._metric_values = self._metric_values, None
        return values

    def train_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None,
                       return_dict: bool = True) -> dict:
        return self._logs(self._train(self._split(x, y, sample_weight)))

    def test_on_batch(self, x: Any, y: Any = None, sample_weight: Any = None,
                      return_dict: bool = True) -> dict:
        return self._logs(self._test(self._split(x, y, sample_weight)))

    def agree(self, flag: bool) -> bool:
        """True on every worker when ``flag`` is True on any (a stop, a failed save...).

        Every worker must run the same steps: one that stops alone would leave the
        others waiting for it in the next all-reduce. On one machine it is ``flag``.
        """
        if self.workers <= 1:
            return bool(flag)
        return _sum_over_workers(self.strategy, int(bool(flag))) > 0


def distributed_steps(model: Any) -> DistributedSteps | None:
    """Steps for ``model``'s strategy when it has more than one replica; else None."""
    strategy = _strategy(model)
    return None if strategy is None else DistributedSteps(model, strategy)


def cluster_trial(strategy: Any, is_chief: bool, steps: int = 10) -> dict[str, Any]:
    """Train a tiny model ``steps`` steps on every worker of ``strategy``'s cluster.

    What ``fitgen cluster-check`` runs before a real run: the all-reduce of every step
    crosses the network. Returns the seconds of the first step (building and tracing) and
    of the others, the final loss, and whether every worker ended with the chief's
    weights (the same bytes).
    """
    import time
    import zlib

    rng = np.random.default_rng(0)
    size = 8 * int(strategy.num_replicas_in_sync)
    x = rng.normal(size=(size, 16)).astype("float32")
    y = rng.integers(0, 3, size)
    with strategy.scope():
        model = keras.Sequential([keras.Input((16,)), keras.layers.Dense(32, activation="relu"),
                                  keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer=keras.optimizers.SGD(0.1),
                      loss="sparse_categorical_crossentropy")
    runner = DistributedSteps(model, strategy)
    started = time.perf_counter()
    logs = runner.train_on_batch(x, y)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(max(0, steps - 1)):
        logs = runner.train_on_batch(x, y)
    rest = time.perf_counter() - started
    weights = b"".join(np.asarray(w, np.float32).tobytes() for w in model.get_weights())
    same = same_on_all_workers(strategy, zlib.crc32(weights), is_chief)
    return {"first_step_s": first, "step_s": rest / max(1, steps - 1), "loss": logs["loss"],
            "same_weights": same, "replicas": int(strategy.num_replicas_in_sync)}
