"""The Chinese translation is complete and is what the window shows (issue 29).

A text marked for translation but missing from the committed ``.ts`` (someone added a
``self.tr("...")`` and did not run ``make translations``), or present without a Chinese
translation, fails here; so does a window that stays English with the Chinese translator
installed, or one that is not English without it.
"""

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "fitgen_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
# The venv's own (next to its python) before any on PATH.
LUPDATE = (str(Path(sys.executable).with_name("pyside6-lupdate"))
           if Path(sys.executable).with_name("pyside6-lupdate").exists()
           else shutil.which("pyside6-lupdate") or "pyside6-lupdate")

# The English of today's window: the tabs and the menu bar's titles.
ENGLISH_SETTINGS_TABS = ["Data", "Augmentation", "Model", "Fit options", "Runs"]
ENGLISH_MAIN_TABS = ["Augmentation preview", "Training", "Batches", "Evaluation",
                     "Improve the data", "Predict", "Compare runs"]
ENGLISH_MENUS = ["&File", "&Run", "&Model", "&Settings", "&Help"]


def messages(ts_path: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source text) -> its ``<translation>`` element."""
    found = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


def test_every_text_of_the_committed_ts_is_translated():
    unfinished = []
    for (context, source), translation in messages(TS).items():
        text = "".join(translation.itertext()).strip()
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            unfinished.append(f"{context}: {source!r}")
    assert not unfinished, f"{len(unfinished)} texts without Chinese: {unfinished[:10]}"


def test_every_setting_text_of_core_config_is_in_the_ts():
    spec = importlib.util.spec_from_file_location(
        "make_setting_texts", TRANSLATIONS / "make_setting_texts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    known = {source for context, source in messages(TS) if context == "Setting"}
    missing = [text for text in module.setting_texts() if text not in known]
    assert not missing, f"run `make translations`: {missing[:10]}"


def test_every_marked_source_text_is_in_the_committed_ts(tmp_path):
    if not Path(LUPDATE).exists():
        pytest.skip("pyside6-lupdate is not installed (it ships in the PySide6 wheel)")
    sources = sorted(str(p) for p in (ROOT / "fitgen_gui" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "fitgen_gui" / "app.py"))
    fresh = tmp_path / "fresh_zh_CN.ts"
    subprocess.run([LUPDATE, "-no-obsolete", "-locations", "none", *sources, "-ts",
                    str(fresh)], check=True, capture_output=True, timeout=120)
    committed = messages(TS)
    missing = [f"{context}: {source!r}" for context, source in messages(fresh)
               if (context, source) not in committed]
    assert not missing, f"run `make translations`; not in {TS.name}: {missing[:10]}"


def window_texts(window) -> tuple[list[str], list[str], list[str]]:
    settings = [window.settings_tabs.tabText(i) for i in range(window.settings_tabs.count())]
    main = [window.main_tabs.tabText(i) for i in range(window.main_tabs.count())]
    menus = [action.text() for action in window.menuBar().actions() if action.menu()]
    return settings, main, menus


def build_window(qtbot, tmp_path):
    from fitgen_gui.ui.main_window import MainWindow

    main = MainWindow(workspace=str(tmp_path / "runs"))
    qtbot.addWidget(main)
    return main


def close_window(main):
    main.models.shutdown()
    main.tasks.shutdown()


def test_with_the_chinese_translator_the_tabs_and_menus_are_chinese(qapp, qtbot, tmp_path):
    from fitgen_gui.ui.shell.language import install_translators

    assert install_translators(qapp, "zh_CN") == "zh_CN"
    try:
        main = build_window(qtbot, tmp_path)
        settings, tabs, menus = window_texts(main)
        english = [t for t in settings + tabs + menus if not CJK.search(t)]
        assert not english, f"still English with zh_CN: {english}"
        titles = [m.title() for m in main.menuBar().findChildren(QMenu) if m.title()]
        assert titles and all(CJK.search(t) for t in titles), titles
        close_window(main)
    finally:
        install_translators(qapp, "en")


def test_with_english_the_tabs_and_menus_are_as_today(qapp, qtbot, tmp_path):
    from fitgen_gui.ui.shell.language import install_translators

    assert install_translators(qapp, "en") == "en"
    main = build_window(qtbot, tmp_path)
    settings, tabs, menus = window_texts(main)
    assert settings == ENGLISH_SETTINGS_TABS
    assert tabs == ENGLISH_MAIN_TABS
    assert menus == ENGLISH_MENUS
    close_window(main)


# -- a scan of every text the window and its dialogs show, with the Chinese translator ------

# Names that stay as they are in Chinese (glossary-zh_CN.md: brands, formats, networks,
# optimizers, Keras' own option values, keys); anything else in ASCII letters is English
# left untranslated.
ALLOWED_WORDS = {
    "FitGen", "Keras", "TensorFlow", "TensorBoard", "ImageNet", "CNN", "CPU", "GPU", "NPU",
    "CSV", "JSON", "JPEG", "PNG", "GIF", "WebP", "RGB", "RGBA", "OpenCV", "Pillow", "Python",
    "XLA", "NaN", "ZCA", "ONNX", "TFLite", "LiteRT", "SavedModel", "Grad", "CAM", "README",
    "Dropout", "epoch", "MB", "int8", "float32", "Adam", "AdamW", "RMSprop", "SGD",
    "MobileNetV2", "MobileNetV3", "Large", "Small", "ResNet50", "EfficientNet", "EfficientNetV2",
    "B0", "ConvNeXt", "Tiny", "Hamming", "Lanczos", "box", "categorical", "sparse", "binary",
    "rgb", "none", "balanced", "verbose", "rescale", "ceil", "English", "Ctrl", "Shift", "F5",
    "F6", "DS_Store", "Thumbs", "db", "gpu", "auto", "cpu", "all", "imagenet", "keras", "q",
    "F1", "png", "jpg", "bmp", "ppm", "tif",
}
_PATHS = re.compile(r"\S*[/\\.*_]\S*")  # file names, paths, identifiers, patterns
_TAGS = re.compile(r"<[^>]*>|&\w+;")
_QUOTED = re.compile(r"`[^`]*`|“[^”]*”")  # a command or a literal name, quoted as such
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are English, not an allowed name or a path."""
    text = _PATHS.sub(" ", _QUOTED.sub(" ", _TAGS.sub(" ", text.replace("&", ""))))
    return [w for w in _WORD.findall(text) if len(w) > 1 and w not in ALLOWED_WORDS]


