"""Does the window stay responsive, whatever the user does? Prints JSON.

    python bench/ui_latency.py [--epochs 6] [--rounds 3]

1. Drives the app (offscreen, in this process) through what a user does: a folder change,
   preview refreshes, a data-file switch, Start, Stop, Resume. A 10 ms QTimer runs all
   along; for each action the longest GUI-thread stall (the timer's worst lateness) is
   printed (goal: none above 100 ms). Start-to-first-batch on the demo set (goal: 5 s or
   less on 2 cores), with the phases the status named on the way, and the time Stop takes
   to take effect are printed too.
2. Trains the demo set in the app while the timer runs: its p99 interval (goal: at most
   50 ms), and training images/s in the app against ``fitgen train`` (goal: at least 0.95),
   alternating CLI and app runs and taking the ratio within each round (this machine is
   noisy; the median is reported).
3. Starts ``python -m fitgen_gui`` and times until the window is shown (goal: under 2 s),
   printing each launch and their median, min and max.

    python bench/ui_latency.py --launch-only 7    # only part 3, seven launches
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def training_rate(run_dir: Path) -> float:
    """Training images/s of a run, epochs 2 and later (the first one traces the model)."""
    records = [json.loads(line) for line in (run_dir / "events.jsonl").open()]
    started = next(r for r in records if r["type"] == "RunStarted")
    epochs = [r for r in records if r["type"] in ("EpochStarted", "EpochEnded")]
    begin = next(r["t"] for r in epochs if r["type"] == "EpochStarted" and r["epoch"] == 1)
    end = [r["t"] for r in epochs if r["type"] == "EpochEnded"][-1]
    done = sum(1 for r in epochs if r["type"] == "EpochEnded" and r["epoch"] >= 1)
    return started["train_samples"] * done / (end - begin)


class StallMeter:
    """A 10 ms timer; the worst lateness of its ticks since the last ``reset``."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.clock.start()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0.0
        self.intervals: list[float] = []
        self.recording = False
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        if self.last:
            interval = (now - self.last) / 1e6
            self.worst = max(self.worst, interval - 10.0)
            if self.recording:
                self.intervals.append(interval)
        self.last = now

    def reset(self) -> None:
        self.worst = 0.0
        self.last = self.clock.nsecsElapsed()


def pump_until(app: object, condition, timeout: float = 300.0) -> float:
    """Run the event loop until ``condition()``; return the seconds it took."""
    from PySide6.QtCore import QEventLoop, QTimer

    began = time.perf_counter()
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(5)
    check.timeout.connect(lambda: (condition() or time.perf_counter() - began > timeout)
                          and loop.quit())
    check.start()
    if not condition():
        loop.exec()
    check.stop()
    return time.perf_counter() - began


