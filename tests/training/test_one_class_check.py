"""A validation set answered with one class for every image is said in words (issue 24)."""

import json
from pathlib import Path

import numpy as np
from PIL import Image


def constant_validation(tiny_config, tmp_path):
    """``tiny_config`` with a validation folder of identical grey images (4 per class): any
    model predicts one class for all of them, so validation accuracy is that class's share."""
    train = tiny_config.data.train_dir
    val = tmp_path / "constant_val"
    for class_dir in sorted(p for p in Path(train).iterdir() if p.is_dir()):
        (val / class_dir.name).mkdir(parents=True)
        for i in range(4):
            Image.fromarray(np.full((32, 32, 3), 128, np.uint8)).save(
                val / class_dir.name / f"grey{i}.png")
    return tiny_config.replace(**{"data.val_dir": str(val), "training.epochs": 1})


def test_one_class_validation_is_told_on_the_console_and_in_the_event_log(tiny_config,
                                                                          tmp_path):
    from fitgen_gui.core.events import ConsoleText, RunWarning
    from fitgen_gui.training.runner import run_training

    config = constant_validation(tiny_config, tmp_path)
    events = []
    final = run_training(config, events.append, workspace=tmp_path / "runs")
    console = "".join(e.text for e in events if isinstance(e, ConsoleText))
    warned = [e for e in events if isinstance(e, RunWarning) and e.kind == "one_class"]
    assert len(warned) == 1
    name = warned[0].subject
    assert (tmp_path / "constant_val" / name).is_dir()  # one of the folder's classes
    sentence = (f"The model calls every validation image '{name}' so far: it has not yet "
                "learned to tell the classes apart.")
    assert warned[0].message == sentence
    assert f"WARNING: {sentence}" in console
    lines = (Path(final.run_dir) / "events.jsonl").read_text(encoding="utf-8").splitlines()
    logged = [json.loads(line) for line in lines]
    assert any(e.get("kind") == "one_class" and e.get("subject") == name for e in logged)


def test_a_validation_set_told_apart_gives_no_one_class_warning(tiny_config, tmp_path):
    from fitgen_gui.core.events import RunWarning
    from fitgen_gui.training.one_class_check import OneClassValidation

    class Val:  # two images, two classes, told apart by the model below
        classes = np.array([0, 1])

        def __len__(self):
            return 1

        def __getitem__(self, i):
            return np.array([[0.0], [1.0]]), None

    class Model:
        def predict_on_batch(self, x):
            return np.concatenate([1 - x, x], axis=1)

    told = []
    check = OneClassValidation(Val(), ("a", "b"), told.append, told.append)
    check.set_model(Model())
    check.on_epoch_end(0, {"val_accuracy": 0.5})  # at a class's share, yet two classes
    assert told == []
    check.model.predict_on_batch = lambda x: np.array([[0.9, 0.1], [0.8, 0.2]])
    check.on_epoch_end(1, {"val_accuracy": 0.5})
    assert [e.subject for e in told if isinstance(e, RunWarning)] == ["a"]
