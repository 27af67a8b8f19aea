"""Galleries of predicted images, and the detail of one image (with its Grad-CAM map).

A :class:`Gallery` shows thumbnails (decoded in the background) of a list of predictions:
a confusion-matrix cell, the most confident mistakes, the least sure answers. Choosing one
shows it in an :class:`ImageDetail`: the image, its file, the true and predicted class, the
confidence and the top three; buttons open the file or its folder, and Grad-CAM paints
where the model looked over the image.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.widgets.forms import ElidedLabel
from fitgen_gui.ui.widgets.pixmaps import pixmap_of, rgb_of
from fitgen_gui.ui.workers.background import BackgroundTasks

if TYPE_CHECKING:  # numpy is imported where arrays are used: not before the window shows
    import numpy as np

__all__ = ["Gallery", "ImageDetail", "heat_overlay"]

THUMB = 96
DETAIL = 280
MAX_SHOWN = 300  # a cell of thousands shows its 300 surest; the count says so


def heat_overlay(image: np.ndarray, heat: np.ndarray, alpha: float = 0.45) -> np.ndarray:
    """``image`` (H, W, 1 or 3, uint8) with the 0-1 map ``heat`` (H, W) painted over it."""
    import numpy as np

    from fitgen_gui.ui.shell.pyqtgraph_setup import pg

    colours = pg.colormap.get("inferno").map(np.clip(heat, 0, 1), mode="byte")[..., :3]
    rgb = image if image.shape[-1] == 3 else np.repeat(image[..., :1], 3, axis=-1)
    if rgb.shape[-1] == 4:
        rgb = rgb[..., :3]
    blend = (1 - alpha) * rgb.astype(np.float32) + alpha * colours.astype(np.float32)
    return np.clip(blend, 0, 255).astype(np.uint8)


def reveal(path: str) -> None:
    """Show the file's folder in the system's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(path)))


