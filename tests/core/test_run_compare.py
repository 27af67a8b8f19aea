"""Runs side by side, from their folders only."""

import json

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.run_compare import compare_runs, differing_settings, read_run
from fitgen_gui.core.run_dir import RunDir

CLASSES = ["cat", "dog"]


def make_run(folder, *, lr, val_dir, right, history, name="run", classes=CLASSES):
    """A finished run whose evaluation got the images in ``right`` (name -> bool) right."""
    run = RunDir.create_at(folder)
    config = RunConfig(name=name).replace(**{"optimizer.learning_rate": lr,
                                             "data.val_dir": str(val_dir)})
    run.write_config(config.to_json())
    run.write_state("finished")
    run.write_history(history)
    predictions = []
    for image, correct in right.items():
        true = image.split("/")[0]
        other = next(c for c in classes if c != true)
        predictions.append({"file": str(val_dir / image), "true": true,
                            "predicted": true if correct else other,
                            "probabilities": [0.5, 0.5]})
    recall = {c: sum(ok for i, ok in right.items() if i.startswith(c)) /
              max(1, sum(1 for i in right if i.startswith(c))) for c in classes}
    (run.path / "evaluation.json").write_text(json.dumps({
        "classes": classes, "accuracy": sum(right.values()) / len(right), "data": "validation",
        "per_class": {c: {"precision": 1.0, "recall": recall[c], "f1": 1.0, "support": 2}
                      for c in classes},
        "predictions": predictions}))
    return run.path


HISTORY_A = [{"epoch": 0, "loss": 0.9, "val_loss": 0.8, "val_accuracy": 0.5},
             {"epoch": 1, "loss": 0.7, "val_loss": 0.6, "val_accuracy": 0.75}]
HISTORY_B = [{"epoch": 0, "loss": 0.9, "val_loss": 0.5, "val_accuracy": 1.0},
             {"epoch": 1, "loss": 0.7, "val_loss": 0.9, "val_accuracy": 0.5}]


def test_settings_that_differ_best_epoch_and_accuracy_per_class(tmp_path):
    val = tmp_path / "val"
    a = make_run(tmp_path / "a", lr=0.001, val_dir=val, history=HISTORY_A, name="first",
                 right={"cat/1.png": True, "cat/2.png": False, "dog/1.png": True,
                        "dog/2.png": True})
    b = make_run(tmp_path / "b", lr=0.01, val_dir=val, history=HISTORY_B, name="second",
                 right={"cat/1.png": False, "cat/2.png": True, "dog/1.png": True,
                        "dog/2.png": False})
    comparison = compare_runs([a, b])
    assert comparison.settings == [("optimizer.learning_rate", [0.001, 0.01])]  # not "name"
    first, second = comparison.runs
    assert (first.monitor, first.best, first.best_epoch) == ("val_loss", 0.6, 2)
    assert (second.best, second.best_epoch) == (0.5, 1)
    assert first.final["val_accuracy"] == 0.75 and second.final["val_accuracy"] == 0.5
    assert first.class_accuracy == {"cat": 0.5, "dog": 1.0}
    assert second.class_accuracy == {"cat": 0.5, "dog": 0.5}
    changes = comparison.changes[0]
    assert changes.reason == "" and changes.images == 4
    assert changes.wrong_to_right == ["cat/2.png"]
    assert changes.right_to_wrong == ["cat/1.png", "dog/2.png"]


def test_images_match_by_their_place_in_the_validation_folder_not_its_location(tmp_path):
    right = {"cat/1.png": True, "dog/1.png": False}
    a = make_run(tmp_path / "a", lr=0.001, val_dir=tmp_path / "here" / "val",
                 history=HISTORY_A, right=right)
    b = make_run(tmp_path / "b", lr=0.001, val_dir=tmp_path / "copy" / "val",
                 history=HISTORY_A, right={"cat/1.png": True, "dog/1.png": True})
    comparison = compare_runs([a, b])
    assert comparison.settings == [("data.val_dir", [str(tmp_path / "here" / "val"),
                                                     str(tmp_path / "copy" / "val")])]
    assert comparison.changes[0].wrong_to_right == ["dog/1.png"]


def test_runs_evaluated_on_other_images_or_not_at_all_are_not_compared_and_say_why(tmp_path):
    val = tmp_path / "val"
    a = make_run(tmp_path / "a", lr=0.001, val_dir=val, history=HISTORY_A,
                 right={"cat/1.png": True, "dog/1.png": True})
    b = make_run(tmp_path / "b", lr=0.01, val_dir=val, history=HISTORY_A,
                 right={"cat/1.png": True, "dog/9.png": True})
    changes = compare_runs([a, b]).changes[0]
    assert changes.reason == "evaluated on different images (2 and 2, 1 in both)"
    assert changes.wrong_to_right == [] and changes.right_to_wrong == []
    (b / "evaluation.json").unlink()
    reason = compare_runs([a, b]).changes[0].reason
    assert reason.startswith("b not evaluated; fitgen evaluate RUN")
    (a / "evaluation.json").unlink()
    assert compare_runs([a, b]).changes[0].reason.startswith("neither run evaluated")
    facts = read_run(b)
    assert facts.class_accuracy == {} and facts.predictions == {}


def test_a_setting_only_one_run_has_counts_as_different():
    from fitgen_gui.core.run_compare import RunFacts

    runs = [RunFacts("a", "a", "finished", {"x.y": 1, "x.z": 2}),
            RunFacts("b", "b", "finished", {"x.y": 1})]
    assert differing_settings(runs) == [("x.z", [2, None])]
