"""Absolute links to this site, built from settings.SITE_URL and never from a request.

Emails, calendar feeds and subscription addresses are opened away from the page that caused
them, so their links must name the address the site is published at. A request's Host header
may name another (`localhost` for `127.0.0.1`, or a forged host, which would otherwise end up
in a password-reset link).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """SITE_URL's scheme and host followed by `path`, which starts with "/" (from `reverse`)."""
    return settings.SITE_URL.rstrip("/") + path


def on_site(url: str) -> str:
    """`url` with SITE_URL's scheme and host in place of those it was built with."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))
