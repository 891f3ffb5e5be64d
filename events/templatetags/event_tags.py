"""Event pages: `{% load event_tags %}`."""

import functools
import zoneinfo

import segno
from django import template
from django.template import Context
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext, ngettext

from events.countries import country_name
from events.markdown import render_markdown
from members.digits import digits_for, local_digits, localise_digits
from members.links import absolute_url
from members.lists import format_names
from members.separators import item_separator, joined_items
from members.templatetags.language_links import page_in_language
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


def _reader_zone(context: Context, event) -> str:
    """The zone a moment is first shown in: the signed-in member's; in a mail (no request) the
    zone it is rendered in, its reader's; for a visitor the event's own."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.time_zone:
        return user.time_zone
    if request is None:
        return timezone.get_current_timezone_name()
    return event.time_zone


@register.simple_tag(takes_context=True)
def moment_when(context: Context, moment, event, plain: bool = False) -> str:
    """One moment of an event or proposal (a deadline) as `event_when` shows its times: in the
    reader's zone, named, and in the event's own zone beside it when that differs. `plain`
    for a text mail."""
    if moment is None:
        return ""
    reader_zone = _reader_zone(context, event)

    def shown_in(zone: str) -> str:
        with timezone.override(_zone(zone)):
            return local_datetime(context, moment)

    reader = shown_in(reader_zone)
    same_zone = reader_zone == event.time_zone
    if plain:
        text = f"{reader} ({zone_label(reader_zone)})"
        if not same_zone:
            local = gettext("Local time of the event: %(starts)s (%(zone)s)") % {
                "starts": shown_in(event.time_zone),
                "zone": zone_label(event.time_zone),
            }
            text = joined_items(text, local)
        return text
    html = format_html(
        '<bdi>{}</bdi> <span class="text-body-secondary">({})</span>',
        reader,
        zone_label(reader_zone),
    )
    if not same_zone:
        local = format_html(
            gettext("Local time of the event: <bdi>%(starts)s</bdi> (%(zone)s)")
            % {"starts": "{starts}", "zone": "{zone}"},
            starts=shown_in(event.time_zone),
            zone=zone_label(event.time_zone),
        )
        html = format_html(
            '{}{}<small class="text-body-secondary">{}</small>', html, item_separator(), local
        )
    return html


@register.simple_tag(takes_context=True)
def zoned_moment(context: Context, moment, zone_name: str) -> str:
    """A moment in `zone_name`, the zone named after it: "<date> <time> (<zone>)", plain text."""
    if moment is None:
        return ""
    with timezone.override(_zone(zone_name)):
        return f"{local_datetime(context, moment)} ({zone_label(zone_name)})"


@register.simple_tag
def qr_svg(text: str, title: str = "") -> SafeString:
    """A QR code as inline SVG, drawn here: no image service sees the code."""
    return mark_safe(_qr_markup(text, title))  # noqa: S308 — segno's own markup; text is encoded in the modules.  # nosec B308, B703


# Choosing the QR code's mask is most of an attendee's event page (about 6 ms); a code's
# drawing never changes, so each process keeps its last few in memory (never on disk).
@functools.lru_cache(maxsize=256)
def _qr_markup(text: str, title: str) -> str:
    return segno.make(text, error="m").svg_inline(scale=5, title=title or None, border=2)


@register.filter
def absolute(path: str) -> str:
    """A path from `{% url %}` as a link on the address the page is served through, SITE_URL
    or the onion service's (members/links.py), never the request's Host as it is: a check-in
    QR code is scanned on another device."""
    return absolute_url(path)


@register.filter
def other_languages(codes: list[str], shown: str = "") -> list[str]:
    """The languages a text is written in besides the one the reader sees: `shown` when the
    reader chose one (?text=), else theirs when it is written in it, otherwise the first it
    falls back to (the alliance's order, as `codes`)."""
    current = shown or get_language()
    shown = current if current in codes else next(iter(codes), None)
    return [code for code in codes if code != shown]


@register.filter
def language_names(codes: list[str]) -> str:
    """["ar", "en"] → "العربيّة and English", joined the way the reader's language joins lists.

    Each name is written in its own language and marked so (`lang`), for screen readers."""
    texts = [get_language_info(code)["name_local"] for code in codes]
    names = [
        format_html('<span lang="{}">{}</span>', code, text)
        for code, text in zip(codes, texts, strict=True)
    ]
    joined_names = format_names(names, get_language() or "en", texts=texts)
    return mark_safe(joined_names)  # noqa: S308 — escaped names, joined by CLDR's list patterns.  # nosec B308, B703


@register.simple_tag(takes_context=True)
def language_links(context: Context, codes: list[str]) -> str:
    """language_names, each name a link to the text in that language: for a visitor the same
    page under its prefix, for a member (whose pages keep their language) `?text=<code>`, or
    the page itself for the page's own language."""
    request = context["request"]
    member = request.user.is_authenticated
    page_language = get_language()
    texts = [get_language_info(code)["name_local"] for code in codes]

    def address(code: str) -> str:
        if not member:
            return page_in_language(context, code)
        return request.path if code == page_language else f"{request.path}?text={code}"

    links = [
        format_html('<a href="{}" lang="{}" hreflang="{}">{}</a>', address(code), code, code, text)
        for code, text in zip(codes, texts, strict=True)
    ]
    joined_links = format_names(links, page_language or "en", texts=texts)
    return mark_safe(joined_links)  # noqa: S308 — escaped links, joined by CLDR's list patterns.  # nosec B308, B703


@register.filter
def joined(items) -> str:
    names = [str(item) for item in items if str(item)]
    return format_names(names, get_language() or "en")


ADDRESS_SEPARATORS = {"ar": "، ", "fa": "، "}


def _venue(event, shows_venue) -> str:
    # An event holding its address back (events/selectors/venue.py) shows it only where the
    # caller decided this reader may see it: nothing passed, nothing shown.
    held_back = getattr(event, "holds_venue_back", False)
    return event.venue if shows_venue is True or not held_back else ""


def _address_parts(event, shows_venue) -> list[str]:
    parts = [_venue(event, shows_venue), event.city, country_name(event.country)]
    return [part for part in parts if part]


@register.simple_tag
def address_line(event, shows_venue=False) -> str:
    """Venue, city and country, each isolated so that mixed scripts keep their order. The
    venue of an event that holds it back only with `shows_venue` (venue_visible_to's answer)."""
    separator = ADDRESS_SEPARATORS.get(get_language() or "en", ", ")
    parts = _address_parts(event, shows_venue)
    return format_html_join(separator, "<bdi>{}</bdi>", ((part,) for part in parts))


@register.simple_tag
def address_text(event, shows_venue=False) -> str:
    """address_line for a plain-text mail: the same parts joined the same way, no markup."""
    separator = ADDRESS_SEPARATORS.get(get_language() or "en", ", ")
    return separator.join(_address_parts(event, shows_venue))


@register.simple_tag
def city_line(details) -> str:
    """City and country only, as address_line writes them: the place of a proposal whose exact
    address the reader may not see (events.selectors.proposals.shows_proposal_venue)."""
    parts = [details.city, country_name(details.country)]
    separator = ADDRESS_SEPARATORS.get(get_language() or "en", ", ")
    return format_html_join(separator, "<bdi>{}</bdi>", ((part,) for part in parts if part))


@register.simple_tag
def venue_release_note(event) -> str:
    """The sentence saying when confirmed attendees get the exact address, in the reader's
    language and digits; "" for an event that holds nothing back."""
    hours = event.venue_release_hours
    if hours is None:
        return ""
    text = ngettext(
        "The exact address is shared with confirmed attendees %(hours_shown)s hour before the "
        "start.",
        "The exact address is shared with confirmed attendees %(hours_shown)s hours before the "
        "start.",
        hours,
    )
    return text % {"hours_shown": local_digits(hours)}
