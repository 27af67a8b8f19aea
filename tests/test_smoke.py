"""The real entry points start and quit cleanly in a subprocess (offscreen)."""

import os
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.smoke, pytest.mark.slow]


def run(args, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          timeout=240, cwd=tmp_path)


def test_python_m_fitgen_gui_starts_on_the_demo_dataset_and_quits(tmp_path):
    result = run(["-m", "fitgen_gui", "--smoke-test", "--fresh", "--workspace",
                  str(tmp_path / "runs")], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    demo = tmp_path / "cache" / "fitgen" / "demo"
    assert sorted(p.name for p in (demo / "train").iterdir()) == ["circle", "square",
                                                                  "triangle"]


def test_the_app_opens_a_folder_given_on_the_command_line(tmp_path, tiny_dataset):
    result = run(["-m", "fitgen_gui", str(tiny_dataset), "--smoke-test"], tmp_path)
    assert result.returncode == 0, result.stderr


def test_fitgen_help(tmp_path):
    result = run(["-m", "fitgen_gui.cli", "--help"], tmp_path)
    assert result.returncode == 0 and "train" in result.stdout and "resume" in result.stdout
