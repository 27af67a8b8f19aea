"""The generator debugger in the app: the data feed fills during a run, the Batches tab shows
batch N exactly, the loss spike is found, and the loader tuner's Apply sets the workers."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from fitgen_gui.core.events import BatchEnded, TrainingFinished
from fitgen_gui.training.batch_tap import tap_batch
from fitgen_gui.ui.plots.input_plots import class_strip_image
from tests.ui.conftest import choose_folders, small_training

pytestmark = pytest.mark.slow
TRAINING = 180_000


def test_the_class_strip_splits_each_batch_by_its_classes():
    image = class_strip_image(np.array([[8, 0], [4, 4], [0, 0]]))
    assert image.shape[0] == 3
    column0, column1 = image[0], image[1]
    assert len({tuple(p) for p in column0}) == 1  # one class: one colour
    assert len({tuple(p) for p in column1}) == 2  # half and half
    assert (column1[:, 0] == column1[0, 0]).sum() == image.shape[1] // 2
    assert (image[2] == 255).all()  # no labels: blank


def test_count_rows_grow_by_batch_and_truncate_at_a_resumed_epoch():
    from fitgen_gui.ui.plots.input_plots import CountRows

    rows = CountRows()
    rows.extend(np.arange(1, 2001) / 1000, [(1, 2)] * 2000)  # two epochs of 1,000 batches
    rows.extend([2.001], [(0, 0, 5)])  # a third class appears
    assert len(rows) == 2001 and rows.matrix.shape == (2001, 3)
    assert tuple(rows[0]) == (1, 2, 0) and tuple(rows[-1]) == (0, 0, 5)
    rows.truncate(1.0)  # resumed from epoch 1: epoch 2 goes
    assert len(rows) == 1000 and rows.x[-1] == 1.0


def test_the_data_feed_fills_while_training_and_the_batches_tab_shows_batch_n(
        qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=2)
    feed = window.training_view.input
    filled_during_run = []

    def watch(event):
        if isinstance(event, BatchEnded) and window.controller.is_running:
            filled_during_run.append((feed.wait.size, len(feed.counts)))

    window.controller.event.connect(watch)
    assert not feed.profile_button.isEnabled()
    with qtbot.waitSignal(window.controller.finished, timeout=TRAINING) as blocker:
        qtbot.mouseClick(window.run_bar.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: feed.profile_button.isEnabled(), timeout=TRAINING)
        qtbot.mouseClick(feed.profile_button, Qt.MouseButton.LeftButton)  # one click
    final = blocker.args[0]
    assert isinstance(final, TrainingFinished), getattr(final, "details", final)
    assert filled_during_run and filled_during_run[-1][0] > 0  # live, not only at the end
    # A point for each of the 10 batches; the class strip counts all 36 images per epoch.
    assert feed.wait.size == feed.total.size == 10
    assert (feed.total.y >= feed.wait.y).all()
    assert len(feed.counts) == 10
    assert [sum(c) for c in feed.counts[:5]] == [8, 8, 8, 8, 4]
    assert feed.epoch_counts == (12, 12, 12) and feed.folder_counts == (12, 12, 12)
    # Each epoch's validation batches, drawn below: 12 images in batches of 8.
    assert sorted(feed.val_batch_counts) == [0, 1]
    assert [sum(c) for c in feed.val_batch_counts[0]] == [8, 4]
    assert feed._val_strip.image is not None
    # The profile ended with the run: its verdict and folder are shown.
    assert feed.verdict.text().startswith("Profile of batches ")
    assert "input-bound" in feed.verdict.text() and final.run_dir in feed.verdict.text()
    assert not feed.profile_button.isEnabled()  # the run has ended

    # The Batches tab: batch 7 (epoch 2, batch 2) as training got it.
    view = window.batch_view
    window.main_tabs.setCurrentWidget(view)
    view.number.setValue(7)
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.last is not None, timeout=60_000)
    expected = tap_batch(window.project.config, 7)
    np.testing.assert_array_equal(view.last.x, expected.x)
    assert "Batch 7 = epoch 2, batch 2" in view.status.text()
    assert len(view._cells) == 8
    assert view._cells[0].toolTip().startswith(str(tiny_dataset / "train"))
    assert view.table.item(0, 1).text() == "(8, 32, 32, 3) float32"
    assert not view.flags.isVisible()

    # One image, 16 draws of the augmentation.
    view._select(2)
    view.augment_button.setChecked(True)
    qtbot.waitUntil(lambda: view.augmented is not None, timeout=60_000)
    assert len(view._cells) == 16
    np.testing.assert_array_equal(view.augmented[0], expected.x[2])

    # The loss spike of the run just trained: a batch of it, shown with its description.
    view.augment_button.setChecked(False)
    view.last = None
    qtbot.mouseClick(view.spike_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.last is not None, timeout=60_000)
    assert "The loss jumped to" in view.status.text()
    assert 1 <= view.last.number <= 10


def test_flags_show_in_words_for_pixels_in_0_1(qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=1)
    window.project.set("augmentation.rescale", 1 / 255)
    view = window.batch_view
    view.show_batch(1)
    qtbot.waitUntil(lambda: view.last is not None, timeout=60_000)
    assert not view.flags.isHidden()
    assert "already in 0-1" in view.flags.text()


def test_tune_loader_applies_the_recommended_workers(qtbot, window, tiny_dataset):
    choose_folders(qtbot, window, tiny_dataset)
    small_training(window, epochs=1)
    window.engine.is_ready = True  # the dialog loads TensorFlow itself in its worker
    window.tune_loader()
    dialog = window.loader_dialog
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=180_000)
    assert dialog.table.rowCount() == len(dialog.report.trials) >= 5
    assert dialog.apply_button.isEnabled()
    best = dialog.report.recommended
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    config = window.project.config.training
    assert (config.workers, config.use_multiprocessing, config.max_queue_size) == best.key
    assert window.training_panel.workers.value() == best.workers
    dialog.close()


def test_download_the_weights_from_the_model_panel(qtbot, window, tmp_path, monkeypatch):
    import hashlib
    import http.server
    import threading

    from fitgen_gui.training.weights_files import WEIGHTS

    body = b"\x89HDF\r\n\x1a\n" + bytes(range(256)) * 400

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("FITGEN_WEIGHTS_MIRROR", f"http://127.0.0.1:{server.server_address[1]}")
    monkeypatch.setitem(WEIGHTS, "mobilenet_v3_small", WEIGHTS["mobilenet_v3_small"]._replace(
        file_hash=hashlib.md5(body).hexdigest()))
    try:
        panel = window.model_panel
        window.project.update({"model.architecture": "mobilenet_v3_small",
                               "model.weights": "imagenet"})
        assert not panel.download_button.isHidden()
        assert panel.download_button.text() == "Download (about 4 MB)"
        assert any(p.field == "model.weights" for p in window.project.problems)
        qtbot.mouseClick(panel.download_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.downloading, timeout=30_000)
        assert panel.weights_note.text().startswith("Downloaded and checked")
        assert (tmp_path / "keras" / "models" / WEIGHTS["mobilenet_v3_small"].file_name
                ).read_bytes() == body
        assert panel.download_button.isHidden()
        assert not any(p.field == "model.weights" for p in window.project.problems)
    finally:
        server.shutdown()
        server.server_close()


def test_choosing_an_imagenet_backbone_sets_224_pixels_and_says_why(window):
    window.project.set("data.target_size", (64, 64))
    panel = window.model_panel
    panel.architecture.setCurrentIndex(panel.architecture.findData("efficientnet_v2_b0"))
    assert tuple(window.project.config.data.target_size) == (224, 224)
    assert tuple(window.data_panel.target_size.value()) == (224, 224)
    assert "it was 64x64" in panel.size_note.text()
    assert "learned on images of that size" in panel.size_note.text()
    panel.architecture.setCurrentIndex(panel.architecture.findData("small_cnn"))
    assert panel.size_note.text() == ""
    assert tuple(window.project.config.data.target_size) == (224, 224)  # nothing undone


def test_the_feature_cache_is_offered_for_a_frozen_backbone_and_copies_with_augmentation(
        window):
    panel = window.model_panel
    assert not panel.feature_cache.isEnabled()  # the small CNN learns whole
    panel.architecture.setCurrentIndex(panel.architecture.findData("mobilenet_v3_small"))
    panel.train_base.setChecked(False)
    assert panel.feature_cache.isEnabled() and panel.feature_cache.isChecked()
    assert panel.feature_cache_copies.isEnabled()  # the default flips are random
    window.augmentation_panel.horizontal_flip.setChecked(False)
    assert not panel.feature_cache_copies.isEnabled()  # nothing random to copy
    window.augmentation_panel.horizontal_flip.setChecked(True)
    assert panel.feature_cache_copies.isEnabled()
    panel.feature_cache_copies.setValue(8)
    assert window.project.config.model.feature_cache_copies == 8
    panel.feature_cache.setChecked(False)
    assert not window.project.config.model.feature_cache
    assert not panel.feature_cache_copies.isEnabled()
    panel.train_base.setChecked(True)
    assert not panel.feature_cache.isEnabled()


def test_all_gpus_is_a_device_choice_with_mixed_precision(window):
    panel = window.training_panel
    panel.set_devices([("auto", "Automatic"), ("cpu", "CPU"), ("gpu:0", "GPU 0"),
                       ("gpu:1", "GPU 1"), ("all", "All GPUs (2)")])
    panel.device.setCurrentIndex(panel.device.findData("all"))
    assert window.project.config.training.device == "all"
    assert panel.device.currentText() == "All GPUs (2)"
    assert panel.mixed_precision.isEnabled()
    panel.device.setCurrentIndex(panel.device.findData("cpu"))
    assert not panel.mixed_precision.isEnabled()
