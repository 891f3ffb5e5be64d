"""Digits as Arabic and Persian readers write them, and back to ASCII for what they type.

Babel and Django print Western digits whatever the language, so numbers shown to members pass
through `localise_digits`, and numbers typed on a Persian or Arabic keyboard pass through
`normalise_digits` before a form field parses them.
"""

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
