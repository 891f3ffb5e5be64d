"""Every link in every notice opens the site's public address in the reader's language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Rsvp
from events.services.events import event_cancel, event_update
from events.services.proposals import proposal_comment, proposal_reject, proposal_submit
from events.services.rsvps import rsvp_set
from members.services import member_approve
from notifications.services.digest import weekly_digest_plan
from notifications.services.reminders import schedule_due_reminders
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    MemberFactory,
    ProposalFactory,
    RsvpFactory,
)
from tests.mail_links import links_in, links_off_site

MEETING_LINK = "https://meet.example.org/solidarity"


def sent_to(member):
    messages = [message for message in mail.outbox if message.to == [member.email]]
    assert len(messages) == 1
    return messages[0]


def assert_on_site(message, site_url, language, besides=()):
    assert links_in(message)
    assert links_off_site(message, site_url=site_url, language=language, besides=besides) == []
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{site_url}/{language}/notifications/unsubscribe/")


@pytest.fixture
def reader(db):
    return ApprovedMemberFactory(preferred_language="fa")


@pytest.mark.django_db
def test_answer_confirmation_links_open_the_site_in_the_readers_language(
    site_url, reader, django_capture_on_commit_callbacks
):
    event = EventFactory(modality="hybrid", meeting_link=MEETING_LINK)
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=reader, answer="going")
    message = sent_to(reader)
    assert f"{site_url}/fa/events/{event.pk}/" in links_in(message)
    assert_on_site(message, site_url, "fa", besides=(MEETING_LINK,))


@pytest.mark.django_db
def test_reminder_links_open_the_site_in_the_readers_language(
    site_url, reader, django_capture_on_commit_callbacks
):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=23))
    rsvp = RsvpFactory(event=event, member=reader)
    Rsvp.objects.filter(pk=rsvp.pk).update(created_at=timezone.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_due_reminders() == 1
    message = sent_to(reader)
    assert f"{site_url}/fa/events/{event.pk}/" in links_in(message)
    assert_on_site(message, site_url, "fa")


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["moved", "cancelled"])
def test_change_and_cancellation_links_open_the_site_in_the_readers_language(
    site_url, reader, change, organizer, django_capture_on_commit_callbacks
):
    event = EventFactory()
    rsvp_set(event=event, member=reader, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "moved":
            later = event.starts_at + timedelta(hours=1)
            event_update(event=event, editor=None, fields={"starts_at": later})
        else:
            event_cancel(event=event, editor=organizer)
    assert_on_site(sent_to(reader), site_url, "fa")


@pytest.mark.django_db
def test_waitlist_promotion_links_open_the_site_in_the_readers_language(
    site_url, reader, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    first = ApprovedMemberFactory()
    rsvp_set(event=event, member=first, answer="going")
    rsvp_set(event=event, member=reader, answer="going")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp_set(event=event, member=first, answer="not_going")
    promotions = [
        m for m in mail.outbox if m.to == [reader.email] and "event.ics" in str(m.attachments)
    ]
    assert promotions
    for message in promotions:
        assert_on_site(message, site_url, "fa")


@pytest.mark.django_db
def test_proposal_decision_and_comment_links_open_the_site_in_the_readers_language(
    site_url, reader, organizer, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(proposer=reader)
    proposal_submit(proposal=proposal, by=reader)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_comment(proposal=proposal, author=organizer, body="Which city?")
    assert f"{site_url}/fa/proposals/{proposal.pk}/" in links_in(sent_to(reader))
    assert_on_site(sent_to(reader), site_url, "fa")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal_reject(proposal=proposal, organizer=organizer, note="Not this year")
    assert_on_site(sent_to(reader), site_url, "fa")


@pytest.mark.django_db
def test_membership_decision_links_open_the_site_in_the_readers_language(
    site_url, organizer, django_capture_on_commit_callbacks
):
    applicant = MemberFactory(preferred_language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        member_approve(member=applicant, organizer=organizer)
    assert f"{site_url}/ar/" in links_in(sent_to(applicant))
    assert_on_site(sent_to(applicant), site_url, "ar")


@pytest.mark.django_db
def test_weekly_digest_links_open_the_site_in_the_readers_language(
    site_url, django_capture_on_commit_callbacks
):
    reader = ApprovedMemberFactory(preferred_language="ar", weekly_digest=True)
    event = EventFactory()
    with django_capture_on_commit_callbacks(execute=True):
        weekly_digest_plan()
    message = sent_to(reader)
    assert f"{site_url}/ar/events/{event.pk}/" in links_in(message)
    assert_on_site(message, site_url, "ar")
