"""Write resources/THIRD_PARTY_NOTICES.md: every package FitGen runs with (the runtime
dependencies of ``fitgen-gui``, followed to the end), its version and its licence.

    python packaging/notices.py            # write the file
    python packaging/notices.py --list     # print the distribution names (for the spec)

The bundle carries each package's own licence files too (its ``.dist-info``, copied by
``packaging/fitgen.spec``).
"""

from __future__ import annotations

import argparse
import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "resources" / "THIRD_PARTY_NOTICES.md"


def _name(requirement: str) -> str:
    return re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0].strip()


def closure() -> list[metadata.Distribution]:
    """The installed distributions FitGen needs at run time: ``pyproject.toml``'s
    dependencies (not its extras), and theirs."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    seen: dict[str, metadata.Distribution] = {}
    todo = [_name(r) for r in project["dependencies"]]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        for requirement in dist.requires or []:
            marker = requirement.split(";", 1)[1] if ";" in requirement else ""
            if "extra ==" in marker:
                continue
            if marker.strip():
                from packaging.markers import Marker  # pip's vendored copy is not public

                if not Marker(marker).evaluate({"extra": ""}):
                    continue
            todo.append(_name(requirement))
    return sorted(seen.values(), key=lambda d: d.metadata["Name"].lower())


def licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return "; ".join(dict.fromkeys(classifiers))
    text = (meta.get("License") or "").strip().splitlines()
    return text[0][:80] if text else "see its licence files"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    dists = closure()
    if args.list:
        for dist in dists:
            print(dist.metadata["Name"])
        return 0
    lines = [
        "# Third-party software in FitGen",
        "",
        "FitGen (MIT licence, `LICENSE`) runs with the packages below. The FitGen bundle",
        "contains each of them; their own licence and notice files are in the bundle's",
        "`_internal/<package>-<version>.dist-info/` folders. Qt and PySide6 are used under the",
        "LGPL v3: they are shipped as separate shared libraries that can be replaced.",
        "",
        "| Package | Version | Licence |",
        "|---|---|---|",
    ]
    for dist in dists:
        lines.append(f"| {dist.metadata['Name']} | {dist.version} | {licence(dist)} |")
    NOTICES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Wrote {NOTICES} ({len(dists)} packages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
