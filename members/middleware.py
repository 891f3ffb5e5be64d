"""Language and time zone follow the signed-in member's profile.

Order of precedence for the language: the member's profile when signed in, else the URL prefix
(`/ar/`, `/fa/`, `/en/`), else the browser's Accept-Language (Django's LocaleMiddleware does the
last two). A signed-in member who opens a page under another prefix is redirected to the same
page in their own language, so the address always says what the page shows.
"""

import zoneinfo

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpResponseRedirect
from django.utils import timezone, translation

from members.digits import activate_digit_style, deactivate_digit_style
from members.enums import Language
from members.permissions import mfa_setup_redirect


class MemberLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.preferred_language
            path_language = translation.get_language_from_path(request.path_info)
            if language in Language.values and path_language in (None, language):
                translation.activate(language)
                request.LANGUAGE_CODE = language
            elif language in Language.values and request.method in ("GET", "HEAD"):
                return self._redirect_to_own_language(request, language, path_language)
            # A form posted under another prefix is answered in that prefix's language: the
            # URL only resolves in it, and redirecting would drop the posted data.
        return self.get_response(request)

    @staticmethod
    def _redirect_to_own_language(request, language: str, path_language: str):
        rest = request.path_info[len(path_language) + 1 :]
        target = f"{request.META.get('SCRIPT_NAME', '')}/{language}{rest}"
        if request.META.get("QUERY_STRING"):
            target += "?" + request.META["QUERY_STRING"]
        return HttpResponseRedirect(target)


class MemberTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class MemberDigitsMiddleware:
    """Numbers written in Python (messages, form errors, labels) follow the member's digits;
    a visitor gets their language's usual ones (members/digits.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        activate_digit_style(user.digit_style if signed_in else "")
        try:
            return self.get_response(request)
        finally:
            deactivate_digit_style()


class StaffMfaMiddleware:
    """The admin site, like every organizer page, opens only with two-factor authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path_info.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not is_mfa_enabled(user)
        ):
            return mfa_setup_redirect(request)
        return self.get_response(request)


def clear_site_data_on_sign_out(get_response):
    """Signing out (or deleting the account) tells the browser to forget what it kept for the
    member: the HTTP cache, and the storage in which the check-in page's offline copy lies, with
    its attendees' names (static/js/checkin-sw.js). Queued check-ins not sent yet go with it."""

    def middleware(request):
        signed_in = request.user.is_authenticated
        response = get_response(request)
        if signed_in and not request.user.is_authenticated:
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response

    return middleware
