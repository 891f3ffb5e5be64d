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
    """A plural form may leave the number out («شخصان», not «٢ شخصان»; «لا أحد», not «٠»), but
    never brings in a placeholder of its own, and the general plural form keeps them all."""
    problems = []
    for message in entries(path):
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        if re.search(r"[A-Za-z]{3}", source) and target == source:
            problems.append(f"copied: {source!r}")
        if isinstance(message.id, str):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                problems.append(f"placeholders differ: {source!r}")
            continue
        allowed = set(PLACEHOLDER.findall(message.id[1]))
        if any(not set(PLACEHOLDER.findall(form)) <= allowed for form in message.string):
            problems.append(f"placeholder not in the source: {source!r}")
        if set(PLACEHOLDER.findall(message.string[-1])) != allowed:
            problems.append(f"general plural form loses a placeholder: {source!r}")
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


# --- Plural forms -------------------------------------------------------------------------------
# Arabic has six: 0 «لا …», 1 the singular alone, 2 the dual alone, 3–10 a number and the plural,
# 11–99 a number and the singular (accusative), 100+ a number and the singular (genitive).
# One count of each form:
PLURAL_SAMPLES = (0, 1, 2, 3, 11, 100)
ANY_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def plural_entries(language):
    for path in sorted(LOCALE.glob(f"{language}/LC_MESSAGES/*.po")):
        for message in entries(path):
            if not isinstance(message.id, str):
                yield pytest.param(message, id=f"{language}/{path.stem}: {message.id[0][:40]}")


def _without_markup(text: str) -> str:
    return re.sub(r"<[^>]+>", "", PLACEHOLDER.sub("", text))


# The project's names for a placeholder that shows a number: the count in the reader's digits is
# "<something>_shown" (members.digits.local_digits), or one of these.
NUMBER_PLACEHOLDER = re.compile(r"%\((\w+_shown|number|count|minutes)\)[sd]")


def _count_placeholder(message) -> str | None:
    """The placeholder that shows the number; None where the text only agrees with it («صاحبه»
    / «صاحباه» / «أصحابه» for one, two, three proposers)."""
    names = set(NUMBER_PLACEHOLDER.findall(message.id[1]))
    assert len(names) <= 1, message.id
    return names.pop() if names else None


def _rendered(message, language: str, count: int, count_name: str) -> str:
    from django.utils import translation

    from members.digits import local_digits

    singular, plural = message.id
    with translation.override(language):
        if message.context:
            text = translation.npgettext(message.context, singular, plural, count)
        else:
            text = translation.ngettext(singular, plural, count)
        names = {name[2:-2] for name in PLACEHOLDER.findall(plural)}
        values = dict.fromkeys(names, "X") | {count_name: local_digits(count)}
    return text % values


@pytest.mark.parametrize("message", list(plural_entries("ar")))
def test_arabic_plural_forms_follow_arabic_grammar(message):
    forms = message.string
    assert len(forms) == 6
    for form in forms:
        assert not LATIN_WORD.search(_without_markup(form)), f"English left in {form!r}"
    count_name = _count_placeholder(message)
    if count_name is None:  # the number is not shown; one, two and several still read apart
        assert len({forms[1], forms[2], forms[3]}) == 3
        return
    # No number before a singular or a dual, and «لا» rather than «٠»: forms 0–2 drop it.
    for form in forms[:3]:
        assert f"%({count_name})s" not in form, form
    # 0, 1, 2, 3–10 and 11+ each read differently (11–99 and 100+ differ only in a case ending
    # that feminine nouns do not show, so those two may be equal).
    assert len({forms[0], forms[1], forms[2], forms[3], forms[4]}) == 5
    assert forms[3] != forms[5]


@pytest.mark.parametrize("message", list(plural_entries("ar")))
def test_arabic_plural_messages_render_each_count_in_its_own_form(message):
    count_name = _count_placeholder(message)
    if count_name is None:
        pytest.skip("the number is not shown")
    shown = {n: _rendered(message, "ar", n, count_name) for n in PLURAL_SAMPLES}
    for n in (0, 1, 2):
        assert not ANY_DIGIT.search(shown[n]), shown[n]
    for n in (3, 11, 100):
        assert local_digits_ar(n) in shown[n]
    assert len(set(shown.values())) == len(PLURAL_SAMPLES)


