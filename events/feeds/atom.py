"""The Atom feed of coming public events (RFC 4287), one for each language:
/<lang>/events/feed.atom, with the filters of every public list (events/forms/filters.py).

An entry says what the events list says to a stranger, whoever reads it: never a members-only or
invite-only event, never a meeting link, the exact address only of an event that does not hold
it back (events/selectors/venue.py), no person's name. Texts are in the address's language and
fall back as the pages do; a title written in another language carries its own xml:lang.

Its links open the address it is fetched through, web or onion (members/links.py); its ids
name neither, so that a reader holding both, or moving from one to the other, sees the same
entries (RFC 4287, 4.2.6): tag: URIs (RFC 4151) on SITE_URL's host.
"""

import hashlib
import json
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, rfc3339_date
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from events.enums import EventStatus
from events.feeds.http import version_since
from events.forms.filters import EventFilterForm, FiltersRefused
from events.markdown import markdown_to_text
from events.models import Event
from events.models.details import CONTENT_LANGUAGES
from events.selectors.feeds import public_upcoming_events
from members.links import absolute_url
from members.lists import format_names

FEED_SIZE = 50
SUMMARY_CHARACTERS = 500
# The day the feeds' ids were first minted: a tag's date must be one on which the alliance held
# SITE_URL's domain (RFC 4151, 2.1). Never to change, or every reader's feeds become new ones.
FEED_ID_DATE = date(2026, 11, 30)


def tag_uri(day: date, specific: str) -> str:
    """A tag: URI (RFC 4151) on SITE_URL's host: the same whichever address is active."""
    return f"tag:{urlsplit(settings.SITE_URL).hostname},{day.isoformat()}:{specific}"


def written_in(event: Event, field: str, language: str) -> str:
    """The language the reader is shown `field` in: theirs when it is written, otherwise the
    first written of Arabic, Persian and English (modeltranslation's fallback order)."""
    for code in (language, *CONTENT_LANGUAGES):
        if getattr(event, f"{field}_{code}", ""):
            return code
    return language


class EventsAtomFeed(Atom1Feed):
    """Django's Atom, with each entry's title marked with its own language where it falls back,
    and topics as categories with a term (the slug) and a label (the name)."""

    def add_item_elements(self, handler, item) -> None:
        title_language = item["title_language"]
        handler.addQuickElement(
            "title",
            item["title"],
            {"xml:lang": title_language} if title_language != self.feed["language"] else {},
        )
        handler.addQuickElement("link", "", {"href": item["link"], "rel": "alternate"})
        handler.addQuickElement("published", rfc3339_date(item["pubdate"]))
        handler.addQuickElement("updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("id", item["unique_id"])
        handler.addQuickElement("summary", item["description"], {"type": "html"})
        for slug, name in item["topics"]:
            handler.addQuickElement("category", "", {"term": slug, "label": name})

    def latest_post_date(self) -> datetime:
        """The feed's <updated> (and Last-Modified): its newest entry's change, but never before
        the time this version of the feed was first served (`version_since`, as the calendar
        feeds keep it), so it moves on, not back, when an entry leaves. The version is
        what the entries say, their links left out: the same through either address."""
        said = [
            (item["unique_id"], item["title"], item["title_language"], item["description"],
             item["updateddate"].isoformat(), item["topics"])
            for item in self.items
        ]  # fmt: skip
        version = hashlib.sha256(
            json.dumps([self.feed["title"], said], ensure_ascii=False).encode()
        ).hexdigest()
        since = datetime.fromtimestamp(version_since(f"atom:{self.feed['id']}", version), UTC)
        return max([since, *(item["updateddate"] for item in self.items)])


class UpcomingEventsFeed(Feed):
    feed_type = EventsAtomFeed

    def get_object(self, request) -> EventFilterForm:
        form = EventFilterForm(request.GET)
        if not form.is_valid():
            # A feed reader shows no form error, and ignoring the filter would subscribe to
            # every event instead: a 400 saying which (events/views/atom.py), as the calendar's.
            raise FiltersRefused(form)
        return form

    @staticmethod
    def _query(form: EventFilterForm) -> str:
        query = urlencode(form.chosen_query())
        return f"?{query}" if query else ""

    def title(self, form: EventFilterForm) -> str:
        names = form.chosen_names()
        if not names:
            return gettext("Tadamun: coming events")
        joined = format_names(names, get_language() or "en")
        return gettext("Tadamun: coming events (%(filters)s)") % {"filters": joined}

    def subtitle(self) -> str:
        return gettext("Public conferences and joint actions of the alliance.")

    def description(self) -> str:
        return self.subtitle()

    def link(self, form: EventFilterForm) -> str:
        return absolute_url(reverse("events:upcoming")) + self._query(form)

    def feed_url(self, form: EventFilterForm) -> str:
        return absolute_url(reverse("events:atom")) + self._query(form)

    def feed_guid(self, form: EventFilterForm) -> str:
        # The feed's address less its host: its language and filters make it another feed.
        return tag_uri(FEED_ID_DATE, reverse("events:atom").lstrip("/") + self._query(form))

    def author_name(self) -> str:
        return gettext("Tadamun")

    def author_link(self) -> str:
        return absolute_url(reverse("home"))

    def items(self, form: EventFilterForm) -> list[Event]:
        return list(public_upcoming_events(filters=form.filters())[:FEED_SIZE])

    def item_title(self, event: Event) -> str:
        title = str(event)
        if event.status == EventStatus.CANCELLED:
            return gettext("Cancelled: %(title)s") % {"title": title}
        if event.status == EventStatus.POSTPONED:
            return gettext("Postponed: %(title)s") % {"title": title}
        return title

    def item_description(self, event: Event) -> str:
        summary = Truncator(markdown_to_text(event.description)).chars(SUMMARY_CHARACTERS)
        return render_to_string(
            "events/feeds/atom_entry.html", {"event": event, "summary": summary}
        )

    def item_link(self, event: Event) -> str:
        return absolute_url(reverse("events:detail", args=[event.pk]))

    def item_guid(self, event: Event) -> str:
        # One entry per event and language (its texts are the language's); its creation day,
        # on which the alliance held the domain, keeps the tag valid if SITE_URL ever moves.
        day = event.created_at.astimezone(UTC).date()
        return tag_uri(day, f"events/{event.pk}/{get_language() or 'en'}")

    def item_pubdate(self, event: Event):
        return event.created_at.astimezone(UTC)

    def item_updateddate(self, event: Event):
        return event.updated_at.astimezone(UTC)

    def item_extra_kwargs(self, event: Event) -> dict:
        language = get_language() or "en"
        # A title said to be cancelled or postponed is in the reader's words around it.
        title_language = (
            written_in(event, "title", language)
            if event.status == EventStatus.SCHEDULED
            else language
        )
        return {
            "title_language": title_language,
            "topics": [(topic.slug, topic.name) for topic in event.topics.all()],
        }
