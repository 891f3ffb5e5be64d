"""Destructive organizer and member actions ask first, on a page of their own, and the
organizers' optional message reaches each person's notice in their language."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from events.models import CalendarFeedToken, EventChange, Proposal, Session
from events.services.feed_tokens import feed_token_create
from notifications.models import Delivery
from tests.events.test_event_permissions import event_organizer
from tests.factories import ApprovedMemberFactory, EventFactory, ProposalFactory, RsvpFactory

CANCELLED_AR = "ألغى المنظِّمون فعالية أجبت عنها. نأسف لذلك."
OWN_WORDS_AR = "بكلمات المنظِّمين أنفسهم:"
OWN_WORDS_FA = "به گفتهٔ خود برگزارکنندگان:"
MESSAGE = 'القاعة مغلقة <b>للصيانة</b>\r\nنلتقي قريبًا & "معًا"'
MESSAGE_HTML = "القاعة مغلقة &lt;b&gt;للصيانة&lt;/b&gt;<br>نلتقي قريبًا &amp; &quot;معًا&quot;"
ORGANIZER_BLOCK = re.compile(
    r'<blockquote class="organizer-message"[^>]*dir="auto">(.*?)</blockquote>'
)
INVISIBLE = "\u200b\u200c \u200f\u2068\u2069\n\u0640"


def html_of(message) -> str:
    return message.alternatives[0][0]


def outbox_by_address() -> dict:
    return {message.to[0]: message for message in mail.outbox}


# The confirmation pages


@pytest.mark.django_db
def test_cancel_page_says_who_will_be_told_and_changes_nothing(organizer_client):
    event = EventFactory(title_en="Solidarity meeting")
    for status in ("going", "waitlisted", "maybe", "not_going"):
        waiting_since = timezone.now() if status == "waitlisted" else None
        RsvpFactory(event=event, status=status, waitlisted_at=waiting_since)

    response = organizer_client.get(f"/en/events/{event.pk}/cancel/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Cancel “<bdi>Solidarity meeting</bdi>”?" in page
    assert (
        "The 3 people who answered (going, on the waitlist or maybe) will be told by email, "
        "each in their own language." in page
    )
    assert '<textarea name="message"' in page
    assert '<input type="hidden" name="confirmed" value="1">' in page
    assert f'href="/en/events/{event.pk}/"' in page
    event.refresh_from_db()
    assert event.status == "scheduled"
    assert not EventChange.objects.exists()


@pytest.mark.django_db
def test_cancel_page_of_an_event_nobody_answered_offers_no_message(organizer_client):
    event = EventFactory()

    page = organizer_client.get(f"/en/events/{event.pk}/cancel/").content.decode()

    assert "Nobody has answered yet, so nobody will be told." in page
    assert '<textarea name="message"' not in page


@pytest.mark.django_db
def test_event_page_links_to_the_confirmation_pages_instead_of_posting(organizer_client):
    event = EventFactory()

    page = organizer_client.get(f"/en/events/{event.pk}/").content.decode()

    assert f'<a class="btn btn-outline-danger" href="/en/events/{event.pk}/cancel/">' in page
    assert f'<a class="btn btn-outline-warning" href="/en/events/{event.pk}/postpone/">' in page
    assert 'value="cancel"' not in page
    assert 'value="postpone"' not in page


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["cancel", "postpone"])
def test_a_post_without_the_confirmation_changes_nothing(organizer_client, action):
    event = EventFactory()
    RsvpFactory(event=event, status="going")

    response = organizer_client.post(f"/en/events/{event.pk}/{action}/", {"message": "Sorry"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "confirmed": ["Nothing has changed yet: confirm with the button on this page."]
    }
    event.refresh_from_db()
    assert event.status == "scheduled"
    assert event.sequence == 0
    assert not EventChange.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["cancel", "postpone"])
def test_an_old_event_page_button_is_sent_to_the_confirmation_page(organizer_client, action):
    event = EventFactory()

    response = organizer_client.post(f"/en/events/{event.pk}/status/", {"action": action})

    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/{action}/"
    event.refresh_from_db()
    assert event.status == "scheduled"
    assert not EventChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["cancel", "postpone"])
@pytest.mark.parametrize("who", ["approved member", "organizer of another event"])
def test_confirmation_page_is_404_for_others(client, action, who):
    event = EventFactory()
    viewer = (
        ApprovedMemberFactory() if who == "approved member" else event_organizer(EventFactory())
    )
    client.force_login(viewer)

    got = client.get(f"/en/events/{event.pk}/{action}/")
    posted = client.post(f"/en/events/{event.pk}/{action}/", {"confirmed": "1"})

    assert (got.status_code, posted.status_code) == (404, 404)
    event.refresh_from_db()
    assert event.status == "scheduled"


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["cancel", "postpone"])
def test_confirmation_page_sends_strangers_to_sign_in(client, action):
    event = EventFactory()

    response = client.get(f"/en/events/{event.pk}/{action}/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next=/en/events/{event.pk}/{action}/"


# The message, in every attendee's notice


@pytest.mark.django_db
def test_cancelling_with_a_message_tells_an_arabic_attendee_in_arabic(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(title_en="Solidarity meeting", title_ar="لقاء التضامن")
    arab = ApprovedMemberFactory(preferred_language="ar", time_zone="Asia/Damascus")
    english = ApprovedMemberFactory(preferred_language="en")
    RsvpFactory(event=event, member=arab, status="going")
    RsvpFactory(event=event, member=english, status="maybe")
    organizer = event_organizer(event)
    client.force_login(organizer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/ar/events/{event.pk}/cancel/", {"confirmed": "1", "message": f"  {MESSAGE}\n"}
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled"
    sent = outbox_by_address()
    arabic = html_of(sent[arab.email])
    assert '<html lang="ar" dir="rtl">' in arabic
    assert CANCELLED_AR in arabic
    assert OWN_WORDS_AR in arabic
    assert ORGANIZER_BLOCK.findall(arabic) == [MESSAGE_HTML]
    assert "لقاء التضامن" in sent[arab.email].subject
    plain = sent[arab.email].body
    assert f"{OWN_WORDS_AR}\n{MESSAGE.replace(chr(13), '')}\n" in plain
    in_english = html_of(sent[english.email])
    assert "In the organizers' own words:" in in_english
    assert ORGANIZER_BLOCK.findall(in_english) == [MESSAGE_HTML]
    assert {delivery.context["message"] for delivery in Delivery.objects.all()} == {
        MESSAGE.replace("\r\n", "\n")
    }


@pytest.mark.django_db
def test_postponing_with_a_message_tells_a_persian_attendee_in_persian(
    organizer_client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    persian = ApprovedMemberFactory(preferred_language="fa")
    RsvpFactory(event=event, member=persian, status="waitlisted", waitlisted_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            f"/en/events/{event.pk}/postpone/", {"confirmed": "1", "message": "تاریخ تازه به‌زودی"}
        )

    event.refresh_from_db()
    assert event.status == "postponed"
    [message] = mail.outbox
    html = html_of(message)
    assert '<html lang="fa" dir="rtl">' in html
    assert OWN_WORDS_FA in html
    assert ORGANIZER_BLOCK.findall(html) == ["تاریخ تازه به‌زودی"]


@pytest.mark.django_db
def test_a_message_of_only_invisible_characters_is_no_message(
    organizer_client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RsvpFactory(event=event, status="going")

    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.post(
            f"/en/events/{event.pk}/cancel/", {"confirmed": "1", "message": INVISIBLE}
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled"
    [message] = mail.outbox
    assert "own words" not in message.body
    assert ORGANIZER_BLOCK.findall(html_of(message)) == []
    assert "message" not in Delivery.objects.get().context


@pytest.mark.django_db
def test_cancelling_without_a_message_sends_the_usual_notice(
    organizer_client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    RsvpFactory(event=event, status="going")

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(f"/en/events/{event.pk}/cancel/", {"confirmed": "1"})

    [message] = mail.outbox
    assert "The organizers have cancelled an event you answered." in message.body
    assert "own words" not in message.body


@pytest.mark.django_db
def test_a_too_long_message_is_refused_in_the_readers_language_and_digits(client):
    event = EventFactory()
    RsvpFactory(event=event, status="going")
    client.force_login(event_organizer(event))

    response = client.post(
        f"/ar/events/{event.pk}/cancel/", {"confirmed": "1", "message": "ن" * 1001}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "message": ["الرسالة طويلة جدًا: الحد الأقصى ١٠٠٠ حرف."]
    }
    page = response.content.decode()
    assert '<input type="hidden" name="confirmed" value="1">' in page
    event.refresh_from_db()
    assert event.status == "scheduled"
    assert not EventChange.objects.exists()


# Removing a session


@pytest.mark.django_db
def test_session_removal_asks_first_naming_the_session(organizer_client):
    event = EventFactory()
    session = Session.objects.create(
        event=event, title_en="Opening plenary", starts_at=event.starts_at, ends_at=event.ends_at
    )

    page = organizer_client.get(f"/en/events/{event.pk}/sessions/{session.pk}/delete/")
    bare = organizer_client.post(f"/en/events/{event.pk}/sessions/{session.pk}/delete/")

    assert page.status_code == 200
    assert "Remove the session “<bdi>Opening plenary</bdi>”?" in page.content.decode()
    assert "Nobody is sent a message" in page.content.decode()
    assert bare.status_code == 400
    assert Session.objects.filter(pk=session.pk).exists()
    edit_page = organizer_client.get(f"/en/events/{event.pk}/sessions/{session.pk}/edit/")
    assert (
        f'<a class="btn btn-outline-danger" href="/en/events/{event.pk}/sessions/{session.pk}'
        '/delete/">' in edit_page.content.decode()
    )


@pytest.mark.django_db
def test_session_removal_page_is_404_for_a_member(member_client):
    event = EventFactory()
    session = Session.objects.create(
        event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )

    response = member_client.get(f"/en/events/{event.pk}/sessions/{session.pk}/delete/")

    assert response.status_code == 404


# Rejecting and withdrawing a proposal


def proposal_in_review(**overrides) -> Proposal:
    return ProposalFactory(
        state="under_review",
        submitted_at=datetime(2030, 5, 1, tzinfo=UTC),
        title_en="Joint conference",
        **overrides,
    )


@pytest.mark.django_db
def test_reject_page_names_the_proposers_who_will_be_told(organizer_client):
    proposer = ApprovedMemberFactory(display_name="Layla")
    proposal = proposal_in_review(proposer=proposer)
    proposal.co_proposers.add(ApprovedMemberFactory(display_name="Reza"))

    response = organizer_client.get(f"/en/proposals/{proposal.pk}/reject/")

    assert response.status_code == 200
    assert (
        "Its proposers, <bdi>Layla and Reza</bdi>, will be told by email, each in their own "
        "language, with your note if you write one." in response.content.decode()
    )


@pytest.mark.django_db
def test_proposal_page_links_to_the_reject_page(organizer_client):
    proposal = proposal_in_review()

    page = organizer_client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert f'href="/en/proposals/{proposal.pk}/reject/">Reject…</a>' in page
    assert 'name="note"' not in page


@pytest.mark.django_db
def test_a_rejection_without_the_confirmation_changes_nothing(organizer_client):
    proposal = proposal_in_review()

    response = organizer_client.post(f"/en/proposals/{proposal.pk}/reject/", {"note": "No."})

    assert response.status_code == 400
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_at, proposal.decision_note) == (
        "under_review",
        None,
        "",
    )


@pytest.mark.django_db
def test_rejection_note_reaches_an_arabic_proposer_as_the_organizers_words(
    organizer_client, django_capture_on_commit_callbacks
):
    proposer = ApprovedMemberFactory(preferred_language="ar")
    proposal = proposal_in_review(proposer=proposer)

    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            f"/en/proposals/{proposal.pk}/reject/", {"confirmed": "1", "note": MESSAGE}
        )

    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    [message] = mail.outbox
    html = html_of(message)
    assert '<html lang="ar" dir="rtl">' in html
    assert OWN_WORDS_AR in html
    assert ORGANIZER_BLOCK.findall(html) == [MESSAGE_HTML]


@pytest.mark.django_db
def test_a_withdrawal_asks_the_proposer_first(member_client, member):
    proposal = ProposalFactory(proposer=member, state="submitted")

    page = member_client.get(f"/en/proposals/{proposal.pk}/withdraw/")
    bare = member_client.post(f"/en/proposals/{proposal.pk}/withdraw/")

    assert page.status_code == 200
    assert "it cannot be submitted again" in page.content.decode()
    assert bare.status_code == 400
    proposal.refresh_from_db()
    assert proposal.state == "submitted"


# Turning off the private calendar


@pytest.mark.django_db
def test_turning_off_the_private_calendar_asks_first(member_client, member):
    feed_token_create(member=member)

    page = member_client.get("/en/calendar/private/off/")
    bare = member_client.post("/en/calendar/private/off/")

    assert page.status_code == 200
    assert "Its secret address stops working at once" in page.content.decode()
    assert bare.status_code == 400
    assert CalendarFeedToken.objects.filter(member=member).exists()


# Nothing to confirm: a page that would do nothing says why instead of asking


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "status", "said"),
    [
        ("cancel", "cancelled", "This event is already cancelled."),
        ("postpone", "postponed", "This event is already postponed."),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_cancelling_a_cancelled_event_says_so_instead_of_asking(
    organizer_client, action, status, said, method
):
    event = EventFactory(status=status)
    RsvpFactory(event=event, status="going")

    response = getattr(organizer_client, method)(
        f"/en/events/{event.pk}/{action}/", {"confirmed": "1"} if method == "post" else {}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/"
    assert messages_of(response) == [said]
    assert not EventChange.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["rejected", "withdrawn", "accepted"])
def test_rejecting_a_decided_or_withdrawn_proposal_says_so_instead_of_asking(
    organizer_client, state
):
    decided_at = None if state == "withdrawn" else timezone.now()
    proposal = ProposalFactory(state=state, decided_at=decided_at)

    response = organizer_client.get(f"/en/proposals/{proposal.pk}/reject/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert messages_of(response) == ["Only a proposal in review can be rejected."]
    proposal.refresh_from_db()
    assert proposal.state == state


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["withdrawn", "rejected"])
def test_withdrawing_a_withdrawn_proposal_says_so_instead_of_asking(member_client, member, state):
    decided_at = None if state == "withdrawn" else timezone.now()
    proposal = ProposalFactory(proposer=member, state=state, decided_at=decided_at)

    response = member_client.get(f"/en/proposals/{proposal.pk}/withdraw/")

    assert response.status_code == 302
    assert messages_of(response) == ["A proposal that has been decided can no longer be withdrawn."]
    proposal.refresh_from_db()
    assert proposal.state == state


@pytest.mark.django_db
def test_undoing_a_check_in_never_made_says_so_instead_of_asking(organizer_client):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=1))
    rsvp = RsvpFactory(
        event=event, status="going", member=ApprovedMemberFactory(display_name="Reza")
    )

    response = organizer_client.post(f"/en/events/{event.pk}/check-in/{rsvp.pk}/", {"undo": "1"})

    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/check-in/"
    assert messages_of(response) == ["\u2068Reza\u2069 is not checked in: nothing to undo."]