class ImageDetail(QWidget):
    """One image and what the model said of it.

    Signals
    -------
    gradcam_requested(object)
        The prediction whose Grad-CAM map should be computed (the Grad-CAM button).
    """

    gradcam_requested = Signal(object)

    def __init__(self, tasks: BackgroundTasks, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._tasks = tasks
        self._name = name
        self.prediction: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        self.image = QLabel(self.tr("Choose an image"))
        self.image.setObjectName(f"{name}.image")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # As large as the space allows, up to DETAIL: small windows keep room for the rest.
        self.image.setMinimumSize(140, 140)
        self.image.setMaximumSize(DETAIL, DETAIL)
        self.image.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.image.setStyleSheet("background: #20242a; color: #aab;")
        layout.addWidget(self.image)
        self.file = ElidedLabel("", f"{name}.file")
        layout.addWidget(self.file)
        self.info = QLabel("")
        self.info.setObjectName(f"{name}.info")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.info)
        top = QGridLayout()
        top.setColumnStretch(1, 1)
        self.top_rows: list[tuple[QLabel, QProgressBar]] = []
        for row in range(3):
            label = QLabel("")
            bar = QProgressBar()
            bar.setObjectName(f"{name}.top{row + 1}")
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            top.addWidget(label, row, 0)
            top.addWidget(bar, row, 1)
            self.top_rows.append((label, bar))
        layout.addLayout(top)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName(f"{name}.open")
        self.open_button.setToolTip(self.tr("Open the image in the system's viewer."))
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.folder_button.setObjectName(f"{name}.folder")
        self.gradcam_button = QPushButton(self.tr("Grad-CAM"))
        self.gradcam_button.setObjectName(f"{name}.gradcam")
        self.gradcam_button.setCheckable(True)
        self.gradcam_button.setToolTip(self.tr("Where the model looked for the predicted class: "
                                       "bright areas weighed most (Grad-CAM on the last "
                                       "convolution)."))
        for button in (self.open_button, self.folder_button, self.gradcam_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.open_button.clicked.connect(self._open)
        self.folder_button.clicked.connect(lambda: self.prediction and reveal(
            self.prediction.file))
        self.gradcam_button.toggled.connect(self._toggle_gradcam)
        self._plain: QPixmap | None = None
        self._overlay: QPixmap | None = None
        self._shown: QPixmap | None = None
        self.show_prediction(None)

    def show_prediction(self, prediction: Any) -> None:
        """``prediction``: an ``evaluation.Prediction`` (or None to clear)."""
        self.prediction = prediction
        self._plain = self._overlay = self._shown = None
        has = prediction is not None
        for button in (self.open_button, self.folder_button, self.gradcam_button):
            button.setEnabled(has and os.path.exists(prediction.file))
        self.gradcam_button.blockSignals(True)
        self.gradcam_button.setChecked(False)
        self.gradcam_button.blockSignals(False)
        top = prediction.top(3) if has else []
        for row, (label, bar) in enumerate(self.top_rows):
            label.setVisible(row < len(top))
            bar.setVisible(row < len(top))
            if row < len(top):
                label.setText(top[row][0])
                bar.setValue(round(top[row][1] * 1000))
                bar.setFormat(f"{top[row][1]:.1%}")
        if not has:
            self.image.setPixmap(QPixmap())
            self.image.setText(self.tr("Choose an image"))
            self.file.setText("")
            self.info.setText("")
            return
        self.file.setText(prediction.file)
        self.file.setToolTip(prediction.file)
        self.info.setText(self._describe(prediction))
        self.image.setText(self.tr("Loading…"))

        def load() -> np.ndarray | None:
            from fitgen_gui.data.folder_summary import thumbnail

            return thumbnail(prediction.file, DETAIL)

        self._tasks.submit(f"{self._name}:image", load, lambda image: self._loaded(
            prediction, image))

    @staticmethod
    def _describe(p: Any) -> str:
        verdict = ""
        if p.true is not None:
            colour = "#1b7f3b" if p.correct else "#b3261e"
            right = (QCoreApplication.translate("ImageDetail", "right") if p.correct
                     else QCoreApplication.translate("ImageDetail", "wrong"))
            verdict = QCoreApplication.translate("ImageDetail", "True class: {name}").format(
                name=f"<b>{p.true}</b>") + f" · <span style='color:{colour}'>{right}</span><br>"
        return verdict + QCoreApplication.translate(
            "ImageDetail", "Predicted: {name} ({confidence}). The likeliest classes:").format(
            name=f"<b>{p.predicted}</b>", confidence=f"{p.confidence:.1%}")

    def top_classes(self) -> list[tuple[str, str]]:
        """The shown top classes: ``(name, "97.8%")``."""
        return [(label.text(), bar.format()) for label, bar in self.top_rows
                if not bar.isHidden()]

    def _loaded(self, prediction: Any, image: np.ndarray | None) -> None:
        if prediction is not self.prediction:
            return
        if image is None:
            self.image.setText(self.tr("This file cannot be read now."))
            return
        self._plain = pixmap_of(rgb_of(image))
        if not self.gradcam_button.isChecked():
            self._show(self._plain)

    def _show(self, pixmap: QPixmap) -> None:
        self._shown = pixmap
        side = min(self.image.width(), self.image.height())
        self.image.setPixmap(pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if getattr(self, "_shown", None) is not None and self.image.pixmap() is not None and (
                not self.image.pixmap().isNull()):
            self._show(self._shown)

    @property
    def showing_gradcam(self) -> bool:
        """Whether the Grad-CAM map is what the image shows now."""
        return self._overlay is not None and getattr(self, "_shown", None) is self._overlay

    def _open(self) -> None:
        if self.prediction is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.prediction.file))

    def _toggle_gradcam(self, on: bool) -> None:
        if not on:
            if self._plain is not None:
                self._show(self._plain)
            return
        if self._overlay is not None:
            self._show(self._overlay)
        elif self.prediction is not None:
            self.image.setText(self.tr("Computing Grad-CAM…"))
            self.gradcam_requested.emit(self.prediction)

    def set_gradcam(self, prediction: Any, image: np.ndarray, heat: np.ndarray) -> None:
        """The map of ``prediction`` came: ``image`` as the model saw it, ``heat`` 0-1."""
        if prediction is not self.prediction:
            return
        self._overlay = pixmap_of(heat_overlay(image, heat))
        if self.gradcam_button.isChecked():
            self._show(self._overlay)

    def gradcam_failed(self, message: str) -> None:
        self.gradcam_button.setChecked(False)
        self.info.setText(self.info.text() + "<br><span style='color:#b3261e'>{}</span>".format(
            self.tr("Grad-CAM: {error}").format(error=engine_text(message))))


