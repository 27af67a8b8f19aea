"""Profiles of training batches with step markers, so the profiler's verdict works."""

import glob

import pytest

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.events import BatchEnded, ConsoleText, ProfileSaved, TrainingFinished
from fitgen_gui.core.run_requests import ProfileRequest, parse_batch_range
from fitgen_gui.training.runner import run_training

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(("text", "expected"), [("10-30", (10, 30)), ("7", (7, 7)),
                                                (" 2 - 3 ", (2, 3))])
def test_batch_ranges_are_read(text, expected):
    assert parse_batch_range(text) == expected


@pytest.mark.parametrize("text", ["0-5", "9-3", "a-b", "1-2-3", "1-900"])
def test_bad_batch_ranges_are_refused_in_words(text):
    with pytest.raises(ValueError, match="batch"):
        parse_batch_range(text)
    config = RunConfig()
    config = config.replace(**{"callbacks.profile_batches": text})
    assert any(p.field == "callbacks.profile_batches" for p in config.validate())


def test_a_profile_of_batches_has_step_markers_and_a_verdict(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"callbacks.profile_batches": "3-7"})
    events = []
    final = run_training(tiny_config, events.append, workspace=tmp_path / "runs")
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    saved = [e for e in events if isinstance(e, ProfileSaved)]
    assert len(saved) == 1
    assert (saved[0].first_batch, saved[0].last_batch) == (3, 7)
    assert glob.glob(f"{saved[0].log_dir}/plugins/profile/*/*.xplane.pb")
    # The profiler found the steps: its verdict grades the input, not "No step marker".
    assert "input-bound" in saved[0].verdict and "step marker" not in saved[0].verdict
    console = "".join(e.text for e in events if isinstance(e, ConsoleText))
    assert "Profile of batches 3-7 written to" in console


def test_profile_the_next_batches_when_asked_during_a_run(tiny_config, tmp_path):
    tiny_config = tiny_config.replace(**{"training.epochs": 3})
    request = ProfileRequest()
    events = []

    def sink(event):  # the app asks from its GUI thread; the request is thread-safe
        if isinstance(event, BatchEnded) and not events_of(ProfileSaved) and \
                not any(isinstance(e, BatchEnded) for e in events):
            request.ask(4)
        events.append(event)

    def events_of(kind):
        return [e for e in events if isinstance(e, kind)]

    final = run_training(tiny_config, sink, workspace=tmp_path / "runs",
                         profile_request=request)
    assert isinstance(final, TrainingFinished)
    saved = events_of(ProfileSaved)
    assert len(saved) == 1 and saved[0].last_batch - saved[0].first_batch == 3
    asked_after = events_of(BatchEnded)[0].last_batch + 1
    assert saved[0].first_batch > asked_after
