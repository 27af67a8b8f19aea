"""``Project``: the app's settings and what is known about their data, on the GUI thread.

The one owner of the current ``RunConfig``. Every edit arrives through :meth:`update`
(the Binder) or :meth:`load` (a project file, the session) and is announced once with
``changed(field)``. The project scans the folders and runs the data check in the
background when the data settings change, keeps their results (class counts, the check
report, a data file's classes), and turns everything that prevents training into one list
of problems in the user's words (``problems_changed``): settings, missing weights, a data
check that says training cannot start, a missing data file, a folder with one class.
Panels and views only show what it holds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from fitgen_gui.core.config import Problem, RunConfig, field_label, get_field
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.workers.background import BackgroundTasks

__all__ = ["DataFileInfo", "Project", "default_config"]

# Settings that do not apply while another one says so, and the values they take then: the
# Model panel greys their controls out, so a value that cannot be used must not stay behind
# and block Start with a setting the user cannot change. The user's own values are set aside
# and come back when the rule no longer holds (a backbone chosen again, say).
_DEPENDENT_SETTINGS = (
    # The small CNN always learns whole, from scratch.
    (lambda c: c.model.architecture == "small_cnn",
     {"model.weights": "none", "model.fine_tune": False, "model.train_base": True}),
    # Fine-tuning first trains the head on a frozen base.
    (lambda c: c.model.train_base, {"model.fine_tune": False}),
)
# Settings whose change means other images: the folders are scanned and checked again.
_DATA_FIELDS = ("data.source", "data.train_dir", "data.val_dir", "data.follow_links",
                "data.more_formats", "data.generator_file")


def default_config() -> RunConfig:
    """Settings a new project starts with."""
    return RunConfig().replace(**{"training.epochs": 10})


def dataset_name(train_dir: str) -> str:
    """``hymenoptera`` for ``.../hymenoptera/train``, else the folder's own name."""
    path = Path(train_dir).resolve()
    if path.name.lower() in ("train", "training", "images") and path.parent.name:
        return path.parent.name
    return path.name or "run"


@dataclass
class DataFileInfo:
    """What loading a data file told: its classes and whether it defines val_data."""

    path: str
    class_names: list[str]
    has_validation: bool


def _load_data_file(path: str) -> DataFileInfo:
    from fitgen_gui.data.user_data import load_user_data

    user = load_user_data(path)
    return DataFileInfo(path, list(user.class_names), user.has_validation)


