"""Where FitGen's resources are: the icon, the menu entry, the AppStream file, the licences.

Their master copies are the repository's top-level ``resources/`` folder. A source checkout
(or an editable install) reads them there, the bundle from its own ``resources/`` folder,
and a pip install from ``<prefix>/share/fitgen`` (the wheel's data files).
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["ICON_SIZES", "icon_files", "resources_dir"]

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _candidates() -> list[Path]:
    places = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "resources")
    places.append(Path(__file__).resolve().parents[2] / "resources")
    places.append(Path(sys.prefix) / "share" / "fitgen")
    return places


def resources_dir() -> Path:
    """The folder holding ``icons/``, ``fitgen.desktop``, the metainfo and the licences.

    Raises
    ------
    FileNotFoundError
        An installation without them (the places looked at are named).
    """
    for place in _candidates():
        if (place / "icons" / "fitgen.svg").is_file():
            return place
    looked = ", ".join(str(p) for p in _candidates())
    raise FileNotFoundError(f"FitGen's resources (icons, menu entry) are missing; looked in "
                            f"{looked}. Reinstall FitGen.")


def icon_files() -> dict[int, Path]:
    """The PNG icon of each size, by size."""
    icons = resources_dir() / "icons"
    return {size: icons / f"fitgen-{size}.png" for size in ICON_SIZES
            if (icons / f"fitgen-{size}.png").is_file()}
