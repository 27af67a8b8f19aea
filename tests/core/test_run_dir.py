"""The run directory: crash-safe files, checkpoints, set-aside on resume, run listing."""

import json
import os
from datetime import datetime

from fitgen_gui.core.console_text import ConsoleBuffer, ConsoleStream
from fitgen_gui.core.events import (
    BatchEnded,
    ConsoleText,
    EpochEnded,
    EpochStarted,
    TrainingFailed,
    event_from_dict,
    event_to_dict,
)
from fitgen_gui.core.run_dir import CheckpointInfo, EventLog, RunDir, list_runs, write_atomic


def make_run(tmp_path, name="cells"):
    run = RunDir.create(tmp_path, name, now=datetime(2026, 1, 2, 3, 4, 5))
    run.write_config(json.dumps({"training": {"epochs": 5}}))
    return run


def fake_checkpoint(run, epoch, partial=False, logs=None):
    path = run.checkpoint_path(epoch, partial)
    path.write_bytes(b"model")
    run.write_checkpoint_info(CheckpointInfo(epoch, partial, str(path), logs or {},
                                             3 if partial else None))


def test_run_folders_are_named_by_time_and_never_collide(tmp_path):
    first, second = make_run(tmp_path), make_run(tmp_path)
    assert first.name == "2026-01-02_03-04-05_cells"
    assert second.name == "2026-01-02_03-04-05_cells-2"
    assert first.checkpoints_dir.is_dir()


def test_write_atomic_leaves_no_temporary_file(tmp_path):
    write_atomic(tmp_path / "a.json", "{}")
    write_atomic(tmp_path / "a.json", '{"b": 1}')
    assert os.listdir(tmp_path) == ["a.json"]
    assert (tmp_path / "a.json").read_text() == '{"b": 1}'


def test_event_log_survives_a_torn_last_line(tmp_path):
    log = EventLog(tmp_path / "events.jsonl")
    log.append(EpochStarted(0))
    log.append(EpochEnded(0, {"loss": 0.5}, "ckpt", 0.001, 2.0))
    log.close()
    with open(tmp_path / "events.jsonl", "a") as f:
        f.write('{"type": "BatchEnded", "epoch": 1, "first_ba')  # killed mid-write
    events = EventLog(tmp_path / "events.jsonl").events()
    assert events == [EpochStarted(0), EpochEnded(0, {"loss": 0.5}, "ckpt", 0.001, 2.0)]


def test_events_round_trip_through_json():
    for event in (BatchEnded(1, 4, {"loss": (0.5, 0.4)}, {"loss": 0.45}, 10, 120.0, 3.0, 1e-3),
                  TrainingFailed("Out of memory", "Traceback...", None, None, "MemoryError")):
        assert event_from_dict(json.loads(json.dumps(event_to_dict(event)))) == event


def test_history_is_rewritten_per_epoch_in_csvlogger_layout(tmp_path):
    run = make_run(tmp_path)
    run.record_epoch(0, {"loss": 0.9, "val_loss": 1.0})
    run.record_epoch(1, {"loss": 0.7, "val_loss": 0.8, "accuracy": 0.5})
    run.record_epoch(1, {"loss": 0.6, "val_loss": 0.8, "accuracy": 0.6})  # replaced
    text = (run.path / "history.csv").read_text()
    assert text.splitlines()[0] == "epoch,accuracy,loss,val_loss"
    assert [r["loss"] for r in run.read_history()] == [0.9, 0.6]


def test_checkpoints_are_listed_with_their_metrics_and_partial_ones_marked(tmp_path):
    run = make_run(tmp_path)
    fake_checkpoint(run, 1, logs={"val_loss": 0.9})
    fake_checkpoint(run, 2, logs={"val_loss": 0.7})
    fake_checkpoint(run, 3, partial=True)
    (run.checkpoints_dir / ".epoch-0004.tmp.keras").write_bytes(b"half")  # a crash
    found = run.checkpoints()
    assert [(c.epoch, c.partial) for c in found] == [(1, False), (2, False), (3, True)]
    assert found[1].logs == {"val_loss": 0.7}
    assert found[2].initial_epoch == 2 and "stopped after 3 batches" in found[2].label
    assert run.checkpoint().epoch == 3 and run.checkpoint(2).epoch == 2


