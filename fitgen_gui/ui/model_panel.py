"""The Model panel: architecture, starting weights, head, optimizer and learning rate."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from fitgen_gui.core.config import ARCHITECTURES, RunConfig
from fitgen_gui.training.weights_files import WeightsMissingError, imagenet_weights_file
from fitgen_gui.ui.config_binding import Binder
from fitgen_gui.ui.widgets import PathPicker, check_box, combo, double_spin, form_group, int_spin

__all__ = ["ModelPanel"]


class ModelPanel(QWidget):
    """Which network learns, from which weights, with which optimizer."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("modelPanel")
        layout = QVBoxLayout(self)

        network, form = form_group("Network", "model.network")
        self.architecture = combo("model.architecture",
                                  [(label, key) for key, label in ARCHITECTURES.items()],
                                  "The network that learns. The small CNN is quick on a "
                                  "CPU; the others are stronger, and much stronger with "
                                  "ImageNet weights.")
        form.addRow("Architecture", self.architecture)
        self.weights_mode = combo("model.weights_mode", [
            ("None: learn from scratch", "none"), ("ImageNet", "imagenet"),
            ("From a file…", "file")],
            "Start from weights learned on ImageNet (1.2 million photos) to learn from few "
            "images.")
        form.addRow("Start from", self.weights_mode)
        self.weights_stack = QStackedWidget()
        self.weights_note = QLabel("")
        self.weights_note.setObjectName("model.weights_note")
        self.weights_note.setWordWrap(True)
        self.weights_file = PathPicker("model.weights_file", folder=False,
                                       caption="Choose a weights file (.h5, without top)",
                                       file_filter="Keras weights (*.h5 *.weights.h5)",
                                       help_text="Weights of the same architecture, without "
                                                 "its classification top.")
        self.weights_stack.addWidget(self.weights_note)
        self.weights_stack.addWidget(self.weights_file)
        form.addRow("", self.weights_stack)
        self.train_base = check_box("model.train_base", "Train the whole network",
                                    "Off: only the new classification head learns (fast, "
                                    "good with pretrained weights and few images).")
        form.addRow("", self.train_base)
        self.dropout = double_spin("model.dropout", 0.0, 0.9, step=0.05,
                                   help_text="Share of features switched off at random in "
                                             "training, against overfitting.")
        form.addRow("Dropout", self.dropout)
        size_row = QHBoxLayout()
        self.input_h = int_spin("model.input_size[0]", 31, 1024, step=8, special="Same as "
                                "the images", help_text="Images are resized to this inside "
                                                        "the model.")
        self.input_w = int_spin("model.input_size[1]", 31, 1024, step=8, special="Same",
                                help_text="Images are resized to this inside the model.")
        size_row.addWidget(self.input_h)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.input_w)
        form.addRow("Input size", size_row)
        layout.addWidget(network)

        learning, learn_form = form_group("Learning", "model.learning")
        self.optimizer = combo("optimizer.name", [("Adam", "adam"), ("AdamW", "adamw"),
                                                  ("SGD with momentum", "sgd"),
                                                  ("RMSprop", "rmsprop")],
                               "How the weights are updated. Adam is a good default.")
        learn_form.addRow("Optimizer", self.optimizer)
        self.learning_rate = double_spin("optimizer.learning_rate", 0.000001, 1.0,
                                         step=0.0001, decimals=6,
                                         help_text="Step size of learning. Too high: the "
                                                   "loss jumps or becomes NaN; too low: slow.")
        learn_form.addRow("Learning rate", self.learning_rate)
        self.schedule = combo("optimizer.schedule", [
            ("Constant", "constant"), ("Cosine decay to 0", "cosine"),
            ("Step decay", "exponential")],
            "How the learning rate changes during training.")
        learn_form.addRow("Schedule", self.schedule)
        decay_row = QHBoxLayout()
        self.decay_rate = double_spin("optimizer.decay_rate", 0.01, 1.0, step=0.05,
                                      help_text="Step decay: multiply the rate by this...")
        self.decay_epochs = double_spin("optimizer.decay_epochs", 0.1, 1000, step=1,
                                        decimals=1, suffix=" epochs",
                                        help_text="...every this many epochs.")
        decay_row.addWidget(QLabel("×"))
        decay_row.addWidget(self.decay_rate)
        decay_row.addWidget(QLabel("every"))
        decay_row.addWidget(self.decay_epochs)
        learn_form.addRow("Step decay", decay_row)
        layout.addWidget(learning)
        layout.addStretch(1)

        for field, widget in (("model.architecture", self.architecture),
                              ("model.train_base", self.train_base),
                              ("model.dropout", self.dropout),
                              ("optimizer.name", self.optimizer),
                              ("optimizer.learning_rate", self.learning_rate),
                              ("optimizer.schedule", self.schedule),
                              ("optimizer.decay_rate", self.decay_rate),
                              ("optimizer.decay_epochs", self.decay_epochs)):
            binder.bind(field, widget)
        binder.bind("model.input_size", self.input_h, getter=self._input_size,
                    setter=self._set_input_size)
        self.input_w.valueChanged.connect(lambda *_: binder.changed.emit("model.input_size"))
        binder.bind("model.weights", self.weights_mode, getter=self._weights,
                    setter=self._set_weights)
        self.weights_file.valueChanged.connect(lambda *_: binder.changed.emit("model.weights"))
        self.weights_mode.currentIndexChanged.connect(self._sync)
        self.architecture.currentIndexChanged.connect(self._sync)
        self.schedule.currentIndexChanged.connect(self._sync)
        self._sync()

    def _input_size(self) -> tuple[int, int] | None:
        if self.input_h.value() == self.input_h.minimum():
            return None
        width = self.input_w.value()
        return (self.input_h.value(), width if width != self.input_w.minimum()
                else self.input_h.value())

    def _set_input_size(self, value: tuple[int, int] | None) -> None:
        h, w = value or (self.input_h.minimum(), self.input_w.minimum())
        for box, number in ((self.input_h, h), (self.input_w, w)):
            box.blockSignals(True)
            box.setValue(number)
            box.blockSignals(False)

    def _weights(self) -> str:
        mode = self.weights_mode.currentData()
        return self.weights_file.value() or "none" if mode == "file" else mode

    def _set_weights(self, value: str) -> None:
        mode = value if value in ("none", "imagenet") else "file"
        self.weights_mode.setCurrentIndex(self.weights_mode.findData(mode))
        if mode == "file":
            self.weights_file.setValue(value)
        self._sync()

    def _sync(self, *_: object) -> None:
        mode = self.weights_mode.currentData()
        architecture = self.architecture.currentData()
        small = architecture == "small_cnn"
        self.weights_mode.setEnabled(not small)
        self.train_base.setEnabled(not small)
        self.weights_stack.setCurrentIndex(1 if mode == "file" else 0)
        if small:
            self.weights_note.setText("The small CNN always learns from scratch.")
        elif mode == "imagenet":
            try:
                path = imagenet_weights_file(architecture)
                self.weights_note.setText(f"Found: {path}")
            except WeightsMissingError as exc:
                self.weights_note.setText(str(exc))
        else:
            self.weights_note.setText("")
        exponential = self.schedule.currentData() == "exponential"
        self.decay_rate.setEnabled(exponential)
        self.decay_epochs.setEnabled(exponential)

    def load(self, config: RunConfig) -> None:
        self._sync()

    def store(self, config: RunConfig) -> None:
        if config.model.architecture == "small_cnn":
            config.model.weights = "none"
