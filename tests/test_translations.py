import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}")


def entries(path):
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parent.parent.name)
    return [message for message in catalog if message.id]


def test_both_right_to_left_languages_have_a_catalogue():
    assert {path.parent.parent.name for path in CATALOGUES} >= {"ar", "fa"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_catalogue_has_no_untranslated_or_fuzzy_entries(path):
    problems = []
    for message in entries(path):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert problems == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_translations_are_not_copies_and_keep_placeholders(path):
    problems = []
    for message in entries(path):
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        if re.search(r"[A-Za-z]{3}", source) and target == source:
            problems.append(f"copied: {source!r}")
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
            problems.append(f"placeholders differ: {source!r}")
    assert problems == []


def test_persian_uses_persian_letters():
    arabic_yeh_kaf = re.compile("[\u064a\u0643]")
    bad = [
        m.id
        for m in entries(LOCALE / "fa/LC_MESSAGES/django.po")
        if arabic_yeh_kaf.search(m.string if isinstance(m.string, str) else "".join(m.string))
    ]
    assert bad == []


def test_every_string_in_the_code_is_translated_in_arabic_and_persian():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "i18n_check", Path(__file__).resolve().parent.parent / "scripts" / "i18n_check.py"
    )
    i18n_check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(i18n_check)
    assert i18n_check.problems() == []


EAGER_GETTEXT = {"gettext", "ngettext", "pgettext", "npgettext"}
PROJECT = LOCALE.parent


def _eager_calls_outside_functions(tree: ast.Module) -> list[int]:
    eager = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER_GETTEXT
    }
    lines = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if (
                not in_function
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in eager
            ):
                lines.append(child.lineno)
            visit(child, inside)

    visit(tree, False)
    return lines


def test_no_text_is_translated_once_at_import():
    """A module- or class-level gettext() is translated into whatever language is active when
    the module loads (English), then shown to every reader: such text must use gettext_lazy."""
    found = []
    for app in ("config", "members", "events", "notifications"):
        for path in sorted((PROJECT / app).glob("**/*.py")):
            if "migrations" in path.parts:
                continue
            for line in _eager_calls_outside_functions(ast.parse(path.read_text())):
                found.append(f"{path.relative_to(PROJECT)}:{line}")
    assert found == []
