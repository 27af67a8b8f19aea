"""Does the window stay responsive while training? Prints JSON.

    python bench/ui_latency.py [--epochs 6] [--rounds 3]

1. Trains the demo set in the app (offscreen, in this process) while a 10 ms QTimer runs:
   the timer's p99 interval (goal: at most 50 ms).
2. Trains the same settings with ``fitgen train``: training images/s in the app against the
   CLI (goal: at least 0.95), each measured from its run's events after the first epoch.
   CLI and app runs alternate; the ratio is taken within each round (this machine is noisy)
   and the median is reported.
3. Starts ``python -m fitgen_gui`` and times until the window is shown (goal: under 2 s;
   TensorFlow loads after the window is up).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
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


def make_window(config_json: str, workspace: Path) -> tuple:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("FitGenBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(workspace / "settings"))
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.ui.main_window import MainWindow

    window = MainWindow(workspace=str(workspace / "app-runs"))
    window.resize(1600, 1000)
    window.show()
    window.load_config(RunConfig.from_json(config_json))
    return app, window


def in_app(app: object, window: object) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    intervals: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        if window.controller.is_running and last[0]:
            intervals.append((now - last[0]) / 1e6)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    # Run the event loop as the app does (app.exec()), until the training ends.
    loop = QEventLoop()
    window.controller.finished.connect(loop.quit)
    QTimer.singleShot(900_000, loop.quit)
    window.start_training()
    loop.exec()
    window.controller.finished.disconnect(loop.quit)
    timer.stop()
    final = window.controller.last_final
    window.controller.last_final = None
    intervals.sort()
    return {
        "final": type(final).__name__,
        "run_dir": getattr(final, "run_dir", None),
        "timer_ms_median": round(statistics.median(intervals), 1),
        "timer_ms_p99": round(intervals[int(0.99 * (len(intervals) - 1))], 1),
        "timer_ms_max": round(intervals[-1], 1),
        "timer_ticks": len(intervals),
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
    for line in process.stdout:
        if "FITGEN_WINDOW_SHOWN" in line:
            elapsed = time.perf_counter() - start
            break
    process.wait(timeout=120)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    workspace = Path(tempfile.mkdtemp(prefix="fitgen-ui-bench-"))
    demo = write_demo_dataset(workspace / "demo")
    config = RunConfig(name="bench")
    config.data.train_dir = str(demo / "train")
    config.data.val_dir = str(demo / "val")
    config.training.epochs = args.epochs
    config_path = workspace / "config.json"
    config_path.write_text(config.to_json())
    time_to_window(workspace)  # warm the file cache once
    shown = [time_to_window(workspace) for _ in range(3)]
    qt_app, window = make_window(config.to_json(), workspace)
    rounds = []
    for round_ in range(args.rounds):
        cli_rate = training_rate(in_cli(config_path, workspace, round_))
        app = in_app(qt_app, window)
        rounds.append({"cli": round(cli_rate, 1),
                       "app": round(training_rate(Path(app["run_dir"])), 1),
                       "timer_ms_p99": app["timer_ms_p99"], "timer_ms_max": app["timer_ms_max"]})
    window.close()
    ratios = [r["app"] / r["cli"] for r in rounds]
    print(json.dumps({
        "cores": os.cpu_count(),
        "epochs": args.epochs,
        "rounds": rounds,
        "timer_ms_p99_median": statistics.median(r["timer_ms_p99"] for r in rounds),
        "goal_timer_ms_p99_at_most": 50,
        "ratio_app_to_cli_per_round": [round(r, 3) for r in ratios],
        "ratio_app_to_cli": round(statistics.median(ratios), 3),
        "goal_ratio_at_least": 0.95,
        "seconds_to_window_shown": [round(s, 2) for s in shown],
        "goal_seconds_to_window_at_most": 2.0,
    }, indent=2))


if __name__ == "__main__":
    main()
