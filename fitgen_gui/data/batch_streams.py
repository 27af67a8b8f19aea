"""Batch streams: how ``fit_generator`` reads batches, with Keras 2's meaning.

Keras 3's ``fit`` wraps a Python source in ``tf.data``, peeks two batches and replays them,
gives a plain generator no worker threads and has no ``workers=0``. A stream here is the
Keras 2 enqueuer instead:

- a **plain generator** (any iterator) is one continuous stream: epochs are cut from it,
  it is never rewound, no batch is read twice. With ``workers >= 1`` background threads
  fill a queue of at most ``max_queue_size`` batches, taking turns under a lock, so the
  generator is never called by two threads at once;
- a **sequence** (``keras.utils.PyDataset``, Keras 2's ``Sequence`` or anything with
  ``__len__`` and ``__getitem__``) is read pass after pass; each pass visits every batch
  once (shuffled when asked) and ends with ``on_epoch_end()``. With ``workers >= 1`` batches
  are built in a pool of threads, or of processes with ``use_multiprocessing=True``, and
  handed out in order. As in Keras 2, a pass's last batches are built before
  ``on_epoch_end()`` runs (it may change the sequence), and the workers wait for them;
  a sequence that can build any epoch's batch (FitGen's iterators: ``builds_any_epoch``,
  ``epoch`` and ``batch_of_epoch(epoch, index)``) has its next pass read ahead without
  that wait.

``limit`` is the number of batches the caller will take in all; a stream never reads past
it, so a generator's calls can be counted exactly. This module imports neither Keras nor
TensorFlow: process workers import it to build batches.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import queue
import random
import shutil
import sys
import tempfile
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from concurrent import futures
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ArraySequence",
    "BatchStream",
    "DataFailure",
    "StreamExhausted",
    "builds_any_epoch",
    "is_sequence",
    "open_stream",
    "sequence_length",
]


class StreamExhausted(Exception):
    """The source has no more batches (a generator returned, or the limit was reached)."""


@dataclass(frozen=True)
class DataFailure:
    """The data raised while building a batch: which data, which batch, and the error.

    The stream re-raises the error itself to its reader (its own type, with a note naming
    the batch, as Keras 2 let it through); a listener given to :func:`open_stream` is told
    first, with this record, so that the run engine can name the batch in its message.
    """

    role: str  # "training", "validation", ...
    batch: int  # counted from 0
    source: str  # "__getitem__" of a sequence, or "generator"
    error: BaseException


FailureListener = Callable[[DataFailure], None]


def is_sequence(data: Any) -> bool:
    """Whether ``data`` is read by index (a PyDataset or Sequence), not by ``next()``."""
    if isinstance(data, list | tuple | dict | str | bytes) or hasattr(data, "__array__"):
        return False
    return hasattr(data, "__getitem__") and (
        hasattr(data, "__len__") or hasattr(data, "num_batches")
    )


def sequence_length(seq: Any) -> int | None:
    """Batches per pass of a sequence; None for an infinite PyDataset."""
    if hasattr(seq, "num_batches"):  # keras.utils.PyDataset
        return seq.num_batches
    return len(seq)


class ArraySequence:
    """In-memory arrays, ``(x, y)`` or ``(x, y, sample_weight)``, served in batches.

    ``x`` and ``y`` may be arrays or dicts / lists of arrays, as Keras accepts them.
    """

    def __init__(self, arrays: tuple, batch_size: int) -> None:
        self.arrays = arrays
        self.batch_size = batch_size
        self.n = _first_dim(arrays[0])

    def __len__(self) -> int:
        return math.ceil(self.n / self.batch_size)

    def __getitem__(self, index: int) -> tuple:
        if not 0 <= index < len(self):
            raise IndexError(index)
        window = slice(index * self.batch_size, (index + 1) * self.batch_size)
        return tuple(_slice_nested(part, window) for part in self.arrays)


def _first_dim(part: Any) -> int:
    if isinstance(part, dict):
        part = next(iter(part.values()))
    elif isinstance(part, list | tuple):
        part = part[0]
    return len(part)


def _slice_nested(part: Any, window: slice) -> Any:
    if part is None:
        return None
    if isinstance(part, dict):
        return {key: value[window] for key, value in part.items()}
    if isinstance(part, list | tuple):
        return type(part)(value[window] for value in part)
    return part[window]


class BatchStream:
    """A source of batches, read with :meth:`next` and released with :meth:`close`.

    Attributes
    ----------
    produced : int
        Batches handed to the caller so far.
    """

    produced = 0
    _role = "training"
    _on_failure: FailureListener | None = None

    def next(self) -> Any:
        """Return the next batch, or raise :class:`StreamExhausted`."""
        raise NotImplementedError

    def ready(self) -> int:
        """Batches built and waiting in the queue now (0 when read on the caller's thread)."""
        return 0

    def set_limit(self, limit: int | None) -> None:
        """Change how many batches the caller will take in all (a Sequence whose length
        changed); batches already read ahead are still handed out."""
        self._limit = limit

    def pass_length(self, index: int) -> int | None:
        """Batches in pass ``index`` (from 0) of a sequence, once that pass has begun to be
        read (a Sequence may change its length in ``on_epoch_end``); None otherwise."""
        order = getattr(self, "_order", None)  # sequence streams read through a _PassOrder
        if order is None or index >= len(order.lengths):
            return None
        return order.lengths[index]

    def close(self) -> None:
        """Stop the background workers; batches read ahead are dropped."""

    def _failed(self, exc: BaseException, batch: int, source: str) -> BaseException:
        """``exc``, raised by the data for ``batch``, noted and told to the listener."""
        exc.add_note(f"(FitGen: raised by the {self._role} data {source} for batch {batch}.)")
        if self._on_failure is not None:
            self._on_failure(DataFailure(self._role, batch, source, exc))
        return exc

    def __enter__(self) -> BatchStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_stream(
    data: Any,
    *,
    workers: int = 1,
    use_multiprocessing: bool = False,
    max_queue_size: int = 10,
    shuffle: bool = False,
    limit: int | None = None,
    role: str = "training",
    start: int = 0,
    on_failure: FailureListener | None = None,
) -> BatchStream:
    """Open a stream over a generator or a sequence with Keras 2's enqueuer semantics.

    Parameters
    ----------
    data
        A generator or iterator, or a sequence (PyDataset / Sequence).
    workers
        0 reads on the calling thread; N >= 1 reads ahead on N background workers.
    use_multiprocessing
        Use processes instead of threads (sequences only).
    max_queue_size
        Most batches read ahead.
    shuffle
        Shuffle the batch order of each pass of a sequence.
    limit
        Batches the caller will take in all (None: no limit).
    role
        ``"training"`` or ``"validation"``; named in error notes.
    start
        Position in the first pass of a sequence to start at (a run resumed inside an
        epoch); a generator cannot be wound on and ignores it.
    on_failure
        Told of an error the data raises while building a batch (a :class:`DataFailure`),
        just before the error is raised to the reader.
    """
    if is_sequence(data):
        order = _PassOrder(data, shuffle=shuffle, role=role, start=start)
        if workers <= 0:
            return _InlineSequenceStream(data, order, limit, role, on_failure)
        return _PooledSequenceStream(
            data, order, limit, role, workers, max(1, max_queue_size), use_multiprocessing,
            on_failure,
        )
    if use_multiprocessing and workers > 0:
        # Keras 2 warned and trained; code that ran there must run here: threads read it.
        warnings.warn(
            f"use_multiprocessing=True needs a keras.utils.PyDataset (or Sequence) as {role} "
            f"data; this {type(data).__name__} is read by {workers} thread(s) instead: a "
            "Python generator cannot be shared between processes (Keras 2's processes each "
            "ran a copy and duplicated the data). Make it a PyDataset whose "
            "__getitem__(index) builds batch number index to use processes.",
            UserWarning, stacklevel=3)
    try:
        iterator = iter(data)
    except TypeError:
        raise TypeError(
            f"The {role} data must be a generator, an iterator or a keras.utils.PyDataset; "
            f"got {type(data).__name__}."
        ) from None
    if workers <= 0:
        return _InlineIteratorStream(iterator, limit, role, on_failure)
    return _ThreadedIteratorStream(iterator, limit, role, workers, max(1, max_queue_size),
                                   on_failure)


class _PassOrder:
    """The order in which a sequence's batches are read, pass after pass."""

    def __init__(self, seq: Any, *, shuffle: bool, role: str, start: int = 0) -> None:
        self.seq = seq
        self._start = start
        # The length of each pass so far: a Sequence may change it in on_epoch_end (Keras 2
        # read it again), and a stream that reads ahead must know each pass's own.
        self.lengths = [sequence_length(seq)]
        if self.length == 0:
            raise ValueError(
                f"The {role} data {type(seq).__name__} has no batches (its len() is 0). "
                "Check that its folder or arrays are not empty."
            )
        self.shuffle = shuffle
        # Drawn from the global generator so that keras.utils.set_random_seed applies.
        self._rng = random.Random(random.getrandbits(64))
        self._order: list[int] | None = None
        self._pos = 0

    @property
    def length(self) -> int | None:
        """Batches in the pass being read (None: an infinite PyDataset)."""
        return self.lengths[-1]

    def next_index(self) -> int:
        if self.length is None:  # infinite PyDataset: indices 0, 1, 2, ...
            self._pos, self._start = max(self._pos, self._start), 0
            self._pos += 1
            return self._pos - 1
        if self._order is None:
            self._order = list(range(self.length))
            if self.shuffle:
                self._rng.shuffle(self._order)
            self._pos, self._start = min(self._start, self.length), 0
        self._pos += 1
        return self._order[self._pos - 1]

    def pass_submitted(self) -> bool:
        return self._order is not None and self._pos >= len(self._order)

    def end_pass(self) -> None:
        self._order = None
        on_epoch_end = getattr(self.seq, "on_epoch_end", None)
        if on_epoch_end is not None:
            on_epoch_end()
        self.lengths.append(sequence_length(self.seq))


class _InlineSequenceStream(BatchStream):
    def __init__(self, seq: Any, order: _PassOrder, limit: int | None, role: str,
                 on_failure: FailureListener | None = None) -> None:
        self._seq, self._order, self._limit, self._role = seq, order, limit, role
        self._on_failure = on_failure
        self.produced = 0

    def next(self) -> Any:
        if self._limit is not None and self.produced >= self._limit:
            raise StreamExhausted
        index = self._order.next_index()
        try:
            batch = self._seq[index]
        except Exception as exc:  # noqa: BLE001 - re-raised, with the batch named
            raise self._failed(exc, index, "__getitem__") from None
        self.produced += 1
        if self._order.pass_submitted():
            self._order.end_pass()
        return batch


class _OpenCVThreads:
    """OpenCV's own threads, off while worker threads build batches.

    Every worker already keeps a core busy; OpenCV splitting each 224x224 warp or resize
    over threads of its own on top only adds hand-overs (4% fewer images per second with
    2 workers on 2 cores). OpenCV's setting is per process: it is set to 1 while any
    pooled stream is open and given back when the last one closes. Nothing is done when
    nothing has imported OpenCV.
    """

    _lock = threading.Lock()
    _open = 0
    _saved: int | None = None

    @classmethod
    def acquire(cls) -> None:
        cv2 = sys.modules.get("cv2")
        if cv2 is None or not hasattr(cv2, "setNumThreads"):
            return
        with cls._lock:
            if cls._open == 0:
                cls._saved = cv2.getNumThreads()
                cv2.setNumThreads(1)
            cls._open += 1

    @classmethod
    def release(cls) -> None:
        with cls._lock:
            if cls._open == 0:
                return
            cls._open -= 1
            if cls._open == 0 and cls._saved is not None:
                sys.modules["cv2"].setNumThreads(cls._saved)
                cls._saved = None


# --- process workers: the sequence travels as a pickle file, re-sent after each pass
# (once only when it builds any epoch's batch) ---

_WORKER_SEQUENCE: dict[str, Any] = {}


def _load_from_pickle(path: str, index: int, epoch: int | None = None) -> Any:
    seq = _WORKER_SEQUENCE.get(path)
    if seq is None:
        _WORKER_SEQUENCE.clear()
        with open(path, "rb") as f:
            seq = pickle.load(f)
        _WORKER_SEQUENCE[path] = seq
        if "cv2" in sys.modules:  # this process is one worker: one thread
            sys.modules["cv2"].setNumThreads(1)
    return seq[index] if epoch is None else seq.batch_of_epoch(epoch, index)


def builds_any_epoch(seq: Any) -> bool:
    """Whether ``seq`` builds any epoch's batch on demand, whatever epoch it is at: it says
    so (``builds_any_epoch``), has ``batch_of_epoch(epoch, index)`` and an ``epoch``."""
    return getattr(seq, "builds_any_epoch", False) is True and callable(
        getattr(seq, "batch_of_epoch", None)) and isinstance(getattr(seq, "epoch", None), int)


class _PooledSequenceStream(BatchStream):
    def __init__(
        self,
        seq: Any,
        order: _PassOrder,
        limit: int | None,
        role: str,
        workers: int,
        max_queue_size: int,
        processes: bool,
        on_failure: FailureListener | None = None,
    ) -> None:
        self._seq, self._order, self._limit, self._role = seq, order, limit, role
        self._on_failure = on_failure
        self._max_queue = max_queue_size
        self._pending: deque[tuple[int, futures.Future]] = deque()
        self._submitted = 0
        self.produced = 0
        self._tmpdir: str | None = None
        self._pickle_path = ""
        self._any_epoch = builds_any_epoch(seq)
        self._threads_held = False
        if processes:
            self._tmpdir = tempfile.mkdtemp(prefix="fitgen-workers-")
            self._ship()
            self._executor: futures.Executor = futures.ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn")
            )
        else:
            _OpenCVThreads.acquire()
            self._threads_held = True
            self._executor = futures.ThreadPoolExecutor(
                workers, thread_name_prefix=f"fitgen-{role}-data"
            )

    def _ship(self) -> None:
        """Write the sequence's current state for the worker processes."""
        try:
            blob = pickle.dumps(self._seq)
        except Exception as exc:
            raise ValueError(
                f"use_multiprocessing=True needs {self._role} data that can be "
                f"pickled (sent to other processes), and {type(self._seq).__name__} cannot: "
                f"{exc}. Use threads instead (use_multiprocessing=False)."
            ) from exc
        self._pickle_path = os.path.join(self._tmpdir, f"seq-{self._submitted}.pkl")
        with open(self._pickle_path, "wb") as f:
            f.write(blob)

    def _submit(self, index: int) -> futures.Future:
        epoch = self._seq.epoch if self._any_epoch else None
        if self._tmpdir is not None:
            return self._executor.submit(_load_from_pickle, self._pickle_path, index, epoch)
        if epoch is not None:
            return self._executor.submit(self._seq.batch_of_epoch, epoch, index)
        return self._executor.submit(self._seq.__getitem__, index)

    def _top_up(self) -> None:
        while True:
            if self._order.pass_submitted():
                # on_epoch_end() may reshuffle the sequence: only once its pass is built,
                # unless each batch was asked for by its epoch.
                if not self._any_epoch and any(not fut.done() for _, fut in self._pending):
                    return
                self._order.end_pass()
                if self._tmpdir is not None and not self._any_epoch and (
                    self._limit is None or self._submitted < self._limit
                ):
                    self._ship()
            if len(self._pending) >= self._max_queue:
                return
            if self._limit is not None and self._submitted >= self._limit:
                return
            index = self._order.next_index()
            self._pending.append((index, self._submit(index)))
            self._submitted += 1

    def next(self) -> Any:
        self._top_up()
        if not self._pending:
            raise StreamExhausted
        index, fut = self._pending.popleft()
        try:
            batch = fut.result()
        except Exception as exc:  # noqa: BLE001 - re-raised, with the batch named
            raise self._failed(exc, index, "__getitem__") from None
        self.produced += 1
        self._top_up()
        return batch

    def ready(self) -> int:
        return sum(fut.done() for _, fut in self._pending)

    def close(self) -> None:
        for _, fut in self._pending:
            fut.cancel()
        self._pending.clear()
        self._executor.shutdown(wait=True, cancel_futures=True)
        if self._threads_held:
            self._threads_held = False
            _OpenCVThreads.release()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)


