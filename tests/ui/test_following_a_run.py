"""Following a run another process trains shows what the live view shows, read a tick at a
time, and each tick reads only what the run's folder gained since the last one."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from fitgen_gui.core.events import ConsoleText, PhaseStarted, ProfileSaved
from fitgen_gui.core.run_dir import CONSOLE, EVENTS, EventLog, RunDir

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    """A real tiny training, with every event its sink got, fine-tuning phase included."""
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.demo_dataset import write_demo_dataset
    from fitgen_gui.training.runner import run_training

    base = tmp_path_factory.mktemp("follow")
    data = write_demo_dataset(base / "shapes", counts={"train": 8, "val": 4})
    config = RunConfig(name="followed").replace(**{
        "data.train_dir": str(data / "train"), "data.val_dir": str(data / "val"),
        "data.target_size": (32, 32), "data.batch_size": 8, "training.epochs": 3,
        "training.workers": 1})
    events = []
    final = run_training(config, events.append, workspace=base / "runs")
    assert final.run_dir, getattr(final, "details", final)
    return Path(final.run_dir), [*events, final]


def _shown(view):
    """What a training view shows: every curve's points, the input strips, the console."""
    curves = {name: (series.x.tolist(), np.nan_to_num(series.y).tolist())
              for name, series in view.plots.series.items()}
    meter = (view.input.wait.x.tolist(), view.input.counts.matrix.tolist(),
             view.input.verdict.text())
    return curves, meter, view.plots.fine_tuning_from, view.console.text_lines()


def test_following_shows_what_the_live_view_shows_a_tick_at_a_time(
        qtbot, tmp_path, finished_run, monkeypatch):
    from fitgen_gui.ui.views.training_view import TrainingView

    source, events = finished_run
    # What only reaches the live view or the folder in a long run: a profile, fine-tuning.
    extra = [PhaseStarted("fine_tuning", "Fine-tuning from epoch 2", epoch=1),
             ProfileSaved(str(tmp_path / "profile"), 3, 4, "not input-bound")]
    events = [*events[:-1], *extra, events[-1]]
    live = TrainingView()
    qtbot.addWidget(live)
    for event in events:
        live.on_event(event)

    # The same run, appearing in a folder line by line as another process writes it.
    folder = tmp_path / source.name
    folder.mkdir()
    for name in ("config.json",):
        shutil.copy(source / name, folder / name)
    run = RunDir(folder)
    run.write_state("running")
    followed = TrainingView()
    qtbot.addWidget(followed)
    followed.show_run(str(folder))
    assert followed.following
    reads = []
    original = EventLog._lines_from

    def counting(self, offset):
        lines, end = original(self, offset)
        reads.append(end - offset)
        return lines, end

    monkeypatch.setattr(EventLog, "_lines_from", counting)
    log = EventLog(folder / EVENTS)
    written = []
    for event in events:
        if isinstance(event, ConsoleText):
            with open(folder / CONSOLE, "a", encoding="utf-8") as console:
                console.write(event.text)
            continue
        before = (folder / EVENTS).stat().st_size if (folder / EVENTS).exists() else 0
        log.append(event)
        written.append((folder / EVENTS).stat().st_size - before)
        followed._read_more()
    log.close()
    run.write_state("finished")
    followed._read_more()
    assert not followed.following
    assert _shown(followed) == _shown(live), _diff(_shown(followed), _shown(live))
    assert followed.unreadable == []
    # Each tick read what was appended since the one before (the first also the schema
    # line), not the whole file again.
    assert reads[1:len(written)] == written[1:]


def test_a_record_that_cannot_be_read_is_named_not_skipped(qtbot, finished_run, tmp_path):
    from fitgen_gui.ui.views.training_view import TrainingView

    source, _ = finished_run
    folder = tmp_path / "damaged"
    shutil.copytree(source, folder)
    lines = (folder / EVENTS).read_text().splitlines(keepends=True)
    lines.insert(3, '{"type": "EpochEnded", "epoch": 0}\n')  # fields missing
    lines.insert(5, "not json\n")
    (folder / EVENTS).write_text("".join(lines))
    view = TrainingView()
    qtbot.addWidget(view)
    view.show_run(str(folder))
    assert len(view.unreadable) == 2
    assert view.unreadable[0].startswith("line 4: a EpochEnded record without all its fields")
    assert view.unreadable[1].startswith("line 6: not JSON")
    assert "2 records of events.jsonl could not be read" in view.heading.text()


def _diff(a, b):
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x != y:
            if isinstance(x, dict):
                return i, {k: (x[k], y.get(k)) for k in x if x[k] != y.get(k)}
            return i, x, y
    return None