def make_window(workspace: Path) -> tuple:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("FitGenBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(workspace / "settings"))
    from fitgen_gui.ui.main_window import MainWindow
    from fitgen_gui.ui.shell.gui_gc import GarbageCollector

    collector = GarbageCollector(interval=1.0)
    window = MainWindow(workspace=str(workspace / "app-runs"))
    window.resize(1600, 1000)
    window.show()
    window.load_engine()
    pump_until(app, lambda: window.project.devices is not None)
    return app, window, collector


def data_files(workspace: Path) -> list[Path]:
    paths = []
    for name, level in (("bright", 200), ("dark", 40)):
        path = workspace / f"{name}.py"
        path.write_text(textwrap.dedent(f"""
            import numpy as np
            class_names = ["a", "b"]

            def train_data(batch_size):
                rng = np.random.default_rng(0)
                while True:
                    y = rng.integers(0, 2, batch_size)
                    x = rng.uniform(0, {level}, (batch_size, 64, 64, 3)).astype("float32")
                    yield x, np.eye(2)[y]
        """))
        paths.append(path)
    return paths


def actions(app: object, window: object, demo: Path, other: Path, files: list[Path],
            epochs: int, cycles: int = 3) -> dict:
    """Each user action, its worst GUI stall and how long it took to settle."""
    from fitgen_gui.core.events import BatchEnded, PhaseStarted

    meter = StallMeter()
    out: dict[str, dict] = {}
    project, preview = window.project, window.preview

    def measure(name: str, act, settled, timeout: float = 300.0) -> None:
        pump_until(app, lambda: False, 0.3)  # quiet before
        meter.reset()
        began = time.perf_counter()
        act()
        act_ms = (time.perf_counter() - began) * 1000
        seconds = pump_until(app, settled, timeout)
        out[name] = {"worst_stall_ms": round(meter.worst, 1), "seconds": round(seconds, 2),
                     "handler_ms": round(act_ms, 1)}

    def shown_after(count: int):
        return lambda: preview.requests >= count and preview.last is not None and (
            "Preparing" not in preview.status.text())

    measure("folder_change", lambda: window.open_folder(str(other)),
            lambda: project.report is not None and preview.last is not None)
    measure("folder_change_back", lambda: window.open_folder(str(demo)),
            lambda: project.report is not None and preview.last is not None)
    for i in range(3):
        count = preview.requests + 1
        measure(f"preview_new_batch_{i + 1}", preview.new_batch.click, shown_after(count))
    count = preview.requests + 1
    measure("preview_new_augmentation", preview.reaugment.click, shown_after(count))
    panel = window.data_panel
    panel.source.setCurrentIndex(panel.source.findData("python"))
    measure("data_file_choose", lambda: (panel.data_file.setValue(str(files[0])),
                                         panel.data_file.valueChanged.emit(str(files[0]))),
            lambda: project.data_file is not None and preview.last is not None
            and "data file" in preview.status.text())
    before = preview.last
    measure("data_file_switch", lambda: (panel.data_file.setValue(str(files[1])),
                                         panel.data_file.valueChanged.emit(str(files[1]))),
            lambda: preview.last is not before and project.data_file is not None
            and project.data_file.path == str(files[1]))
    panel.source.setCurrentIndex(panel.source.findData("folders"))
    pump_until(app, lambda: project.report is not None and not project.checking)
    window.training_panel.epochs.setValue(epochs)

    phases: list[tuple[float, str]] = []
    first_batch: list[float] = []
    began = [0.0]

    def on_event(event: object) -> None:
        if isinstance(event, PhaseStarted):
            phases.append((round(time.perf_counter() - began[0], 2), event.message))
        elif isinstance(event, BatchEnded) and not first_batch:
            first_batch.append(time.perf_counter() - began[0])

    window.controller.event.connect(on_event)

    def start() -> None:
        began[0] = time.perf_counter()
        window.run_bar.start_button.click()

    def resume(run_dir: str) -> None:
        began[0] = time.perf_counter()
        window.flow.resume(run_dir)

    firsts = []
    for cycle in range(1, cycles + 1):
        phases.clear()
        first_batch.clear()
        measure(f"start_{cycle}", start, lambda: bool(first_batch))
        firsts.append(first_batch[0])
        out.setdefault("phases_before_first_batch", phases[:])
        pump_until(app, lambda: window.training_view.plots.point_count("val_loss") >= 1)
        measure(f"stop_{cycle}", window.run_bar.stop_button.click,
                lambda: not window.controller.is_running)
        run_dir = window.controller.last_final.run_dir
        first_batch.clear()
        measure(f"resume_{cycle}", lambda d=run_dir: resume(d), lambda: bool(first_batch))
        pump_until(app, lambda: not window.controller.is_running)
    out["start_to_first_batch_s"] = [round(f, 2) for f in firsts]
    out["stop_takes_effect_s"] = [out[f"stop_{c}"]["seconds"] for c in range(1, cycles + 1)]
    window.controller.event.disconnect(on_event)
    meter.timer.stop()
    return out


def in_app(app: object, window: object, config_json: str) -> dict:
    from fitgen_gui.core.config import RunConfig

    window.project.load(RunConfig.from_json(config_json))
    pump_until(app, lambda: window.project.report is not None and not window.project.checking)
    meter = StallMeter()
    meter.recording = True
    window.flow.start()
    pump_until(app, lambda: not window.controller.is_running, 900)
    meter.timer.stop()
    final = window.controller.last_final
    intervals = sorted(meter.intervals)
    return {
        "final": type(final).__name__,
        "run_dir": getattr(final, "run_dir", None),
        "timer_ms_p99": round(intervals[int(0.99 * (len(intervals) - 1))], 1),
        "timer_ms_max": round(intervals[-1], 1),
    }


def in_cli(config_path: Path, workspace: Path, round_: int) -> Path:
    runs = workspace / f"cli-runs-{round_}"
    subprocess.run([sys.executable, "-m", "fitgen_gui.cli", "train", str(config_path),
                    "--runs-dir", str(runs)], check=True, capture_output=True)
    return next(runs.iterdir())


def time_to_window(workspace: Path) -> float:
    env = {**os.environ, "FITGEN_REPORT_SHOWN": "1", "XDG_CONFIG_HOME": str(workspace),
           "XDG_CACHE_HOME": str(workspace / "cache")}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "fitgen_gui", "--smoke-test", "--fresh",
                                "--workspace", str(workspace / "smoke-runs")],
                               stdout=subprocess.PIPE, text=True, env=env)
    elapsed = float("nan")
    for line in process.stdout:
        if "FITGEN_WINDOW_SHOWN" in line:
            elapsed = time.perf_counter() - start
            break
    process.wait(timeout=120)
    return elapsed


