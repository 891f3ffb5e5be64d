"""Assembling a feed from per-event VEVENTs kept in the cache.

A feed is read in two steps. First one query fetches only what identifies each event's current
version (id, `updated_at`, `sequence`, zone, years, first language): enough for the ETag, the
VTIMEZONEs and the cache keys. Then the serialised VEVENTs come from the cache in one round trip,
keyed by (id, updated_at, sequence, language, variant); only those missing are read in full (one
more query) and rendered. `updated_at` changes on every save, so an edit re-renders that event
alone, and an unchanged feed costs one query plus concatenation. The assembled body is also
kept for a few minutes under its ETag (which it is a function of), so that a feed many clients
poll is concatenated once.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.db.models.functions import Cast, ExtractYear
from django.utils import timezone

from events.feeds import ical
from events.feeds.vevents import (
    ATTENDEE,
    MAYBE,
    PUBLIC,
    WAITLISTED,
    event_vevent,
    proposal_vevent,
)
from events.models import Event, Proposal
from events.selectors.venue import member_confirmed, with_venue_shown
from members.links import absolute_url

# Bump when the VEVENT layout changes, so that cached copies and ETags change with it.
LAYOUT_VERSION = 3
VEVENT_CACHE_SECONDS = 24 * 60 * 60
BODY_CACHE_SECONDS = 10 * 60
VARIANT_OF_STATUS = {"going": ATTENDEE, "waitlisted": WAITLISTED, "maybe": MAYBE}


@dataclass(frozen=True, slots=True)
class FeedItem:
    """What identifies one entry of a feed and its current version, without its texts.

    `changed` is `updated_at` as the database writes it: reading 5,000 of them as text instead
    of parsing them into datetimes makes a warm feed several times faster.
    """

    source: str
    pk: int
    changed: str
    sequence: int
    time_zone: str
    first_year: int
    last_year: int
    first_language: str
    variant: str = PUBLIC
    # Whether the reader may see an exact address the event holds back (events/selectors/
    # venue.py): asked of the database with the rest, part of the cache key and the ETag, so
    # the release time changes the feed though no row changed.
    shows_venue: bool = True

    @property
    def version(self) -> str:
        return f"{self.source}:{self.pk}:{self.changed}:{self.sequence}"


def _key_columns(rows: QuerySet) -> QuerySet:
    # first_lang matches EventDetails.content_languages: the first language the title is in.
    return rows.annotate(
        changed=Cast("updated_at", output_field=CharField()),
        first_year=ExtractYear("starts_at", tzinfo=UTC),
        last_year=ExtractYear("ends_at", tzinfo=UTC),
        first_lang=Case(
            When(Q(title_ar__gt=""), then=Value("ar")),
            When(Q(title_fa__gt=""), then=Value("fa")),
            default=Value("en"),
            output_field=CharField(),
        ),
    ).order_by("starts_at", "pk")


KEY_COLUMNS = ("pk", "changed", "sequence", "time_zone", "first_year", "last_year", "first_lang")


def event_items(
    events: QuerySet[Event], *, with_member_status: bool = False, organizer: bool = False
) -> list[FeedItem]:
    """The one query of a warm feed. With `with_member_status`, the queryset is annotated with
    the member's answer (selectors.feeds.member_feed_events), which picks the variant and,
    once released, shows a held-back address to a member going. An `organizer`'s own calendar
    shows every address."""
    events = with_venue_shown(
        events,
        at=timezone.now(),
        confirmed=member_confirmed() if with_member_status else None,
        organizer=organizer,
    )
    if not with_member_status:
        rows = _key_columns(events).values_list(*KEY_COLUMNS, "shows_venue")
        return [FeedItem("event", *row[:7], shows_venue=row[7]) for row in rows]
    rows = _key_columns(events).values_list(*KEY_COLUMNS, "shows_venue", "member_status")
    return [
        FeedItem(
            "event", *row[:7], shows_venue=row[7], variant=VARIANT_OF_STATUS.get(row[8], PUBLIC)
        )
        for row in rows
    ]


def proposal_items(proposals: QuerySet[Proposal]) -> list[FeedItem]:
    rows = _key_columns(proposals.annotate(sequence=Value(0))).values_list(*KEY_COLUMNS)
    return [FeedItem("proposal", *row) for row in rows]


def _layout_tag() -> str:
    # The site's address (the one the feed is fetched through) is in every URL; the zone
    # database in every VTIMEZONE; the sending address in every ORGANIZER.
    return (
        f"{LAYOUT_VERSION}:{absolute_url('/')}:{ical.zone_database_version()}"
        f":{settings.DEFAULT_FROM_EMAIL}"
    )


def feed_etag(identity: str, items: Iterable[FeedItem]) -> str:
    digest = hashlib.sha256(f"{_layout_tag()}|{identity}".encode())
    for item in items:
        held = "" if item.shows_venue else ":held"
        digest.update(f"|{item.version}:{item.variant}{held}".encode())
    return f'"{digest.hexdigest()[:40]}"'


def _cache_key(tag: str, item: FeedItem, language: str | None) -> str:
    version = item.version.replace(" ", "T")  # cache keys hold no spaces
    held = "" if item.shows_venue else ":held"
    return f"feeds:{tag}:{version}:{language or item.first_language}:{item.variant}{held}"


# What a VEVENT names besides the row's own fields, read for all missing entries at once.
PREFETCHED = {"event": ("cohost_groups",)}
RENDERERS: dict[str, tuple[type, Callable[..., bytes]]] = {
    "event": (Event, event_vevent),
    "proposal": (Proposal, proposal_vevent),
}


def _render(missing: list[tuple[FeedItem, str]], language: str | None) -> dict[str, bytes]:
    by_source = defaultdict(list)
    for item, key in missing:
        by_source[item.source].append((item, key))
    rendered = {}
    for source, pairs in by_source.items():
        model, render = RENDERERS[source]
        rows = model.objects.prefetch_related(*PREFETCHED.get(source, ())).in_bulk(
            [item.pk for item, _key in pairs]
        )
        for item, key in pairs:
            row = rows.get(item.pk)
            if row is not None:  # else deleted between the two queries
                lang = language or item.first_language
                rendered[key] = render(
                    row, language=lang, variant=item.variant, shows_venue=item.shows_venue
                )
    return rendered


def vevents(items: list[FeedItem], language: str | None) -> list[bytes]:
    """Each item's VEVENT in `language` (None: each in its own first language), from the cache
    where it is there, rendered and cached where not."""
    tag = hashlib.sha256(_layout_tag().encode()).hexdigest()[:12]
    keys = [_cache_key(tag, item, language) for item in items]
    found = cache.get_many(keys)
    missing = [(item, key) for item, key in zip(items, keys, strict=True) if key not in found]
    if missing:
        rendered = _render(missing, language)
        cache.set_many(rendered, VEVENT_CACHE_SECONDS)
        found.update(rendered)
    return [found[key] for key in keys if key in found]


def timezones(spans: Iterable[tuple[str, int, int]]) -> list[bytes]:
    """One VTIMEZONE per zone in the (zone, first year, last year) spans, covering those years
    and one either side."""
    years: dict[str, tuple[int, int]] = {}
    for zone_name, first_year, last_year in spans:
        if ical.zone(zone_name) is None:
            continue
        first, last = years.get(zone_name, (first_year, last_year))
        years[zone_name] = (min(first, first_year), max(last, last_year))
    return [
        ical.vtimezone(name, first - 1, last + 1) for name, (first, last) in sorted(years.items())
    ]


@dataclass(frozen=True)
class CalendarHeader:
    name: str
    description: str
    language: str


def calendar(
    header: CalendarHeader, zones: list[bytes], entries: list[bytes], *, method: str = "PUBLISH"
) -> bytes:
    """A VCALENDAR. Feeds and calendar files publish (RFC 5546, 3.2.1); a cancellation sent by
    mail is a CANCEL (3.2.5). Each entry carries the ORGANIZER both require."""
    lines = [
        ical.prop("PRODID", "-//Tadamun//Events//EN"),
        ical.prop("VERSION", "2.0"),
        ical.prop("CALSCALE", "GREGORIAN"),
        ical.prop("METHOD", method),
        ical.text("NAME", header.name, language=header.language),
        ical.text("X-WR-CALNAME", header.name, language=header.language),
        # libical refuses a property without a value: a file with no description has none.
        ical.text("X-WR-CALDESC", header.description, language=header.language)
        if header.description
        else b"",
        ical.prop("REFRESH-INTERVAL", "PT1H", value="DURATION"),
        ical.prop("X-PUBLISHED-TTL", "PT1H"),
        *zones,
        *entries,
    ]
    return ical.component("VCALENDAR", lines)


def feed_body(
    etag: str, header: CalendarHeader, items: list[FeedItem], language: str | None
) -> bytes:
    """The calendar for `items`, which `etag` (from `feed_etag`) identifies completely."""
    key = "feeds:body:" + etag.strip('"')
    body = cache.get(key)
    if body is None:
        spans = ((item.time_zone, item.first_year, item.last_year) for item in items)
        body = calendar(header, timezones(spans), vevents(items, language))
        cache.set(key, body, BODY_CACHE_SECONDS)
    return body
