"""One event, session or proposal as a VEVENT, written in one language.

Variants of an event's VEVENT: `public` (what anyone may read), `attendee` (for a confirmed
attendee, in their private feed: with the meeting link), `waitlisted` (said in the title;
tentative and leaving the time free) and `maybe` (tentative).

A cold feed renders thousands of these, so the translated phrases and URL patterns of each
language are looked up once (`phrases`), and texts are read from their language's field with
modeltranslation's own fallback order rather than by switching the active language per event.
"""

from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from events.countries import country_name
from events.enums import EventKind, EventStatus, Interpretation, Modality, ProposalState
from events.feeds import ical
from events.markdown import markdown_to_text
from events.models import Event, Proposal, Session
from events.models.details import CONTENT_LANGUAGES, EventDetails
from members.links import absolute_url
from members.lists import format_names

PUBLIC, ATTENDEE, WAITLISTED, MAYBE = "public", "attendee", "waitlisted", "maybe"
# Seen by someone who is not sure to be there: STATUS:TENTATIVE (RFC 5545, 3.8.1.11).
TENTATIVE_VARIANTS = {WAITLISTED, MAYBE}
_PLACEHOLDER_ID = 987654321
# What an address may hold unencoded in a mailto: URI (RFC 6068, 2).
MAILTO_SAFE = "@!$'()*+,;:-._~"

ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def mailto(name: str, address: str, /, **parameters: str) -> bytes:
    return ical.uri(name, "mailto:" + quote(address, safe=MAILTO_SAFE), **parameters)


@lru_cache(maxsize=8)
def _organizer(from_email: str) -> bytes:
    """ORGANIZER, which RFC 5546 (3.2.1, 3.2.5) asks of every VEVENT under a METHOD: the
    alliance's own sending address, never an organizer's personal one."""
    return mailto("ORGANIZER", parseaddr(from_email)[1] or from_email, cn="Tadamun")


def organizer() -> bytes:
    return _organizer(settings.DEFAULT_FROM_EMAIL)


def uid(kind: str, pk: int) -> str:
    """A calendar UID: stable, and never reused since database ids are not recycled. The same
    as the .ics attached to confirmation emails (notifications/attachments.py) gives, so that a
    calendar holding both has one event, not two."""
    return f"{kind}-{pk}@tadamun"


@dataclass(frozen=True)
class Phrases:
    """Everything a VEVENT says in one language, translated once."""

    site: str
    title_when: dict[str, str]
    notice: dict[str, str]
    meeting_link: str
    event_page: str
    proposal_page: str
    speakers: str
    cohosts: str
    session_language: str
    online: str
    and_online: str
    kinds: dict[str, str]
    states: dict[str, str]
    languages: dict[str, str]
    paths: dict[str, str]

    def url(self, name: str, pk: int) -> str:
        return self.site + self.paths[name].replace(str(_PLACEHOLDER_ID), str(pk))


@lru_cache(maxsize=32)
def _phrases(language: str, site_url: str) -> Phrases:
    with override(language):
        return Phrases(
            site=site_url.rstrip("/"),
            title_when={
                EventStatus.CANCELLED: _("Cancelled: %(title)s"),
                EventStatus.POSTPONED: _("Postponed: %(title)s"),
                WAITLISTED: _("On the waitlist: %(title)s"),
                "proposal": _("Proposal: %(title)s"),
            },
            notice={
                EventStatus.CANCELLED: _("This event has been cancelled."),
                EventStatus.POSTPONED: _("This event has been postponed. A new date will follow."),
            },
            meeting_link=_("Meeting link: %(link)s"),
            event_page=_("Event page: %(url)s"),
            proposal_page=_("Proposal page: %(url)s"),
            speakers=_("Speakers: %(names)s"),
            cohosts=_("Co-hosted by: %(names)s"),
            session_language=_("Language: %(language)s"),
            online=str(Modality.ONLINE.label),
            and_online=_("%(place)s, and online"),
            kinds={kind.value: str(kind.label) for kind in EventKind},
            states={state.value: str(state.label) for state in ProposalState},
            languages={code.value: str(code.label) for code in Interpretation},
            paths={
                name: reverse(name, args=[_PLACEHOLDER_ID])
                for name in ("events:detail", "events:programme", "proposals:detail")
            },
        )


