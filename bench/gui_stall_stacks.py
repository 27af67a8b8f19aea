"""What the GUI thread does when it stalls after Start. Prints the stalls and their stacks.

    python bench/gui_stall_stacks.py [--seconds 20] [--epochs 6] [--over-ms 60]

Opens the window on the demo set (offscreen, in this process, TensorFlow loaded as in
``bench/ui_latency.py``), presses Start and runs the event loop for ``--seconds``. A 10 ms
QTimer ticks all along; a watcher thread samples the GUI thread's Python stack every 5 ms.
Each gap between ticks longer than ``--over-ms`` is printed (its length in ms and when it
began, in seconds after Start), and for the longest six the stacks sampled inside them,
most frequent first. A stack ending in the event loop (``pump_until``) is Qt's own C++ work
(painting, layout) or a wait for the GIL.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import os
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import ui_latency


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--over-ms", type=float, default=60.0)
    args = parser.parse_args()
    from fitgen_gui.core.config import RunConfig
    from fitgen_gui.data.demo_dataset import write_demo_dataset

    workspace = Path(tempfile.mkdtemp(prefix="fitgen-stalls-"))
    os.environ["FITGEN_CACHE_DIR"] = str(workspace / "cache")
    demo = write_demo_dataset(workspace / "demo")
    app, window, _collector = ui_latency.make_window(workspace)
    window.project.load(RunConfig(name="bench").replace(**{
        "data.train_dir": str(demo / "train"), "data.val_dir": str(demo / "val"),
        "training.epochs": args.epochs}))
    ui_latency.pump_until(app, lambda: window.project.report is not None
                          and not window.project.checking)
    gui = threading.get_ident()
    samples: list[tuple[float, tuple[str, ...]]] = []
    ticks: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            frame = sys._current_frames().get(gui)
            if frame is not None:
                stack = traceback.extract_stack(frame)[-8:]
                samples.append((time.perf_counter(), tuple(
                    f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in stack)))
            time.sleep(0.005)

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    threading.Thread(target=watch, daemon=True).start()
    began = time.perf_counter()
    window.run_bar.start_button.click()
    ui_latency.pump_until(app, lambda: time.perf_counter() - began > args.seconds)
    done.set()
    timer.stop()
    window.flow.stop()
    ui_latency.pump_until(app, lambda: not window.controller.is_running, 120)
    gaps = [(b - a, a, b) for a, b in itertools.pairwise(ticks)
            if (b - a) * 1000 > args.over_ms]
    print(f"load average {[round(v, 2) for v in os.getloadavg()]}; {len(ticks)} ticks in "
          f"{args.seconds:g} s; stalls over {args.over_ms:g} ms (ms, s after Start): "
          f"{[(round(g * 1000), round(a - began, 2)) for g, a, _ in gaps]}")
    for gap, start, end in sorted(gaps, reverse=True)[:6]:
        inside = [stack for t, stack in samples if start < t < end]
        print(f"--- {gap * 1000:.0f} ms at {start - began:.2f} s, {len(inside)} samples")
        for stack, count in collections.Counter(s[-5:] for s in inside).most_common(3):
            print(f"  {count} x " + " <- ".join(reversed(stack)))
    window.close()


if __name__ == "__main__":
    main()
