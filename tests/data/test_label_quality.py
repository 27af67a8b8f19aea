"""Confident learning and the folds, on probabilities made by hand (no training)."""

import numpy as np
import pytest

from fitgen_gui.data.label_issues_file import IssueTable, read_issues_csv
from fitgen_gui.data.label_quality import find_label_issues, stratified_folds


def test_folds_hold_out_every_image_once_and_spread_each_class_evenly():
    labels = np.array([0] * 23 + [1] * 10 + [2] * 3)
    fold_of, fewer = stratified_folds(labels, 5, seed=3)
    assert fold_of.shape == labels.shape and set(fold_of) == set(range(5))
    for cls in (0, 1):
        counts = np.bincount(fold_of[labels == cls], minlength=5)
        assert counts.max() - counts.min() <= 1
    assert fewer == {2: 3}  # 3 images: 3 folds, one each
    assert len(set(fold_of[labels == 2])) == 3
    assert np.array_equal(stratified_folds(labels, 5, seed=3)[0], fold_of)  # seeded
    with pytest.raises(ValueError):
        stratified_folds(labels, 1)


def test_confident_learning_flags_the_images_another_class_claims():
    # Class 0 images are ~0.9 sure, class 1 ~0.8 sure; image 2 (labelled 0) looks like a 1.
    p = np.array([[0.9, 0.1], [0.92, 0.08], [0.15, 0.85], [0.2, 0.8], [0.25, 0.75],
                  [0.55, 0.45]])
    labels = np.array([0, 0, 0, 1, 1, 1])
    issues = find_label_issues(p, labels)
    assert issues.thresholds == pytest.approx([(0.9 + 0.92 + 0.15) / 3, (0.8 + 0.75 + 0.45) / 3])
    # Image 5 is unsure (0.55 for class 0 is below class 0's threshold): suspect, but no
    # other class claims it.
    assert issues.is_issue.tolist() == [False, False, True, False, False, False]
    assert issues.suggested.tolist() == [0, 0, 1, 1, 1, 1]
    assert issues.quality == pytest.approx(p[np.arange(6), labels])
    assert issues.ranking[:2].tolist() == [2, 5]  # the lowest quality first
    assert issues.per_class(labels, 2).tolist() == [1, 0]


def test_a_sure_right_answer_is_no_issue_even_when_another_class_passes_its_threshold():
    p = np.array([[0.6, 0.4], [0.9, 0.1], [0.3, 0.7], [0.35, 0.65]])
    labels = np.array([0, 0, 1, 1])
    issues = find_label_issues(p, labels)
    # Image 0 is unsure (0.6) but class 1 does not reach its threshold (0.675) there.
    assert issues.thresholds[1] == pytest.approx(0.675)
    assert not issues.is_issue.any()


def test_one_sigmoid_output_is_two_classes():
    issues = find_label_issues(np.array([0.1, 0.2, 0.9, 0.15]), np.array([0, 0, 1, 1]))
    assert issues.is_issue.tolist() == [False, False, False, True]
    assert issues.suggested.tolist() == [0, 0, 1, 0]


def test_the_table_round_trips_most_suspect_first(tmp_path):
    p = np.array([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7]])
    labels = np.array([0, 0, 1])
    issues = find_label_issues(p, labels)
    table = IssueTable.from_issues(["a.png", "b.png", "c.png"], labels, ["ants", "bees"], p,
                                   issues)
    path = table.write(tmp_path / "issues.csv")
    assert path.read_text().splitlines()[0] == "file,label,suggested,quality,ants,bees"
    back = read_issues_csv(path)
    assert [r.file for r in back.rows] == ["b.png", "c.png", "a.png"]
    assert [r.quality for r in back.rows] == sorted(r.quality for r in back.rows)
    assert [(r.file, r.suggested) for r in back.issues] == [("b.png", "bees")]
    assert back.per_class() == {"ants": 1, "bees": 0}
    assert back.pairs() == [("ants", "bees", 1)]
