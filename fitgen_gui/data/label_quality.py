"""Which images are probably in the wrong class folder: folds and confident learning.

A model cannot tell which of its training labels are wrong from its own predictions on
them: it has learned many of them. Predictions on images a model never trained on
(out-of-fold probabilities: the training images split into K folds, each predicted by a
model trained on the other K-1) can. :func:`stratified_folds` makes the split (every class
spread evenly over the folds; a class with fewer images than K over fewer folds), and
:func:`find_label_issues` applies confident learning (Northcutt et al., 2021) to the
joined probabilities, written here in a few lines of numpy (cleanlab, the reference
implementation, is AGPL-licensed and cannot ship with FitGen):

- each class's *threshold* is the mean probability of that class over the images labelled
  with it (how sure the models are of that class when it is right, on average);
- an image is a *likely label error* when, of the classes whose probability reaches their
  threshold, the likeliest is not its label: that class is the *suggested* one;
- its *label quality* is the out-of-fold probability of its label: the lower, the more
  suspect; images are ranked by it, lowest first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["LabelIssues", "as_class_probabilities", "find_label_issues", "stratified_folds"]


def stratified_folds(labels: np.ndarray, folds: int, seed: int | None = 0
                     ) -> tuple[np.ndarray, dict[int, int]]:
    """The fold (0..folds-1) of each image, every class spread evenly over the folds.

    Returns ``(fold_of_image, fewer)``: ``fewer`` maps each class that has fewer images
    than ``folds`` to the number of folds its images are spread over (one image each);
    every image is still held out by exactly one fold.
    """
    labels = np.asarray(labels, dtype=np.int64)
    if folds < 2:
        raise ValueError("At least 2 folds are needed.")
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(labels), dtype=np.int64)
    fewer: dict[int, int] = {}
    offset = 0
    for cls in np.unique(labels):
        members = np.flatnonzero(labels == cls)
        rng.shuffle(members)
        if len(members) < folds:
            fewer[int(cls)] = len(members)
        # Start each class at another fold, so the folds' sizes stay even across classes.
        fold_of[members] = (np.arange(len(members)) + offset) % folds
        offset += len(members)
    return fold_of, fewer


def as_class_probabilities(outputs: np.ndarray) -> np.ndarray:
    """(n, classes) probabilities; one sigmoid output (binary) becomes two columns."""
    outputs = np.asarray(outputs, dtype=np.float64)
    if outputs.ndim == 1 or outputs.shape[1] == 1:
        p = outputs.reshape(-1)
        return np.stack([1.0 - p, p], axis=1)
    return outputs


@dataclass(frozen=True)
class LabelIssues:
    """Confident learning's verdict on every image.

    Attributes
    ----------
    thresholds
        Per class: the mean probability of the class over the images labelled with it.
    suggested
        Per image: the class it probably belongs to (its label when it is no likely error).
    is_issue
        Per image: whether it is a likely label error.
    quality
        Per image: the probability of its label (lower is more suspect).
    ranking
        Image indices, the most suspect first (ascending quality).
    """

    thresholds: np.ndarray
    suggested: np.ndarray
    is_issue: np.ndarray
    quality: np.ndarray
    ranking: np.ndarray

    def per_class(self, labels: np.ndarray, n_classes: int) -> np.ndarray:
        """Likely errors per given class."""
        return np.bincount(np.asarray(labels)[self.is_issue], minlength=n_classes)


def find_label_issues(probabilities: np.ndarray, labels: np.ndarray) -> LabelIssues:
    """Confident learning on out-of-fold ``probabilities`` (n, classes) for ``labels`` (n,)."""
    p = as_class_probabilities(probabilities)
    labels = np.asarray(labels, dtype=np.int64)
    n, k = p.shape
    thresholds = np.ones(k)
    for cls in range(k):
        mine = labels == cls
        if mine.any():
            thresholds[cls] = p[mine, cls].mean()
    # Of the classes each image reaches the threshold of, the likeliest.
    passing = np.where(p >= thresholds - 1e-12, p, -np.inf)
    confident = passing.argmax(axis=1)
    reached = np.isfinite(passing.max(axis=1))
    is_issue = reached & (confident != labels)
    suggested = np.where(is_issue, confident, labels)
    quality = p[np.arange(n), labels]
    ranking = np.lexsort((np.arange(n), quality))  # ties: the folder order
    return LabelIssues(thresholds, suggested, is_issue, quality, ranking)
