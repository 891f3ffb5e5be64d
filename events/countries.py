"""Country names in the reader's language, from Babel's copy of the Unicode CLDR."""

from functools import cache

from babel import Locale
from django.utils.translation import get_language

# Two-letter codes that are not countries (EU, UN, "unknown region"…).
NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}


@cache
def _names(language: str) -> dict[str, str]:
    territories = Locale.parse(language).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    names = _names(language or get_language() or "en")
    return sorted(names.items(), key=lambda item: item[1])


def country_name(code: str, language: str | None = None) -> str:
    if not code:
        return ""
    return _names(language or get_language() or "en").get(code, code)


def is_country(code: str) -> bool:
    return code in _names("en")
