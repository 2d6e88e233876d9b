"""Fill empty ``msgstr`` entries of the catalogues from a JSON file, keeping i18ndude's layout.

    python scripts/fill_translations.py translations.json

The JSON maps a msgid to its translations: ``{"msgid": {"fr": "...", "nl": "..."}}``.
The English catalogue is filled from each entry's ``Default:`` text. Only
empty ``msgstr`` are filled, and the file is edited as text (re-saving with a
.po library re-wraps the comments, and the next ``make i18n`` then marks every
entry fuzzy).
"""

from pathlib import Path

import json
import re
import sys

LOCALES = (Path(__file__).resolve().parents[1] / "sources" / "communesplone.core" / "src"
           / "communesplone" / "core" / "locales")
ENTRY = re.compile(
    r'(?P<comments>(?:#[^\n]*\n)*)msgid "(?P<msgid>(?:[^"\\]|\\.)+)"\nmsgstr ""\n(?!")'
)


def _quote(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _default(comments):
    """The English default from the ``#. Default: "..."`` lines (possibly wrapped)."""
    lines = [line[3:] for line in comments.splitlines() if line.startswith("#. ")]
    text = " ".join(lines)
    found = re.search(r'Default: "(.*)"\s*$', text)
    return _unquote(found.group(1)) if found else None


def _unquote(text):
    """The text of a PO-escaped string (``\\n``, ``\\"``, ``\\\\``), to be quoted again."""
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes.get(match.group(1), match.group(0)), text)


def fill(translations, language):
    path = LOCALES / language / "LC_MESSAGES" / "communesplone.po"
    text = path.read_text(encoding="utf-8")

    def replace(match):
        msgid = match.group("msgid").replace('\\"', '"')
        if language == "en":
            value = _default(match.group("comments")) or msgid
        else:
            value = translations.get(msgid, {}).get(language)
        if not value:
            return match.group(0)
        return f'{match.group("comments")}msgid "{match.group("msgid")}"\nmsgstr "{_quote(value)}"\n'

    path.write_text(ENTRY.sub(replace, text), encoding="utf-8")
    missing = ENTRY.findall(path.read_text(encoding="utf-8"))
    return [entry[1] for entry in missing]


def main(argv):
    translations = json.loads(Path(argv[1]).read_text(encoding="utf-8")) if len(argv) > 1 else {}
    status = 0
    for language in ("fr", "nl", "en"):
        missing = fill(translations, language)
        if missing:
            status = 1
            print(f"{language}: {len(missing)} untranslated: {', '.join(missing)}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