def phrases(language: str) -> Phrases:
    # The address the feed is fetched through, or the one of the mail's reader (members/links.py).
    return _phrases(language, absolute_url(""))


def _translated(item, field: str, language: str) -> tuple[str, str]:
    """(text, language it is in), falling back as modeltranslation does: to the first of
    Arabic, Persian and English that is written."""
    for code in (language, *CONTENT_LANGUAGES):
        text = getattr(item, f"{field}_{code}", "")
        if text:
            return text, code
    return "", language


def _location(
    details: EventDetails, words: Phrases, language: str, link: str = "", shows_venue: bool = True
) -> str:
    if details.modality == Modality.ONLINE:
        return link or words.online
    venue = details.venue if shows_venue else ""
    parts = [venue, details.city, country_name(details.country, language)]
    place = ", ".join(part for part in parts if part)
    if details.modality == Modality.HYBRID:
        # A calendar shows LOCATION where a list shows the format: hybrid is both.
        return words.and_online % {"place": place} if place else words.online
    return place


def _summary(
    words: Phrases, title: str, title_language: str, language: str, *conditions: str
) -> bytes:
    """SUMMARY: the title, said to be cancelled, postponed, waitlisted or proposed where it is.
    LANGUAGE (RFC 5545, 3.2.10) names the title's language, and is left out where the reader's
    words around a title in another language make the text both."""
    for condition in conditions:
        if condition in words.title_when:
            said = words.title_when[condition] % {"title": title}
            return ical.text(
                "SUMMARY", said, language=title_language if title_language == language else ""
            )
    return ical.text("SUMMARY", title, language=title_language)


def _common(
    item, zone: str, sequence: int, updated_at, status: str, stamped_at=None
) -> list[bytes]:
    return [
        organizer(),
        ical.prop("DTSTAMP", ical.utc_stamp(stamped_at or updated_at)),
        ical.zoned_time("DTSTART", item.starts_at, zone),
        ical.zoned_time("DTEND", item.ends_at, zone),
        ical.prop("SEQUENCE", str(sequence)),
        ical.prop("LAST-MODIFIED", ical.utc_stamp(updated_at)),
        ical.prop("STATUS", status),
    ]


def _event_status(event: Event, variant: str) -> tuple[str, str]:
    """STATUS and TRANSP. The event's own state first: cancelled, or postponed (tentative,
    its date no longer standing). Then the reader's answer: maybe and waitlisted are tentative.
    TRANSP (RFC 5545, 3.8.2.7) is what busy-time searches see: the time is left free unless
    the reader may be there then, so a waitlisted place or a void date blocks nothing, while a
    maybe keeps it (BUSY-TENTATIVE in free/busy)."""
    status = ICAL_STATUS.get(event.status, "CONFIRMED")
    if status == "CONFIRMED" and variant in TENTATIVE_VARIANTS:
        status = "TENTATIVE"
    holds_time = event.status == EventStatus.SCHEDULED and variant != WAITLISTED
    return status, "OPAQUE" if holds_time else "TRANSPARENT"


