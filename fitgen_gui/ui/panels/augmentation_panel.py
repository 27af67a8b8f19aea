"""The Augmentation panel: every ``ImageDataGenerator`` option, each with a tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fitgen_gui.ui.state.binding import Binder
from fitgen_gui.ui.widgets.forms import SliderSpin, check_box, combo, double_spin, form_group
from fitgen_gui.ui.widgets.inputs import OptionalNumber, OptionalRange

__all__ = ["AugmentationPanel"]


class AugmentationPanel(QWidget):
    """Random changes to training images (so the model learns what matters), and scaling."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("augmentationPanel")
        layout = QVBoxLayout(self)
        intro = QLabel("Each training image is changed at random every time it is used; the "
                       "preview shows a batch exactly as the model receives it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        geometry, form = form_group("Position and shape", "augmentation.geometry")
        self.rotation = SliderSpin("augmentation.rotation_range", 0, 180, step=1, decimals=0,
                                   suffix="°", help_text="Turn images by up to this many "
                                                         "degrees, left or right.")
        form.addRow("Rotation", self.rotation)
        self.width_shift = SliderSpin("augmentation.width_shift_range", 0, 0.5, step=0.01,
                                      help_text="Move images sideways by up to this share of "
                                                "their width.")
        form.addRow("Shift sideways", self.width_shift)
        self.height_shift = SliderSpin("augmentation.height_shift_range", 0, 0.5, step=0.01,
                                       help_text="Move images up or down by up to this share "
                                                 "of their height.")
        form.addRow("Shift up/down", self.height_shift)
        self.shear = SliderSpin("augmentation.shear_range", 0, 45, step=0.5, decimals=1,
                                suffix="°", help_text="Slant images by up to this angle, in "
                                                      "degrees (Keras 2: 0.2 is almost "
                                                      "nothing).")
        form.addRow("Shear", self.shear)
        self.zoom = SliderSpin("augmentation.zoom_range", 0, 0.9, step=0.01,
                               help_text="Zoom in or out by up to this share; width and "
                                         "height are zoomed separately.")
        form.addRow("Zoom", self.zoom)
        flips = QHBoxLayout()
        self.horizontal_flip = check_box("augmentation.horizontal_flip", "Left–right",
                                         "Mirror half of the images left to right.")
        self.vertical_flip = check_box("augmentation.vertical_flip", "Upside down",
                                       "Flip half of the images upside down (only if that "
                                       "can happen in real images, e.g. cells).")
        flips.addWidget(self.horizontal_flip)
        flips.addWidget(self.vertical_flip)
        flips.addStretch(1)
        form.addRow("Mirror", flips)
        self.fill_mode = combo("augmentation.fill_mode", [
            ("Repeat the edge pixels", "nearest"), ("Mirror the image", "reflect"),
            ("Tile the image", "wrap"), ("A fixed value", "constant")],
            "What fills the corners uncovered by a rotation, shift or zoom out.")
        form.addRow("Fill uncovered areas", self.fill_mode)
        self.cval = double_spin("augmentation.cval", 0, 255, step=1, decimals=0,
                                help_text="The pixel value used when filling with a fixed "
                                          "value (0 black, 255 white).")
        form.addRow("Fill value", self.cval)
        self.order = combo("augmentation.interpolation_order", [
            ("Bilinear (smooth)", 1), ("Nearest (sharp, for masks)", 0), ("Bicubic", 3)],
            "How pixels are resampled when images are turned or zoomed.")
        form.addRow("Resampling", self.order)
        layout.addWidget(geometry)

        colour, colour_form = form_group("Brightness and colour", "augmentation.colour")
        self.brightness = OptionalRange(
            "augmentation.brightness_range", "Vary brightness", (0.1, 1.0), (1.0, 3.0),
            (0.8, 1.2), help_text="Multiply pixel values by a factor from the range (0.8 is "
                                  "20% darker, 1.2 is 20% brighter).")
        self.brightness_on = self.brightness.enabled
        colour_form.addRow("Brightness", self.brightness)
        self.channel_shift = SliderSpin("augmentation.channel_shift_range", 0, 100, step=1,
                                        decimals=0, help_text="Add a random amount (up to "
                                                              "this) to every colour channel.")
        colour_form.addRow("Colour shift", self.channel_shift)
        layout.addWidget(colour)

        norm, norm_form = form_group("Scaling and normalization", "augmentation.normalization")
        note = QLabel("The models already scale pixels from 0–255 themselves; these options "
                      "are for special cases and for Keras 2 habits.")
        note.setWordWrap(True)
        norm_form.addRow(note)
        self.rescale = OptionalNumber(
            "augmentation.rescale", "Multiply pixels by", 0.000001, 1000, 1 / 255, decimals=6,
            step=0.001, help_text="Keras 2's rescale, after augmentation: 1/255 = 0.003922.")
        self.rescale_on = self.rescale.enabled
        norm_form.addRow("Rescale", self.rescale)
        self.featurewise_center = check_box(
            "augmentation.featurewise_center", "Subtract the dataset mean",
            "Per channel, computed from a sample of the training images.")
        self.featurewise_std = check_box(
            "augmentation.featurewise_std_normalization", "Divide by the dataset std",
            "Per channel, computed from a sample of the training images.")
        self.samplewise_center = check_box(
            "augmentation.samplewise_center", "Subtract each image's mean", "")
        self.samplewise_std = check_box(
            "augmentation.samplewise_std_normalization", "Divide by each image's std", "")
        self.zca = check_box("augmentation.zca_whitening", "ZCA whitening",
                             "Decorrelate pixels (only for images of 32×32 or less).")
        self.zca_epsilon = double_spin("augmentation.zca_epsilon", 1e-9, 1.0, step=1e-6,
                                       decimals=9, help_text="Regularization of ZCA "
                                                             "whitening.")
        for widget in (self.featurewise_center, self.featurewise_std, self.samplewise_center,
                       self.samplewise_std):
            norm_form.addRow("", widget)
        zca_row = QHBoxLayout()
        zca_row.addWidget(self.zca)
        zca_row.addWidget(QLabel("ε"))
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
