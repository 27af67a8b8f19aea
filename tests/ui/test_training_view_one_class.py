"""The Training view says in words when validation answers one class (issue 24)."""

from fitgen_gui.core.events import EpochEnded, RunWarning


def test_training_view_shows_the_one_class_sentence_until_an_epoch_without_it(qtbot):
    from fitgen_gui.ui.views.training_view import TrainingView

    view = TrainingView()
    qtbot.addWidget(view)
    view.show()
    view.handle(RunWarning("x", kind="one_class", subject="ants"))
    assert view.one_class.isVisible()
    assert view.one_class.text() == ("The model calls every validation image 'ants' so far: "
                                     "it has not yet learned to tell the classes apart.")
    view.handle(EpochEnded(0, {"loss": 0.7, "accuracy": 0.6}, None))
    assert not view.one_class.isVisible()

