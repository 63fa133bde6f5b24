"""Update the translation sources from the code, and compile them, in one command.

``./run translations`` (or ``.venv/bin/python tools/translations.py``) runs Qt's ``lupdate`` once
per language over every module of ``bedside/ui`` — one call per language so that each file gets
that language's plural forms — and then ``lrelease`` to write the ``.qm`` files the app loads.
``--check`` changes nothing: it says which strings are new or untranslated and whether a ``.qm``
is out of date, and exits 1 if anything is (the test suite runs the same check).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "bedside" / "ui"
TRANSLATIONS = ROOT / "resources" / "i18n"
LANGUAGES = {"fr": "fr_FR", "de": "de_DE", "en": "en_GB"}


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"pyside6-{name} is missing: run ./run setup first")
    return found


def ui_modules() -> list[Path]:
    return sorted(path for path in SOURCES.rglob("*.py"))


def lupdate(ts_file: Path, language: str) -> None:
    known = plural_translations(ts_file)
    command = [
        _tool("lupdate"),
        *[str(path) for path in ui_modules()],
        "-no-obsolete",
        "-locations",
        "none",
        "-target-language",
        LANGUAGES[language],
        "-ts",
        str(ts_file),
    ]
    subprocess.run(command, check=True, capture_output=True, text=True)
    mark_plurals(ts_file, known, source_language=language == "en")


PLURAL_FORMS = 2  # French, German and English each have two plural forms in Qt's rules


def plural_translations(ts_file: Path) -> dict[tuple[str, str], list[str]]:
    """The plural forms already translated in ``ts_file``, by (context, source)."""
    if not ts_file.exists():
        return {}
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            forms = [form.text or "" for form in message.iter("numerusform")]
            if forms:
                found[(name, message.findtext("source") or "")] = forms
    return found


def mark_plurals(
    ts_file: Path, known: dict[tuple[str, str], list[str]], *, source_language: bool = False
) -> None:
    """Make every ``%n`` message a plural message again, with its translated forms.

    lupdate's Python parser only recognises plurals in ``self.tr(text, "", n)``; Bedside calls
    ``translate(context, text, None, n)`` with literal contexts (robust under inheritance), so
    this step restores what lupdate cannot see. The forms are taken from the file as it was
    before lupdate ran, so translations are never lost. In the source language (English) a
    singular message is its own translation; only its plural forms need writing.
    """
    tree = ET.parse(ts_file)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if "%n" not in source:
                if source_language:
                    translation = message.find("translation")
                    if translation is not None:
                        translation.attrib.pop("type", None)
                        translation.text = source
                continue
            message.set("numerus", "yes")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.clear()
            forms = known.get((name, source)) or [""] * PLURAL_FORMS
            if not all(form.strip() for form in forms):
                translation.set("type", "unfinished")
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
    ET.indent(tree, space="    ")
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    command = [_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)]
    subprocess.run(command, check=True, capture_output=True, text=True)


def unfinished(ts_file: Path) -> list[str]:
    """Source texts of ``ts_file`` without a finished translation (every plural form filled)."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            missing.append(source)
            continue
        forms = translation.findall("numerusform")
        if message.get("numerus") == "yes":
            if not forms or any(not (form.text or "").strip() for form in forms):
                missing.append(source)
        elif not (translation.text or "").strip():
            missing.append(source)
    return missing


def check() -> list[str]:
    """Every problem with the committed translations, in words (empty: all good)."""
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for language in LANGUAGES:
            committed = TRANSLATIONS / f"bedside_{language}.ts"
            if not committed.exists():
                problems.append(f"{committed.name} is missing")
                continue
            fresh = Path(scratch) / committed.name
            shutil.copy(committed, fresh)
            lupdate(fresh, language)
            if fresh.read_bytes() != committed.read_bytes():
                problems.append(
                    f"{committed.name} is not up to date with the code: run ./run translations"
                )
            for source in unfinished(fresh):
                problems.append(f"{committed.name}: not translated: {source!r}")
            qm = Path(scratch) / f"bedside_{language}.qm"
            lrelease(committed, qm)
            shipped = TRANSLATIONS / qm.name
            if not shipped.exists() or shipped.read_bytes() != qm.read_bytes():
                problems.append(
                    f"{qm.name} is not compiled from {committed.name}: run ./run translations"
                )
    return problems


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"bedside_{language}.ts"
        lupdate(ts_file, language)
        lrelease(ts_file, TRANSLATIONS / f"bedside_{language}.qm")
        left = unfinished(ts_file)
        print(f"{ts_file.name}: {len(left)} string(s) still to translate")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report problems")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    update()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