def launch_figures(shown: list[float]) -> dict:
    """Each launch's seconds to the window shown, with their median, min and max."""
    return {"seconds_to_window_shown": [round(s, 2) for s in shown],
            "seconds_to_window_median": round(statistics.median(shown), 2),
            "seconds_to_window_min_max": [round(min(shown), 2), round(max(shown), 2)],
            "goal_seconds_to_window_at_most": 0.7}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cycles", type=int, default=3,
                        help="Start/Stop/Resume cycles (each action's worst stall is kept)")
    parser.add_argument("--launch-only", type=int, metavar="N",
                        help="only time N launches to the window shown")
    args = parser.parse_args()
    if args.launch_only:
        workspace = Path(tempfile.mkdtemp(prefix="fitgen-ui-bench-"))
        time_to_window(workspace)  # warm the file cache once
        print(json.dumps(launch_figures([time_to_window(workspace)
                                         for _ in range(args.launch_only)]), indent=2))
        return
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    workspace = Path(tempfile.mkdtemp(prefix="fitgen-ui-bench-"))
    os.environ["FITGEN_CACHE_DIR"] = str(workspace / "cache")
    demo = write_demo_dataset(workspace / "demo")
    other = write_demo_dataset(workspace / "other", seed=1, counts={"train": 60, "val": 20})
    config = RunConfig(name="bench")
    config = config.replace(**{
        "data.train_dir": str(demo / "train"),
        "data.val_dir": str(demo / "val"),
        "training.epochs": args.epochs,
    })
    config_path = workspace / "config.json"
    config_path.write_text(config.to_json())
    time_to_window(workspace)  # warm the file cache once
    shown = [time_to_window(workspace) for _ in range(3)]
    app, window, _collector = make_window(workspace)
    window.project.load(config)
    pump_until(app, lambda: window.project.report is not None and not window.project.checking)
    user = actions(app, window, demo, other, data_files(workspace), args.epochs, args.cycles)
    rounds = []
    for round_ in range(args.rounds):
        cli_rate = training_rate(in_cli(config_path, workspace, round_))
        app_run = in_app(app, window, config.to_json())
        rounds.append({"cli": round(cli_rate, 1),
                       "app": round(training_rate(Path(app_run["run_dir"])), 1),
                       "timer_ms_p99": app_run["timer_ms_p99"],
                       "timer_ms_max": app_run["timer_ms_max"]})
    window.close()
    ratios = [r["app"] / r["cli"] for r in rounds]
    stalls: dict[str, list[float]] = {}
    for name, value in user.items():
        if isinstance(value, dict):
            kind = name.rstrip("0123456789").rstrip("_")
            stalls.setdefault(kind, []).append(value["worst_stall_ms"])
    print(json.dumps({
        "cores": os.cpu_count(),
        "epochs": args.epochs,
        "actions": {k: v for k, v in user.items() if isinstance(v, dict)},
        "worst_stall_ms_per_action": {k: {"median": statistics.median(v), "max": max(v),
                                          "times": len(v)} for k, v in stalls.items()},
        "goal_worst_stall_ms_at_most": 100,
        "start_to_first_batch_s": user["start_to_first_batch_s"],
        "start_to_first_batch_s_median": statistics.median(user["start_to_first_batch_s"]),
        "goal_start_to_first_batch_s_at_most": 5.0,
        "phases_before_first_batch": user["phases_before_first_batch"],
        "stop_takes_effect_s": user["stop_takes_effect_s"],
        "rounds": rounds,
        "timer_ms_p99_median": statistics.median(r["timer_ms_p99"] for r in rounds),
        "goal_timer_ms_p99_at_most": 50,
        "ratio_app_to_cli_per_round": [round(r, 3) for r in ratios],
        "ratio_app_to_cli": round(statistics.median(ratios), 3),
        "goal_ratio_at_least": 0.95,
        **launch_figures(shown),
    }, indent=2))


if __name__ == "__main__":
    main()