class _InlineIteratorStream(BatchStream):
    def __init__(self, iterator: Iterator, limit: int | None, role: str,
                 on_failure: FailureListener | None = None) -> None:
        self._it, self._limit, self._role = iterator, limit, role
        self._on_failure = on_failure
        self.produced = 0

    def next(self) -> Any:
        if self._limit is not None and self.produced >= self._limit:
            raise StreamExhausted
        try:
            batch = next(self._it)
        except StopIteration:
            raise StreamExhausted from None
        except Exception as exc:  # noqa: BLE001 - re-raised, with the batch named
            raise self._failed(exc, self.produced, "generator") from None
        self.produced += 1
        return batch


class _End:
    """Queue marker: the generator returned or the limit was reached."""


class _Failure:
    """Queue marker: the generator raised ``exc`` for ``batch``."""

    def __init__(self, exc: BaseException, batch: int) -> None:
        self.exc, self.batch = exc, batch


class _ThreadedIteratorStream(BatchStream):
    def __init__(
        self, iterator: Iterator, limit: int | None, role: str, workers: int, max_queue: int,
        on_failure: FailureListener | None = None,
    ) -> None:
        self._it, self._limit, self._role = iterator, limit, role
        self._on_failure = on_failure
        self._queue: queue.Queue = queue.Queue(max_queue)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._pulled = 0
        self._source_done = False
        self._finished = False
        self.produced = 0
        self._threads = [
            threading.Thread(target=self._produce, name=f"fitgen-{role}-gen-{i}", daemon=True)
            for i in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def _produce(self) -> None:
        while not self._stop.is_set():
            # The lock is held from next() to put() so that threads never run the
            # generator at once and batches keep the generator's order.
            with self._lock:
                if self._source_done:
                    return
                if self._limit is not None and self._pulled >= self._limit:
                    self._source_done = True
                    self._put(_End())
                    return
                try:
                    item = next(self._it)
                except StopIteration:
                    self._source_done = True
                    self._put(_End())
                    return
                except BaseException as exc:  # noqa: BLE001 - re-raised by the reader
                    self._source_done = True
                    self._put(_Failure(exc, self._pulled))
                    return
                self._pulled += 1
                self._put(item)

    def _put(self, item: Any) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def next(self) -> Any:
        if self._finished:
            raise StreamExhausted
        item = self._queue.get()
        if isinstance(item, _End):
            self._finished = True
            raise StreamExhausted
        if isinstance(item, _Failure):
            self._finished = True
            # Told on the reader's thread, when the batch is due (not when read ahead).
            raise self._failed(item.exc, item.batch, "generator")
        self.produced += 1
        return item

    def ready(self) -> int:
        return self._queue.qsize()

    def close(self) -> None:
        self._stop.set()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        for thread in self._threads:
            # A generator blocked in its own code cannot be interrupted; the threads are
            # daemons, so a stuck one never keeps the program alive.
            thread.join(timeout=1.0)
