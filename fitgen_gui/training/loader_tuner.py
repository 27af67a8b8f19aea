"""Loader benchmark and tuner: is the bottleneck the data or the model, and which loader
settings train fastest.

Three measurements, in images per second: **data only** (the source read through
``fit_generator``'s stream with the run's loader settings, no model), **model only** (the
training step repeated on one cached batch) and **full** training (both, as a run does).
Then a sweep of the loader settings (workers 0 to cores + 1 with threads; queue sizes; worker
processes for sequences) each timed on full training, with how full the queue stayed. The
recommendation asks for more workers only when the data is slower than the model.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.data.batch_streams import StreamExhausted, is_sequence, open_stream

__all__ = ["LoaderReport", "LoaderTrial", "tune_loader"]


@dataclass
class LoaderTrial:
    """One loader setting timed on full training."""

    workers: int
    use_multiprocessing: bool
    max_queue_size: int
    images_per_s: float = 0.0
    queue_fill: float = 0.0  # mean share of the queue holding ready batches, 0-1
    error: str | None = None

    @property
    def key(self) -> tuple[int, bool, int]:
        return self.workers, self.use_multiprocessing, self.max_queue_size

    @property
    def label(self) -> str:
        kind = "process" if self.use_multiprocessing else "thread"
        if self.workers == 0:
            return "0 workers (on the training thread)"
        plural = "es" if kind == "process" else "s"
        return (f"{self.workers} worker {kind}{plural if self.workers > 1 else ''}, queue "
                f"{self.max_queue_size}")

    def settings(self) -> dict[str, Any]:
        return {"training.workers": self.workers,
                "training.use_multiprocessing": self.use_multiprocessing,
                "training.max_queue_size": self.max_queue_size}


@dataclass
class LoaderReport:
    """What the tuner measured and what it recommends."""

    data_only: float
    model_only: float
    full: float
    batch_size: int
    bottleneck: str  # "data" or "model"
    sentence: str
    trials: list[LoaderTrial] = field(default_factory=list)
    recommended: LoaderTrial | None = None
    recommendation: str = ""
    current: LoaderTrial | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["trials"] = [dict(asdict(t), label=t.label) for t in self.trials]
        if self.recommended is not None:
            out["recommended"] = dict(asdict(self.recommended),
                                      settings=self.recommended.settings())
        return out


class _Cancelled(Exception):
    pass


def _batch_size(batch: Any) -> int:
    x = batch[0]
    if isinstance(x, dict):
        x = next(iter(x.values()))
    elif isinstance(x, list | tuple):
        x = x[0]
    return len(x)


def tune_loader(config: RunConfig, *, batches: int = 20, warmup: int = 3,
                progress: Callable[[str], None] | None = None,
                stop: threading.Event | None = None,
                sweep_processes: bool = True, rounds: int = 2) -> LoaderReport:
    """Measure data, model and full training speed, then sweep the loader settings.

    ``batches`` are timed per measurement after ``warmup`` untimed ones, each setting
    ``rounds`` times (its best kept); ``progress`` receives a sentence before each;
    ``stop`` cancels between batches. Full training is the current setting's figure.
    """
    import keras

    from fitgen_gui.data.pipeline import build_run_data
    from fitgen_gui.training import tf_devices
    from fitgen_gui.training.batch_contract import BatchContract
    from fitgen_gui.training.models import build_model, compile_model

    say = progress or (lambda text: None)
    training = config.training
    say("Preparing the data")
    data = build_run_data(config, seed=training.seed)
    device = tf_devices.configure(training.device, training.mixed_precision)
    with tf_devices.device_scope(device):
        say("Building the model")
        keras.utils.set_random_seed(training.seed or 0)
        model = build_model(config, len(data.class_names))
        compile_model(model, config, training.steps_per_epoch or 100)
        tuner = _Tuner(config, data, model, BatchContract(model, class_weight=data.class_weight),
                       warmup=warmup, batches=batches, say=say,
                       stop=stop or threading.Event())
        current = LoaderTrial(training.workers, training.use_multiprocessing,
                              training.max_queue_size)
        try:
            say("Measuring the data alone")
            data_only, batch_size = tuner.data_only(current)
            say("Measuring the model alone (one batch, again and again)")
            model_only = tuner.model_only()
            trials = _sweep(current, is_sequence(data.train) and sweep_processes)
            tuner.try_all(trials, rounds)
            current = next(t for t in trials if t.key == current.key)
            full = current.images_per_s
        except _Cancelled:
            raise UserError("The loader tuning was cancelled.") from None
    return _report(data_only, model_only, full, batch_size, trials, current)


class _Tuner:
    """The measurements of :func:`tune_loader` on one model and its data."""

    def __init__(self, config: RunConfig, data: Any, model: Any, contract: Any, *,
                 warmup: int, batches: int, say: Callable[[str], None],
                 stop: threading.Event) -> None:
        self.config, self.data, self.model, self.contract = config, data, model, contract
        self.warmup, self.batches = warmup, batches
        self.say, self.stop = say, stop

    def _check_stop(self) -> None:
        if self.stop.is_set():
            raise _Cancelled

    def _open(self, trial: LoaderTrial) -> Any:
        """A stream of the training data read with ``trial``'s settings (a generator is
        made again: one already read from cannot be rewound)."""
        from fitgen_gui.data.pipeline import build_run_data

        train = self.data.train
        if not is_sequence(train):
            train = build_run_data(self.config, seed=self.config.training.seed).train
        return open_stream(train, workers=trial.workers,
                           use_multiprocessing=trial.use_multiprocessing,
                           max_queue_size=trial.max_queue_size, shuffle=False)

    def _read(self, stream: Any, train: bool, queue: int = 1) -> tuple[float, float, int]:
        """Images/s over the timed batches, the queue's mean fill (0-1), batch size."""
        warmup, batches = self.warmup, self.batches
        size, fills, started = 0, [], 0.0
        for i in range(warmup + batches):
            self._check_stop()
            if i == warmup:
                started = time.perf_counter()
            if i >= warmup:
                fills.append(stream.ready())
            try:
                batch = stream.next()
            except StreamExhausted:
                raise UserError(f"The training data ended after {i} batches; the tuner "
                                f"needs {warmup + batches}.") from None
            if train:
                x, y, w = self.contract.unpack(batch)
                self.model.train_on_batch(x, y, sample_weight=w)
            if i >= warmup:
                size += _batch_size(batch)
        seconds = time.perf_counter() - started
        fill = sum(fills) / max(1, len(fills)) / max(1, queue)
        return size / seconds if seconds > 0 else 0.0, fill, size // max(1, batches)

    def data_only(self, current: LoaderTrial) -> tuple[float, int]:
        """Images/s of the data alone with the current settings, and the batch size."""
        with self._open(current) as stream:
            speed, _, batch_size = self._read(stream, train=False)
        return speed, batch_size

    def model_only(self) -> float:
        """Images/s of the training step repeated on one batch read beforehand."""
        with self._open(LoaderTrial(0, False, 1)) as stream:
            cached = stream.next()
        x, y, w = self.contract.unpack(cached)
        for _ in range(self.warmup):
            self.model.train_on_batch(x, y, sample_weight=w)
        started = time.perf_counter()
        for _ in range(self.batches):
            self._check_stop()
            self.model.train_on_batch(x, y, sample_weight=w)
        return self.batches * _batch_size(cached) / (time.perf_counter() - started)

    def try_all(self, trials: list[LoaderTrial], rounds: int) -> None:
        """Time full training with each setting; each keeps its best round."""
        # Two rounds, the second in reverse order; each setting keeps its better one (a
        # busy machine slows some measurements down, never speeds them up).
        for round_ in range(rounds):
            for trial in (trials if round_ % 2 == 0 else trials[::-1]):
                if trial.error is None:
                    self.say(f"Trying {trial.label} (round {round_ + 1} of {rounds})")
                    self._try(trial)

    def _try(self, trial: LoaderTrial) -> None:
        try:
            with self._open(trial) as stream:
                speed, fill, _ = self._read(stream, True, trial.max_queue_size)
        except _Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - a setting that cannot run is listed
            # (worker processes need data other processes can import)
            trial.error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            return
        if speed > trial.images_per_s:
            trial.images_per_s, trial.queue_fill = speed, fill


