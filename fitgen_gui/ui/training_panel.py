"""The Training panel: every ``fit_generator`` option, seed, device, precision, callbacks."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import RunConfig
from fitgen_gui.ui.config_binding import Binder
from fitgen_gui.ui.widgets import check_box, combo, double_spin, form_group, int_spin

__all__ = ["TrainingPanel"]

_MONITORS = [("Validation loss", "val_loss"), ("Validation accuracy", "val_accuracy"),
             ("Training loss", "loss"), ("Training accuracy", "accuracy")]


class TrainingPanel(QWidget):
    """How long and how training runs."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("trainingPanel")
        self._binder = binder
        layout = QVBoxLayout(self)

        length, form = form_group("Length", "training.length")
        self.epochs = int_spin("training.epochs", 1, 100000,
                               help_text="Passes over the training images.")
        form.addRow("Epochs", self.epochs)
        self.steps = int_spin("training.steps_per_epoch", 0, 10_000_000, special="Automatic",
                              help_text="Batches per epoch; automatic is every image once "
                                        "(ceil(images / batch size)).")
        form.addRow("Steps per epoch", self.steps)
        self.val_steps = int_spin("training.validation_steps", 0, 10_000_000,
                                  special="Automatic", help_text="Validation batches after "
                                                                 "an epoch; automatic is all.")
        form.addRow("Validation steps", self.val_steps)
        self.val_freq = int_spin("training.validation_freq", 1, 1000, suffix=" epoch(s)",
                                 help_text="Validate after every N epochs.")
        form.addRow("Validate every", self.val_freq)
        layout.addWidget(length)

        feeding, feed_form = form_group("Feeding the model", "training.feeding")
        self.workers = int_spin("training.workers", 0, 64, help_text="Threads preparing "
                                "batches while the model trains; 0 prepares them in turn.")
        feed_form.addRow("Workers", self.workers)
        self.multiprocessing = check_box("training.use_multiprocessing",
                                         "Use processes instead of threads",
                                         "Rarely faster for image files; needs more memory.")
        feed_form.addRow("", self.multiprocessing)
        self.queue = int_spin("training.max_queue_size", 1, 1000,
                              help_text="Batches prepared ahead, at most.")
        feed_form.addRow("Queue size", self.queue)
        self.shuffle = check_box("training.shuffle", "Shuffle images every epoch",
                                 "A new order every epoch (recommended).")
        feed_form.addRow("", self.shuffle)
        self.class_weight = combo("training.class_weight", [
            ("None", "none"), ("Balanced (rarer classes count more)", "balanced"),
            ("Per class…", "custom")],
            "Make rare classes count more in the loss.")
        feed_form.addRow("Class weights", self.class_weight)
        self.class_weights_table = QTableWidget(0, 2)
        self.class_weights_table.setObjectName("training.class_weight_table")
        self.class_weights_table.setHorizontalHeaderLabels(["Class", "Weight"])
        self.class_weights_table.verticalHeader().setVisible(False)
        self.class_weights_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.class_weights_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.class_weights_table.setMaximumHeight(140)
        self.class_weights_table.hide()
        feed_form.addRow(self.class_weights_table)
        layout.addWidget(feeding)

        running, run_form = form_group("Running", "training.running")
        self.verbose = combo("training.verbose", [
            ("Progress bar", 1), ("One line per epoch", 2), ("Silent", 0)],
            "What the console shows, as Keras's verbose 1, 2 or 0.")
        run_form.addRow("Console", self.verbose)
        seed_row = QHBoxLayout()
        self.seed = int_spin("training.seed", 0, 2**31 - 1, help_text="The same seed repeats "
                             "the same shuffling and augmentation.")
        self.random_seed = check_box("training.random_seed", "Random",
                                     "A different random run each time.")
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.random_seed)
        run_form.addRow("Seed", seed_row)
        self.device = combo("training.device", [("Automatic (GPU when there is one)", "auto"),
                                                ("CPU", "cpu")],
                            "Where the model trains. GPUs appear once TensorFlow has loaded.")
        run_form.addRow("Device", self.device)
        self.mixed_precision = check_box("training.mixed_precision", "Mixed precision (GPU)",
                                         "16-bit arithmetic where safe: faster on recent "
                                         "GPUs, no use on a CPU.")
        run_form.addRow("", self.mixed_precision)
        self.check_data = check_box("training.check_data", "Check every file before training",
                                    "Find unreadable files first (they are skipped).")
        run_form.addRow("", self.check_data)
        self.bad_fraction = double_spin("training.max_bad_file_fraction", 0, 100, step=1,
                                        decimals=0, suffix=" %",
                                        help_text="Stop when more than this share of images "
                                                  "fails to load during training.")
        run_form.addRow("Stop if unreadable above", self.bad_fraction)
        self.on_nan = combo("training.on_nan", [("Stop", "stop"), ("Warn and go on", "warn")],
                            "What to do when the loss becomes NaN (not a number).")
        run_form.addRow("When the loss is NaN", self.on_nan)
        layout.addWidget(running)

        callbacks, cb_form = form_group("During training", "training.callbacks")
        early_row = QHBoxLayout()
        self.early = check_box("callbacks.early_stopping", "Stop early",
                               "Stop when the watched value stops improving.")
        self.early_monitor = combo("callbacks.early_stopping_monitor", _MONITORS,
                                   "The value to watch.")
        self.early_patience = int_spin("callbacks.early_stopping_patience", 0, 1000,
                                       suffix=" epochs", help_text="Epochs without "
                                                                   "improvement to wait.")
        early_row.addWidget(self.early_monitor, 1)
        early_row.addWidget(QLabel("waiting"))
        early_row.addWidget(self.early_patience)
        cb_form.addRow(self.early)
        cb_form.addRow("Watch", early_row)
        self.restore_best = check_box("callbacks.restore_best_weights",
                                      "Keep the best epoch's weights", "")
        cb_form.addRow("", self.restore_best)
        reduce_row = QHBoxLayout()
        self.reduce = check_box("callbacks.reduce_lr_on_plateau", "Lower the learning rate",
                                "Multiply the rate by the factor when the watched value "
                                "stops improving (constant schedule only).")
        self.reduce_monitor = combo("callbacks.reduce_lr_monitor", _MONITORS, "")
        self.reduce_factor = double_spin("callbacks.reduce_lr_factor", 0.01, 0.99, step=0.05,
                                         help_text="Multiply the rate by this.")
        self.reduce_patience = int_spin("callbacks.reduce_lr_patience", 0, 1000,
                                        suffix=" epochs", help_text="Epochs to wait.")
        reduce_row.addWidget(self.reduce_monitor, 1)
        reduce_row.addWidget(QLabel("×"))
        reduce_row.addWidget(self.reduce_factor)
        reduce_row.addWidget(QLabel("after"))
        reduce_row.addWidget(self.reduce_patience)
        cb_form.addRow(self.reduce)
        cb_form.addRow("Watch", reduce_row)
        self.tensorboard = check_box("callbacks.tensorboard", "Write TensorBoard logs",
                                     "In the run folder's tensorboard/ sub-folder.")
        cb_form.addRow(self.tensorboard)
        note = QLabel("A checkpoint is saved after every epoch, so any run can be resumed.")
        note.setWordWrap(True)
        cb_form.addRow(note)
        layout.addWidget(callbacks)
        layout.addStretch(1)

        for field, widget in (
                ("training.epochs", self.epochs), ("training.validation_freq", self.val_freq),
                ("training.workers", self.workers),
                ("training.use_multiprocessing", self.multiprocessing),
                ("training.max_queue_size", self.queue), ("training.shuffle", self.shuffle),
                ("training.verbose", self.verbose), ("training.device", self.device),
                ("training.mixed_precision", self.mixed_precision),
                ("training.check_data", self.check_data), ("training.on_nan", self.on_nan),
                ("callbacks.early_stopping", self.early),
                ("callbacks.early_stopping_monitor", self.early_monitor),
                ("callbacks.early_stopping_patience", self.early_patience),
                ("callbacks.restore_best_weights", self.restore_best),
                ("callbacks.reduce_lr_on_plateau", self.reduce),
                ("callbacks.reduce_lr_monitor", self.reduce_monitor),
                ("callbacks.reduce_lr_factor", self.reduce_factor),
                ("callbacks.reduce_lr_patience", self.reduce_patience),
                ("callbacks.tensorboard", self.tensorboard)):
            binder.bind(field, widget)
        binder.bind("training.steps_per_epoch", self.steps, none_value=0)
        binder.bind("training.validation_steps", self.val_steps, none_value=0)
        binder.bind("training.max_bad_file_fraction", self.bad_fraction,
                    getter=lambda: self.bad_fraction.value() / 100,
                    setter=lambda v: self.bad_fraction.setValue(round(v * 100)))
        binder.bind("training.seed", self.random_seed, getter=self._seed, setter=self._set_seed)
        self.seed.valueChanged.connect(lambda *_: binder.changed.emit("training.seed"))
        binder.bind("training.class_weight", self.class_weight, getter=self._class_weight,
                    setter=self._set_class_weight)
        self.class_weights_table.cellChanged.connect(
            lambda *_: binder.changed.emit("training.class_weight"))
        self.random_seed.toggled.connect(self._sync)
        self.early.toggled.connect(self._sync)
        self.reduce.toggled.connect(self._sync)
        self.device.currentIndexChanged.connect(self._sync)
        self.class_weight.currentIndexChanged.connect(self._sync)
        self._gpus = False
        self._class_names: list[str] = []
        self._sync()

    # -- composite fields ---------------------------------------------------------------

    def _seed(self) -> int | None:
        return None if self.random_seed.isChecked() else self.seed.value()

    def _set_seed(self, value: int | None) -> None:
        self.random_seed.setChecked(value is None)
        self.seed.blockSignals(True)
        self.seed.setValue(1 if value is None else value)
        self.seed.blockSignals(False)
        self._sync()

    def _class_weight(self) -> Any:
        mode = self.class_weight.currentData()
        if mode != "custom":
            return mode
        weights = {}
        for row in range(self.class_weights_table.rowCount()):
            name = self.class_weights_table.item(row, 0).text()
            spin = self.class_weights_table.cellWidget(row, 1)
            weights[name] = float(spin.value())
        return weights

    def _set_class_weight(self, value: Any) -> None:
        if isinstance(value, dict):
            self.class_weight.setCurrentIndex(self.class_weight.findData("custom"))
            self._fill_weights(list(value), value)
        else:
            self.class_weight.setCurrentIndex(max(0, self.class_weight.findData(value)))
        self._sync()

    def set_class_names(self, names: list[str]) -> None:
        """The classes of the training folder, for per-class weights."""
        current = self._class_weight()
        self._class_names = list(names)
        self._fill_weights(names, current if isinstance(current, dict) else {})

    def _fill_weights(self, names: list[str], weights: dict) -> None:
        table = self.class_weights_table
        table.blockSignals(True)
        table.setRowCount(len(names))
        for row, name in enumerate(names):
            item = QTableWidgetItem(name)
            table.setItem(row, 0, item)
            spin = QDoubleSpinBox()
            spin.setObjectName(f"training.class_weight[{name}]")
            spin.setRange(0.0, 1000.0)
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            spin.setValue(float(weights.get(name, 1.0)))
            spin.valueChanged.connect(
                lambda *_: self._binder.changed.emit("training.class_weight"))
            table.setCellWidget(row, 1, spin)
        table.blockSignals(False)

    def set_automatic_steps(self, train: int | None, val: int | None) -> None:
        """Show what "Automatic" means for the current folders and batch size."""
        self.steps.setSpecialValueText(f"Automatic ({train})" if train else "Automatic")
        self.val_steps.setSpecialValueText(f"Automatic ({val})" if val else "Automatic")

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """The devices TensorFlow found: ``[(key, label)]``."""
        current = self.device.currentData()
        self.device.blockSignals(True)
        self.device.clear()
        for key, label in devices:
            self.device.addItem(label, key)
        index = self.device.findData(current)
        self.device.setCurrentIndex(max(index, 0))
        self.device.blockSignals(False)
        self._gpus = any(key.startswith("gpu:") for key, _ in devices)
        self._sync()

    def _sync(self, *_: object) -> None:
        self.seed.setEnabled(not self.random_seed.isChecked())
        for widget in (self.early_monitor, self.early_patience, self.restore_best):
            widget.setEnabled(self.early.isChecked())
        for widget in (self.reduce_monitor, self.reduce_factor, self.reduce_patience):
            widget.setEnabled(self.reduce.isChecked())
        device = self.device.currentData()
        on_gpu = device.startswith("gpu:") if device else False
        self.mixed_precision.setEnabled(on_gpu or (device == "auto" and self._gpus))
        if not self.mixed_precision.isEnabled():
            self.mixed_precision.setChecked(False)
        custom = self.class_weight.currentData() == "custom"
        self.class_weights_table.setVisible(custom)
        if custom and self.class_weights_table.rowCount() == 0 and self._class_names:
            self._fill_weights(self._class_names, {})

    def load(self, config: RunConfig) -> None:
        self._sync()

    def store(self, config: RunConfig) -> None:
        pass
