"""Event pages: `{% load event_tags %}`."""

import zoneinfo

import segno
from babel.lists import format_list
from django import template
from django.template import Context
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from events.countries import country_name
from events.markdown import render_markdown
from members.digits import digits_for, localise_digits
from members.links import absolute_url
from members.templatetags.localised import digit_style_of, local_datetime, zone_label

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def country(code: str) -> str:
    return country_name(code)


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def time_span(context: Context, starts_at, ends_at, zone) -> str:
    """ "<date, time> – <time>" on one day, both full date-times across days, in `zone`."""
    digits = digits_for(get_language() or "en", digit_style_of(context))
    with timezone.override(zone):
        starts = local_datetime(context, starts_at)
        if starts_at.astimezone(zone).date() == ends_at.astimezone(zone).date():
            ends = localise_digits(ends_at.astimezone(zone).strftime("%H:%M"), digits)
        else:
            ends = local_datetime(context, ends_at)
    return f"{starts} – {ends}"


@register.simple_tag(takes_context=True)
def session_time(context: Context, session, zone_name: str) -> str:
    return time_span(context, session.starts_at, session.ends_at, _zone(zone_name))


@register.inclusion_tag("events/partials/when.html", takes_context=True)
def event_when(context: Context, event) -> dict:
    """Start and end in the viewer's zone (their profile's, else the event's), and the event's
    own zone beside them when it differs."""
    user = getattr(context.get("request"), "user", None)
    viewer_zone = user.time_zone if user is not None and user.is_authenticated else event.time_zone
    return {
        "viewer": time_span(context, event.starts_at, event.ends_at, _zone(viewer_zone)),
        "viewer_zone": zone_label(viewer_zone),
        "event": time_span(context, event.starts_at, event.ends_at, _zone(event.time_zone)),
        "event_zone": zone_label(event.time_zone),
        "same_zone": viewer_zone == event.time_zone,
    }


@register.simple_tag
def qr_svg(text: str, title: str = "") -> SafeString:
    """A QR code as inline SVG, drawn here: no image service sees the code."""
    svg = segno.make(text, error="m").svg_inline(scale=5, title=title or None, border=2)
    return mark_safe(svg)  # noqa: S308 — segno's own markup; text is encoded in the modules.  # nosec B308, B703


@register.filter
def absolute(path: str) -> str:
    """A path from `{% url %}` as a link on the site's public address, SITE_URL (not the
    request's host: a check-in QR code is scanned on another device)."""
    return absolute_url(path)


@register.filter
def language_names(codes: list[str]) -> str:
    """["ar", "en"] → "العربيّة and English", joined the way the reader's language joins lists.

    Each name is written in its own language and marked so (`lang`), for screen readers."""
    names = [
        format_html('<span lang="{}">{}</span>', code, get_language_info(code)["name_local"])
        for code in codes
    ]
    joined_names = format_list(names, locale=get_language() or "en") if names else ""
    return mark_safe(joined_names)  # noqa: S308 — escaped names, joined by CLDR's list patterns.  # nosec B308, B703


@register.filter
def joined(items) -> str:
    names = [str(item) for item in items if str(item)]
    return format_list(names, locale=get_language() or "en") if names else ""


ADDRESS_SEPARATORS = {"ar": "، ", "fa": "، "}


@register.simple_tag
def address_line(event) -> str:
    """Venue, city and country, each isolated so that mixed scripts keep their order."""
    parts = [event.venue, event.city, country_name(event.country)]
    separator = ADDRESS_SEPARATORS.get(get_language() or "en", ", ")
    return format_html_join(separator, "<bdi>{}</bdi>", ((part,) for part in parts if part))
