"""The Model panel: architecture, starting weights, head, optimizer and learning rate."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fitgen_gui.core.config import ARCHITECTURES
from fitgen_gui.training.weights_files import WeightsMissingError, imagenet_weights_file
from fitgen_gui.ui.config_binding import Binder
from fitgen_gui.ui.inputs import SizeInput, WeightsInput
from fitgen_gui.ui.project import Project
from fitgen_gui.ui.widgets import check_box, combo, double_spin, form_group, wrap_anywhere

__all__ = ["ModelPanel"]


class ModelPanel(QWidget):
    """Which network learns, from which weights, with which optimizer."""

    def __init__(self, project: Project, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("modelPanel")
        self.project = project
        layout = QVBoxLayout(self)

        network, form = form_group("Network", "model.network")
        self.architecture = combo("model.architecture",
                                  [(label, key) for key, label in ARCHITECTURES.items()],
                                  "The network that learns. The small CNN is quick on a "
                                  "CPU; the others are stronger, and much stronger with "
                                  "ImageNet weights.")
        form.addRow("Architecture", self.architecture)
        self.weights = WeightsInput()
        self.weights_mode, self.weights_file = self.weights.mode, self.weights.file
        form.addRow("Start from", self.weights)
        self.weights_note = QLabel("")
        self.weights_note.setObjectName("model.weights_note")
        self.weights_note.setWordWrap(True)
        form.addRow("", self.weights_note)
        self.train_base = check_box("model.train_base", "Train the whole network",
                                    "Off: only the new classification head learns (fast, "
                                    "good with pretrained weights and few images).")
        form.addRow("", self.train_base)
        self.dropout = double_spin("model.dropout", 0.0, 0.9, step=0.05,
                                   help_text="Share of features switched off at random in "
                                             "training, against overfitting.")
        form.addRow("Dropout", self.dropout)
        self.input_size = SizeInput("model.input_size", 16, 1024, special="Same as the images",
                                    help_text="Images are resized to this inside the model.")
        form.addRow("Input size", self.input_size)
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
                              ("model.weights", self.weights),
                              ("model.train_base", self.train_base),
                              ("model.dropout", self.dropout),
                              ("model.input_size", self.input_size),
                              ("optimizer.name", self.optimizer),
                              ("optimizer.learning_rate", self.learning_rate),
                              ("optimizer.schedule", self.schedule),
                              ("optimizer.decay_rate", self.decay_rate),
                              ("optimizer.decay_epochs", self.decay_epochs)):
            binder.bind(field, widget)
        project.changed.connect(self._sync)
        self._sync()

    def _sync(self, *_: object) -> None:
        config = self.project.config
        architecture = config.model.architecture
        small = architecture == "small_cnn"
        self.weights.setEnabled(not small)
        self.train_base.setEnabled(not small)
        if small:
            self.weights_note.setText("The small CNN always learns from scratch.")
        elif config.model.weights == "imagenet":
            try:
                path = imagenet_weights_file(architecture)
                self.weights_note.setText(wrap_anywhere(f"Found: {path}"))
            except WeightsMissingError as exc:
                self.weights_note.setText(wrap_anywhere(str(exc)))
        else:
            self.weights_note.setText("")
        exponential = config.optimizer.schedule == "exponential"
        self.decay_rate.setEnabled(exponential)
        self.decay_epochs.setEnabled(exponential)
