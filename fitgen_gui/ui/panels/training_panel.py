"""The Fit options panel: every ``fit_generator`` option, seed, device, precision, callbacks,
checkpoints."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.state.project import Project
from fitgen_gui.ui.widgets.forms import (
    combo,
    form_group,
    setting_check_box,
    setting_combo,
    setting_double_spin,
    setting_help,
    setting_int_spin,
    setting_label,
)
from fitgen_gui.ui.widgets.inputs import ClassWeightInput, PercentInput, SeedInput

__all__ = ["TrainingPanel"]

class TrainingPanel(QWidget):
    """How long and how training runs."""

    def __init__(self, project: Project, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("trainingPanel")
        self.project = project
        layout = QVBoxLayout(self)

        length, form = form_group(self.tr("Length"), "training.length")
        self.epochs = setting_int_spin("training.epochs")
        form.addRow(setting_label("training.epochs"), self.epochs)
        # 0 (below the setting's range) shows "Automatic": the setting's None.
        self.steps = setting_int_spin("training.steps_per_epoch", low=0,
                                      special=self.tr("Automatic"))
        form.addRow(setting_label("training.steps_per_epoch"), self.steps)
        self.val_steps = setting_int_spin("training.validation_steps", low=0,
                                          special=self.tr("Automatic"))
        form.addRow(setting_label("training.validation_steps"), self.val_steps)
        self.val_freq = setting_int_spin("training.validation_freq", high=1000,
                                         suffix=self.tr(" epoch(s)"))
        form.addRow(setting_label("training.validation_freq"), self.val_freq)
        layout.addWidget(length)

        feeding, feed_form = form_group(self.tr("Feeding the model"), "training.feeding")
        self.workers = setting_int_spin("training.workers")
        feed_form.addRow(setting_label("training.workers"), self.workers)
        self.multiprocessing = setting_check_box("training.use_multiprocessing")
        feed_form.addRow("", self.multiprocessing)
        self.queue = setting_int_spin("training.max_queue_size")
        feed_form.addRow(setting_label("training.max_queue_size"), self.queue)
        self.shuffle = setting_check_box("training.shuffle")
        feed_form.addRow("", self.shuffle)
        self.class_weights = ClassWeightInput("training.class_weight",
                                              setting_help("training.class_weight"))
        self.class_weight = self.class_weights.mode
        self.class_weights_table = self.class_weights.table
        feed_form.addRow(setting_label("training.class_weight"), self.class_weights)
        layout.addWidget(feeding)

        running, run_form = form_group(self.tr("Running"), "training.running")
        self.verbose = setting_combo("training.verbose")
        run_form.addRow(setting_label("training.verbose"), self.verbose)
        self.seed_input = SeedInput("training.seed", setting_help("training.seed"))
        self.seed, self.random_seed = self.seed_input.seed, self.seed_input.random
        run_form.addRow(setting_label("training.seed"), self.seed_input)
        # The devices are this computer's (set_devices), not a fixed list of choices.
        self.device = combo("training.device", [(self._auto_device(), "auto"), ("CPU", "cpu")],
                            setting_help("training.device"))
        run_form.addRow(setting_label("training.device"), self.device)
        self.mixed_precision = setting_check_box("training.mixed_precision")
        run_form.addRow("", self.mixed_precision)
        self.xla = setting_combo("training.xla")
        run_form.addRow(setting_label("training.xla"), self.xla)
        self.check_data = setting_check_box("training.check_data")
        run_form.addRow("", self.check_data)
        self.bad_fraction = PercentInput("training.max_bad_file_fraction",
                                         setting_help("training.max_bad_file_fraction"))
        run_form.addRow(setting_label("training.max_bad_file_fraction"), self.bad_fraction)
        self.on_nan = setting_combo("training.on_nan")
        run_form.addRow(setting_label("training.on_nan"), self.on_nan)
        layout.addWidget(running)

        callbacks, cb_form = form_group(self.tr("During training"), "training.callbacks")
        early_row = QHBoxLayout()
        self.early = setting_check_box("callbacks.early_stopping")
        self.early_monitor = setting_combo("callbacks.early_stopping_monitor")
        self.early_patience = setting_int_spin("callbacks.early_stopping_patience", high=1000,
                                               suffix=self.tr(" epochs"))
        early_row.addWidget(self.early_monitor, 1)
        early_row.addWidget(QLabel(self.tr("waiting")))
        early_row.addWidget(self.early_patience)
        cb_form.addRow(self.early)
        cb_form.addRow(setting_label("callbacks.early_stopping_monitor"), early_row)
        self.restore_best = setting_check_box("callbacks.restore_best_weights")
        cb_form.addRow("", self.restore_best)
        reduce_row = QHBoxLayout()
        self.reduce = setting_check_box("callbacks.reduce_lr_on_plateau")
        self.reduce_monitor = setting_combo("callbacks.reduce_lr_monitor")
        self.reduce_factor = setting_double_spin("callbacks.reduce_lr_factor", low=0.01,
                                                 high=0.99, step=0.05)
        self.reduce_patience = setting_int_spin("callbacks.reduce_lr_patience", high=1000,
                                                suffix=self.tr(" epochs"))
        reduce_row.addWidget(self.reduce_monitor, 1)
        reduce_row.addWidget(QLabel("×"))
        reduce_row.addWidget(self.reduce_factor)
        reduce_row.addWidget(QLabel(self.tr("after")))
        reduce_row.addWidget(self.reduce_patience)
        cb_form.addRow(self.reduce)
        cb_form.addRow(setting_label("callbacks.reduce_lr_monitor"), reduce_row)
        self.tensorboard = setting_check_box("callbacks.tensorboard")
        cb_form.addRow(self.tensorboard)
        keep_row = QHBoxLayout()
        self.keep_checkpoints = setting_int_spin("callbacks.keep_last_checkpoints",
                                                 special=self.tr("All"))
        self.monitor = setting_combo("callbacks.monitor")
        keep_row.addWidget(self.keep_checkpoints)
        keep_row.addWidget(QLabel(self.tr("and the best by")))
        keep_row.addWidget(self.monitor, 1)
        cb_form.addRow(setting_label("callbacks.keep_last_checkpoints"), keep_row)
        self.final_model = setting_combo("callbacks.final_model")
        cb_form.addRow(setting_label("callbacks.final_model"), self.final_model)
        note = QLabel(self.tr("A checkpoint is saved after every epoch, so a run can be resumed "
                      "from any kept epoch."))
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
        self.steps.setSpecialValueText(self.tr("Automatic ({steps})").format(steps=train)
                                       if train else self.tr("Automatic"))
        self.val_steps.setSpecialValueText(self.tr("Automatic ({steps})").format(steps=val)
                                           if val else self.tr("Automatic"))

    def _auto_device(self) -> str:
        return self.tr("Automatic (GPU when there is one)")

    def set_devices(self, devices: list[tuple[str, str]]) -> None:
        """The devices TensorFlow found: ``[(key, label)]``."""
        current = self.project.config.training.device
        self.device.blockSignals(True)
        self.device.clear()
        for key, label in devices:
            self.device.addItem(self._auto_device() if key == "auto" else label, key)
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
            self.tr("Needs a GPU: none was found on this computer (or the device is the CPU)."))
        if field in ("", "data.batch_size", "data.validation_split"):
            self.show_automatic_steps()
