"""``fitgen fixes``: a label-issues CSV applied, listed and undone from a terminal."""

from pathlib import Path

from fitgen_gui.cli import main
from tests.core.test_fixes import files_of


def test_apply_lists_first_moves_when_asked_and_undo_all_restores(tmp_path, capsys):
    root = tmp_path / "data" / "train"
    for cls in ("ants", "bees"):
        (root / cls).mkdir(parents=True)
        for i in range(3):
            (root / cls / f"{cls}{i}.jpg").write_bytes(f"{cls}{i}".encode())
    before = files_of(root)
    issues = tmp_path / "issues.csv"
    issues.write_text("file,label,suggested,quality,ants,bees\n"
                      f"{root / 'ants' / 'ants0.jpg'},ants,bees,0.01,0.01,0.99\n"
                      f"{root / 'bees' / 'bees2.jpg'},bees,exclude,0.20,0.80,0.20\n"
                      f"{root / 'bees' / 'bees1.jpg'},bees,bees,0.90,0.10,0.90\n")
    assert main(["fixes", "apply", str(issues)]) == 0
    assert "Nothing was moved" in capsys.readouterr().out
    assert files_of(root) == before
    assert main(["fixes", "apply", str(issues), "--only-suggested"]) == 0
    out = capsys.readouterr().out
    assert "Moved 2 file(s)" in out
    after = files_of(root)
    assert after["bees/ants0.jpg"] == before["ants/ants0.jpg"]
    assert after["_excluded/bees/bees2.jpg"] == before["bees/bees2.jpg"]
    assert main(["fixes", "list", "--dataset", str(root)]) == 0
    assert "2 fix(es)" in capsys.readouterr().out
    assert main(["fixes", "undo", "--all", "--dataset", str(root)]) == 0
    assert "Undid 2 fix(es)" in capsys.readouterr().out
    assert files_of(root) == before
    assert main(["fixes", "undo", "--dataset", str(root)]) == 2
    assert "Nothing to undo" in capsys.readouterr().err


def test_undo_without_a_journal_names_the_folder(tmp_path, capsys):
    assert main(["fixes", "undo", "--dataset", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no fixes.jsonl" in err and str(tmp_path) in err and "Traceback" not in err
    assert not list(Path(tmp_path).iterdir())  # nothing was written