def _sweep(current: LoaderTrial, processes: bool) -> list[LoaderTrial]:
    cores = os.cpu_count() or 2
    queue = max(2, current.max_queue_size)
    trials = [LoaderTrial(w, False, queue) for w in range(0, cores + 2)]
    for size in sorted({2, queue, 32} - {queue}):
        trials.append(LoaderTrial(max(1, min(cores, 2)), False, size))
    if processes:
        trials.append(LoaderTrial(max(2, min(cores, 4)), True, queue))
    if current.key not in {t.key for t in trials}:
        trials.insert(0, LoaderTrial(current.workers, current.use_multiprocessing,
                                     current.max_queue_size))
    return trials


def _report(data_only: float, model_only: float, full: float, batch_size: int,
            trials: list[LoaderTrial], current: LoaderTrial) -> LoaderReport:
    if data_only < model_only:
        bottleneck = "data"
        sentence = (f"The data is the bottleneck: it gives {data_only:.0f} images/s and the "
                    f"model could train on {model_only:.0f}; full training runs at "
                    f"{full:.0f}.")
    else:
        bottleneck = "model"
        sentence = (f"The model is the bottleneck: it trains on {model_only:.0f} images/s "
                    f"and the data gives {data_only:.0f}; full training runs at {full:.0f}. "
                    "More workers will not speed it up.")
    ok = sorted((t for t in trials if t.error is None), key=lambda t: -t.images_per_s)
    recommended = ok[0] if ok else None
    if recommended is not None and bottleneck == "model":
        # More workers only when the data is slower than the model: keep the current
        # setting when it is within 5% of the fastest, else the fewest workers (at least
        # one, to overlap reading with training) that are.
        ceiling = max(current.workers, 1)
        near = [t for t in ok if t.images_per_s >= 0.95 * ok[0].images_per_s
                and t.workers <= ceiling]
        if current.images_per_s >= 0.95 * ok[0].images_per_s or not near:
            recommended = current
        else:
            recommended = min(near, key=lambda t: (t.workers, t.use_multiprocessing))
    if recommended is None:
        words = "No setting could be measured."
    elif recommended.key == current.key:
        words = f"Keep the current setting ({current.label})."
    else:
        gain = recommended.images_per_s / current.images_per_s if current.images_per_s else 0
        words = (f"Use {recommended.label}: {recommended.images_per_s:.0f} images/s, "
                 f"{gain:.2f} times the current {current.images_per_s:.0f}.")
    return LoaderReport(data_only, model_only, full, batch_size, bottleneck, sentence, trials,
                        recommended, words, current)
