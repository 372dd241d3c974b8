# SPDX-License-Identifier: Apache-2.0
"""Refresh fieldcheck_en.ts from the sources, fill it from en_terms.EN, compile the .qm.

.venv/bin/python resources/translations/build.py
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
from en_campaigns import EN as CAMPAIGNS  # noqa: E402
from en_conflicts import EN as CONFLICTS  # noqa: E402
from en_documents import EN as DOCUMENTS  # noqa: E402
from en_fieldday import EN as FIELDDAY  # noqa: E402
from en_import import EN as IMPORT  # noqa: E402
from en_terms import EN as TERMS  # noqa: E402
from en_trust import EN as TRUST  # noqa: E402
from en_usability import EN as USABILITY  # noqa: E402
from en_walk import EN as WALK  # noqa: E402
from en_words import EN as WORDS  # noqa: E402

EN = {
    **TERMS,
    **USABILITY,
    **DOCUMENTS,
    **IMPORT,
    **FIELDDAY,
    **CAMPAIGNS,
    **TRUST,
    **WALK,
    **CONFLICTS,
    **WORDS,
}


def main() -> int:
    ts = HERE / "fieldcheck_en.ts"
    sources = sorted(str(p) for p in (ROOT / "src/fieldcheck/ui").rglob("*.py"))
    # Words the command line prints too, marked for lupdate outside the window's code.
    sources.append(str(ROOT / "src/fieldcheck/services/sync/aside_words.py"))
    sources.append(str(ROOT / "src/fieldcheck/photos/refusal_words.py"))
    # No source locations: line numbers in the .ts would make every parallel change to
    # the window's code collide in this file.
    cmd = [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none"]
    subprocess.run([*cmd, "-ts", str(ts)], check=True)
    tree = ET.parse(ts)
    tree.getroot().set("language", "en")
    tree.getroot().set("sourcelanguage", "zh_CN")
    missing = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            english = EN.get(f"{name}|{source}", EN.get(source))  # "context|source" wins
            if isinstance(english, tuple):  # plural forms, one and other (Qt's %n)
                for form in list(translation):
                    translation.remove(form)
                for text in english:
                    ET.SubElement(translation, "numerusform").text = text
                translation.text = None
                translation.attrib.pop("type", None)
            elif english is not None:
                translation.text = english
                translation.attrib.pop("type", None)
            else:
                missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(HERE / "fieldcheck_en.qm")], check=True
    )
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
