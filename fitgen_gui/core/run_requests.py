"""Requests to a running training from another thread (the app's buttons), besides Stop."""

from __future__ import annotations

import threading

__all__ = ["ProfileRequest", "parse_batch_range"]


class ProfileRequest:
    """"Profile the next N batches": asked on any thread, taken once by the training."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: int | None = None

    def ask(self, count: int = 20) -> None:
        with self._lock:
            self._count = int(count)

    def take(self) -> int | None:
        with self._lock:
            count, self._count = self._count, None
        return count


def parse_batch_range(text: str) -> tuple[int, int]:
    """``"10-30"`` as ``(10, 30)``; ``"12"`` as ``(12, 12)``. Raises ``ValueError``."""
    parts = str(text).replace(" ", "").split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) == 1:
        numbers *= 2
    if len(numbers) != 2 or numbers[0] < 1 or numbers[1] < numbers[0]:
        raise ValueError(f"a batch range is FIRST-LAST counted from 1, such as 10-30; got "
                         f"{text!r}")
    if numbers[1] - numbers[0] >= 500:
        raise ValueError(f"profile at most 500 batches (a profile of {text} would be huge)")
    return numbers[0], numbers[1]
