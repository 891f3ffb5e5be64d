"""The address of the page being read, in another language: `{% page_in_language "fa" %}`.

Every page lives under its language's prefix (`/ar/`, `/fa/`, `/en/`; config/urls.py), so the
same page in another language is the same path under that prefix, with the same query. Visitors
who are not signed in switch languages by these links: a plain link needs no form, no CSRF token
and no cookie, so their pages can be shared copies (events/page_cache.py).
"""

from django import template
from django.urls import get_script_prefix
from django.utils.translation import get_language_from_path

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context: template.Context, language: str) -> str:
    request = context["request"]
    path = request.get_full_path_info()
    current = get_language_from_path(request.path_info)
    if current is not None:
        path = path[len(current) + 1 :]  # "/fa/events/?page=2" → "/events/?page=2"
    return f"{get_script_prefix()}{language}{path}"
