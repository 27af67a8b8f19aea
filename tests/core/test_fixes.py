"""Fixes that lose nothing: every move, exclusion and undo leaves the folder tree as it was
(file bytes compared), even when the process is killed between the journal and the move,
and a name already in the target folder is never overwritten."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fitgen_gui.core.fixes import EXCLUDED, JOURNAL, FixError, FixJournal, recover
from fitgen_gui.data.folder_scan import walk_class_tree

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
_OURS = {JOURNAL, ".fixes.lock"}


def files_of(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` but FitGen's journal and lock, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name not in _OURS}


@pytest.fixture
def dataset(tmp_path):
    root = tmp_path / "train"
    for cls, names in {"cats": ["a.jpg", "b.jpg"], "dogs": ["c.jpg", "a.jpg"],
                       "birds": ["d.png"]}.items():
        (root / cls).mkdir(parents=True)
        for name in names:
            (root / cls / name).write_bytes(f"{cls}/{name}".encode() * 10)
    (root / "cats" / "day1").mkdir()
    (root / "cats" / "day1" / "e.jpg").write_bytes(b"nested cat")
    return root


def test_move_then_undo_leaves_the_tree_as_before(dataset):
    before = files_of(dataset)
    journal = FixJournal(dataset)
    action = journal.move(dataset / "cats" / "b.jpg", "dogs", reason="likely label error")
    after = files_of(dataset)
    assert "cats/b.jpg" not in after and after["dogs/b.jpg"] == before["cats/b.jpg"]
    assert action.target == "dogs/b.jpg" and action.state == "done"
    record = json.loads((dataset / JOURNAL).read_text().splitlines()[0])
    assert {"time", "file", "from", "to", "reason"} <= set(record)
    assert (record["from"], record["to"], record["reason"]) == (
        "cats/b.jpg", "dogs/b.jpg", "likely label error")
    journal.undo()
    assert files_of(dataset) == before
    assert [a.undone_by for a in journal.actions()] == [2, None]


def test_a_nested_file_keeps_its_sub_folder(dataset):
    before = files_of(dataset)
    journal = FixJournal(dataset)
    assert journal.move("cats/day1/e.jpg", "birds").target == "birds/day1/e.jpg"
    journal.undo()
    assert files_of(dataset) == before


def test_exclude_keeps_the_class_in_the_path_and_every_scan_skips_it(dataset):
    before = files_of(dataset)
    tree = walk_class_tree(dataset)
    journal = FixJournal(dataset)
    action = journal.exclude(dataset / "dogs" / "c.jpg", reason="blurred")
    assert action.target == f"{EXCLUDED}/dogs/c.jpg" and action.original_class == "dogs"
    assert files_of(dataset)[f"{EXCLUDED}/dogs/c.jpg"] == before["dogs/c.jpg"]
    scanned = walk_class_tree(dataset)
    assert scanned.class_names == tree.class_names == ["birds", "cats", "dogs"]
    assert len(scanned.filenames) == len(tree.filenames) - 1
    assert not scanned.root_files and not scanned.hidden  # journal and _excluded: FitGen's
    journal.undo(action.id)
    assert files_of(dataset) == before
    assert not (dataset / EXCLUDED).exists()  # the empty folders FitGen made are gone


def test_a_name_in_the_target_folder_is_never_overwritten(dataset):
    before = files_of(dataset)
    journal = FixJournal(dataset)
    action = journal.move("cats/a.jpg", "dogs")
    assert action.target == "dogs/a (2).jpg" and action.renamed
    after = files_of(dataset)
    assert after["dogs/a.jpg"] == before["dogs/a.jpg"]
    assert after["dogs/a (2).jpg"] == before["cats/a.jpg"]
    assert "as a (2).jpg" in action.describe()
    # The old name was taken meanwhile: the undo gets a new name too, recorded.
    (dataset / "cats" / "a.jpg").write_bytes(b"a new photo")
    back = journal.undo()
    assert back.target == "cats/a (2).jpg"
    final = files_of(dataset)
    assert final["cats/a.jpg"] == b"a new photo"
    assert final["cats/a (2).jpg"] == before["cats/a.jpg"]
    assert final["dogs/a.jpg"] == before["dogs/a.jpg"]


def test_undo_all_and_undo_by_number_and_chains(dataset):
    before = files_of(dataset)
    journal = FixJournal(dataset)
    first = journal.move("cats/b.jpg", "dogs")
    journal.move("dogs/b.jpg", "birds")  # the same file again
    journal.exclude("birds/d.png")
    with pytest.raises(FixError, match="moved again by fix #2"):
        journal.undo(first.id)
    assert journal.actions()[1].file == "cats/b.jpg"  # followed to its first place
    journal.undo(3)
    assert [a.id for a in journal.undoable()] == [2, 1]
    undone = journal.undo_all()
    assert [a.undoes for a in undone] == [2, 1]
    assert files_of(dataset) == before
    with pytest.raises(FixError, match="Nothing to undo"):
        journal.undo()
    with pytest.raises(FixError, match="undone already"):
        journal.undo(1)


def test_refusals_change_nothing(dataset):
    before = files_of(dataset)
    journal = FixJournal(dataset)
    with pytest.raises(FixError, match="already in class cats"):
        journal.move("cats/a.jpg", "cats")
    with pytest.raises(FixError, match="not there any more"):
        journal.move("cats/zzz.jpg", "dogs")
    with pytest.raises(FixError, match="not in the dataset folder"):
        journal.move(dataset.parent / "elsewhere.jpg", "dogs")
    with pytest.raises(FixError, match="no fix #9"):
        journal.undo(9)
    assert files_of(dataset) == before
    assert [a.state for a in journal.actions()] == []


def test_a_line_torn_by_a_crash_is_ignored_and_the_next_line_starts_whole(dataset):
    journal = FixJournal(dataset)
    journal.move("cats/b.jpg", "dogs")
    with open(dataset / JOURNAL, "a") as f:
        f.write('{"id": 2, "op": "move", "fi')  # killed while writing the line
    assert [a.id for a in journal.actions()] == [1]
    journal.exclude("birds/d.png")
    assert [(a.id, a.state) for a in journal.actions()] == [(1, "done"), (2, "done")]


# -- killed between the journal and the move -------------------------------------------------

_SCRIPT = """
import sys
from fitgen_gui.core.fixes import FixJournal
journal = FixJournal(sys.argv[1])
for step in sys.argv[2:]:
    op, _, arg = step.partition("=")
    if op == "move":
        path, _, cls = arg.partition(">")
        journal.move(path, cls)
    elif op == "exclude":
        journal.exclude(arg)
    else:
        journal.undo()
