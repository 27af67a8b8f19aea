"""The Model panel: architecture, starting weights, head, optimizer and learning rate."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from fitgen_gui.core.config import IMAGENET_SIZE
from fitgen_gui.training.weights_files import (
    WEIGHTS,
    WeightsMissingError,
    imagenet_weights_file,
)
from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.state.project import Project
from fitgen_gui.ui.widgets.forms import (
    form_group,
    setting_check_box,
    setting_combo,
    setting_double_spin,
    setting_help,
    setting_int_spin,
    setting_label,
    wrap_anywhere,
)
from fitgen_gui.ui.widgets.inputs import SizeInput, WeightsInput
from fitgen_gui.ui.workers.background import TaskContext

__all__ = ["ModelPanel"]


class _Cancelled:
    """A task's cancellation as the ``threading.Event`` the download reads (``is_set``)."""

    def __init__(self, task: TaskContext) -> None:
        self.is_set = task.cancelled


class ModelPanel(QWidget):
    """Which network learns, from which weights, with which optimizer."""

    def __init__(self, project: Project, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("modelPanel")
        self.project = project
        layout = QVBoxLayout(self)

        network, form = form_group(self.tr("Network"), "model.network")
        self.architecture = setting_combo("model.architecture")
        form.addRow(setting_label("model.architecture"), self.architecture)
        self.weights = WeightsInput()
        self.weights_mode, self.weights_file = self.weights.mode, self.weights.file
        form.addRow(setting_label("model.weights"), self.weights)
        self.weights_note = QLabel("")
        self.weights_note.setObjectName("model.weights_note")
        self.weights_note.setWordWrap(True)
        form.addRow("", self.weights_note)
        download_row = QHBoxLayout()
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setObjectName("model.weights_download")
        self.download_button.setToolTip(
            self.tr("Download the ImageNet weights of this network from where Keras gets them (or "
            "the mirror in FITGEN_WEIGHTS_MIRROR), check them and keep them for next time."))
        self.download_progress = QProgressBar()
        self.download_progress.setObjectName("model.weights_progress")
        self.download_progress.setTextVisible(True)
        self.download_cancel = QPushButton(self.tr("Cancel"))
        self.download_cancel.setObjectName("model.weights_cancel")
        for widget in (self.download_button, self.download_progress, self.download_cancel):
            download_row.addWidget(widget)
        download_row.addStretch(1)
        form.addRow("", download_row)
        self._downloading = False
        self.download_button.clicked.connect(self.download)
        self._download_ticket = 0
        self.download_cancel.clicked.connect(
            lambda: self.project.tasks.cancel(self._download_ticket))
        self.train_base = setting_check_box("model.train_base")
        form.addRow("", self.train_base)
        self.fine_tune = setting_check_box("model.fine_tune")
        form.addRow("", self.fine_tune)
        cache_row = QHBoxLayout()
        self.feature_cache = setting_check_box("model.feature_cache")
        self.feature_cache_copies = setting_int_spin("model.feature_cache_copies",
                                                     suffix=self.tr(" copies"))
        cache_row.addWidget(self.feature_cache)
        cache_row.addWidget(self.feature_cache_copies)
        cache_row.addStretch(1)
        form.addRow("", cache_row)
        self.dropout = setting_double_spin("model.dropout", high=0.9, step=0.05)
        form.addRow(setting_label("model.dropout"), self.dropout)
        self.input_size = SizeInput("model.input_size", 16, 1024,
                                    special=self.tr("Same as the images"),
                                    help_text=setting_help("model.input_size"))
        form.addRow(setting_label("model.input_size"), self.input_size)
        self.size_note = QLabel("")
        self.size_note.setObjectName("model.size_note")
        self.size_note.setWordWrap(True)
        form.addRow("", self.size_note)
        layout.addWidget(network)

        learning, learn_form = form_group(self.tr("Learning"), "model.learning")
        self.optimizer = setting_combo("optimizer.name")
        learn_form.addRow(setting_label("optimizer.name"), self.optimizer)
        self.learning_rate = setting_double_spin("optimizer.learning_rate", low=0.000001,
                                                 high=1.0, step=0.0001, decimals=6)
        learn_form.addRow(setting_label("optimizer.learning_rate"), self.learning_rate)
        self.schedule = setting_combo("optimizer.schedule")
        learn_form.addRow(setting_label("optimizer.schedule"), self.schedule)
        self.warmup_epochs = setting_double_spin("optimizer.warmup_epochs", high=1000, step=1,
                                                 decimals=1, suffix=self.tr(" epochs"))
        learn_form.addRow(setting_label("optimizer.warmup_epochs"), self.warmup_epochs)
        decay_row = QHBoxLayout()
        self.decay_rate = setting_double_spin("optimizer.decay_rate", low=0.01, step=0.05)
        self.decay_epochs = setting_double_spin("optimizer.decay_epochs", low=0.1, high=1000,
                                                step=1, decimals=1, suffix=self.tr(" epochs"))
        decay_row.addWidget(QLabel("×"))
        decay_row.addWidget(self.decay_rate)
        decay_row.addWidget(QLabel(self.tr("every")))
        decay_row.addWidget(self.decay_epochs)
        learn_form.addRow(self.tr("Step decay"), decay_row)
        layout.addWidget(learning)
        layout.addStretch(1)

        for field, widget in (("model.architecture", self.architecture),
                              ("model.weights", self.weights),
                              ("model.train_base", self.train_base),
                              ("model.fine_tune", self.fine_tune),
                              ("model.feature_cache", self.feature_cache),
                              ("model.feature_cache_copies", self.feature_cache_copies),
                              ("model.dropout", self.dropout),
                              ("model.input_size", self.input_size),
                              ("optimizer.name", self.optimizer),
                              ("optimizer.learning_rate", self.learning_rate),
                              ("optimizer.schedule", self.schedule),
                              ("optimizer.warmup_epochs", self.warmup_epochs),
                              ("optimizer.decay_rate", self.decay_rate),
                              ("optimizer.decay_epochs", self.decay_epochs)):
            binder.bind(field, widget)
        project.changed.connect(self._sync)
        project.changed.connect(self._architecture_chosen)
        self._sync()

    def _sync(self, *_: object) -> None:
        config = self.project.config
        architecture = config.model.architecture
        small = architecture == "small_cnn"
        self.weights.setEnabled(not small)
        self.train_base.setEnabled(not small)
        self.fine_tune.setEnabled(not small and not config.model.train_base)
        self.feature_cache.setEnabled(not small and not config.model.train_base)
        self.feature_cache_copies.setEnabled(
            not small and not config.model.train_base and config.model.feature_cache
            and config.augmentation.is_random())
        missing = False
        if small:
            self.weights_note.setText(self.tr("The small CNN always learns from scratch."))
        elif config.model.weights == "imagenet":
            try:
                path = imagenet_weights_file(architecture)
                self.weights_note.setText(wrap_anywhere(self.tr("Found: {path}").format(path=path)))
            except WeightsMissingError as exc:
                missing = True
                if not self._downloading:
                    self.weights_note.setText(wrap_anywhere(str(exc)))
        else:
            self.weights_note.setText("")
        size = WEIGHTS[architecture].approx_mb if architecture in WEIGHTS else 0
        self.download_button.setText(
            self.tr("Download (about {size} MB)").format(size=f"{size:.0f}") if size >= 1
            else self.tr("Download"))
        self.download_button.setVisible(missing and not self._downloading)
        self.download_progress.setVisible(self._downloading)
        self.download_cancel.setVisible(self._downloading)
        exponential = config.optimizer.schedule == "exponential"
        self.decay_rate.setEnabled(exponential)
        self.decay_epochs.setEnabled(exponential)
        self.warmup_epochs.setEnabled(config.optimizer.schedule == "cosine")

    def _architecture_chosen(self, field: str) -> None:
        """An ImageNet backbone chosen with small images: 224x224, and why."""
        if field != "model.architecture":
            return
        config = self.project.config
        if config.model.architecture == "small_cnn":
            self.size_note.setText("")
            return
        height, width = config.data.target_size
        if height < IMAGENET_SIZE[0] or width < IMAGENET_SIZE[1]:
            self.project.set("data.target_size", tuple(IMAGENET_SIZE))
            self.size_note.setText(
                self.tr("Image size set to {size} (Data tab; it was {old}): ImageNet backbones "
                        "learned on images of that size, and smaller ones lose much of what "
                        "they learned.").format(size=f"{IMAGENET_SIZE[0]}x{IMAGENET_SIZE[1]}",
                                                old=f"{height}x{width}"))

    # -- downloading ImageNet weights ------------------------------------------------------

    def download(self) -> None:
        """Download the chosen backbone's weights in the background, with progress."""
        if self._downloading:
            return
        architecture = self.project.config.model.architecture
        self._downloading = True
        self.download_progress.setRange(0, 0)
        self.weights_note.setText(self.tr("Downloading the ImageNet weights of {name}…").format(
            name=architecture))
        self._sync()

        def run(task: TaskContext) -> str:
            from fitgen_gui.training.weights_download import download_weights

            return download_weights(
                architecture, cancel=_Cancelled(task),
                progress=lambda done, total: task.progress(done, -1 if total is None
                                                           else total))

        self._download_ticket = self.project.tasks.submit(
            "weights.download", run, lambda path: self._downloaded(path, ""),
            lambda message, details: self._downloaded("", message),
            on_progress=self._show_progress, with_context=True)

    @property
    def downloading(self) -> bool:
        return self._downloading

    def _show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.download_progress.setRange(0, 1000)
            self.download_progress.setValue(int(1000 * done / total))
            self.download_progress.setFormat(self.tr("{done} of {total} MB").format(
                done=f"{done / 1e6:.1f}", total=f"{total / 1e6:.1f}"))
        else:
            self.download_progress.setFormat(self.tr("{done} MB").format(done=f"{done / 1e6:.1f}"))

    def _downloaded(self, path: str, error: str) -> None:
        self._downloading = False
        self._sync()
        if error:
            self.weights_note.setText(wrap_anywhere(error))
        else:
            self.weights_note.setText(wrap_anywhere(
                self.tr("Downloaded and checked: {path}").format(path=path)))
        self.project.refresh()
