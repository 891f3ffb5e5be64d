"""A person's own answer is worded as theirs («سأحضر», «می‌آیم»); lists describe someone else
(«سيحضر», «می‌آید»). The two are separate msgids, told apart by context (events/enums.py)."""

import re

import pytest
from django.core import mail

from events.services.rsvps import rsvp_set
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory

OWN = {
    "ar": {"going": "سأحضر", "maybe": "ربما أحضر", "not_going": "لن أحضر"},
    "fa": {"going": "می‌آیم", "maybe": "شاید بیایم", "not_going": "نمی‌آیم"},
}
LISTED = {
    "ar": {"going": "سيحضر", "maybe": "ربما يحضر", "not_going": "لن يحضر"},
    "fa": {"going": "می‌آید", "maybe": "شاید بیاید", "not_going": "نمی‌آید"},
}


def answer_card(html: str) -> str:
    return re.search(r'<section class="card mb-3" id="answer">.*?</section>', html, re.S).group()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
@pytest.mark.parametrize("answer", ["going", "maybe", "not_going"])
def test_event_page_shows_the_members_own_answer_in_the_first_person(client, language, answer):
    member = ApprovedMemberFactory(preferred_language=language)
    event = EventFactory()
    RsvpFactory(event=event, member=member, status=answer)
    client.force_login(member)
    card = answer_card(client.get(f"/{language}/events/{event.pk}/").content.decode())
    assert f"<strong>{OWN[language][answer]}</strong>" in card
    assert f"<strong>{LISTED[language][answer]}</strong>" not in card


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject_end", "body"),
    [
        ("ar", ": ربما أحضر", "تلقّينا ردّك: ربما أحضر."),
        ("fa", ": شاید بیایم", "پاسخ شما به دست ما رسید: شاید بیایم."),
    ],
)
def test_answer_confirmation_quotes_the_members_own_answer(
    language, subject_end, body, django_capture_on_commit_callbacks
):
    member = ApprovedMemberFactory(preferred_language=language)
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=member, answer="maybe")
    [message] = mail.outbox
    assert message.subject.endswith(subject_end)
    assert body in message.body
    assert f"<strong>{OWN[language]['maybe']}</strong>" in message.alternatives[0][0]
    assert LISTED[language]["maybe"] not in message.subject + message.body


@pytest.mark.django_db
def test_confirmation_of_a_full_event_says_the_member_is_on_the_waitlist(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    RsvpFactory(event=event, status="going")
    member = ApprovedMemberFactory(preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=member, answer="going")
    [message] = mail.outbox
    assert "تلقّينا ردّك: سأحضر (على قائمة الانتظار)." in message.body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_organizers_attendee_list_describes_each_person_in_the_third_person(client, language):
    client.force_login(OrganizerFactory(preferred_language=language))
    event = EventFactory()
    for answer in ("going", "maybe", "not_going"):
        RsvpFactory(event=event, status=answer)
    html = client.get(f"/{language}/events/{event.pk}/attendees/").content.decode()
    for answer in ("going", "maybe", "not_going"):
        assert f"<td>{LISTED[language][answer]}</td>" in html
        assert f"<td>{OWN[language][answer]}</td>" not in html
