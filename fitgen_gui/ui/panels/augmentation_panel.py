"""The Augmentation panel: every ``ImageDataGenerator`` option, each with a tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fitgen_gui.core.config import setting_info
from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.widgets.forms import (
    SliderSpin,
    combo,
    form_group,
    setting_check_box,
    setting_combo,
    setting_double_spin,
    setting_help,
    setting_label,
    setting_text,
)
from fitgen_gui.ui.widgets.inputs import OptionalNumber, OptionalRange

__all__ = ["AugmentationPanel"]


def _slider(field: str, high: float, **options: object) -> SliderSpin:
    """A slider from the setting's low end to ``high``, with its help."""
    info = setting_info(field)
    return SliderSpin(field, info.low or 0, high, help_text=setting_text(info.help), **options)


class AugmentationPanel(QWidget):
    """Random changes to training images (so the model learns what matters), and scaling."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("augmentationPanel")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Each training image is changed at random every time it is used; "
                       "the preview shows a batch exactly as the model receives it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        geometry, form = form_group(self.tr("Position and shape"), "augmentation.geometry")
        # The sliders span the useful part of each setting's range (a larger value can be
        # set in a project file or with --set, and is checked against the setting's range).
        self.rotation = _slider("augmentation.rotation_range", 180, step=1, decimals=0,
                                suffix="°")
        form.addRow(setting_label("augmentation.rotation_range"), self.rotation)
        self.width_shift = _slider("augmentation.width_shift_range", 0.5, step=0.01)
        form.addRow(setting_label("augmentation.width_shift_range"), self.width_shift)
        self.height_shift = _slider("augmentation.height_shift_range", 0.5, step=0.01)
        form.addRow(setting_label("augmentation.height_shift_range"), self.height_shift)
        self.shear = _slider("augmentation.shear_range", 45, step=0.5, decimals=1, suffix="°")
        form.addRow(setting_label("augmentation.shear_range"), self.shear)
        self.zoom = _slider("augmentation.zoom_range", 0.9, step=0.01)
        form.addRow(setting_label("augmentation.zoom_range"), self.zoom)
        flips = QHBoxLayout()
        self.horizontal_flip = setting_check_box("augmentation.horizontal_flip")
        self.vertical_flip = setting_check_box("augmentation.vertical_flip")
        flips.addWidget(self.horizontal_flip)
        flips.addWidget(self.vertical_flip)
        flips.addStretch(1)
        form.addRow(self.tr("Mirror"), flips)
        self.fill_mode = setting_combo("augmentation.fill_mode")
        form.addRow(setting_label("augmentation.fill_mode"), self.fill_mode)
        self.cval = setting_double_spin("augmentation.cval", low=0, high=255, step=1,
                                        decimals=0)
        form.addRow(setting_label("augmentation.cval"), self.cval)
        # Three common orders of the setting's 0-5, by name.
        self.order = combo("augmentation.interpolation_order", [
            (self.tr("Bilinear (smooth)"), 1), (self.tr("Nearest (sharp, for masks)"), 0),
            (self.tr("Bicubic"), 3)],
            setting_help("augmentation.interpolation_order"))
        form.addRow(setting_label("augmentation.interpolation_order"), self.order)
        layout.addWidget(geometry)

        colour, colour_form = form_group(self.tr("Brightness and colour"), "augmentation.colour")
        self.brightness = OptionalRange(
            "augmentation.brightness_range", self.tr("Vary brightness"), (0.1, 1.0), (1.0, 3.0),
            (0.8, 1.2), help_text=setting_help("augmentation.brightness_range"))
        self.brightness_on = self.brightness.enabled
        colour_form.addRow(setting_label("augmentation.brightness_range"), self.brightness)
        self.channel_shift = _slider("augmentation.channel_shift_range", 100, step=1,
                                     decimals=0)
        colour_form.addRow(setting_label("augmentation.channel_shift_range"),
                           self.channel_shift)
        layout.addWidget(colour)

        norm, norm_form = form_group(self.tr("Scaling and normalization"),
                                     "augmentation.normalization")
        note = QLabel(self.tr("The models already scale pixels from 0–255 themselves; these "
                      "options are for special cases and for Keras 2 habits."))
        note.setWordWrap(True)
        norm_form.addRow(note)
        self.rescale = OptionalNumber(
            "augmentation.rescale", self.tr("Multiply pixels by"), 0.000001, 1000, 1 / 255,
            decimals=6, step=0.001, help_text=setting_help("augmentation.rescale"))
        self.rescale_on = self.rescale.enabled
        norm_form.addRow(setting_label("augmentation.rescale"), self.rescale)
        self.featurewise_center = setting_check_box("augmentation.featurewise_center")
        self.featurewise_std = setting_check_box("augmentation.featurewise_std_normalization")
        self.samplewise_center = setting_check_box("augmentation.samplewise_center")
        self.samplewise_std = setting_check_box("augmentation.samplewise_std_normalization")
        self.zca = setting_check_box("augmentation.zca_whitening")
        self.zca_epsilon = setting_double_spin("augmentation.zca_epsilon", low=1e-9, high=1.0,
                                               step=1e-6, decimals=9)
        for widget in (self.featurewise_center, self.featurewise_std, self.samplewise_center,
                       self.samplewise_std):
            norm_form.addRow("", widget)
        zca_row = QHBoxLayout()
        zca_row.addWidget(self.zca)
        zca_row.addWidget(QLabel(self.tr("ε")))
        zca_row.addWidget(self.zca_epsilon)
        norm_form.addRow("", zca_row)
        layout.addWidget(norm)
        layout.addStretch(1)

        for field, widget in (
                ("augmentation.rotation_range", self.rotation),
                ("augmentation.width_shift_range", self.width_shift),
                ("augmentation.height_shift_range", self.height_shift),
                ("augmentation.shear_range", self.shear),
                ("augmentation.zoom_range", self.zoom),
                ("augmentation.horizontal_flip", self.horizontal_flip),
                ("augmentation.vertical_flip", self.vertical_flip),
                ("augmentation.fill_mode", self.fill_mode),
                ("augmentation.cval", self.cval),
                ("augmentation.interpolation_order", self.order),
                ("augmentation.channel_shift_range", self.channel_shift),
                ("augmentation.featurewise_center", self.featurewise_center),
                ("augmentation.featurewise_std_normalization", self.featurewise_std),
                ("augmentation.samplewise_center", self.samplewise_center),
                ("augmentation.samplewise_std_normalization", self.samplewise_std),
                ("augmentation.zca_whitening", self.zca),
                ("augmentation.zca_epsilon", self.zca_epsilon)):
            binder.bind(field, widget)
        binder.bind("augmentation.brightness_range", self.brightness)
        binder.bind("augmentation.rescale", self.rescale)
        self.fill_mode.currentIndexChanged.connect(self._sync_enabled)
        self.zca.toggled.connect(self._sync_enabled)
        binder.project.changed.connect(self._sync_enabled)
        self._sync_enabled()

    def _sync_enabled(self, *_: object) -> None:
        self.cval.setEnabled(self.fill_mode.currentData() == "constant")
        self.zca_epsilon.setEnabled(self.zca.isChecked())
