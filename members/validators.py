import unicodedata
from functools import cache
from zoneinfo import available_timezones

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.digits import local_digits, verbatim


@cache
def time_zone_names() -> tuple[str, ...]:
    """IANA zone names, sorted; 'localtime' and the like are left out as they mean nothing here."""
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _(
                "“%(value)s” is not a time zone we know. Choose one from the list, e.g. Asia/Tehran."  # noqa: E501
            ),
            code="unknown_time_zone",
            params={"value": verbatim(value)},
        )


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with the minimum length in the reader's digits (members/digits.py).

    The error is our own string: Django 5.2.19 changed its msgid (to "%d character"), which
    its Arabic and Persian catalogues do not translate yet, so members saw it in English.
    """

    def get_error_message(self) -> str:
        message = ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        )
        return local_digits(message % {"min_length": self.min_length})

    def get_help_text(self) -> str:
        return local_digits(super().get_help_text())


# Letters that draw nothing on their own: tatweel (stretches a joined word), the Hangul fillers
# and the blank Braille pattern, often pasted to look like an empty name.
_BLANK_LOOKING = frozenset("\u0640\u115f\u1160\u3164\uffa0\u2800")
# Unicode general categories (UAX #44) that show nothing by themselves: format characters
# (zero-width space and joiners, direction marks and isolates, BOM, word joiner, Arabic letter
# mark), controls, separators, and combining marks (harakat) with no letter to sit on.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp", "Mn", "Me", "Mc"})


def _shows_nothing(char: str) -> bool:
    return char in _BLANK_LOOKING or unicodedata.category(char) in _INVISIBLE_CATEGORIES


def _is_trimmable(char: str) -> bool:
    """At either end of a name: space, a format character or a filler (never a haraka)."""
    return char.isspace() or char in _BLANK_LOOKING or unicodedata.category(char) == "Cf"


# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069; UAX #9) turn the text
# after them around: "Sam\u202enimda" reads "Samadmin". Pages isolate every name in <bdi>
# already, so a name never needs them, and they are left out wherever they stand.
_DIRECTION_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


# Characters a search leaves out on both sides, in the query and in the stored text (members/
# text.py): format characters that draw nothing and carry no meaning for matching. The soft
# hyphen, the Arabic letter mark, the Mongolian vowel separator, the zero-width space, the
# direction marks, the word joiner and invisible operators, the BOM (a zero-width no-break space
# when pasted inside text), and the direction controls above. The zero-width non-joiner and
# joiner are left out too: a Persian writer puts them in a word (می‌روم) or not (میروم).
SEARCH_IGNORED = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
    + "".join(map(chr, _DIRECTION_CONTROLS))
)
_SEARCH_IGNORED_TABLE = dict.fromkeys(map(ord, SEARCH_IGNORED))


def search_words(value: str) -> str:
    """Typed search words as a search reads them: SEARCH_IGNORED left out, runs of whitespace
    made one space, both ends trimmed; "" when nothing is left to look for."""
    return " ".join(value.translate(_SEARCH_IGNORED_TABLE).split())


def visible_or_empty(value: str) -> str:
    """`value` without direction overrides, with runs of whitespace made one space and invisible
    characters trimmed off both ends; "" when nothing visible remains. Inside the text the rest
    is kept: the zero-width non-joiner in a Persian name (محمدعلی‌زاده) and the harakat on a
    letter mean something."""
    text = " ".join(value.translate(_DIRECTION_CONTROLS).split())
    start, end = 0, len(text)
    while start < end and _is_trimmable(text[start]):
        start += 1
    while end > start and _is_trimmable(text[end - 1]):
        end -= 1
    text = text[start:end]
    return text if not all(map(_shows_nothing, text)) else ""


def validate_visible_name(value: str) -> None:
    """Raises ValidationError (code "invisible") when `value` shows nothing once spaces and
    invisible characters are left out, e.g. only zero-width spaces, a lone ZWNJ or harakat."""
    if value and not visible_or_empty(value):
        raise ValidationError(
            _("This name shows nothing: it has only spaces or invisible characters."),
            code="invisible",
        )


def clean_visible_name(value: str, *, blank_message: str) -> str:
    """A name field's cleaned value: `visible_or_empty(value)`; ValidationError when empty."""
    validate_visible_name(value)
    name = visible_or_empty(value)
    if not name:
        raise ValidationError(blank_message, code="blank")
    return name
