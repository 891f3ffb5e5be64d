"""`?lang=` decides the language of every answer under /api/, errors included.

DRF checks the content type asked for, the token, the permissions and the request rate before
a view runs, and words its refusals (406, 401, 403, 429) in the language active at that moment.
Activated here, after LocaleMiddleware and the member's own language, `?lang=` wins for all
of them, for the schema and the docs page too. A `lang` that is not a language (`all`, or a
mistake) leaves the reader's language, which the view then answers in (events/api/language.py).
"""

from django.utils import translation

from events.api.language import CONTENT_LANGUAGES

API_PREFIX = "/api/"


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = request.GET.get("lang")
        if request.path_info.startswith(API_PREFIX) and asked in CONTENT_LANGUAGES:
            translation.activate(asked)
            request.LANGUAGE_CODE = asked
        return self.get_response(request)
