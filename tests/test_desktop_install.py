"""FitGen as a desktop application: its resources, and the menu entry a user installs.

The bundle itself is built and tested by ``make bundle && make bundle-test`` (ten minutes:
not part of ``make test``)."""

import configparser
import os
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image

from fitgen_gui.cli import main as fitgen
from fitgen_gui.core.resources import ICON_SIZES, icon_files, resources_dir

ROOT = Path(__file__).resolve().parents[1]


def desktop_entry(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_resources_hold_every_icon_size_the_menu_entry_and_the_appstream_file():
    resources = resources_dir()
    assert resources == ROOT / "resources"  # a checkout reads its own master copies
    for size in ICON_SIZES:
        with Image.open(icon_files()[size]) as icon:
            assert icon.size == (size, size) and icon.mode == "RGBA"
    with Image.open(resources / "icons" / "fitgen.ico") as ico:
        assert {(16, 16), (32, 32), (256, 256)} <= set(ico.info["sizes"])
    assert (resources / "icons" / "fitgen.icns").stat().st_size > 0
    entry = desktop_entry(resources / "fitgen.desktop")
    assert entry["Icon"] == "fitgen" and "Science;" in entry["Categories"]
    assert entry["StartupWMClass"] == "fitgen"  # the app's desktop file name (app_icon.py)
    meta = ET.parse(resources / "io.github.fitgen.FitGen.metainfo.xml").getroot()
    assert meta.findtext("launchable") == "fitgen.desktop"
    assert meta.findtext("project_license") == "MIT"
    shots = [s.findtext("image") for s in meta.iter("screenshot")]
    for url in shots:  # each names a screenshot the repository has
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url
    assert "MIT License" in (resources / "LICENSE").read_text()
    for tool, path in (("desktop-file-validate", resources / "fitgen.desktop"),
                       ("appstreamcli", resources / "io.github.fitgen.FitGen.metainfo.xml")):
        if shutil.which(tool):  # the freedesktop tools' own checks, where installed
            command = [tool, str(path)] if tool != "appstreamcli" else [
                tool, "validate", "--no-net", str(path)]
            checked = subprocess.run(command, capture_output=True, text=True)
            assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_third_party_notice_names_every_package_fitgen_runs_with():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    notice = (resources_dir() / "THIRD_PARTY_NOTICES.md").read_text().lower()
    for requirement in project["dependencies"]:
        name = requirement.split(">")[0].split("<")[0].split("=")[0].split("!")[0].strip()
        assert f"| {name.lower().replace('-', '_')} |" in notice.replace("-", "_"), (
            f"{name} is missing: run python packaging/notices.py")


def test_install_desktop_adds_the_menu_entry_and_uninstall_removes_only_it(
        tmp_path, monkeypatch, capsys):
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    foreign = home / "applications" / "other.desktop"
    foreign.parent.mkdir(parents=True)
    foreign.write_text("[Desktop Entry]\nName=Other\n")

    assert fitgen(["install-desktop"]) == 0
    said = capsys.readouterr().out
    entry_file = home / "applications" / "fitgen.desktop"
    assert str(entry_file) in said and "--uninstall" in said
    entry = desktop_entry(entry_file)
    command = entry["Exec"].removesuffix(" %f")
    assert os.access(command, os.X_OK), command  # this installation's fitgen-gui
    assert entry["TryExec"] == command
    for size in ICON_SIZES:
        with Image.open(home / "icons" / "hicolor" / f"{size}x{size}" / "apps" /
                        "fitgen.png") as icon:
            assert icon.size == (size, size)
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / "fitgen.svg").is_file()
    assert (home / "metainfo" / "io.github.fitgen.FitGen.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry_file)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    assert fitgen(["install-desktop", "--uninstall"]) == 0
    assert "Removed FitGen's menu entry" in capsys.readouterr().out
    left = sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()
                  and "fitgen" in p.name.lower())
    assert left == []
    assert foreign.read_text() == "[Desktop Entry]\nName=Other\n"
    assert fitgen(["install-desktop", "--uninstall"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_exec_quotes_a_launcher_path_with_spaces(tmp_path, monkeypatch):
    from fitgen_gui.core import desktop_entry as entry_module

    launcher = tmp_path / "My Apps" / "fitgen-gui"
    monkeypatch.setattr(entry_module, "gui_command", lambda: [str(launcher)])
    entry_module.install(tmp_path / "share")
    entry = desktop_entry(tmp_path / "share" / "applications" / "fitgen.desktop")
    assert entry["Exec"] == f'"{launcher}" %f'
