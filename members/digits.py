"""Digits as Arabic and Persian readers write them, and back to ASCII for what they type.

Babel and Django print Western digits whatever the language, so numbers shown to members pass
through `localise_digits`, and numbers typed on a Persian or Arabic keyboard pass through
`normalise_digits` before a form field parses them.

Templates know their reader from the request (`members/templatetags/localised.py`). Text made in
Python (messages, form errors, labels) uses `local_digits`, which reads the digit style activated
for this request or task, the way `translation.activate` works for the language:
`MemberDigitsMiddleware` activates the signed-in member's, an email task the recipient's.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from asgiref.local import Local
from django.utils.translation import get_language

from members.enums import DigitStyle, Language

WESTERN_DIGITS = "0123456789"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # U+06F0–U+06F9, "extended Arabic-Indic"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"  # U+0660–U+0669

_DIGITS_BY_STYLE = {
    DigitStyle.WESTERN.value: WESTERN_DIGITS,
    DigitStyle.PERSIAN.value: PERSIAN_DIGITS,
    DigitStyle.ARABIC_INDIC.value: ARABIC_INDIC_DIGITS,
}
_STYLE_BY_LANGUAGE = {
    Language.PERSIAN.value: DigitStyle.PERSIAN.value,
    Language.ARABIC.value: DigitStyle.ARABIC_INDIC.value,
    Language.ENGLISH.value: DigitStyle.WESTERN.value,
}
_TO_STYLE = {
    style: str.maketrans(WESTERN_DIGITS, digits) for style, digits in _DIGITS_BY_STYLE.items()
}
_TO_WESTERN = str.maketrans(
    {
        **dict(zip(PERSIAN_DIGITS, WESTERN_DIGITS, strict=True)),
        **dict(zip(ARABIC_INDIC_DIGITS, WESTERN_DIGITS, strict=True)),
        "\u066b": ".",  # ARABIC DECIMAL SEPARATOR
        "\u066c": None,  # ARABIC THOUSANDS SEPARATOR
    }
)


def digits_for(language: str, style: str) -> str:
    """The digit style to print in: the member's explicit choice, else their language's usual one.

    An unknown style counts as no choice, and an unknown language gets Western digits, so a bad
    value in the database never breaks a page.
    """
    if style in _DIGITS_BY_STYLE:
        return style
    primary = (language or "").replace("_", "-").split("-")[0].lower()
    return _STYLE_BY_LANGUAGE.get(primary, DigitStyle.WESTERN.value)


def localise_digits(text: str, style: str) -> str:
    """Write the Western digits in `text` in `style`'s digits; every other character stays.

    `style` is an effective style (see `digits_for`); an empty or unknown one changes nothing.
    """
    table = _TO_STYLE.get(style)
    return text.translate(table) if table else text


def normalise_digits(text: str) -> str:
    """Turn Persian and Arabic-Indic digits and separators into ASCII, so that "۱٬۲۰۰٫۵" parses.

    The Arabic decimal separator becomes "." and the Arabic thousands separator is dropped.
    """
    return text.translate(_TO_WESTERN)


# Text between a Unicode isolate and its closing U+2069 (Unicode Bidirectional Algorithm, UAX #9
# §2.4): what an error quotes as typed (`verbatim`), its digits left alone.
ISOLATED = re.compile("([\u2066\u2067\u2068][^\u2069]*\u2069)")


def verbatim(text: str) -> str:
    """`text` as typed (an email address, a zone id) for a message in any language: in a
    left-to-right isolate (U+2066 … U+2069), so that it neither reorders in an Arabic sentence
    nor has its digits changed by `in_reader_digits`. Plain text's <bdi dir="ltr">."""
    return f"\u2066{text}\u2069"


_active = Local()


def activate_digit_style(style: str) -> None:
    """Make `style` (a member's `digit_style`; "" for their language's usual) the reader's."""
    _active.value = style


def deactivate_digit_style() -> None:
    if hasattr(_active, "value"):
        del _active.value


def active_digit_style() -> str:
    return getattr(_active, "value", "")


@contextmanager
def override_digit_style(style: str) -> Iterator[None]:
    previous = active_digit_style()
    activate_digit_style(style)
    try:
        yield
    finally:
        activate_digit_style(previous)


def local_digits(value: object) -> str:
    """A number, or text whose every digit belongs to a number, in the reader's digits: the
    active digit style, else the active language's usual one.

    Never for text that also holds a URL, an email address, a code to copy or a zone id
    (Etc/GMT+3): localise the number before putting it in such text.
    """
    return localise_digits(str(value), digits_for(get_language() or "", active_digit_style()))