def local_digits_ar(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


@pytest.mark.parametrize(
    ("singular", "plural", "expected"),
    [
        (
            "%(count_shown)s person going",
            "%(count_shown)s people going",
            [
                "لن يحضر أحد",
                "سيحضر شخص واحد",
                "سيحضر شخصان",
                "سيحضر ٣ أشخاص",
                "سيحضر ١١ شخصًا",
                "سيحضر ١٠٠ شخص",
            ],
        ),
        (
            "%(waiting_shown)s on the waitlist",
            "%(waiting_shown)s on the waitlist",
            [
                "لا أحد على قائمة الانتظار",
                "شخص واحد على قائمة الانتظار",
                "شخصان على قائمة الانتظار",
                "٣ أشخاص على قائمة الانتظار",
                "١١ شخصًا على قائمة الانتظار",
                "١٠٠ شخص على قائمة الانتظار",
            ],
        ),
        (
            "%(number)s more",
            "%(number)s more",
            [
                "لا فعاليات أخرى",
                "فعالية أخرى",
                "فعاليتان أخريان",
                "٣ فعاليات أخرى",
                "١١ فعاليةً أخرى",
                "١٠٠ فعالية أخرى",
            ],
        ),
    ],
)
def test_arabic_counts_of_people_and_events_read_as_arabic(singular, plural, expected):
    from django.utils import translation

    name = PLACEHOLDER.findall(singular)[0][2:-2]
    with translation.override("ar"):
        shown = [
            translation.ngettext(singular, plural, n) % {name: local_digits_ar(n)}
            for n in PLURAL_SAMPLES
        ]
    assert shown == expected


@pytest.mark.parametrize("message", list(plural_entries("fa")))
def test_persian_plural_forms_keep_the_number_and_a_singular_noun(message):
    """Persian's form 0 serves 0 and 1 alike, so both forms show the number; a noun after a
    number stays singular («۳ نفر», never «۳ نفرها»)."""
    allowed = set(PLACEHOLDER.findall(message.id[1]))
    assert len(message.string) == 2
    for form in message.string:
        assert set(PLACEHOLDER.findall(form)) == allowed
        assert not LATIN_WORD.search(_without_markup(form)), f"English left in {form!r}"
        assert not re.search(r"\)s (نفر|مورد|پاسخ|دقیقه)‌?ها", form)


# --- allauth's strings --------------------------------------------------------------------------


def _i18n_check():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "i18n_check", Path(__file__).resolve().parent.parent / "scripts" / "i18n_check.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gate_reports_an_allauth_string_that_is_not_anchored():
    i18n_check = _i18n_check()
    wanted = i18n_check.source_msgids()
    assert i18n_check.allauth_problems(wanted) == []
    del wanted[(None, "Sign Up")]
    assert i18n_check.allauth_problems(wanted) == [
        "allauth: 'Sign Up' (account/signup.html) is not anchored"
    ]


def test_gate_reports_an_anchored_allauth_string_left_untranslated(tmp_path, monkeypatch):
    i18n_check = _i18n_check()
    for language in ("ar", "fa"):
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
        if language == "fa":
            text = text.replace(
                'msgid "Remember Me"\nmsgstr "مرا به خاطر بسپار"', 'msgid "Remember Me"\nmsgstr ""'
            )
        (folder / "django.po").write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n_check, "LOCALE_DIR", tmp_path)
    found = i18n_check.problems()
    assert "fa: unfinished 'Remember Me' (members/allauth_strings.py)" in found
    assert not [line for line in found if "Remember Me" in line and line.startswith("ar")]


def test_every_anchored_allauth_string_has_the_projects_own_translation():
    from members.allauth_strings import STRINGS

    for language in ("ar", "fa"):
        catalogue = {
            message.id: message
            for message in entries(LOCALE / language / "LC_MESSAGES" / "django.po")
            if isinstance(message.id, str) and message.context is None
        }
        for msgid in STRINGS:
            assert msgid in catalogue, f"{language}: {msgid!r}"
            assert catalogue[msgid].string, f"{language}: {msgid!r}"
            assert not catalogue[msgid].fuzzy, f"{language}: {msgid!r}"
