"""Profile a range of training batches for TensorBoard, with the step markers its input
pipeline analysis needs, and read the profiler's verdict back.

Keras 3's ``TensorBoard(profile_batch=...)`` writes profiles whose input-pipeline page says
"No step marker observed" (TF 2.21). Here each profiled batch is one
``tf.profiler.experimental.Trace("train", step_num=N, _r=1)`` spanning from the end of the
batch before to the end of this one, so it covers the wait for the batch as well as its
step; the profiler then grades the run as it does for ``tf.data``. Batches are counted from
1 over the whole run, as the console and the batch tap count them.

TensorFlow backend only; on another backend the callback says so once and does nothing.
"""

from __future__ import annotations

import glob
import json
import os
import warnings
from collections.abc import Callable
from typing import Any

import keras

from fitgen_gui.core.run_requests import ProfileRequest, parse_batch_range

__all__ = ["ProfileBatches", "ProfileWarning", "parse_batch_range", "profiler_verdict"]


class ProfileWarning(UserWarning):
    """A profile could not be taken (another backend, another profiler running)."""


def profiler_verdict(log_dir: str) -> str:
    """The profiler's input-pipeline conclusion for the newest profile under ``log_dir``,
    in its own words; an explanation when it cannot be read."""
    paths = sorted(glob.glob(os.path.join(log_dir, "plugins", "profile", "*", "*.xplane.pb")))
    if not paths:
        return "The profiler wrote no trace."
    newest = os.path.dirname(paths[-1])
    files = [p for p in paths if os.path.dirname(p) == newest]
    try:
        from xprof.convert import raw_to_tool_data
    except ImportError:
        return "The profile is written; install xprof to read its verdict here."
    try:
        raw, _ = raw_to_tool_data.xspace_to_tool_data(files, "input_pipeline_analyzer", {})
        tables = json.loads(raw)
        facts = next((t.get("p", {}) for t in tables if t.get("p", {}).get(
            "input_conclusion")), {})
    except Exception as exc:  # noqa: BLE001 - a verdict that cannot be read is reported
        return f"The profile is written, but its analysis failed ({type(exc).__name__})."
    conclusion = facts.get("input_conclusion", "")
    if not conclusion:
        return "The profile is written; the profiler gave no input-pipeline verdict."
    step = facts.get("steptime_ms_average")
    return conclusion + (f" (average step {step} ms)" if step else "")


class ProfileBatches(keras.callbacks.Callback):
    """Profile training batches ``first..last`` (from 1, over the run) into ``log_dir``.

    ``request`` (a :class:`ProfileRequest` asked from any thread) profiles the next N
    batches of a running training instead: the app's "Profile 20 batches".
    ``on_saved(log_dir, first, last, verdict)`` is called on the training thread when a
    profile is written.
    """

    def __init__(self, log_dir: str, first: int | None = None, last: int | None = None,
                 *, request: ProfileRequest | None = None,
                 on_saved: Callable[[str, int, int, str], None] | None = None,
                 initial_epoch: int = 0) -> None:
        super().__init__()
        self.log_dir = log_dir
        self._range = (first, last) if first is not None and last is not None else None
        self._on_saved = on_saved
        self._request = request
        self._epoch = initial_epoch
        self._active: tuple[int, int] | None = None
        self._last_traced = 0
        self._trace: Any = None
        self._said_backend = False

    @property
    def profiling(self) -> bool:
        return self._active is not None

    def _number(self, batch: int) -> int:
        steps = int(self.params.get("steps") or 0)
        return self._epoch * steps + batch + 1

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._epoch = epoch
        # The first batch of an epoch: open its trace now, before its data is read.
        self._maybe_begin(self._number(-1))

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        number = self._number(batch)
        if self._active is not None:
            self._end_trace()
            if number >= self._active[1]:
                self._finish()
        if batch + 1 < int(self.params.get("steps") or 0):
            # (The next epoch's first trace opens in on_epoch_begin, after validation.)
            self._maybe_begin(number)

    def on_train_end(self, logs: dict | None = None) -> None:
        if self._active is not None:
            self._end_trace()
            self._finish()

    # -- the profiler -------------------------------------------------------------------

    def _maybe_begin(self, done: int) -> None:
        """After batch ``done``: start profiling when batch ``done + 1`` is due."""
        upcoming = done + 1
        if self._active is None:
            asked = self._request.take() if self._request is not None else None
            if asked:
                self._range = (upcoming, upcoming + asked - 1)
            if self._range is None or self._range[0] != upcoming:
                return
            if not self._start():
                return
            self._active = self._range
        self._begin_trace(upcoming)

    def _start(self) -> bool:
        if keras.backend.backend() != "tensorflow":
            if not self._said_backend:
                self._said_backend = True
                warnings.warn(f"Profiling needs the TensorFlow backend; this is "
                              f"{keras.backend.backend()}.", ProfileWarning, stacklevel=2)
            return False
        import tensorflow as tf

        os.makedirs(self.log_dir, exist_ok=True)
        try:
            tf.profiler.experimental.start(self.log_dir)
        except Exception as exc:  # noqa: BLE001 - another profiler runs: skip this one
            warnings.warn(f"Could not start the profiler: {exc}", ProfileWarning,
                          stacklevel=2)
            self._range = None
            return False
        return True

    def _begin_trace(self, number: int) -> None:
        import tensorflow as tf

        if self._trace is not None:
            return
        self._last_traced = number
        self._trace = tf.profiler.experimental.Trace("train", step_num=number, _r=1)
        self._trace.__enter__()

    def _end_trace(self) -> None:
        if self._trace is not None:
            self._trace.__exit__(None, None, None)
            self._trace = None

    def _finish(self) -> None:
        import tensorflow as tf

        first, last = (self._active or (0, 0))[0], self._last_traced
        self._active = None
        self._range = None
        try:
            tf.profiler.experimental.stop()
        except Exception:  # noqa: BLE001 - stopped already (an error in between)
            pass
        verdict = profiler_verdict(self.log_dir)
        if self._on_saved is not None:
            self._on_saved(self.log_dir, first, last, verdict)