def test_set_aside_keeps_the_later_attempt_and_cuts_history_and_events(tmp_path):
    run = make_run(tmp_path)
    log = run.events
    for epoch in range(4):
        log.append(EpochStarted(epoch))
        log.append(EpochEnded(epoch, {"loss": 1.0 - epoch / 10}, None))
        run.record_epoch(epoch, {"loss": 1.0 - epoch / 10})
        fake_checkpoint(run, epoch + 1)
    log.close()
    (run.path / "model.keras").write_bytes(b"final")
    folder = run.set_aside_after(run.checkpoint(2))
    assert [r["epoch"] for r in run.read_history()] == [0, 1]
    assert [c.epoch for c in run.checkpoints()] == [1, 2]
    kept = run.events.events()
    assert kept[-1] == EpochEnded(1, {"loss": 0.9}, None)
    assert sorted(p.name for p in (folder / "checkpoints").iterdir()) == [
        "epoch-0003.json", "epoch-0003.keras", "epoch-0004.json", "epoch-0004.keras"]
    assert (folder / "model.keras").exists() and (folder / "history.csv").exists()
    assert len(EventLog(folder / "events.jsonl").events()) == 8  # the old attempt, whole


def test_a_run_whose_process_is_gone_is_interrupted(tmp_path):
    run = make_run(tmp_path)
    run.write_state("running")
    assert run.status() == "running"
    state = json.loads((run.path / "run.json").read_text())
    state["pid"] = 2**22 + 12345  # no such process
    (run.path / "run.json").write_text(json.dumps(state))
    assert run.status() == "interrupted"


def test_list_runs_reports_epochs_and_best_validation_metric(tmp_path):
    run = make_run(tmp_path)
    run.record_epoch(0, {"val_accuracy": 0.6})
    run.record_epoch(1, {"val_accuracy": 0.8})
    run.write_state("finished")
    (summary,) = list_runs(tmp_path)
    assert (summary.status, summary.epochs_done, summary.epochs_planned) == ("finished", 2, 5)
    assert (summary.best_metric, summary.best_value) == ("val_accuracy", 0.8)


def test_console_buffer_and_stream_keep_final_lines(tmp_path):
    lines = []
    buffer = ConsoleBuffer(lines.append)
    buffer.feed("Epoch 1/2\n\r1/3 ━\r2/3 ━━")
    assert lines == ["Epoch 1/2"] and buffer.current == "2/3 ━━"
    buffer.feed("\r3/3 ━━━ done\n")
    assert lines == ["Epoch 1/2", "3/3 ━━━ done"]
    sent = []
    stream = ConsoleStream(tmp_path / "console.log", sent.append)
    stream.write("\r1/2 a")
    stream.write("\r2/2 b\n")
    stream.close()
    assert (tmp_path / "console.log").read_text() == "2/2 b\n"
    assert sent == [ConsoleText("\r1/2 a"), ConsoleText("\r2/2 b\n")]


def test_after_a_torn_last_line_the_next_append_starts_a_line_of_its_own(tmp_path):
    log = EventLog(tmp_path / "events.jsonl")
    log.append(EpochStarted(0))
    log.close()
    with open(tmp_path / "events.jsonl", "a") as f:
        f.write('{"type": "BatchEnded", "epoch": 0, "first_ba')  # power cut mid-write
    resumed = EventLog(tmp_path / "events.jsonl")  # the next session appends
    resumed.append(EpochStarted(1))
    resumed.close()
    assert resumed.events() == [EpochStarted(0), EpochStarted(1)]


def test_repair_puts_back_the_row_and_event_a_crash_after_a_checkpoint_lost(tmp_path):
    run = make_run(tmp_path)
    run.record_epoch(0, {"loss": 0.9})
    log = run.events
    log.append(EpochEnded(0, {"loss": 0.9}, "c1"))
    log.close()
    path = run.checkpoint_path(2)
    event = {"epoch": 1, "logs": {"loss": 0.7}, "checkpoint": str(path),
             "learning_rate": 0.001, "seconds": 1.0}
    run.write_checkpoint_info(CheckpointInfo(2, False, str(path), {"loss": 0.7}, None,
                                             {"row": {"loss": 0.7}, "event": event}))
    path.write_bytes(b"model")  # renamed into place; then the process died
    assert run.repair() == [1]
    assert [r["epoch"] for r in run.read_history()] == [0, 1]
    ends = [e for e in run.events.events() if isinstance(e, EpochEnded)]
    assert [e.epoch for e in ends] == [0, 1] and ends[1].logs == {"loss": 0.7}
    assert run.repair() == []  # nothing left to repair


def test_a_second_lock_on_a_run_is_refused_naming_the_process(tmp_path):
    import pytest

    from fitgen_gui.core.errors import RunLockedError

    run = make_run(tmp_path)
    with run.lock():
        with pytest.raises(RunLockedError, match=f"being trained by process {os.getpid()}"):
            run.lock().acquire()
        assert run.lock().is_locked()
    assert not run.lock().is_locked()


def test_writes_that_fail_leave_no_temporary_file(tmp_path, monkeypatch):
    import errno

    import pytest

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "config.json", "{}")
    assert os.listdir(tmp_path) == []