def _header_texts(header) -> list[str]:
    model, orientation = header.model(), header.orientation()
    if model is None:
        return []
    count = (model.columnCount() if orientation == Qt.Orientation.Horizontal
             else model.rowCount())
    return [str(model.headerData(i, orientation) or "") for i in range(count)]


def _own_texts(widget) -> list[tuple[str, str]]:
    """(kind, text) of what one widget shows itself, by its class."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QProgressBar,
        QTabWidget,
    )

    readers = [
        ((QLabel, QAbstractButton), lambda w: [("text", w.text())]),
        (QGroupBox, lambda w: [("title", w.title())]),
        (QMenu, lambda w: [("title", w.title())]),
        (QTabWidget, lambda w: [(kind, text) for i in range(w.count())
                                for kind, text in (("tab", w.tabText(i)),
                                                   ("tab tip", w.tabToolTip(i)))]),
        (QLineEdit, lambda w: [("placeholder", w.placeholderText())]),
        (QAbstractSpinBox, lambda w: [("special", w.specialValueText()),
                                      ("suffix", getattr(w, "suffix", str)())]),
        (QComboBox, lambda w: [("item", w.itemText(i)) for i in range(w.count())]),
        (QProgressBar, lambda w: [("format", w.format())]),
        (QHeaderView, lambda w: [("header", text) for text in _header_texts(w)]),
    ]
    found = [("tooltip", widget.toolTip())]
    if widget.isWindow():
        found.append(("title", widget.windowTitle()))
    for kinds, read in readers:
        if isinstance(widget, kinds):
            found += read(widget)
    return found


def widget_texts(root) -> list[tuple[str, str]]:
    """(where, text) of every text ``root`` and its children show, visible or not."""
    from PySide6.QtWidgets import QWidget

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName()}"
        found += [(f"{where} {kind}", text) for kind, text in _own_texts(widget) if text]
        for action in QWidget.actions(widget):
            found.append((f"{where} action", action.text()))
            if action.toolTip() != action.text().replace("&", ""):
                found.append((f"{where} action tip", action.toolTip()))
    return [(where, text) for where, text in found if text]


def english_left(root, names: frozenset[str] = frozenset()) -> list[str]:
    """The texts of ``root`` with English words left; ``names`` (the user's own: class
    folder names shown as captions) are not English to translate."""
    return sorted({f"{where}: {text!r}" for where, text in widget_texts(root)
                   if text not in names and english_words(text)})


def test_the_scan_finds_english_and_passes_names():
    assert english_words("Show batch") == ["Show", "batch"]
    assert english_words("显示 Keras 的 flow_from_directory 与 model.keras") == []
    assert english_words("<b>准确率 97.5%</b> · docs/python-data-file.md") == []
    assert english_words("与 `fitgen predict` 的“file”列相同") == []


@pytest.fixture
def chinese(qapp):
    from fitgen_gui.ui.shell.language import install_translators

    assert install_translators(qapp, "zh_CN") == "zh_CN"
    yield
    install_translators(qapp, "en")


def test_no_english_is_left_in_the_window_and_its_dialogs_in_chinese(
        chinese, qtbot, tmp_path, tiny_dataset):
    import shutil as files

    from fitgen_gui.core.run_dir import RunDir
    from fitgen_gui.ui.dialogs.export_dialog import ExportDialog
    from fitgen_gui.ui.dialogs.loader_dialog import LoaderDialog
    from fitgen_gui.ui.dialogs.resume_dialog import ResumeDialog
    from fitgen_gui.ui.dialogs.sweep_dialog import SweepDialog
    from tests.ui.conftest import choose_folders

    # A class of 2 images (only in training) and a copy: the data check's findings show.
    few = tiny_dataset / "train" / "few"
    few.mkdir()
    for i, image in enumerate(sorted((tiny_dataset / "train").rglob("*.png"))[:2]):
        files.copy(image, few / f"copy{i}.png")
    main = build_window(qtbot, tmp_path)
    main.show()
    try:
        choose_folders(qtbot, main, tiny_dataset)
        findings = [f.message for f in main.project.report.findings]
        assert findings  # (the scan covers the findings' texts)
        # The engine's messages stay English (the CLI and the logs); the window says them
        # in Chinese.
        from fitgen_gui.ui.shell.engine_texts import engine_text

        assert not any(CJK.search(message) for message in findings)
        assert all(CJK.search(engine_text(message)) for message in findings), findings
        # The preview's captions are the class folders' names: the user's words, not ours.
        classes = frozenset(p.name for p in (tiny_dataset / "train").iterdir())
        qtbot.waitUntil(lambda: main.views_built)  # the plots, made after the window shows
        left = english_left(main, classes)
        dialogs = [ExportDialog(main.models.choice, main.models.work, main),
                   LoaderDialog(main, main.tasks, main.project.config, main.project.update, ""),
                   ResumeDialog(RunDir(tmp_path / "runs" / "第一次"), 5, main),
                   SweepDialog(main.project.config, main)]
        for dialog in dialogs:
            left += english_left(dialog)
            dialog.deleteLater()
        assert not left, f"{len(left)} texts still English in Chinese:\n" + "\n".join(left)
    finally:
        close_window(main)


def test_engine_messages_are_matched_with_their_values(chinese):
    from fitgen_gui.ui.shell.engine_texts import engine_text

    said = engine_text("Very few training images in cats (3); 10 or more per class are "
                       "recommended, hundreds are better.")
    assert "cats (3)" in said and "10" in said and CJK.search(said)
    assert engine_text("epoch 5 (last; best is epoch 3)") == "第 5 轮(最后一轮;最佳为第 3 轮)"
    assert engine_text("#4 moved cats/a.png to dogs/ (done)") == (
        "#4 已把 cats/a.png 移到 dogs/(已完成)")
    assert engine_text("Each fold trains 14 epochs, as long as the run. After a run of 15 "
                       "epochs or more, the folds train longer and learn from blended "
                       "images, which finds more of the wrong labels.") == (
        "每一折训练 14 轮,和这次训练一样长。训练 15 轮或更多时,每一折训练得更久,"
        "并从混合的图像中学习,能找出更多标注错误。")
    unknown = "A message no template knows."
    assert engine_text(unknown) == unknown  # shown as the engine wrote it


def test_engine_messages_stay_english_without_the_translator(qapp):
    from fitgen_gui.ui.shell.engine_texts import engine_text
    from fitgen_gui.ui.shell.language import install_translators

    install_translators(qapp, "en")
    message = "Folder '/data/cats' does not exist."
    assert engine_text(message) == message


@pytest.mark.parametrize("changes", [
    {"augmentation.zca_whitening": True},
    {"model.architecture": "mobilenet_v3_small", "model.fine_tune": True,
     "model.train_base": True},
    {"model.architecture": "mobilenet_v3_small", "model.weights": "none",
     "model.fine_tune": True, "model.train_base": False, "training.epochs": 1},
    {"model.weights": "imagenet"},
    {"model.architecture": "mobilenet_v3_small", "model.weights": "none",
     "data.target_size": (16, 224)},
    {"callbacks.reduce_lr_on_plateau": True, "optimizer.schedule": "cosine"},
    {"training.device": "all"},
    {"training.device": "gpu:3"},
    {"data.validation_split": 0.0, "data.val_dir": "", "callbacks.early_stopping": True},
], ids=lambda changes: ",".join(changes))
def test_the_rarer_problems_that_block_training_are_said_in_chinese(chinese, changes):
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.core.config_rules import validate
    from fitgen_gui.ui.shell.engine_texts import engine_text

    config = RunConfig(name="t").replace(**{"data.train_dir": "/x", **changes})
    problems = validate(config, check_paths=False, has_validation=None, devices=["cpu"])
    assert problems, changes  # each change really blocks training
    untranslated = [p.message for p in problems if not CJK.search(engine_text(p.message))]
    assert not untranslated


@pytest.mark.parametrize(("data", "model"), [(120.0, 300.0), (300.0, 100.0)])
def test_the_loader_tuners_verdict_and_settings_are_said_in_chinese(chinese, data, model):
    from fitgen_gui.training.loader_tuner import LoaderTrial, _report
    from fitgen_gui.ui.shell.engine_texts import engine_text

    trials = [LoaderTrial(0, False, 10, 90.0), LoaderTrial(1, False, 10, 100.0),
              LoaderTrial(2, False, 10, 140.0), LoaderTrial(2, True, 10, 150.0)]
    for current in trials:
        report = _report(data, model, 110.0, 8, trials, current)
        said = [engine_text(report.sentence), engine_text(report.recommendation)]
        said += [engine_text(trial.label) for trial in trials]
        assert all(CJK.search(text) and not re.search(r"[A-Za-z]{4,}", text)
                   for text in said), said


def test_what_is_wrong_in_a_batch_is_said_in_chinese(chinese):
    import numpy as np

    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.training.batch_tap import batch_flags, target_problem
    from fitgen_gui.ui.shell.engine_texts import engine_text

    config = RunConfig(name="t").replace(**{"augmentation.rescale": 1 / 255})
    x = np.random.default_rng(0).random((4, 8, 8, 3)).astype("float32")
    x[0] = 0.5
    x[1, 0, 0, 0] = np.nan
    flags = batch_flags(x, np.eye(3)[[0, 1, 2, 0]], config, 3, expects_0_255=True)
    messages = [f.message for f in flags]
    assert [f.key for f in flags] == ["not_finite", "zero_one", "constant"]
    messages += [f.message for f in batch_flags(x * 300, None, config, 3, expects_0_255=False)
                 if f.key == "above_one"]
    for y, mode in (([0, 1], "sparse"), (np.array(["a"] * 4), "sparse"),
                    (np.ones((4, 2)), "categorical"), (np.ones((4, 3)), "categorical"),
                    (np.ones((4, 2)), "sparse"), ([0, 5, 1, 2], "sparse")):
        messages.append(target_problem(np.asarray(y), mode, 3, 4))
    assert len(messages) == 10 and all(messages)
    english = [m for m in messages if not CJK.search(engine_text(m))]
    assert not english


def test_a_sweeps_run_statuses_are_counted_in_chinese(chinese):
    from fitgen_gui.core.sweep_table import UNFINISHED
    from fitgen_gui.ui.shell.engine_texts import status_counts

    statuses = ["finished", "finished", "running", "queued", *UNFINISHED]
    said = status_counts(statuses)
    assert said.startswith("已完成 2 次、") and not re.search(r"[A-Za-z]", said), said
