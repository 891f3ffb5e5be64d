"""Which language an API answer is written in: `?lang=` when given, else the one the pages
would choose (LocaleMiddleware: the language cookie, then Accept-Language, then English);
`all` gives each text in the three languages at once."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

CONTENT_LANGUAGES = ("ar", "fa", "en")
ALL_LANGUAGES = "all"
LANG_CHOICES = (*CONTENT_LANGUAGES, ALL_LANGUAGES)

UNKNOWN_LANG = _("Unknown language: use ar, fa, en or all.")


def content_language(request) -> str:
    """One of "ar", "fa", "en" and "all"; a `lang` that is none of them is a 400."""
    asked = request.query_params.get("lang")
    if not asked:  # absent or empty, as a form's "any"
        current = translation.get_language() or "en"
        return translation.get_supported_language_variant(current)
    if asked not in LANG_CHOICES:
        raise ValidationError({"lang": [UNKNOWN_LANG]})
    return asked
