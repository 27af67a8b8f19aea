"""A fold trains on (K-1)/K of the images: it gets as many optimizer steps as the run did,
so the fold models are not weaker than the run's model for having fewer batches."""

from fitgen_gui.training.out_of_fold import _steps_matched_epochs


def test_a_fold_trains_as_many_steps_as_the_run():
    # 360 images, batch 32: the run has 12 steps an epoch; a fold of 288 has 9.
    epochs = _steps_matched_epochs(10, 360, 5, 32)
    assert epochs == 14
    assert epochs * 9 >= 10 * 12 > (epochs - 1) * 9


def test_never_fewer_epochs_than_the_run():
    assert _steps_matched_epochs(3, 10, 2, 64) == 3  # one batch either way
    assert _steps_matched_epochs(1, 36, 3, 8) == 2  # 5 steps of the run, 3 of a fold
