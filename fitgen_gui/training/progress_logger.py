"""A Keras callback that writes Keras-style progress to any text stream."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

import keras

from fitgen_gui.core.progress_text import ProgressText

if TYPE_CHECKING:
    from fitgen_gui.training.input_meter import InputMeter

__all__ = ["ProgressLogger", "stream_is_dynamic"]


def stream_is_dynamic(stream: Any) -> bool:
    """Whether ``stream`` redraws a line on ``\\r``: a terminal, or a stream that says so.

    The app's console pane sets ``supports_carriage_return = True``; files and pipes get
    only final lines, so logs stay readable.
    """
    if getattr(stream, "supports_carriage_return", False):
        return True
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _bar_glyph(stream: Any) -> str:
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return "━"
    try:
        "━─".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "="  # Windows code pages cannot show the box glyphs
    return "━"


class ProgressLogger(keras.callbacks.Callback):
    """Progress of ``fit_generator`` / ``evaluate_generator`` / ``predict_generator``.

    Keras's ``ProgbarLogger`` prints to ``sys.stdout`` only, which is ``None`` in a windowed
    app; this one writes the same lines to ``stream`` and never raises because of it.

    Parameters
    ----------
    stream
        A text stream (``sys.stdout``, a file, the app's console), or None for silence.
    verbose
        1: a progress bar per epoch; 2: one line per epoch.
    input_meter
        The training's input meter: each epoch's line is followed by its input-bound share.
    """

    def __init__(self, stream: TextIO | None, verbose: int,
                 input_meter: InputMeter | None = None) -> None:
        super().__init__()
        self.stream = stream
        self.verbose = verbose
        self._meter = input_meter
        self._dynamic = stream_is_dynamic(stream)
        self._glyph = _bar_glyph(stream)
        self._text: ProgressText | None = None
        self._in_fit = False
        self._epochs = 1
        self._steps: int | None = None

    def set_params(self, params: dict) -> None:
        super().set_params(params)
        self._epochs = params.get("epochs") or 1
        self._steps = params.get("steps")

    def _write(self, text: str) -> None:
        if not text or self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError, AttributeError):
            # A closed or broken stream must never stop a training.
            self.stream = None

    def _start(self, target: int | None) -> None:
        self._text = ProgressText(target, self.verbose, dynamic=self._dynamic, glyph=self._glyph)

    def _step(self, batch: int, logs: dict | None) -> None:
        if self._text is None:
            self._start(self._steps)
        self._write(self._text.update(batch + 1, logs or {}))

    def _finish(self, logs: dict | None) -> None:
        if self._text is not None:
            self._write(self._text.finish(logs or {}))
        self._text = None

    def on_train_begin(self, logs: dict | None = None) -> None:
        self._in_fit = True

    def on_train_end(self, logs: dict | None = None) -> None:
        self._in_fit = False

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._write(f"Epoch {epoch + 1}/{self._epochs}\n")
        self._start(self._steps)

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._step(batch, logs)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self._finish(logs)
        last = getattr(self._meter, "last", None)
        if last is not None and last.epoch == epoch:
            summary = last.summary()
            if summary:
                self._write(summary + "\n")

    def on_test_begin(self, logs: dict | None = None) -> None:
        if not self._in_fit:
            self._start(self._steps)

    def on_test_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if not self._in_fit:
            self._step(batch, logs)

    def on_test_end(self, logs: dict | None = None) -> None:
        if not self._in_fit:
            self._finish(logs)

    def on_predict_begin(self, logs: dict | None = None) -> None:
        self._start(self._steps)

    def on_predict_batch_end(self, batch: int, logs: dict | None = None) -> None:
        self._step(batch, None)

    def on_predict_end(self, logs: dict | None = None) -> None:
        self._finish(None)
