"""Self-test of the frozen bundle (``make bundle-test``): what a user of dist/fitgen/ does.

    python packaging/bundle_test.py [dist/fitgen] [--out DIR]

1. ``fitgen --version``; 2. ``fitgen demo``; 3. one training epoch with loader processes
(multiprocessing inside the frozen app) and TensorBoard logs; 4. ``fitgen export`` to ONNX
and LiteRT, each checked in its own runtime; 5. ``fitgen-gui`` under Xvfb until its window
is on the screen (a screenshot is saved). Prints each step and a JSON summary (size, start
to window); exits 1 when a step fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not
               f.is_symlink())


def _run(step: str, command: list, env: dict, timeout: float = 600) -> str:
    started = time.monotonic()
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, env=env,
                          timeout=timeout)
    took = time.monotonic() - started
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
        raise SystemExit(f"FAILED {step} (exit {done.returncode}, {took:.1f} s)")
    print(f"ok   {step} ({took:.1f} s)", flush=True)
    return done.stdout


def _display(env: dict) -> subprocess.Popen | None:
    """A virtual screen when there is none."""
    if env.get("DISPLAY"):
        return None
    if not shutil.which("Xvfb"):
        raise SystemExit("FAILED gui: no DISPLAY and no Xvfb (apt-get install xvfb xdotool "
                         "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1)")
    server = subprocess.Popen(["Xvfb", ":97", "-screen", "0", "1600x1000x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env["DISPLAY"] = ":97"
    time.sleep(1.5)
    return server


def _window(bundle: Path, env: dict, out: Path) -> float:
    """Seconds from starting fitgen-gui to its window on the screen."""
    env = {**env, "FITGEN_REPORT_SHOWN": "1", "QT_QPA_PLATFORM": "xcb"}
    server = _display(env)
    started = time.monotonic()
    app = subprocess.Popen([str(bundle / "fitgen-gui"), "--fresh"], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        shown = None
        assert app.stdout is not None
        for line in app.stdout:
            if "FITGEN_WINDOW_SHOWN" in line:
                shown = time.monotonic() - started
                break
        if shown is None:
            raise SystemExit(f"FAILED gui: the app ended (exit {app.wait()}) without a window")
        if shutil.which("xdotool"):
            deadline = time.monotonic() + 20
            found = ""
            while not found and time.monotonic() < deadline:
                found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name",
                                        "^FitGen"], capture_output=True, text=True,
                                       env=env).stdout.strip()
                time.sleep(0.2)
            if not found:
                raise SystemExit("FAILED gui: no visible 'FitGen' window on the screen")
            if shutil.which("xprop"):  # the window carries FitGen's icon for the desktop
                icon = subprocess.run(["xprop", "-id", found.split()[0], "_NET_WM_ICON"],
                                      capture_output=True, text=True, env=env).stdout
                if "not found" in icon or "=" not in icon:
                    raise SystemExit("FAILED gui: the window has no icon (_NET_WM_ICON)")
        time.sleep(3)  # the demo dataset loads into the window
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(out / "bundle-window.png")],
                           env=env, check=False, timeout=30)
        print(f"ok   gui: window on the screen {shown:.1f} s after start", flush=True)
        return shown
    finally:
        app.terminate()
        try:
            app.wait(20)
        except subprocess.TimeoutExpired:
            app.kill()
        if server is not None:
            server.terminate()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "fitgen"))
    parser.add_argument("--out", default=str(ROOT / "build" / "bundle-test"),
                        help="where the screenshot and the JSON summary go")
    args = parser.parse_args()
    bundle = Path(args.bundle).resolve()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    cli = bundle / "fitgen"
    if not cli.is_file():
        raise SystemExit(f"No bundle at {bundle}: run `make bundle` first.")
    work = Path(tempfile.mkdtemp(prefix="fitgen-bundle-test-"))
    # A new user: no settings, no caches, no Keras weights; nothing from this checkout.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work / "home"), "LANG": "C.UTF-8",
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    (work / "home").mkdir()
    summary: dict = {"bundle": str(bundle), "size_bytes": _size(bundle)}
    # The Chinese window needs FitGen's texts and Qt's own (OK, Cancel, the file dialogs).
    for name in ("fitgen_zh_CN.qm", "qtbase_zh_CN.qm"):
        if not any(bundle.rglob(name)):
            raise SystemExit(f"FAILED translations: {name} is not in the bundle")
    try:
        version = _run("fitgen --version", [cli, "--version"], env)
        summary["version"] = version.strip()
        _run("fitgen demo", [cli, "demo", work / "shapes"], env)
        trained = _run("one epoch, 2 loader processes, TensorBoard logs, a profile", [
            cli, "train", "--train", work / "shapes" / "train", "--epochs", 1,
            "--workers", 2, "--set", "training.use_multiprocessing=true",
            "callbacks.tensorboard=true", "--profile-batches", "3-5",
            "--runs-dir", work / "runs", "-v", 2], env)
        if "Training finished after 1 epoch" not in trained:
            raise SystemExit("FAILED training: no 'Training finished' line\n" + trained)
        run = next((work / "runs").iterdir())
        if not any((run / "tensorboard").rglob("*tfevents*")):
            raise SystemExit("FAILED training: no TensorBoard event file")
        verdict = next((line for line in trained.splitlines()
                        if "The profiler says:" in line), "")
        if not verdict or "profile is written" in verdict:
            raise SystemExit("FAILED profile: no verdict read back\n" + trained)
        summary["profile_verdict"] = verdict.split("The profiler says: ")[1]
        exported = _run("export to ONNX and LiteRT, each checked in its runtime", [
            cli, "export", run, "--format", "onnx,tflite", "--out", work / "exports"], env)
        summary["export"] = [line for line in exported.splitlines() if " ok:" in line]
        menu = {**env, "XDG_DATA_HOME": str(work / "share")}
        _run("install-desktop", [cli, "install-desktop"], menu)
        entry = (work / "share" / "applications" / "fitgen.desktop").read_text()
        if f"Exec={bundle / 'fitgen-gui'} %f" not in entry:
            raise SystemExit("FAILED install-desktop: Exec is not the bundle's fitgen-gui\n"
                             + entry)
        _run("install-desktop --uninstall", [cli, "install-desktop", "--uninstall"], menu)
        if any((work / "share").rglob("fitgen*")):
            raise SystemExit("FAILED install-desktop --uninstall: files are left")
        summary["window_s"] = round(_window(bundle, env, out), 2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary["size_gb"] = round(summary["size_bytes"] / 1e9, 2)
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
