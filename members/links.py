"""Absolute links to this site: on its public address (SITE_URL) or its onion service (ONION_URL).

Emails, calendar feeds and subscription addresses are opened away from the page that caused
them, so their links name one of the two addresses settings give, never a request's Host header
as it is (`localhost` for `127.0.0.1`, or a forged host, which would otherwise end up in a
password-reset link). The request's host only chooses between the two:

- a page links to the address it was served on (`config.middleware.onion_service` activates it
  for the request), so a page never mixes the two;
- a feed links to the address it was fetched through (it is a request too);
- a mail to a member links to the address they chose, else the one they last signed up or
  signed in through (`member_uses_onion`); a mail caused by a request (allauth's account mails,
  a guest's link) to the address of that request.

Which address is active works like the active language (`translation.override`): mail code
renders each message inside `links_override(onion=...)` for its reader.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from asgiref.local import Local
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port

from members.enums import LinkAddress

_active = Local()


def site_url(*, onion: bool) -> str:
    """The onion service's address when `onion` and one is configured, else SITE_URL; no "/"
    at the end."""
    if onion and settings.ONION_URL:
        return settings.ONION_URL.rstrip("/")
    return settings.SITE_URL.rstrip("/")


def links_through_onion() -> bool:
    """Whether links are being built on the onion address (for this request, or this mail)."""
    return bool(settings.ONION_URL) and getattr(_active, "onion", False)


@contextmanager
def links_override(*, onion: bool) -> Iterator[None]:
    """Build every absolute link inside on the onion address (`onion`) or on SITE_URL."""
    previous = getattr(_active, "onion", False)
    _active.onion = onion
    try:
        yield
    finally:
        _active.onion = previous


def absolute_url(path: str) -> str:
    """The active address followed by `path`, which starts with "/" (from `reverse`)."""
    return site_url(onion=links_through_onion()) + path


def on_site(url: str) -> str:
    """`url` with the active address's scheme and host in place of those it was built with."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


def is_onion_request(request: HttpRequest) -> bool:
    """Whether `request` reached the site through its onion service (its Host is ONION_URL's).
    A host the site does not answer for counts as not: Django refuses it further on."""
    if not settings.ONION_URL:
        return False
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    return split_domain_port(host)[0] == urlsplit(settings.ONION_URL).hostname


def member_uses_onion(member) -> bool:
    """Whether the links in `member`'s mails and feeds open the onion service: their choice
    (`link_address`), else whether they signed up or last signed in through it."""
    if not settings.ONION_URL:
        return False
    if member.link_address:
        return member.link_address == LinkAddress.ONION
    return member.signed_in_through_onion