def event_vevent(
    event: Event,
    *,
    language: str,
    variant: str = PUBLIC,
    attendee: str = "",
    stamped_at: datetime | None = None,
    shows_venue: bool = False,
) -> bytes:
    """The event's VEVENT; `attendee`, an address, is named as the one ATTENDEE (for a
    cancellation sent to that person, RFC 5546 3.2.5), never anyone else. DTSTAMP is
    `stamped_at` when given (else the event's last change): a file made for one reader's answer
    is stamped when that answer last changed too, so that of two files with the same SEQUENCE
    the later answer's wins (RFC 5546, 2.1.5). The exact address of an event that holds it
    back only with `shows_venue` (events/selectors/venue.py decides)."""
    words = phrases(language)
    status, transparency = _event_status(event, variant)
    url = words.url("events:detail", event.pk)
    link = event.meeting_link if variant == ATTENDEE else ""
    title, title_language = _translated(event, "title", language)
    description = [words.notice.get(event.status, "")]
    cohosts = [_translated(group, "name", language)[0] for group in event.cohost_groups.all()]
    if cohosts:
        description.append(words.cohosts % {"names": format_names(cohosts, language)})
    description.append(markdown_to_text(_translated(event, "description", language)[0]))
    if link:
        description.append(words.meeting_link % {"link": link})
    description.append(words.event_page % {"url": url})
    location = _location(event, words, language, link, shows_venue or not event.holds_venue_back)
    lines = [
        ical.prop("UID", uid("event", event.pk)),
        *_common(event, event.time_zone, event.sequence, event.updated_at, status, stamped_at),
        mailto("ATTENDEE", attendee) if attendee else b"",
        ical.prop("CREATED", ical.utc_stamp(event.created_at)),
        _summary(words, title, title_language, language, event.status, variant),
        ical.text("DESCRIPTION", "\n\n".join(part for part in description if part)),
        ical.text("LOCATION", location) if location else b"",
        ical.uri("URL", url),
        ical.text("CATEGORIES", words.kinds.get(event.kind, event.kind)),
        ical.uri("CONFERENCE", link, value="URI", feature="VIDEO") if link else b"",
        ical.prop("TRANSP", transparency),
    ]
    return ical.component("VEVENT", lines)


def session_vevents(
    event: Event, sessions: list[Session], *, language: str, shows_venue: bool = False
) -> list[bytes]:
    """A conference's programme, one VEVENT per session, each pointing at its event.

    Sessions keep no revision or change time of their own, so they carry the event's. The
    address as in event_vevent.
    """
    words = phrases(language)
    url = words.url("events:programme", event.pk)
    place = _location(event, words, language, shows_venue=shows_venue or not event.holds_venue_back)
    status, transparency = _event_status(event, PUBLIC)
    vevents = []
    for session in sessions:
        speakers = [str(speaker) for speaker in session.speakers.all()]
        speakers += session.speaker_name_list
        description = [words.notice.get(event.status, "")]
        if speakers:
            description.append(words.speakers % {"names": format_names(speakers, language)})
        spoken = words.languages.get(session.language, session.language)
        description.append(words.session_language % {"language": spoken})
        description.append(words.event_page % {"url": url})
        title, title_language = _translated(session, "title", language)
        location = ", ".join(part for part in (session.room, place) if part)
        lines = [
            ical.prop("UID", uid("session", session.pk)),
            *_common(session, event.time_zone, event.sequence, event.updated_at, status),
            _summary(words, title, title_language, language, event.status),
            ical.text("DESCRIPTION", "\n\n".join(part for part in description if part)),
            ical.text("LOCATION", location) if location else b"",
            ical.uri("URL", url),
            ical.prop("RELATED-TO", uid("event", event.pk)),
            ical.prop("TRANSP", transparency),
        ]
        vevents.append(ical.component("VEVENT", lines))
    return vevents


def proposal_vevent(
    proposal: Proposal, *, language: str, variant: str = PUBLIC, shows_venue: bool = True
) -> bytes:
    """A proposal not yet decided, TENTATIVE in its organizer's calendar. (`variant` and
    `shows_venue` are accepted for a uniform signature; proposals have one of each.)"""
    words = phrases(language)
    url = words.url("proposals:detail", proposal.pk)
    title, title_language = _translated(proposal, "title", language)
    description = [
        words.states.get(proposal.state, proposal.state),
        markdown_to_text(_translated(proposal, "description", language)[0]),
        words.proposal_page % {"url": url},
    ]
    location = _location(proposal, words, language)
    lines = [
        ical.prop("UID", uid("proposal", proposal.pk)),
        *_common(proposal, proposal.time_zone, 0, proposal.updated_at, "TENTATIVE"),
        _summary(words, title, title_language, language, "proposal"),
        ical.text("DESCRIPTION", "\n\n".join(part for part in description if part)),
        ical.text("LOCATION", location) if location else b"",
        ical.uri("URL", url),
        ical.text("CATEGORIES", words.kinds.get(proposal.kind, proposal.kind)),
    ]
    return ical.component("VEVENT", lines)
