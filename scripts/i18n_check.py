#!/usr/bin/env python
"""Fail when a translatable string in the code is missing from, or unfinished in, ar or fa.

Extracts msgids the way `makemessages` does (Django's template lexer for templates and
emails, Python's for code), but with Babel, so no GNU gettext is needed. Run by the test suite
(tests/test_translations.py) and by `make i18n-check`.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = ["config", "members", "events", "notifications", "templates"]
LANGUAGES = ["ar", "fa"]
LOCALE_DIR = ROOT / "locale"
KEYWORDS = [
    "_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
    "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy",
]  # fmt: skip


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def source_msgids() -> dict[tuple[str | None, str], str]:
    """(context, msgid) → where it was found first."""
    found: dict[tuple[str | None, str], str] = {}
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if "migrations" in path.parts or not path.is_file():
                continue
            for key in _msgids_in(path):
                found.setdefault(key, str(path.relative_to(ROOT)))
    return found


def _msgids_in(path: Path) -> list[tuple[str | None, str]]:
    """(context, msgid) of every translatable string in a .py, .html or .txt file."""
    from io import BytesIO

    from babel.messages.extract import extract_python
    from django.utils.translation.template import templatize

    if path.suffix == ".py":
        code = path.read_bytes()
    elif path.suffix in (".html", ".txt"):
        python = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        # xgettext reads this leniently; Python's tokenizer needs no indentation.
        code = "\n".join(line.lstrip() for line in python.splitlines()).encode()
    else:
        return []
    found = []
    options = {"encoding": "utf-8"}
    for _line, function, message, _comments in extract_python(BytesIO(code), KEYWORDS, [], options):
        context, msgid = _split(function, message)
        if msgid:
            found.append((context, msgid))
    return found


def allauth_problems(wanted: dict[tuple[str | None, str], str]) -> list[str]:
    """What allauth shows that the project's catalogues would not translate.

    allauth's own ar and fa catalogues break the glossary, so every msgid of the allauth
    templates and modules listed in members/allauth_strings.py must be anchored there (and so be
    in `wanted`, checked like every other string) or be listed as never shown; a listed file
    that is gone or that the project overrides, and an anchored msgid allauth no longer has, are
    reported too, so that an allauth upgrade is read before it ships."""
    import allauth

    from members import allauth_strings

    files = [("templates", name) for name in allauth_strings.ALLAUTH_TEMPLATES]
    files += [("", name) for name in allauth_strings.ALLAUTH_MODULES]
    return _anchoring_problems(wanted, "allauth", allauth, files, allauth_strings)


def drf_problems(wanted: dict[tuple[str | None, str], str]) -> list[str]:
    """The same for the messages of Django REST framework that the API can give a client
    (events/api/drf_strings.py): DRF's own ar and fa catalogues break the glossary too."""
    import rest_framework

    from events.api import drf_strings

    files = [("", name) for name in drf_strings.DRF_MODULES]
    return _anchoring_problems(wanted, "drf", rest_framework, files, drf_strings)


def _anchoring_problems(wanted, label: str, package_module, files, anchors) -> list[str]:
    """`files` (folder, name) of `package_module` against `anchors`' STRINGS and NOT_SHOWN."""
    package = Path(package_module.__file__).resolve().parent
    where = f"{anchors.__name__.replace('.', '/')}.py"
    report = []
    shown: set[str] = set()
    for folder, name in files:
        path = package / folder / name
        if not path.is_file():
            report.append(f"{label}: {name} is listed in {where} but gone")
            continue
        if folder and (ROOT / "templates" / name).is_file():
            report.append(f"{label}: templates/{name} overrides {name}; unlist it")
        for context, msgid in _msgids_in(path):
            shown.add(msgid)
            unanchored = (context, msgid) not in wanted and msgid not in anchors.NOT_SHOWN
            line = f"{label}: {msgid!r} ({name}) is not anchored"
            if unanchored and line not in report:
                report.append(line)
    for msgid in anchors.STRINGS:
        if msgid not in shown:
            report.append(f"{label}: {msgid!r} is anchored but no listed file shows it")
    for msgid in sorted(anchors.NOT_SHOWN - shown):
        report.append(f"{label}: {msgid!r} is listed as not shown but no listed file has it")
    return report


def _split(function: str, message) -> tuple[str | None, str]:
    """(context, msgid) from a call's literal arguments."""
    if isinstance(message, str):
        return None, message
    if message is None:  # not a literal: nothing to extract
        return None, ""
    if function.startswith(("pgettext", "npgettext")):
        return message[0], message[1] or ""
    return None, message[0] or ""


def problems() -> list[str]:
    from babel.messages.pofile import read_po

    wanted = source_msgids()
    report = allauth_problems(wanted) + drf_problems(wanted)
    for language in LANGUAGES:
        path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        entries = {}
        for message in catalog:
            if message.id:
                msgid = message.id if isinstance(message.id, str) else message.id[0]
                entries[(message.context, msgid)] = message
        for (context, msgid), where in sorted(wanted.items(), key=lambda item: item[1]):
            message = entries.get((context, msgid))
            strings = (
                ()
                if message is None
                else (message.string if isinstance(message.string, tuple) else (message.string,))
            )
            if message is None:
                report.append(f"{language}: missing {msgid!r} ({where})")
            elif message.fuzzy or not all(strings):
                report.append(f"{language}: unfinished {msgid!r} ({where})")
    return report


def main() -> int:
    _setup_django()
    found = problems()
    for line in found:
        print(line)
    print(f"{len(found)} translation problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
