"""A change is read in one order everywhere: title, start, end, zone, format, venue, city,
country, link, status — never the database's order of keys (jsonb: shortest first)."""

from datetime import timedelta

import pytest
from django.contrib.admin import site
from django.core import mail
from django.utils import translation

from events.models import EventChange
from events.services.events import event_update
from events.services.rsvps import rsvp_set
from notifications.composers import SHOWN_CHANGES
from tests.factories import ApprovedMemberFactory, EventFactory

IN_ORDER = ["starts_at", "ends_at", "time_zone", "modality", "venue", "city", "country"]


def move_everything(event) -> None:
    event_update(
        event=event,
        editor=None,
        fields={
            "country": "FR",
            "city": "Paris",
            "venue": "Bourse du Travail",
            "modality": "hybrid",
            "meeting_link": "https://meet.example.org/joint",
            "time_zone": "Europe/Paris",
            "ends_at": event.ends_at + timedelta(hours=2),
            "starts_at": event.starts_at + timedelta(hours=1),
            "title_en": "Renamed meeting",
        },
    )


@pytest.mark.django_db
def test_event_change_keeps_the_logical_order_whatever_the_stored_order():
    event = EventFactory()
    move_everything(event)
    change = EventChange.objects.get(event=event)
    assert [field for field, _old, _new in change.ordered_changes()] == [
        "title_en",
        *IN_ORDER[:4],
        "venue",
        "city",
        "country",
        "meeting_link",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fa", "ar", "en"])
def test_change_mail_lists_start_before_end_in_every_language(
    django_capture_on_commit_callbacks, language
):
    event = EventFactory()
    member = ApprovedMemberFactory(preferred_language=language)
    rsvp_set(event=event, member=member, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move_everything(event)
    [message] = mail.outbox
    with translation.override(language):
        labels = [str(SHOWN_CHANGES[field]) for field in [*IN_ORDER, "meeting_link"]]
    lines = [line.split(":")[0] for line in message.body.splitlines() if " → " in line]
    assert lines == labels
    html = message.alternatives[0][0]
    cells = [html.index(f'font-weight:bold;">{label}</td>') for label in labels]
    assert cells == sorted(cells)


@pytest.mark.django_db
def test_admin_shows_an_event_change_in_the_same_order():
    event = EventFactory()
    move_everything(event)
    change = EventChange.objects.get(event=event)
    shown = site._registry[EventChange].changes_in_order(change)
    positions = [shown.index(f"<code>{field}</code>") for field in IN_ORDER]
    assert positions == sorted(positions)
    assert "changes" not in site._registry[EventChange].get_fields(None, change)
