"""The batch contract of ``fit_generator``: what a generator must yield, checked and unpacked.

Keras 2 accepted ``(inputs, targets)`` or ``(inputs, targets, sample_weights)``, with dicts
keyed by the model's input and output names. Keras 3 rejects a dict of targets for a
single-output model and warns on a dict of inputs for a single-input one, and reports a bad
batch deep inside a traced function. Here the first batch is checked against the model and
every batch is unpacked into what Keras 3 accepts, with class weights turned into sample
weights (Keras 3 refuses ``class_weight`` for generators).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["BatchContract", "class_weights_to_sample_weights", "describe"]


def describe(value: Any) -> str:
    """A short description of a value for error messages: type and shape, never the data."""
    if value is None:
        return "None"
    shape = getattr(value, "shape", None)
    if shape is not None:
        return f"{type(value).__name__} of shape {tuple(shape)}"
    if isinstance(value, Mapping):
        return f"dict with keys {sorted(map(str, value))}"
    if isinstance(value, list | tuple):
        inner = ", ".join(describe(v) for v in value[:4])
        more = ", ..." if len(value) > 4 else ""
        return f"{type(value).__name__} of {len(value)} items ({inner}{more})"
    return type(value).__name__


def _input_names(model: Any) -> list[str] | None:
    try:
        inputs = model.inputs
    except (AttributeError, ValueError):
        return None
    if not inputs:
        return None
    return [tensor.name for tensor in inputs]


def _input_shapes(model: Any) -> dict[str, tuple]:
    """The model's input shapes under the labels of a batch's flattened inputs."""
    try:
        inputs = list(model.inputs or [])
    except (AttributeError, ValueError):
        return {}
    shapes = [tuple(t.shape) for t in inputs]
    if len(shapes) == 1:
        return {"inputs": shapes[0]}
    out = {}
    for i, (tensor, shape) in enumerate(zip(inputs, shapes, strict=True)):
        out[f"inputs[{i}]"] = shape
        out[f"inputs[{tensor.name!r}]"] = shape
    return out


def _output_names(model: Any) -> list[str] | None:
    names = getattr(model, "output_names", None)
    if names:
        return list(names)
    layers = getattr(model, "layers", None)
    if getattr(model, "outputs", None) and layers:  # Sequential: named after its last layer
        return [layers[-1].name]
    return None


def class_weights_to_sample_weights(y: Any, class_weight: Mapping[int, float]) -> np.ndarray:
    """One weight per sample from the class of its target.

    ``y`` holds class indices ``(n,)``, binary targets ``(n, 1)`` or one-hot rows
    ``(n, classes)``, as Keras 2 read them.
    """
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:
        classes = np.argmax(y, axis=1)
    elif (y.ndim == 2 and y.shape[1] == 1) or y.ndim == 1:
        classes = np.rint(y.reshape(-1)).astype(np.int64)
    else:
        raise ValueError(
            "class_weight needs targets of shape (batch,), (batch, 1) or (batch, classes); "
            f"got targets of shape {y.shape}. Use sample weights for other targets."
        )
    size = max(int(classes.max(initial=0)), max(class_weight)) + 1
    table = np.full(size, np.nan, dtype=np.float32)
    for cls, weight in class_weight.items():
        table[cls] = weight
    if classes.min(initial=0) < 0:
        raise ValueError(f"class_weight: the targets hold a negative class ({classes.min()}).")
    weights = table[classes]
    if np.isnan(weights).any():
        missing = sorted({int(c) for c in classes[np.isnan(weights)]})
        raise ValueError(
            f"class_weight has no weight for class {', '.join(map(str, missing))}, which is "
            f"in the training data; it has weights for {sorted(class_weight)}. "
            "Give a weight for every class."
        )
    return weights


def _normalize_class_weight(class_weight: Any) -> dict[int, float] | None:
    if class_weight is None:
        return None
    if not isinstance(class_weight, Mapping) or not class_weight:
        raise ValueError(
            "class_weight must be a dict {class index: weight}, for example {0: 1.0, 1: 3.5}; "
            f"got {describe(class_weight)}."
        )
    normalized = {}
    for key, weight in class_weight.items():
        try:
            index = int(key)
            value = float(weight)
        except (TypeError, ValueError):
            raise ValueError(
                f"class_weight keys must be class indices and values numbers; got {key!r}: "
                f"{weight!r}."
            ) from None
        if index < 0 or index != key or value < 0:
            raise ValueError(
                f"class_weight: {key!r}: {weight!r} is not a class index (0, 1, ...) with a "
                "weight of 0 or more."
            )
        normalized[index] = value
    return normalized


class BatchContract:
    """Checks batches against a compiled model and unpacks them for Keras 3.

    Parameters
    ----------
    model
        The compiled Keras model.
    class_weight
        ``{class index: weight}`` applied to the targets of every batch, or None.
    role
        ``"training"`` or ``"validation"``, named in messages.
    strict_shapes
        Later batches must match the first in every dimension but the samples, even those
        the model leaves free.
    """

    def __init__(self, model: Any, *, class_weight: Any = None, role: str = "training",
                 strict_shapes: bool = False) -> None:
        self.role = role
        self.strict_shapes = strict_shapes
        self.input_names = _input_names(model)
        self.output_names = _output_names(model)
        self._input_shapes = _input_shapes(model)
        self.class_weight: dict[int, float] | None = None
        # Keras 2: {output name: {class: weight}} for a multi-output model.
        self.output_class_weight: dict[str, dict[int, float]] | None = None
        if isinstance(class_weight, Mapping) and class_weight and all(
                isinstance(v, Mapping) for v in class_weight.values()):
            self.output_class_weight = self._per_output(class_weight)
        else:
            self.class_weight = _normalize_class_weight(class_weight)
        if self.class_weight and self.output_names and len(self.output_names) > 1:
            raise ValueError(
                "A single class_weight dict works with single-output models; this model has "
                f"outputs {self.output_names}. Give one dict per output, keyed by output name "
                "({'out_1': {0: 1.0, 1: 2.0}, ...}), as Keras 2 took them."
            )

    def _per_output(self, class_weight: Mapping) -> dict[str, dict[int, float]]:
        names = self.output_names or []
        unknown = [str(k) for k in class_weight if k not in names]
        if unknown:
            raise ValueError(
                f"class_weight names output(s) {unknown}, but the model's outputs are "
                f"{names}. Key each output's class weights by its name."
            )
        return {str(name): _normalize_class_weight(weights)
                for name, weights in class_weight.items()}

    # -- checking ----------------------------------------------------------------------

    def check(self, batch: Any) -> None:
        """Raise ``ValueError`` saying what came and what is expected, if ``batch`` is wrong."""
        what = f"Each {self.role} batch"
        if not isinstance(batch, tuple | list) or len(batch) not in (2, 3):
            raise ValueError(
                f"{what} must be a tuple (inputs, targets) or (inputs, targets, "
                f"sample_weights); got a {describe(batch)}."
            )
        x, y = batch[0], batch[1]
        w = batch[2] if len(batch) == 3 else None
        self._check_names(x, self.input_names, "inputs", "Input layers (keras.Input(name=...))")
        self._check_names(y, self.output_names, "targets", "output layers (name=...)")
        if isinstance(w, Mapping):
            self._check_names(w, self.output_names, "sample_weights", "output layers")
        if (
            self.input_names
            and len(self.input_names) > 1
            and not isinstance(x, Mapping | list | tuple)
        ):
            raise ValueError(
                f"The model has {len(self.input_names)} inputs {self.input_names}, but "
                f"{what.lower()}'s inputs are one {describe(x)}. Yield a dict keyed by those "
                "names, or a list in that order."
            )
        sizes: dict[str, int] = {}
        for label, part in (("inputs", x), ("targets", y), ("sample_weights", w)):
            self._collect_sizes(label, part, sizes)
        if len(set(sizes.values())) > 1:
            listed = ", ".join(f"{name}: {size}" for name, size in sizes.items())
            raise ValueError(
                f"The parts of a {self.role} batch must have the same number of samples; "
                f"got {listed}."
            )
        if sizes and next(iter(sizes.values())) == 0:
            raise ValueError(f"A {self.role} batch is empty (0 samples).")

    def _check_names(
        self, part: Any, names: list[str] | None, label: str, where: str
    ) -> None:
        if not isinstance(part, Mapping) or names is None:
            return
        keys = [str(k) for k in part]
        missing = [n for n in names if n not in part]
        if missing:
            raise ValueError(
                f"The {self.role} {label} dict has keys {keys}, but the model's "
                f"{label if label != 'sample_weights' else 'outputs'} are named {names} "
                f"(missing {missing}). Name the dict keys after the model's {where}."
            )

    def _collect_sizes(self, label: str, part: Any, sizes: dict[str, int]) -> None:
        if part is None:
            return
        if isinstance(part, Mapping):
            for key, value in part.items():
                self._collect_sizes(f"{label}[{key!r}]", value, sizes)
            return
        if isinstance(part, list | tuple) and part and _is_arraylike(part[0]):
            for i, value in enumerate(part):
                self._collect_sizes(f"{label}[{i}]", value, sizes)
            return
        if not _is_arraylike(part):
            raise ValueError(
                f"The {self.role} batch's {label} must be arrays; got a {describe(part)}."
            )
        shape = getattr(part, "shape", None)
        if shape is not None and len(shape) == 0:
            raise ValueError(
                f"The {self.role} batch's {label} is a single number; it needs one value per "
                "sample (an array whose first axis is the batch)."
            )
        sizes[label] = int(shape[0]) if shape is not None else len(part)

    # -- every batch ------------------------------------------------------------------

    def remember(self, batch: Any) -> None:
        """Take a checked first batch as the pattern every later batch must follow."""
        self._pattern = self._signature(batch)
        self._variable = self._variable_input_dims()

    def check_same(self, batch: Any, number: int, epoch: int | None = None) -> None:
        """Raise ``ValueError`` naming the batch (``number`` and ``epoch`` from 1: "batch 7 of
        epoch 1") when ``batch`` differs from the first one in structure, shape (other than
        the number of samples and the dimensions the model leaves free) or kind of type
        (float, int, bool). Runs for every batch: the words are made only on a failure."""
        pattern = getattr(self, "_pattern", None)
        if pattern is None:
            self.check(batch)
            self.remember(batch)
            return
        current = self._signature(batch)
        if current == pattern:
            return
        problem = self._difference(pattern, current)
        if problem is None:
            return
        where = f"batch {number}" + (f" of epoch {epoch}" if epoch is not None else "")
        raise ValueError(
            f"{self.role.capitalize()} {where} differs from the first batch: {problem}. "
            "Every batch must have the same structure, shapes and kind of values (only the "
            "number of samples may change); training stopped at this batch."
        )

    def _signature(self, batch: Any) -> dict[str, Any]:
        if not isinstance(batch, tuple | list) or len(batch) not in (2, 3):
            return {"batch": ("not a tuple (inputs, targets[, sample_weights])",
                              describe(batch))}
        out: dict[str, Any] = {"batch": len(batch)}
        parts = (("inputs", batch[0]), ("targets", batch[1]),
                 ("sample_weights", batch[2] if len(batch) == 3 else None))
        for label, part in parts:
            _flatten(label, part, out)
        return out

    def _variable_input_dims(self) -> dict[str, set[int]]:
        """Input dimensions the model leaves free (``None`` in its input shape)."""
        free: dict[str, set[int]] = {}
        for label, shape in self._input_shapes.items():
            free[label] = {i for i, d in enumerate(shape) if d is None and i > 0}
        return free

    def _difference(self, first: dict[str, Any], now: dict[str, Any]) -> str | None:
        if first["batch"] != now["batch"]:
            if isinstance(now["batch"], tuple):
                return f"it is a {now['batch'][1]}, not a tuple (inputs, targets[, weights])"
            return f"it has {now['batch']} parts where the first batch had {first['batch']}"
        if first.keys() != now.keys():
            gone = sorted(first.keys() - now.keys())
            new = sorted(now.keys() - first.keys())
            said = []
            if gone:
                said.append(f"it lacks {', '.join(gone)}")
            if new:
                said.append(f"it has {', '.join(new)} that the first batch did not")
            return "; ".join(said) or "its structure changed"
        sizes = {key: value[0] for key, value in now.items()
                 if isinstance(value, tuple) and len(value) == 3}
        if len(set(sizes.values())) > 1:
            listed = ", ".join(f"{name}: {size}" for name, size in sizes.items())
            return f"its parts have different numbers of samples ({listed})"
        for key, old in first.items():
            new = now[key]
            if old == new or key == "batch":
                continue
            (_, old_shape, old_kind), (_, new_shape, new_kind) = old, new
            if len(old_shape) != len(new_shape) or any(
                a != b and i + 1 not in self._free_dims(key)
                for i, (a, b) in enumerate(zip(old_shape, new_shape, strict=True))
            ):
                return (f"its {key} have shape (n, {', '.join(map(str, new_shape))}) where the "
                        f"first batch's had (n, {', '.join(map(str, old_shape))})")
            if old_kind != new_kind:
                return (f"its {key} hold {_KINDS.get(new_kind, new_kind)} values where the "
                        f"first batch's held {_KINDS.get(old_kind, old_kind)}")
        return None

    def _free_dims(self, key: str) -> set[int]:
        if key.startswith("inputs") and not self.strict_shapes:
            free = getattr(self, "_variable", {})
            return free.get(key, set())
        return set()

    # -- unpacking ---------------------------------------------------------------------

    def batch_size(self, batch: Any) -> int:
        """Number of samples in a (checked) batch."""
        sizes: dict[str, int] = {}
        self._collect_sizes("inputs", batch[0], sizes)
        return next(iter(sizes.values()))

    def unpack(self, batch: Any) -> tuple[Any, Any, Any]:
        """``(x, y, sample_weight)`` in the form Keras 3 accepts, class weights applied."""
        x, y = batch[0], batch[1]
        w = batch[2] if len(batch) == 3 else None
        x = self._select(x, self.input_names)
        y = self._select(y, self.output_names)
        w = self._select(w, self.output_names)
        if self.class_weight is not None and y is not None:
            weights = class_weights_to_sample_weights(y, self.class_weight)
            w = weights if w is None else np.asarray(w, dtype=np.float32) * weights
        elif self.output_class_weight is not None and y is not None:
            w = self._output_weights(y, w)
        return x, y, w

    def _output_weights(self, y: Any, w: Any) -> Any:
        """Per-output sample weights from per-output class weights (Keras 2), in the order
        of the model's outputs (as Keras 3 matches them to the predictions); an output
        without class weights keeps its sample weights (or 1)."""
        names = self.output_names or []
        targets = y if isinstance(y, Mapping) else dict(zip(names, y, strict=False))
        given = w if isinstance(w, Mapping) else (
            dict(zip(names, w, strict=False)) if isinstance(w, list | tuple) else {})
        out = {}
        for name in names:
            weights = given.get(name)
            table = (self.output_class_weight or {}).get(name)
            if table is not None:
                from_classes = class_weights_to_sample_weights(targets[name], table)
                weights = from_classes if weights is None else (
                    np.asarray(weights, dtype=np.float32) * from_classes)
            elif weights is None:
                weights = np.ones(len(np.asarray(targets[name])), dtype=np.float32)
            out[name] = weights
        return [out[name] for name in names]

    @staticmethod
    def _select(part: Any, names: list[str] | None) -> Any:
        if not isinstance(part, Mapping) or names is None:
            return part
        if len(names) == 1:
            return part[names[0]]
        return {name: part[name] for name in names}

    def inputs_of(self, batch: Any) -> Any:
        """The inputs of a prediction batch, by Keras 2's rule: a tuple is
        ``(inputs, targets[, weights])``; anything else (an array, a list of arrays for a
        multi-input model, a dict) is the inputs themselves."""
        if isinstance(batch, tuple):
            if len(batch) not in (2, 3):
                raise ValueError(
                    f"Each {self.role} batch must be the inputs, or a tuple (inputs, targets) "
                    f"or (inputs, targets, sample_weights); got a {describe(batch)}."
                )
            batch = batch[0]
        return self._select(batch, self.input_names)


_KINDS = {"f": "floating-point", "i": "integer", "u": "integer", "b": "true/false",
          "c": "complex", "O": "Python object", "U": "text", "S": "text"}


def _kind(value: Any) -> str:
    dtype = getattr(value, "dtype", None)
    if dtype is None:
        return "list"
    dtype = getattr(dtype, "as_numpy_dtype", dtype)
    try:
        kind = np.dtype(dtype).kind
    except TypeError:
        return str(dtype)
    return "i" if kind == "u" else kind


def _flatten(label: str, part: Any, out: dict[str, Any]) -> None:
    """``{label: (samples, shape without the sample axis, kind of dtype)}`` of a batch part."""
    if part is None:
        return
    if isinstance(part, Mapping):
        for key, value in part.items():
            _flatten(f"{label}[{key!r}]", value, out)
        return
    if isinstance(part, list | tuple) and part and _is_arraylike(part[0]):
        for i, value in enumerate(part):
            _flatten(f"{label}[{i}]", value, out)
        return
    shape = getattr(part, "shape", None)
    if shape is None:
        out[label] = (len(part) if isinstance(part, list | tuple) else -1, (), "list")
        return
    dims = tuple(int(d) if d is not None else -1 for d in shape)
    out[label] = (dims[0] if dims else 0, dims[1:], _kind(part))


def _is_arraylike(value: Any) -> bool:
    return hasattr(value, "shape") or (
        isinstance(value, list | tuple) and not isinstance(value, str)
    )
