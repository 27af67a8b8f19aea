"""What fitgen_gui.r_support does on its own for the R package (no R, no training).

R's arrays cross as column-major bytes and must come back with R's dimensions; R's doubles
must become the ints a setting holds; R's class_weight names classes by index or name; an
R function generator ends on NULL and its error is FitGen's sentence; errors reach R
without a traceback.
"""

from __future__ import annotations

import numpy as np
import pytest

from fitgen_gui import r_support
from fitgen_gui.core.config import ConfigError
from fitgen_gui.core.errors import UserError


def _r_array(values: np.ndarray) -> dict:
    """What R's encode_array() sends: the values in column-major order, as bytes."""
    return {"fitgen_array": True, "dtype": "double", "dim": list(values.shape),
            "data": bytearray(values.astype("<f8").tobytes(order="F"))}


def test_arrays_cross_both_ways_with_r_dimensions() -> None:
    values = np.arange(24, dtype=float).reshape(2, 3, 4)
    back = r_support.from_r(_r_array(values))
    np.testing.assert_array_equal(back, values)
    assert back.flags.c_contiguous
    sent = r_support.to_r(np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int64))
    assert sent["dtype"] == "integer" and sent["dim"] == [2, 3]
    column_major = np.frombuffer(bytes(sent["data"]), dtype="<i4")
    assert column_major.tolist() == [1, 4, 2, 5, 3, 6]


def test_batch_from_r_takes_inputs_targets_weights_or_inputs_alone() -> None:
    x, y = np.zeros((2, 4, 4, 3)), np.eye(2)
    inputs, targets = r_support.batch_from_r([_r_array(x), _r_array(y)])
    assert inputs.shape == (2, 4, 4, 3) and targets.shape == (2, 2)
    assert r_support.batch_from_r([_r_array(x)]).shape == (2, 4, 4, 3)
    with pytest.raises(ValueError, match="list of 4 elements"):
        r_support.batch_from_r([1, 2, 3, 4])


def test_class_weight_by_index_or_class_name() -> None:
    class Data:
        def __init__(self) -> None:
            self.class_indices = {"cats": 0, "dogs": 1}

    assert r_support.class_weight_from_r({"0": 1, "1": 4.0}) == {0: 1.0, 1: 4.0}
    assert r_support.class_weight_from_r({"dogs": 3}, Data()) == {1: 3.0}
    with pytest.raises(ValueError, match=r"'birds' is neither.*cats, dogs"):
        r_support.class_weight_from_r({"birds": 1}, Data())
    with pytest.raises(ValueError, match="must be a number"):
        r_support.class_weight_from_r({"0": "heavy"})


def test_r_function_generator_ends_on_null_and_names_its_failure() -> None:
    batches = iter([[_r_array(np.zeros((1, 2))), _r_array(np.ones((1, 1)))], None])
    generator = r_support.RFunctionBatches(lambda: next(batches))
    assert len(next(generator)) == 2
    with pytest.raises(StopIteration):
        next(generator)
    assert r_support.needs_main_thread(generator)

    def broken() -> None:
        raise RuntimeError("Error in gen(): object 'x' not found\nmore lines")

    with pytest.raises(r_support.RFunctionError,
                       match=r"failed at call 1: Error in gen\(\): object 'x' not found$"):
        next(r_support.RFunctionBatches(broken))


def test_config_from_r_turns_r_doubles_into_settings() -> None:
    config = r_support.config_from_r({"train_dir": "/data/train", "epochs": 3.0,
                                      "batch_size": 8.0, "rotation_range": 15.0,
                                      "target_size": [32.0, 32.0], "lr": 0.01})
    assert config.training.epochs == 3 and isinstance(config.training.epochs, int)
    assert config.data.batch_size == 8
    assert tuple(config.data.target_size) == (32, 32)
    assert config.augmentation.rotation_range == 15.0
    assert config.optimizer.learning_rate == 0.01
    assert config.data.source == "folders"
    with pytest.raises(ConfigError, match="no_such_setting"):
        r_support.config_from_r({"no_such_setting": 1})
    with pytest.raises(UserError, match="does not exist"):
        r_support.config_from_r(config="/no/such/config.json")


def test_errors_reach_r_as_fitgen_sentences() -> None:
    user = r_support.describe_error(UserError("Folder 'x' has 1 class; need 2."))
    assert user == {"message": "Folder 'x' has 1 class; need 2.", "type": "UserError",
                    "user_error": True, "fields": []}
    bug = r_support.describe_error(ZeroDivisionError("division by zero"))
    assert bug["message"] == "ZeroDivisionError: division by zero"
    assert not bug["user_error"]
