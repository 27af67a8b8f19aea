"""Asking before a data file runs: FitGen runs a Python data file only when the user says so."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.run_dir import RunDir

__all__ = ["ask_run_data_file", "ask_to_run_data_file", "confirm_data_file"]

_CONTEXT = "data_file_questions"
# The question for each purpose, whole (a translation cannot be built from fragments).
_QUESTIONS = {
    "to resume": QT_TRANSLATE_NOOP("data_file_questions", "This run gets its data by running "
                                   "the Python file\n{file}\n\nRun it to resume? Choose No if "
                                   "you do not know the file."),
    "to evaluate": QT_TRANSLATE_NOOP("data_file_questions", "This run gets its data by running "
                                     "the Python file\n{file}\n\nRun it to evaluate? Choose No "
                                     "if you do not know the file."),
    "for the export's self-test (it needs the run's validation images)": QT_TRANSLATE_NOOP(
        "data_file_questions", "This run gets its data by running the Python file\n{file}\n\n"
        "Run it for the export's self-test (it needs the run's validation images)? Choose No "
        "if you do not know the file."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def confirm_data_file(parent: QWidget, config: RunConfig) -> RunConfig:
    """A data file named by settings the user did not just pick runs only if they say so;
    otherwise the settings open with image folders as the source."""
    if config.data.source != "python" or not config.data.generator_file:
        return config
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("data_file_questions", "Run the project's data file?"),
        _tr("This project gets its data by running the Python file\n{file}\n\nRun it? Choose "
            "No if you do not know the file; the project then opens with image folders as "
            "the data source.").format(file=config.data.generator_file),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        config = config.replace(**{"data.source": "folders"})
    return config


def ask_to_run_data_file(parent: QWidget, config: RunConfig, purpose: str) -> bool | None:
    """Whether the data file a run's settings name may run for ``purpose`` ("to resume"):
    False when the run has none, True when the user says yes, None when they decline."""
    if config.data.source != "python":
        return False
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("data_file_questions", "Run the run's data file?"),
        _tr(_QUESTIONS[purpose]).format(file=config.data.generator_file) if purpose in _QUESTIONS
        else f"This run gets its data by running the Python file\n{config.data.generator_file}"
        f"\n\nRun it {purpose}? Choose No if you do not know the file.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return True if answer == QMessageBox.StandardButton.Yes else None


def ask_run_data_file(parent: QWidget, run_dir: str, purpose: str) -> bool | None:
    """:func:`ask_to_run_data_file` for the run in ``run_dir``; False when its settings
    cannot be read (the work itself then says what is wrong)."""
    try:
        config = RunConfig.from_json(RunDir(run_dir).read_config_text())
    except Exception:  # noqa: BLE001 - reported by the evaluation or export that follows
        return False
    return ask_to_run_data_file(parent, config, purpose)
