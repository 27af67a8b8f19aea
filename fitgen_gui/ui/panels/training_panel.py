"""The Fit options panel: every ``fit_generator`` option, seed, device, precision, callbacks,
checkpoints."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.state.project import Project
from fitgen_gui.ui.widgets.forms import check_box, combo, double_spin, form_group, int_spin
from fitgen_gui.ui.widgets.inputs import ClassWeightInput, PercentInput, SeedInput

__all__ = ["TrainingPanel"]

_MONITORS = [("Validation loss", "val_loss"), ("Validation accuracy", "val_accuracy"),
             ("Training loss", "loss"), ("Training accuracy", "accuracy")]


class TrainingPanel(QWidget):
    """How long and how training runs."""

    def __init__(self, project: Project, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("trainingPanel")
        self.project = project
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
        self.class_weights = ClassWeightInput("training.class_weight",
                                              "Make rare classes count more in the loss.")
        self.class_weight = self.class_weights.mode
        self.class_weights_table = self.class_weights.table
        feed_form.addRow("Class weights", self.class_weights)
        layout.addWidget(feeding)

        running, run_form = form_group("Running", "training.running")
        self.verbose = combo("training.verbose", [
            ("Progress bar", 1), ("One line per epoch", 2), ("Silent", 0)],
            "What the console shows, as Keras's verbose 1, 2 or 0.")
        run_form.addRow("Console", self.verbose)
        self.seed_input = SeedInput("training.seed", "The same seed repeats the same "
                                                     "shuffling, augmentation and dropout.")
        self.seed, self.random_seed = self.seed_input.seed, self.seed_input.random
        run_form.addRow("Seed", self.seed_input)
        self.device = combo("training.device", [("Automatic (GPU when there is one)", "auto"),
                                                ("CPU", "cpu")],
                            "Where the model trains. GPUs appear once TensorFlow has loaded.")
        run_form.addRow("Device", self.device)
        self.mixed_precision = check_box("training.mixed_precision", "Mixed precision (GPU)",
                                         "16-bit arithmetic where safe: faster on recent "
                                         "GPUs, no use on a CPU.")
        run_form.addRow("", self.mixed_precision)
        self.xla = combo("training.xla", [("Automatic (on with one GPU)", "auto"),
                                          ("On", "on"), ("Off", "off")],
                         "XLA compiles the training step into fused GPU code: often faster "
                         "on a GPU after a longer first batch; rarely worth it on a CPU.")
        run_form.addRow("XLA compilation", self.xla)
        self.check_data = check_box("training.check_data", "Check every file before training",
                                    "Find unreadable files first (they are skipped).")
        run_form.addRow("", self.check_data)
        self.bad_fraction = PercentInput("training.max_bad_file_fraction",
                                         "Stop when more than this share of images fails to "
                                         "load during training.")
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
        keep_row = QHBoxLayout()
        self.keep_checkpoints = int_spin("callbacks.keep_last_checkpoints", 0, 100000,
                                         special="All", help_text="Checkpoints of the newest "
                                         "epochs kept; the best epoch's is kept as well.")
        self.monitor = combo("callbacks.monitor", _MONITORS,
                             "The value that decides which epoch is the best.")
        keep_row.addWidget(self.keep_checkpoints)
        keep_row.addWidget(QLabel("and the best by"))
        keep_row.addWidget(self.monitor, 1)
        cb_form.addRow("Keep checkpoints", keep_row)
        self.final_model = combo("callbacks.final_model",
                                 [("The best epoch (by the value above)", "best"),
                                  ("The last epoch", "last")],
                                 "What model.keras is when training ends: the best epoch's "
                                 "checkpoint, or the model after the last epoch.")
        cb_form.addRow("Final model", self.final_model)
        note = QLabel("A checkpoint is saved after every epoch, so a run can be resumed from "
                      "any kept epoch.")
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
                ("training.xla", self.xla),
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
        binder.bind("training.max_bad_file_fraction", self.bad_fraction)
        binder.bind("training.seed", self.seed_input)
        binder.bind("training.class_weight", self.class_weights)
        binder.bind("callbacks.keep_last_checkpoints", self.keep_checkpoints)
        binder.bind("callbacks.monitor", self.monitor)
        binder.bind("callbacks.final_model", self.final_model)
        project.changed.connect(self._sync)
        project.data_changed.connect(self._data_changed)
        self._gpus = False
        self._sync()

    def _data_changed(self) -> None:
        self.class_weights.set_class_names(self.project.class_names)
        self.show_automatic_steps()

    def show_automatic_steps(self) -> None:
        """Show what "Automatic" means for the current data and batch size."""
        train, val = self.project.automatic_steps()
        self.steps.setSpecialValueText(f"Automatic ({train})" if train else "Automatic")
        self.val_steps.setSpecialValueText(f"Automatic ({val})" if val else "Automatic")

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """The devices TensorFlow found: ``[(key, label)]``."""
        current = self.project.config.training.device
        self.device.blockSignals(True)
        self.device.clear()
        for key, label in devices:
            self.device.addItem(label, key)
        index = self.device.findData(current)
        self.device.setCurrentIndex(max(index, 0))
        self.device.blockSignals(False)
        self._gpus = any(key.startswith("gpu:") for key, _ in devices)
        self._sync()

    def _sync(self, field: str = "", *_: object) -> None:
        config = self.project.config
        cb = config.callbacks
        for widget in (self.early_monitor, self.early_patience, self.restore_best):
            widget.setEnabled(cb.early_stopping)
        for widget in (self.reduce_monitor, self.reduce_factor, self.reduce_patience):
            widget.setEnabled(cb.reduce_lr_on_plateau)
        device = config.training.device
        on_gpu = device.startswith("gpu:") or (device in ("auto", "all") and self._gpus)
        self.mixed_precision.setEnabled(on_gpu or config.training.mixed_precision)
        self.mixed_precision.setToolTip(
            self.mixed_precision.property("helpText") if on_gpu else
            "Needs a GPU: none was found on this computer (or the device is the CPU).")
        if field in ("", "data.batch_size", "data.validation_split"):
            self.show_automatic_steps()
