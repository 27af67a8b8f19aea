"""The *Improve the data* view: likely label errors and near-duplicates of the run shown,
the fixes that lose nothing, and *Train again*.

For the run chosen (the Evaluation view's), *Find likely label errors* computes
out-of-fold probabilities of its training images (K folds, each trained with the run's
settings on the others; it says how long first, shows each fold, and Stop keeps the
finished folds) and shows the likely errors as a gallery, the most suspect first,
filterable by class pair. The *Near-duplicates* tab shows the data check's pairs side by
side (leakage first). Every image has *Move to class ▸*, *Exclude* and *Undo*; what was
done is read back from the dataset's ``fixes.jsonl``. *Train again* starts a new run with
the run's settings on the fixed folders.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fitgen_gui.core.config import RunConfig
from fitgen_gui.core.errors import UserError
from fitgen_gui.core.predictions import Prediction
from fitgen_gui.core.run_dir import CHECK_REPORT, RunDir
from fitgen_gui.ui.shell.engine_texts import engine_text
from fitgen_gui.ui.state.dataset_fixes import DatasetFixes
from fitgen_gui.ui.state.trained_model import ModelChoice
from fitgen_gui.ui.widgets.duplicate_pairs import DuplicatePairs
from fitgen_gui.ui.widgets.fix_bar import FixBar
from fitgen_gui.ui.widgets.gallery import Gallery, ImageDetail
from fitgen_gui.ui.workers.background import BackgroundTasks

__all__ = ["ImproveView"]


class ImproveView(QWidget):
    """Find and fix what is wrong with a run's data.

    Signals
    -------
    train_again_requested(str)
        A new run with this run's settings (the run folder) on the fixed folders.
    busy_changed(bool)
        Whether a search (label errors or duplicates) is running.
    """

    train_again_requested = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, choice: ModelChoice, tasks: BackgroundTasks,
                 fixes: DatasetFixes) -> None:
        super().__init__()
        self.setObjectName("improve")
        self.choice, self.tasks, self.fixes = choice, tasks, fixes
        self.run_dir: str | None = None
        self.config: RunConfig | None = None
        self.table: Any = None  # data.label_issues_file.IssueTable
        self._blocked = ""
        self._stop = threading.Event()
        self._busy = ""  # "" or what runs: "errors", "duplicates"
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Folds")))
        self.folds = QSpinBox()
        self.folds.setObjectName("improve.folds")
        self.folds.setRange(2, 20)
        self.folds.setValue(5)
        self.folds.setToolTip(self.tr("K: each fold's model trains on the other K-1 folds and "
                              "predicts its own images, which it never saw."))
        bar.addWidget(self.folds)
        self.find_button = QPushButton(self.tr("Find likely label errors"))
        self.find_button.setObjectName("improve.find")
        self.find_button.setProperty("primary", True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("improve.stop")
        self.stop_button.setToolTip(self.tr("Stop after the current batch; finished folds are kept "
                                    "and reused next time."))
        self.train_again_button = QPushButton(self.tr("Train again"))
        self.train_again_button.setObjectName("improve.train_again")
        self.train_again_button.setToolTip(self.tr("A new run with this run's settings on the "
                                           "folders as they are now (after your fixes)."))
        for widget in (self.find_button, self.stop_button, self.train_again_button):
            bar.addWidget(widget)
        self.progress = QProgressBar()
        self.progress.setObjectName("improve.progress")
        self.progress.setFormat("")
        bar.addWidget(self.progress, 1)
        layout.addLayout(bar)
        self.summary = QLabel(self.tr("Choose a run (Runs tab, or train one) to look for label "
                              "errors in its training images."))
        self.summary.setObjectName("improve.summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("improve.tabs")
        errors = QWidget()
        errors_layout = QVBoxLayout(errors)
        errors_layout.setContentsMargins(0, 0, 0, 0)
        pair_bar = QHBoxLayout()
        pair_bar.addWidget(QLabel(self.tr("Show")))
        self.pair = QComboBox()
        self.pair.setObjectName("improve.pair")
        self.pair.setToolTip(self.tr("Only the images of one folder that look like another class."))
        pair_bar.addWidget(self.pair, 1)
        errors_layout.addLayout(pair_bar)
        self.gallery = Gallery(tasks, "improve.errors", lambda p: (
            f"{p.true} → {p.predicted} q={p.probabilities[p.classes.index(p.true)]:.2f}"))
        self.detail = ImageDetail(tasks, "improve.detail")
        self.detail.gradcam_button.hide()  # Grad-CAM belongs to a model's answer
        self.fix_bar = FixBar(fixes, "improve.fixes")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.fix_bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.gallery)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        errors_layout.addWidget(split, 1)
        self.tabs.addTab(errors, self.tr("Likely label errors"))
        dup_page = QWidget()
        dup_layout = QVBoxLayout(dup_page)
        dup_layout.setContentsMargins(0, 0, 0, 0)
        self.find_duplicates_button = QPushButton(self.tr("Find near-duplicates"))
        self.find_duplicates_button.setObjectName("improve.find_duplicates")
        self.find_duplicates_button.setToolTip(self.tr("Read every image of the run's folders and "
                                               "compare their perceptual hashes."))
        dup_layout.addWidget(self.find_duplicates_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.duplicates = DuplicatePairs(tasks, fixes, "improve.duplicates")
        dup_layout.addWidget(self.duplicates, 1)
        self.tabs.addTab(dup_page, self.tr("Near-duplicates"))
        layout.addWidget(self.tabs, 1)

        self.find_button.clicked.connect(self.find_errors)
        self.stop_button.clicked.connect(self.stop)
        self.train_again_button.clicked.connect(self._train_again)
        self.find_duplicates_button.clicked.connect(self.find_duplicates)
        self.pair.activated.connect(lambda _: self._show_errors())
        self.gallery.chosen.connect(self._chosen)
        fixes.changed.connect(lambda _: self.gallery.set_marks(fixes.mark_of))
        choice.changed.connect(self._run_changed)
        self._run_changed()

    # -- state ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return bool(self._busy)

    def set_blocked(self, reason: str) -> None:
        """Why a search cannot start now ("" when it can): a training is running."""
        self._blocked = reason
        self._sync()

    def _sync(self) -> None:
        ready = self.config is not None and not self._blocked and not self._busy
        self.find_button.setEnabled(ready)
        self.find_duplicates_button.setEnabled(ready)
        self.folds.setEnabled(ready)
        self.stop_button.setEnabled(bool(self._busy))
        self.train_again_button.setEnabled(self.config is not None and not self._busy
                                           and not self._blocked)
        tip = self._blocked or ("" if self.config is not None else
                                self.tr("Choose a run whose data are image folders."))
        self.find_button.setToolTip(tip or self.tr(
            "Train K models on K folds of the training images and rank every image by how "
            "likely its folder is wrong."))

    def _set_busy(self, what: str) -> None:
        self._busy = what
        self._sync()
        self.busy_changed.emit(bool(what))

    def _run_changed(self) -> None:
        path = self.choice.path if self.choice.is_run else None
        if path == self.run_dir:
            return
        self.run_dir, self.config, self.table = path, None, None
        self.gallery.show_predictions(self.tr("Likely label errors"), [])
        self.detail.show_prediction(None)
        self.fix_bar.set_item(None, None, [])
        self.duplicates.show_pairs([], [], self.tr("Press Find near-duplicates."))
        if path is None:
            self.summary.setText(self.tr("Choose a run (Runs tab, or train one) to look for label "
                                 "errors in its training images."))
            self._sync()
            return
        try:
            config = RunConfig.from_json(RunDir(path).read_config_text())
        except (OSError, UserError) as exc:
            self.summary.setText(self.tr("Cannot read run {name}: {error}").format(
                name=Path(path).name, error=exc))
            self._sync()
            return
        if config.data.source != "folders":
            self.summary.setText(self.tr("Run {name} reads a Python data file: finding label "
                                         "errors needs image folders.").format(
                name=Path(path).name))
            self._sync()
            return
        self.config = config
        for message in self.fixes.watch(config.data.train_dir, config.data.val_dir):
            self.summary.setText(message)
        self._sync()
        self._load_saved(path)

    def _load_saved(self, path: str) -> None:
        """What was found for this run before: its table and its data check's pairs."""

        def load() -> tuple[Any, list[dict[str, Any]] | None]:
            from fitgen_gui.data.label_issues_file import read_run_issues

            pairs = None
            try:
                report = json.loads((Path(path) / CHECK_REPORT).read_text(encoding="utf-8"))
                pairs = report.get("pairs") if report.get("version", 0) >= 3 else None
            except (OSError, ValueError):
                pass
            return read_run_issues(path), pairs

        def loaded(result: tuple[Any, list[dict[str, Any]] | None]) -> None:
            if path != self.run_dir:
                return
            table, pairs = result
            if pairs is not None:
                self.duplicates.show_pairs(pairs, self._classes(), "")
            if table is not None:
                self.show_table(table, found_before=True)
            else:
                self._describe_plan(path)

        self.tasks.submit("improve:saved", load, loaded)

    def _classes(self) -> list[str]:
        if self.table is not None:
            return list(self.table.class_names)
        try:
            return RunDir(self.run_dir).class_names() if self.run_dir else []
        except OSError:
            return []

    def _describe_plan(self, path: str) -> None:
        folds = self.folds.value()
        self.summary.setText(self.tr("Working out the folds…"))

        def plan() -> str:
            from fitgen_gui.training.out_of_fold import plan_out_of_fold

            return self.plan_text(plan_out_of_fold(path, folds))

        def said(text: str) -> None:
            if path == self.run_dir and not self._busy:
                self.summary.setText(self.tr("{plan} Press Find likely label errors.").format(
                    plan=engine_text(text)))

        self.tasks.submit("improve:plan", plan, said,
                          lambda message, _: said(self.tr("Cannot plan the folds: {error}.")
                                                  .format(error=engine_text(message))))

    def plan_text(self, plan: Any) -> str:
        """What the folds will do and how long they take, in the app's language (the
        engine's ``OofPlan.describe`` says it in English for the CLI). Thread-safe: Qt's
        translate may be called from the background task that made the plan."""
        left = plan.folds - len(plan.finished_folds())
        if plan.frozen:
            text = self.tr("{folds} folds of {count} training images: each trains a new head "
                           "on the frozen network's features (computed once) on the other "
                           "folds and predicts its own.")
        else:
            text = self.tr("{folds} folds of {count} training images: each trains the whole "
                           "model for {epochs} epochs on the other folds and predicts its own.")
        parts = [text.format(folds=plan.folds, count=len(plan.labels), epochs=plan.epochs)]
        if left < plan.folds:
            parts.append(self.tr("%n fold(s) are done already and are reused.", "",
                                 plan.folds - left))
        estimate = plan.estimate_seconds()
        if left and estimate is not None:
            parts.append(self.tr("About {time} for the %n fold(s) to do.", "", left).format(
                time=self._duration(estimate)))
        parts += [engine_text(note) for note in plan.notes]
        return " ".join(parts)

    def _duration(self, seconds: float) -> str:
        from fitgen_gui.training.out_of_fold import duration_parts

        count, unit = duration_parts(seconds)
        words = {"s": self.tr("{count} s"), "min": self.tr("{count} min"),
                 "h": self.tr("{count} h")}
        return words[unit].format(count=count)

    # -- likely label errors -------------------------------------------------------------

    def find_errors(self) -> bool:
        """Compute (or reuse) the folds and show the likely errors (in the background)."""
        if self.config is None or self._busy or self._blocked:
            return False
        path, folds = self.run_dir, self.folds.value()
        self._stop = stop = threading.Event()

        def work(context: Any) -> Any:
            from fitgen_gui.training.label_issues import find_label_issues_of_run
            from fitgen_gui.training.out_of_fold import plan_out_of_fold

            plan = plan_out_of_fold(path, folds)
            context.progress(None, self.plan_text(plan))
            return find_label_issues_of_run(path, plan=plan, stop=stop, clear_sessions=False,
                                            progress=lambda p: context.progress(p, ""))

        self._set_busy("errors")
        self.progress.setMaximum(0)
        self.progress.setFormat(self.tr("Planning the folds…"))
        self.tasks.submit("improve:errors", work, self._found, self._failed,
                          on_progress=self._on_progress, with_context=True)
        return True

    def _on_progress(self, step: Any, text: str) -> None:
        if step is None:
            self.summary.setText(engine_text(text))
            return
        span = 1000 * step.folds
        within = step.done / step.total if step.total else 0.0
        if step.stage in ("done", "reused"):
            within = 1.0
        self.progress.setMaximum(span)
        self.progress.setValue(round(1000 * (step.fold - 1 + within)))
        self.progress.setFormat(engine_text(step.text))

    def _found(self, table: Any) -> None:
        self._set_busy("")
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        self.progress.setFormat(self.tr("Done"))
        self.show_table(table)

    def _failed(self, message: str, details: str) -> None:
        self._set_busy("")
        self.progress.setMaximum(1)
        self.progress.setValue(0)
        stopped = message.startswith("Stopped")  # the engine's English message, not a label
        self.progress.setFormat(self.tr("Stopped") if stopped else self.tr("Failed"))
        self.summary.setText(engine_text(message) if stopped else
                             "<span style='color:#b3261e'>{}</span>".format(
                                 self.tr("Could not find label errors: {error}").format(
                                     error=engine_text(message))))

    def stop(self) -> None:
        self._stop.set()

    def show_table(self, table: Any, found_before: bool = False) -> None:
        """Show an ``IssueTable``: the summary, the class pairs, the gallery."""
        self.table = table
        issues = table.issues
        per_class = ", ".join(f"{name}: {n}" for name, n in table.per_class().items())
        found = (self.tr("Found before {count} likely label error(s) among {images} training "
                         "images ({classes}).") if found_before else
                 self.tr("Found {count} likely label error(s) among {images} training images "
                         "({classes})."))
        self.summary.setText(found.format(count=len(issues), images=len(table.rows),
                                          classes=per_class) + " " + self.tr(
            "A likely label error is an image whose folder another class claims more surely "
            "than the models usually are of that class; the lower its q (the probability of "
            "its folder's class from a model that never saw it), the more suspect."))
        self.pair.clear()
        self.pair.addItem(self.tr("All likely label errors ({count})").format(count=len(issues)),
                          None)
        for label, suggested, count in table.pairs():
            self.pair.addItem(self.tr("{label} that look like {suggested} ({count})").format(
                label=label, suggested=suggested, count=count), (label, suggested))
        self.pair.addItem(self.tr("Every training image, most suspect first ({count})").format(
            count=len(table.rows)), "all")
        self._show_errors()

    def _show_errors(self) -> None:
        if self.table is None:
            return
        chosen = self.pair.currentData()
        if chosen == "all":
            rows = self.table.rows
        elif chosen:
            rows = [r for r in self.table.issues if (r.label, r.suggested) == tuple(chosen)]
        else:
            rows = self.table.issues
        names = self.table.class_names
        items = [Prediction(r.file, r.label, r.suggested, list(r.probabilities), names)
                 for r in rows]
        self.gallery.show_predictions(self.pair.currentText().split(" (")[0], items)
        self.gallery.set_marks(self.fixes.mark_of)

    def _chosen(self, prediction: Any) -> None:
        self.detail.show_prediction(prediction)
        root = self.config.data.train_dir if self.config else None
        self.fix_bar.set_item(prediction.file, prediction.true, prediction.classes, root)

    # -- duplicates ---------------------------------------------------------------------

    def find_duplicates(self) -> bool:
        if self.config is None or self._busy or self._blocked:
            return False
        from fitgen_gui.data.run_counts import extensions_of

        data, path = self.config.data, self.run_dir
        extensions = extensions_of(self.config)

        def work(context: Any) -> Any:
            from fitgen_gui.data.data_check import check_folders

            return check_folders(data.train_dir, data.val_dir or None,
                                 follow_links=data.follow_links, extensions=extensions,
                                 progress=lambda done, total: context.progress(done, total))

        def done(report: Any) -> None:
            self._set_busy("")
            self.progress.setMaximum(1)
            self.progress.setValue(1)
            self.progress.setFormat(self.tr("Checked {count} images").format(
                count=report.files_checked))
            if path == self.run_dir:
                self.duplicates.show_pairs(report.pairs, self._classes(), "")

        def progress(done: int, total: int) -> None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("Reading the images: {done}/{total}").format(
                done=done, total=total))

        self._set_busy("duplicates")
        self.tabs.setCurrentIndex(1)
        self.tasks.submit("improve:duplicates", work, done, self._failed,
                          on_progress=progress, with_context=True)
        return True

    # -- train again ----------------------------------------------------------------------

    def _train_again(self) -> None:
        if self.run_dir and self.config is not None:
            self.train_again_requested.emit(self.run_dir)