"""


def _killed_at(dataset: Path, point: str, *steps: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FITGEN_CRASH_AT": point}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(dataset), *steps], env=env,
                          timeout=60, capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr


@posix_only
@pytest.mark.parametrize("point", ["fix:1:journaled", "fix:1:linked", "fix:1:moved"])
@pytest.mark.parametrize("step", ["move=cats/b.jpg>dogs", "exclude=cats/b.jpg",
                                  "move=cats/a.jpg>dogs"])
def test_killed_during_an_action_is_finished_on_the_next_start_and_undoes(
        dataset, point, step):
    before = files_of(dataset)
    _killed_at(dataset, point, step)
    assert [a.state for a in FixJournal(dataset).actions()] == ["pending"]
    messages = recover(dataset)
    assert len(messages) == 1 and messages[0].startswith("Finished fix #1")
    assert recover(dataset) == []  # a second start finds nothing to do
    (action,) = FixJournal(dataset).actions()
    assert action.state == "done"
    after = files_of(dataset)
    assert sorted(after) == sorted({*before} - {action.source} | {action.target})
    assert after[action.target] == before[action.source]
    FixJournal(dataset).undo()
    assert files_of(dataset) == before


@posix_only
@pytest.mark.parametrize("point", ["fix:2:journaled", "fix:2:linked"])
def test_killed_during_an_undo_is_finished_too(dataset, point):
    before = files_of(dataset)
    _killed_at(dataset, point, "exclude=dogs/c.jpg", "undo")
    assert "Finished fix #2" in recover(dataset)[0]
    assert files_of(dataset) == before
    assert FixJournal(dataset).undoable() == []


def test_a_pending_action_that_would_overwrite_is_cancelled_and_nothing_moves(dataset):
    before = files_of(dataset)
    line = {"id": 1, "op": "move", "time": "t", "file": "cats/a.jpg", "from": "cats/a.jpg",
            "to": "dogs/a.jpg", "class": "cats", "reason": ""}
    (dataset / JOURNAL).write_text(json.dumps(line) + "\n")  # dogs/a.jpg is another file
    assert "Cancelled fix #1" in recover(dataset)[0]
    assert files_of(dataset) == before
    assert FixJournal(dataset).actions()[0].state == "cancelled"