class Gallery(QWidget):
    """Thumbnails of predictions with a title; choosing one emits ``chosen``.

    Signals
    -------
    chosen(object)
        The chosen ``Prediction``.
    """

    chosen = Signal(object)

    def __init__(self, tasks: BackgroundTasks, name: str,
                 caption: Callable[[Any], str] | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self._tasks = tasks
        self._name = name
        self._caption = caption or (lambda p: f"{p.predicted} {p.confidence:.0%}")
        self.predictions: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("")
        self.title.setObjectName(f"{name}.title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}.list")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 24, THUMB + 36))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._current)
        layout.addWidget(self.list, 1)

    def show_predictions(self, title: str, predictions: list[Any]) -> None:
        """Show ``predictions`` (their first ``MAX_SHOWN``) under ``title``."""
        shown = predictions[:MAX_SHOWN]
        count = len(predictions)
        text = (self.tr("{title}: 1 image") if count == 1 else
                self.tr("{title}: {count} images")).format(title=title, count=count)
        if count > MAX_SHOWN:
            text = self.tr("{text} (showing the first {shown})").format(text=text,
                                                                        shown=MAX_SHOWN)
        self.title.setText(text)
        self.predictions = shown
        self.list.clear()
        placeholder = QIcon(QPixmap(THUMB, THUMB))
        for p in shown:
            item = QListWidgetItem(placeholder, self._caption(p))
            item.setData(Qt.ItemDataRole.UserRole, self._caption(p))
            tip = self.tr("{file}\nPredicted {name} ({confidence})").format(
                file=p.file, name=p.predicted, confidence=f"{p.confidence:.1%}")
            if p.true is not None:
                tip = self.tr("{text}; true class {name}").format(text=tip, name=p.true)
            item.setToolTip(tip)
            self.list.addItem(item)
        files = [p.file for p in shown]

        def load() -> list[np.ndarray | None]:
            from fitgen_gui.data.folder_summary import thumbnail

            return [thumbnail(f, THUMB) if os.path.exists(f) else None for f in files]

        self._tasks.submit(f"{self._name}:thumbnails", load,
                           lambda images: self._thumbnails(shown, images))

    def _thumbnails(self, shown: list[Any], images: list[np.ndarray | None]) -> None:
        if shown is not self.predictions:
            return
        for row, image in enumerate(images):
            if image is not None:
                self.list.item(row).setIcon(QIcon(pixmap_of(rgb_of(image))))

    def files(self) -> list[str]:
        return [p.file for p in self.predictions]

    def set_marks(self, mark_of: Callable[[str], str]) -> None:
        """Add to each caption what happened to its file (``mark_of(file)``: "moved to
        dogs", "excluded" or ""), read from where it is kept (the fixes journal)."""
        for row, p in enumerate(self.predictions):
            item = self.list.item(row)
            mark = mark_of(p.file)
            caption = item.data(Qt.ItemDataRole.UserRole)
            item.setText(f"{caption}\n[{mark}]" if mark else caption)

    def _current(self, row: int) -> None:
        if 0 <= row < len(self.predictions):
            self.chosen.emit(self.predictions[row])
