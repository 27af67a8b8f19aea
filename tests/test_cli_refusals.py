"""What ``fitgen`` refuses, in one sentence and exit status 2, nothing written: in-process,
for the fast lane (tests/test_cli.py runs the real command in subprocesses)."""

import pytest

from fitgen_gui.cli import main
from tests.data.conftest import natural_image, save


@pytest.fixture
def one_class(tmp_path, monkeypatch):
    """A folder with a single class, and the working directory in ``tmp_path``."""
    (tmp_path / "one" / "only").mkdir(parents=True)
    save(tmp_path / "one" / "only" / "a.png", natural_image(0, 16, 16))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("args", "message"), [
    (["train", "--train", "nowhere"], "folder 'nowhere' does not exist"),
    (["train", "--train", "one", "--set", "data.batch=3"], "data.batch: is not a setting"),
    (["train", "--train", "one", "--set", "training.epochs=ten"],
     "training.epochs: must be a whole number; got 'ten'"),
    (["train", "--train", "one", "--set", "optimizer.name=adagrad"],
     "optimizer.name: must be one of 'adam', 'adamw', 'sgd', 'rmsprop'"),
    (["train", "--set", "data.train_dir=one/only/a.png"],
     "'one/only/a.png' is a file; choose the folder that holds one sub-folder per class"),
    (["train", "--train", "one", "--seed", "3000000000"], "at most 2,147,483,647; got"),
    (["train", "--train", "one", "--set", "a.b.c=1"], "a.b.c: is not a setting"),
    (["train", "--train", "one", "--augment", "rotation_range"], "is not KEY=VALUE"),
    (["runs", "one", "--runs-dir", "two"], "Two runs folders given"),
    (["resume", "nowhere"], "is not a FitGen run folder"),
    (["worker", "--cluster", "missing.json", "--index", "0"], "does not exist"),
])
def test_a_refusal_is_one_sentence_and_exit_status_2(one_class, capsys, args, message):
    before = sorted(p.name for p in one_class.iterdir())
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sorted(p.name for p in one_class.iterdir()) == before  # no run folder left
