"""An exception that ended a run, in FitGen's words for the person who can act on it.

A run never raises: whatever ends it becomes a ``TrainingFailed`` event whose message says
what happened and what to do (a smaller batch for an out-of-memory error, another folder
for one that cannot be written, ``fitgen worker --resume`` when a cluster's worker went
silent, the data's own traceback for a batch it failed to build), and whether a
checkpoint is kept. Errors FitGen already words (``UserError``) pass through as they are;
any other keeps its own class name and text.
"""

from __future__ import annotations

import re

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.run_dir import CheckpointInfo
from fitgen_gui.data.batch_streams import DataFailure
from fitgen_gui.training import tf_devices

__all__ = ["failure_message"]


def failure_message(exc: BaseException, config: RunConfig | None,
                    checkpoint: CheckpointInfo | None,
                    data_failure: DataFailure | None = None) -> str:
    """Words for people, for the errors they can act on.

    Parameters
    ----------
    exc
        What ended the run.
    config
        The run's settings, when they were read (the batch size an out-of-memory error
        suggests halving).
    checkpoint
        The run's latest checkpoint, said to be kept, or None.
    data_failure
        The batch the data last failed on: named when its error is ``exc``.
    """
    if isinstance(exc, UserError):
        return str(exc)
    kept = (f" The last checkpoint ({checkpoint.label}) is kept." if checkpoint
            else " No checkpoint was saved yet.")
    words = (_out_of_memory(exc, config, kept) or _cannot_write(exc)
             or _cluster_lost(exc, kept) or _data_failed(exc, data_failure, kept))
    return words or f"{type(exc).__name__}: {exc}"


def _out_of_memory(exc: BaseException, config: RunConfig | None, kept: str) -> str | None:
    text = str(exc)
    if not (isinstance(exc, MemoryError) or "ResourceExhausted" in type(exc).__name__
            or "OOM" in text or "out of memory" in text.lower()):
        return None
    size = config.data.batch_size if config else None
    hint = f" Try a batch size of {max(1, size // 2)} (now {size})" if size else ""
    return ("Out of memory: the batch does not fit in the "
            f"{'GPU' if 'GPU' in text else 'memory'}.{hint}, a smaller image size, or a "
            f"smaller model.{kept}")


def _cannot_write(exc: BaseException) -> str | None:
    if not (isinstance(exc, PermissionError | OSError) and getattr(exc, "filename", None)):
        return None
    return (f"Cannot write '{exc.filename}': {exc.strerror or exc}. Choose a folder you "
            "can write to (File > Workspace, or --runs-dir).")


def _cluster_lost(exc: BaseException, kept: str) -> str | None:
    """A worker of the cluster this process joined stopped answering."""
    cluster = tf_devices.joined_cluster()
    text = str(exc)
    if cluster is None or not ("Collective ops is aborted" in text or type(exc).__name__ in (
            "UnavailableError", "AbortedError", "DeadlineExceededError")):
        return None
    # TensorFlow names the silent task after "unhealthy"; elsewhere its text may name this
    # worker's own devices.
    unhealthy = text.split("unhealthy", 1)[-1]
    tasks = [int(t) for t in re.findall(r"/job:(?:worker|chief)/replica:\d+/task:(\d+)",
                                        unhealthy)]
    others = [t for t in tasks if t != cluster.index and t < len(cluster.workers)]
    who = cluster.worker_text(others[0]).capitalize() if others else "Another worker"
    return (f"{who} of the cluster stopped answering (it was stopped, or its machine or "
            f"the network failed), so every worker stopped.{kept} To continue, start "
            "`fitgen worker --resume RUN_FOLDER` on every machine.")


def _data_failed(exc: BaseException, failure: DataFailure | None, kept: str) -> str | None:
    """The data (a generator, a PyDataset, a data file's code) raised for a batch."""
    if failure is None or failure.error is not exc:
        return None
    text = str(exc)
    first_line = text.splitlines()[0] if text else ""
    return (f"The {failure.role} data failed while building batch {failure.batch + 1}: "
            f"{type(exc).__name__}: {first_line}. The error came from the data itself (the "
            f"details show its traceback); training stopped.{kept}")
