"""Event pages: `{% load event_tags %}`."""

import zoneinfo

import segno
from babel.lists import format_list
from django import template
from django.template import Context
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from events.countries import country_name
from events.markdown import render_markdown
from members.templatetags.localised import local_datetime, zone_label

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


@register.inclusion_tag("events/partials/when.html", takes_context=True)
def event_when(context: Context, event) -> dict:
    """Start and end in the viewer's zone (their profile's, else the event's), and the event's
    own zone beside them when it differs."""
    user = getattr(context.get("request"), "user", None)
    viewer_zone = user.time_zone if user is not None and user.is_authenticated else event.time_zone
    shown = {}
    for label, zone_name in (("viewer", viewer_zone), ("event", event.time_zone)):
        with timezone.override(_zone(zone_name)):
            shown[label] = {
                "starts": local_datetime(context, event.starts_at),
                "ends": local_datetime(context, event.ends_at),
                "zone": zone_label(zone_name),
            }
    return {
        "viewer": shown["viewer"],
        "event": shown["event"],
        "same_zone": viewer_zone == event.time_zone,
    }


@register.simple_tag
def qr_svg(text: str, title: str = "") -> SafeString:
    """A QR code as inline SVG, drawn here: no image service sees the code."""
    svg = segno.make(text, error="m").svg_inline(scale=5, title=title or None, border=2)
    return mark_safe(svg)  # noqa: S308 — segno's own markup; text is encoded in the modules.


@register.filter
def language_names(codes: list[str]) -> str:
    """["ar", "en"] → "العربيّة and English", joined the way the reader's language joins lists."""
    names = [get_language_info(code)["name_local"] for code in codes]
    return format_list(names, locale=get_language() or "en") if names else ""


@register.filter
def joined(items) -> str:
    names = [str(item) for item in items if str(item)]
    return format_list(names, locale=get_language() or "en") if names else ""