class Project(QObject):
    """The current settings and the state of their data.

    Signals
    -------
    changed(str)
        A setting changed: its dotted name, or ``""`` when all may have (a load).
    data_changed()
        The scan, the check or the data file's information changed (or started again).
    check_progress(int, int)
        The data check read ``done`` of ``total`` files.
    problems_changed(list)
        What prevents training, in words; empty when training can start.
    """

    changed = Signal(str)
    data_changed = Signal()
    check_progress = Signal(int, int)
    problems_changed = Signal(list)
    _progress = Signal(int, int)  # from the check's thread

    def __init__(self, tasks: BackgroundTasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.config = default_config()
        self.summary: Any = None  # data.folder_summary.FolderSummary
        self.report: Any = None  # data.data_check.CheckReport
        self.data_file: DataFileInfo | None = None
        self.data_error = ""  # why the folders or the data file could not be read
        self.checking = False
        self.devices: list[str] | None = None  # known once TensorFlow has loaded
        self.problems: list[Problem] = []
        self.messages: list[str] = []
        self._auto_name = "run"
        self._data_key: str | None = None
        self._set_aside: dict[int, dict[str, Any]] = {}  # user values a rule set aside
        self.refreshes = 0  # how often the problems were worked out (tests count them)
        self._progress.connect(self.check_progress)

    # -- settings ---------------------------------------------------------------------

    def update(self, values: dict[str, Any]) -> None:
        """Set fields (from one control); each one that changed is announced once."""
        changed = [f for f, value in values.items() if get_field(self.config, f) != value]
        if changed:
            self.config = self.config.replace(**{f: values[f] for f in changed})
        changed += [f for f in self._fit_dependent_settings() if f not in changed]
        if not changed:
            return
        if "data.train_dir" in changed:
            self._rename_after(self.config.data.train_dir)
        if any(f.startswith(_DATA_FIELDS) for f in changed):
            self.rescan(refresh=False)
        for field in changed:
            self.changed.emit(field)
        self._refresh()

    def set(self, field: str, value: Any) -> None:
        self.update({field: value})

    def load(self, config: RunConfig) -> None:
        """Replace every setting (a project, the session, New project)."""
        self.config = config
        self._set_aside = {}
        self._fit_dependent_settings()
        self._auto_name = self.config.name
        self.rescan(refresh=False)
        self.changed.emit("")
        self._refresh()

    def _fit_dependent_settings(self) -> list[str]:
        """Settings that do not apply now set to what does, the user's values set aside
        (and given back once they apply again); the fields changed."""
        changed = []
        for rule, (applies, fixed) in enumerate(_DEPENDENT_SETTINGS):
            if applies(self.config):
                aside = self._set_aside.setdefault(rule, {})
                wanted = dict(fixed)
                for field, value in fixed.items():
                    current = get_field(self.config, field)
                    if current != value:
                        aside[field] = current
            else:
                wanted = self._set_aside.pop(rule, {})
            moved = {f: v for f, v in wanted.items() if get_field(self.config, f) != v}
            if moved:
                self.config = self.config.replace(**moved)
                changed += moved
        return changed

    def _rename_after(self, train_dir: str) -> None:
        # The run name follows the dataset unless the user named the run.
        if train_dir and self.config.name in (self._auto_name, "run", ""):
            self.config = self.config.replace(name=dataset_name(train_dir))
            self._auto_name = self.config.name
            self.changed.emit("name")

    def refresh(self) -> None:
        """Work out the problems again (a file they depend on appeared: downloaded weights)."""
        self._refresh()

    def set_devices(self, devices: list[str]) -> None:
        self.devices = list(devices)
        self._refresh()

    # -- the data ---------------------------------------------------------------------

    def _key(self) -> str:
        data = self.config.data
        if data.source == "python":
            try:
                mtime = os.path.getmtime(data.generator_file)
            except OSError:
                mtime = 0.0
            return f"python|{data.generator_file}|{mtime}"
        return "|".join(map(str, (data.train_dir, data.val_dir, data.follow_links,
                                   data.more_formats)))

    def rescan(self, *, force: bool = False, refresh: bool = True) -> None:
        """Scan and check the data of the current settings again (in the background)."""
        key = self._key()
        if key == self._data_key and not force:
            return
        self._data_key = key
        self.summary = self.report = self.data_file = None
        self.data_error = ""
        self.checking = False
        data = self.config.data
        if data.source == "python":
            path = data.generator_file
            if path and os.path.isfile(path):
                self.checking = True
                self.tasks.submit("scan", lambda: _load_data_file(path), self._file_loaded,
                                  self._scan_failed)
        elif data.train_dir and os.path.isdir(data.train_dir):
            from fitgen_gui.data.run_counts import extensions_of

            train, val = data.train_dir, data.val_dir or None
            follow, extensions = data.follow_links, extensions_of(self.config)

            def scan() -> Any:
                from fitgen_gui.data.folder_summary import summarize_folders

                return summarize_folders(train, val, follow_links=follow,
                                         extensions=extensions)

            self.checking = True
            self.tasks.submit("scan", scan, self._scanned, self._scan_failed)
        self.data_changed.emit()
        if refresh:
            self._refresh()

    def recheck(self) -> None:
        """Read every file again (after the user fixed files on disk)."""
        self.rescan(force=True)

    def _file_loaded(self, info: DataFileInfo) -> None:
        self.data_file = info
        self.checking = False
        self.data_changed.emit()
        self._refresh()

    def _scan_failed(self, message: str, details: str) -> None:
        # A user error's sentence stands alone; another failure's begins with its type.
        self.data_error = message.split(": ", 1)[-1] if details and ": " in message else message
        self.checking = False
        self.data_changed.emit()
        self._refresh()

    def _scanned(self, summary: Any) -> None:
        self.summary = summary
        self.data_changed.emit()
        data = self.config.data
        trees, follow = summary.trees, data.follow_links
        from fitgen_gui.data.run_counts import extensions_of

        extensions = extensions_of(self.config)
        progress = self._progress.emit

        def check() -> Any:
            from fitgen_gui.data import check_cache
            from fitgen_gui.data.data_check import check_folders

            report = check_folders(data.train_dir, data.val_dir or None, follow_links=follow,
                                   extensions=extensions, progress=progress, trees=trees)
            check_cache.store(report)
            return report

        self.tasks.submit("check", check, self._checked, self._scan_failed)
        self._refresh()

    def _checked(self, report: Any) -> None:
        self.report = report
        self.checking = False
        self.data_changed.emit()
        self._refresh()

    # -- derived ------------------------------------------------------------------------

    @property
    def class_names(self) -> list[str]:
        if self.config.data.source == "python":
            return self.data_file.class_names if self.data_file else []
        return list(self.summary.train_counts) if self.summary else []

    @property
    def has_validation(self) -> bool | None:
        """Whether there is validation data (a data file's ``val_data`` counts)."""
        if self.config.data.source == "python":
            return self.data_file.has_validation if self.data_file else None
        return None  # the settings say it

    def automatic_steps(self) -> tuple[int | None, int | None]:
        """What "Automatic" steps mean now (the validation split counted out)."""
        if self.summary is None or self.config.data.source == "python":
            return None, None
        from fitgen_gui.data.run_counts import automatic_steps

        data = self.config.data
        return automatic_steps(self.summary.train_counts, self.summary.val_counts,
                               data.batch_size, data.validation_split)

    def _blocking(self) -> list[Problem]:
        config = self.config
        has_validation = self.has_validation
        problems = config.validate(devices=self.devices, has_validation=has_validation)
        if config.data.source == "python" and has_validation is None:
            # Until the file is loaded, its val_data is unknown: do not refuse for it.
            problems = [p for p in problems if not p.field.startswith("callbacks.")]
        from fitgen_gui.training.weights_files import weights_problems

        problems += weights_problems(config)
        if self.data_error and not any(p.field.startswith("data.") for p in problems):
            field = "data.generator_file" if config.data.source == "python" else "data.train_dir"
            problems.append(Problem(field, self.data_error))
        if self.report is not None and config.data.source == "folders":
            for finding in self.report.findings:
                if finding.severity == "error":
                    problems.append(Problem("data.train_dir", finding.message))
        return problems

    def _refresh(self) -> None:
        self.refreshes += 1
        self.problems = self._blocking()
        messages = [self.tr("{setting}: {problem}").format(
            setting=QCoreApplication.translate("Setting", field_label(p.field)),
            problem=engine_text(p.message)) for p in self.problems]
        if not messages and self.checking:
            messages.append(self.tr("Data check: still reading the files (training can start "
                                    "when it has finished)"))
        if messages != self.messages:
            self.messages = messages
        self.problems_changed.emit(messages)

    @property
    def ready(self) -> bool:
        return not self.messages

