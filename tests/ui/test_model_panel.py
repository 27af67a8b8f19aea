"""The Model panel's choices never leave Start blocked by a setting the user cannot change."""

import itertools

import pytest

from fitgen_gui.core.config import ARCHITECTURES

WEIGHT_CHOICES = ("none", "imagenet", "file")


def _choose(panel, architecture):
    panel.architecture.setCurrentIndex(panel.architecture.findData(architecture))


def _blocking_controls_disabled(window):
    """The blocking problems whose control is greyed out (the user could not fix them)."""
    stuck = []
    for problem in window.project.problems:
        base = problem.field.split("[")[0]
        if base not in window.binder.fields():
            continue  # shown in the red line only, with no control of its own
        widget = window.binder.widget(base)
        if not widget.isEnabled():
            stuck.append(f"{problem.field} ({problem.message})")
    return stuck


@pytest.mark.parametrize("first", [a for a in ARCHITECTURES if a != "small_cnn"])
def test_every_blocking_problem_names_an_enabled_control(window, tmp_path, first):
    """Every architecture after every weights choice (and the head's switches) on a backbone:
    each problem that blocks Start names a setting whose control the user can change."""
    panel = window.model_panel
    weights_file = tmp_path / "weights.h5"
    weights_file.write_bytes(b"not really weights")
    for weights, train_base, fine_tune in itertools.product(WEIGHT_CHOICES, (True, False),
                                                            (False, True)):
        _choose(panel, first)
        panel.weights.mode.setCurrentIndex(panel.weights.mode.findData(weights))
        if weights == "file":
            panel.weights.file.setValue(str(weights_file))
        panel.train_base.setChecked(train_base)
        if panel.fine_tune.isEnabled():
            panel.fine_tune.setChecked(fine_tune)
        for then in ARCHITECTURES:
            _choose(panel, then)
            assert not _blocking_controls_disabled(window), (first, weights, train_base,
                                                             fine_tune, then)


def test_the_small_cnn_sets_imagenet_aside_and_a_backbone_gives_it_back(window):
    panel = window.model_panel
    project = window.project
    _choose(panel, "mobilenet_v3_small")
    panel.weights.mode.setCurrentIndex(panel.weights.mode.findData("imagenet"))
    panel.train_base.setChecked(False)
    _choose(panel, "small_cnn")
    assert project.config.model.weights == "none"
    assert panel.weights.mode.currentData() == "none"
    assert project.config.model.train_base
    assert not any(p.field.startswith("model.") for p in project.problems)
    _choose(panel, "efficientnet_b0")  # the user's choices for a backbone come back
    assert project.config.model.weights == "imagenet"
    assert panel.weights.mode.currentData() == "imagenet"
    assert not project.config.model.train_base


def test_a_saved_small_cnn_with_imagenet_weights_opens_without_blocking(window):
    config = window.project.config.replace(**{"model.architecture": "small_cnn",
                                              "model.weights": "imagenet",
                                              "model.fine_tune": True})
    window.project.load(config)
    assert window.project.config.model.weights == "none"
    assert not window.project.config.model.fine_tune
    assert not any(p.field.startswith("model.") for p in window.project.problems)
