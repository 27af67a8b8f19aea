"""What a model said of an image: a labelled one (evaluation) or a new one (prediction).

Plain data, shared by the engine that computes it, the CLI that prints it and the app that
shows it (which must not load TensorFlow to read it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

__all__ = ["PredictedFile", "Prediction", "to_csv"]


def _argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


@dataclass
class Prediction:
    """One image: its file, true class (None when unknown), predicted class, probabilities."""

    file: str
    true: str | None
    predicted: str
    probabilities: list[float]
    classes: list[str] = field(repr=False, default_factory=list)

    @property
    def confidence(self) -> float:
        return max(self.probabilities)

    @property
    def correct(self) -> bool:
        return self.true == self.predicted

    def top(self, n: int = 3) -> list[tuple[str, float]]:
        """The ``n`` likeliest classes with their probabilities, likeliest first."""
        order = sorted(range(len(self.probabilities)), key=lambda i: -self.probabilities[i])
        return [(self.classes[i], float(self.probabilities[i])) for i in order[:n]]

    @property
    def margin(self) -> float:
        """Top-1 minus top-2 probability: small means unsure."""
        ranked = sorted(self.probabilities, reverse=True)
        return ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)


@dataclass
class PredictedFile:
    """One file's probabilities, or the reason it could not be read (``error``)."""

    file: str
    probabilities: list[float] | None
    error: str = ""

    def predicted(self, classes: list[str]) -> str:
        return classes[_argmax(self.probabilities)] if self.probabilities else ""

    @property
    def confidence(self) -> float | None:
        return max(self.probabilities) if self.probabilities else None

    def as_prediction(self, classes: list[str]) -> Prediction:
        """As a :class:`Prediction` without a true class (the file must have been read)."""
        assert self.probabilities is not None
        return Prediction(self.file, None, self.predicted(classes), list(self.probabilities),
                          list(classes))


def to_csv(rows: list[PredictedFile], classes: list[str]) -> str:
    """``file,predicted,confidence,<one column per class>,error``: one row per file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "predicted", "confidence", *classes, "error"])
    for row in rows:
        if row.probabilities is None:
            writer.writerow([row.file, "", "", *([""] * len(classes)), row.error])
            continue
        writer.writerow([row.file, row.predicted(classes), f"{row.confidence:.6f}",
                         *(f"{p:.6f}" for p in row.probabilities), ""])
    return buffer.getvalue()
