"""The menu entry of the current user (freedesktop: Linux desktops): install and remove.

``fitgen install-desktop`` writes, under ``$XDG_DATA_HOME`` (``~/.local/share``):
``applications/fitgen.desktop`` (its ``Exec`` the absolute path of this installation's
``fitgen-gui``), the icons in ``icons/hicolor/<size>/apps/fitgen.png`` and
``icons/hicolor/scalable/apps/fitgen.svg``, and ``metainfo/<id>.metainfo.xml``.
``--uninstall`` removes exactly those files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from fitgen_gui.core.atomic_files import atomic_target
from fitgen_gui.core.resources import ICON_SIZES, icon_files, resources_dir

__all__ = ["DESKTOP_FILE", "METAINFO", "data_home", "gui_command", "install", "uninstall"]

DESKTOP_FILE = "fitgen.desktop"
METAINFO = "io.github.fitgen.FitGen.metainfo.xml"
ICON_NAME = "fitgen"


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(value) if value else Path.home() / ".local" / "share"


def _quote(argument: str) -> str:
    """An Exec argument (the Desktop Entry Specification's quoting)."""
    if not any(c in argument for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return argument
    escaped = argument.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    return '"' + escaped.replace("$", "\\$") + '"'


def gui_command() -> list[str]:
    """The command that starts this installation's app: the bundle's ``fitgen-gui``, the
    environment's ``fitgen-gui`` script, or this Python with ``-m fitgen_gui``."""
    here = Path(sys.executable).resolve().parent
    if getattr(sys, "frozen", False):
        return [str(here / "fitgen-gui")]
    script = Path(sys.executable).parent / "fitgen-gui"  # the venv's, not resolved
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("fitgen-gui")
    return [found] if found else [sys.executable, "-m", "fitgen_gui"]


def _paths(home: Path) -> dict[str, Path]:
    paths = {"desktop": home / "applications" / DESKTOP_FILE,
             "metainfo": home / "metainfo" / METAINFO,
             "svg": home / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg"}
    for size in ICON_SIZES:
        paths[f"png{size}"] = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / (
            f"{ICON_NAME}.png")
    return paths


def _refresh_caches(home: Path) -> None:
    """Tell the desktop about the new entry and icons (when its tools are installed)."""
    for command in (["update-desktop-database", str(home / "applications")],
                    ["gtk-update-icon-cache", "-f", "-t", str(home / "icons" / "hicolor")]):
        if shutil.which(command[0]):
            subprocess.run(command, check=False, capture_output=True, timeout=60)


def install(home: Path | None = None) -> list[Path]:
    """Install the menu entry, icons and metainfo for the current user; the files written."""
    home = home or data_home()
    source = resources_dir()
    paths = _paths(home)
    command = gui_command()
    entry = (source / DESKTOP_FILE).read_text(encoding="utf-8")
    lines = []
    for line in entry.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(_quote(a) for a in command) + " %f"
        elif line.startswith("TryExec="):
            line = "TryExec=" + command[0]
        lines.append(line)
    icons = icon_files()
    written = []
    for key, target in paths.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if key == "desktop":
            with atomic_target(target) as temporary:
                temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
                temporary.chmod(0o755)
        elif key == "metainfo":
            shutil.copyfile(source / METAINFO, target)
        elif key == "svg":
            shutil.copyfile(source / "icons" / "fitgen.svg", target)
        else:
            icon = icons.get(int(key[3:]))
            if icon is None:
                continue
            shutil.copyfile(icon, target)
        written.append(target)
    _refresh_caches(home)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what :func:`install` wrote; the files removed."""
    home = home or data_home()
    removed = []
    for target in _paths(home).values():
        if target.is_file():
            target.unlink()
            removed.append(target)
    _refresh_caches(home)
    return removed
