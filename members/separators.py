"""The separator between short items on one line: "Programme · title", "2 of 2 taken · 3 waiting".

In Arabic script a middle dot (or a bullet) beside a number reads as a zero, since ٠ and ۰ are
dots: «محجوز ٢ من ٢ · ٣» looks like «٢ من ٢٠٣». Arabic and Persian take the Arabic comma,
as their lists do; English keeps the middle dot. Every separator of the kind comes from here,
in templates through `{% item_separator %}` (members/templatetags/localised.py).
"""

from django.conf import settings
from django.utils.translation import get_language

ITEM_SEPARATORS = {"ar": "، ", "fa": "، "}
DEFAULT_ITEM_SEPARATOR = " · "
# What may not stand beside a digit in Arabic script (tests/test_separators.py looks for them).
DOT_LIKE = "·•∙⋅"


def item_separator(language: str | None = None) -> str:
    """The separator, with its spaces, for `language` (the active one by default)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return ITEM_SEPARATORS.get(language.split("-")[0], DEFAULT_ITEM_SEPARATOR)


def joined_items(*items: object, language: str | None = None) -> str:
    """`items` as text joined by item_separator, for a plain-text line or a `__str__`."""
    return item_separator(language).join(str(item) for item in items)
