"""Fill the ``<translation>`` elements of a Qt ``.ts`` file from a Python dict.

    python resources/translations/fill.py resources/translations/fitgen_zh_CN.ts

The translations live in ``zh_CN_texts.py`` next to this file (``TEXTS``: source text ->
translation; ``PLURALS``: source text -> the one form Chinese needs), so they are reviewed
as plain text; lupdate keeps the ``.ts`` in step with the sources. Exits 1 and names the
texts still without a translation.
"""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def _texts(language: str) -> tuple[dict[str, str], dict[str, str]]:
    path = Path(__file__).with_name(f"{language}_texts.py")
    spec = importlib.util.spec_from_file_location("texts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TEXTS, getattr(module, "PLURALS", {})


def fill(ts_path: Path) -> list[str]:
    """Write the known translations into ``ts_path``; returns the sources still missing."""
    tree = ET.parse(ts_path)
    language = tree.getroot().get("language", "zh_CN")
    texts, plurals = _texts(language)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if message.get("numerus") == "yes":
            text = plurals.get(source)
            for form in list(translation):
                translation.remove(form)
            if text is not None:
                ET.SubElement(translation, "numerusform").text = text
        else:
            text = texts.get(source)
            if text is not None:
                translation.text = text
        if text is None:
            missing.append(source)
        elif translation.get("type") in ("unfinished", None):
            translation.attrib.pop("type", None)
    for message in tree.iter("message"):  # lupdate's vanished ones are dropped
        translation = message.find("translation")
        if translation.get("type") in ("vanished", "obsolete"):
            message.set("drop", "yes")
    for context in tree.iter("context"):
        for message in [m for m in context.findall("message") if m.get("drop")]:
            context.remove(message)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    left = fill(Path(sys.argv[1]))
    for source in left:
        print(f"no translation: {source!r}")  # noqa: T201
    sys.exit(1 if left else 0)
