from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from events.enums import RsvpStatus
from events.errors import RsvpRefused
from events.models import Rsvp
from events.selectors.rsvps import waitlist_position
from events.services.rsvps import rsvp_set
from tests.factories import ApprovedMemberFactory, EventFactory, MemberFactory, RsvpFactory


def answer(client, event, data):
    return client.post(f"/en/events/{event.pk}/answer/", data)


@pytest.mark.django_db
def test_member_answers_going_with_interpretation_and_needs(member_client, member):
    event = EventFactory(interpretation_fa=True, capacity=10)
    response = answer(
        member_client,
        event,
        {
            "answer": "going",
            "interpretation": "fa",
            "accessibility_needs": "Step-free access",
            "listed_consent": "on",
        },
    )
    assert response.status_code == 302
    rsvp = Rsvp.objects.get(event=event, member=member)
    assert rsvp.status == RsvpStatus.GOING
    assert rsvp.interpretation == "fa"
    assert rsvp.accessibility_needs == "Step-free access"
    assert rsvp.listed_consent


@pytest.mark.django_db
def test_interpretation_not_offered_is_refused(member_client, member):
    event = EventFactory(interpretation_fa=True)
    response = answer(member_client, event, {"answer": "going", "interpretation": "ar"})
    assert response.status_code == 400
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
def test_eleventh_going_lands_on_waitlist_and_is_promoted_when_someone_cancels():
    event = EventFactory(capacity=10)
    members = ApprovedMemberFactory.create_batch(12)
    answers = [rsvp_set(event=event, member=m, answer="going") for m in members]
    assert [a.status for a in answers[:10]] == [RsvpStatus.GOING] * 10
    assert [a.status for a in answers[10:]] == [RsvpStatus.WAITLISTED] * 2
    assert [waitlist_position(a) for a in answers[10:]] == [1, 2]

    rsvp_set(event=event, member=members[3], answer="not_going")

    answers[10].refresh_from_db()
    answers[11].refresh_from_db()
    assert answers[10].status == RsvpStatus.GOING
    assert answers[10].waitlisted_at is None
    assert answers[11].status == RsvpStatus.WAITLISTED
    assert waitlist_position(answers[11]) == 1
    assert Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).count() == 10


@pytest.mark.django_db
def test_going_to_maybe_frees_the_place_for_the_waitlist():
    event = EventFactory(capacity=1)
    first, second = ApprovedMemberFactory.create_batch(2)
    rsvp_set(event=event, member=first, answer="going")
    waiting = rsvp_set(event=event, member=second, answer="going")
    rsvp_set(event=event, member=first, answer="maybe")
    waiting.refresh_from_db()
    assert waiting.status == RsvpStatus.GOING


@pytest.mark.django_db
def test_waitlisted_member_changing_details_keeps_their_place():
    event = EventFactory(capacity=1, interpretation_ar=True)
    first, second, third = ApprovedMemberFactory.create_batch(3)
    rsvp_set(event=event, member=first, answer="going")
    waiting = rsvp_set(event=event, member=second, answer="going")
    rsvp_set(event=event, member=third, answer="going")
    changed = rsvp_set(event=event, member=second, answer="going", interpretation="ar")
    assert changed.status == RsvpStatus.WAITLISTED
    assert changed.waitlisted_at == waiting.waitlisted_at
    assert waitlist_position(changed) == 1


@pytest.mark.django_db
def test_unlimited_event_never_waitlists():
    event = EventFactory(capacity=None)
    statuses = {
        rsvp_set(event=event, member=m, answer="going").status
        for m in ApprovedMemberFactory.create_batch(25)
    }
    assert statuses == {RsvpStatus.GOING}


@pytest.mark.django_db
def test_same_answer_twice_is_refused_and_changes_nothing(member_client, member, event):
    answer(member_client, event, {"answer": "going"})
    before = Rsvp.objects.get()
    response = member_client.post(
        f"/en/events/{event.pk}/answer/", {"answer": "going"}, follow=True
    )
    assert "already answered this way" in response.content.decode()
    assert Rsvp.objects.count() == 1
    assert Rsvp.objects.get().updated_at == before.updated_at


@pytest.mark.django_db
def test_database_refuses_a_second_row_for_the_same_member(event, member):
    RsvpFactory(event=event, member=member)
    with pytest.raises(IntegrityError):
        Rsvp.objects.create(event=event, member=member, status="maybe")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "cancelled"}, "cancelled"),
        (
            {
                "starts_at": timezone.now() - timedelta(days=2),
                "ends_at": timezone.now() - timedelta(days=1),
            },
            "over",
        ),
        ({"rsvp_deadline": timezone.now() - timedelta(hours=1)}, "closed"),
    ],
)
def test_closed_events_refuse_new_answers_with_a_message(member_client, changes, message):
    event = EventFactory(**changes)
    response = member_client.post(
        f"/en/events/{event.pk}/answer/", {"answer": "going"}, follow=True
    )
    assert message in response.content.decode()
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
def test_after_the_deadline_going_members_may_still_cancel(member):
    event = EventFactory()
    rsvp_set(event=event, member=member, answer="going")
    event.rsvp_deadline = timezone.now() - timedelta(minutes=1)
    event.save()
    assert rsvp_set(event=event, member=member, answer="not_going").status == "not_going"


@pytest.mark.django_db
def test_pending_member_cannot_answer_members_only_event(client, pending_member):
    event = EventFactory(visibility="members")
    with pytest.raises(RsvpRefused):
        rsvp_set(event=event, member=pending_member, answer="going")
    client.force_login(pending_member)
    assert answer(client, event, {"answer": "going"}).status_code == 404
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
def test_pending_member_may_answer_public_event(pending_member, event):
    assert rsvp_set(event=event, member=pending_member, answer="going").status == "going"


@pytest.mark.django_db
def test_stranger_is_asked_to_sign_in_and_nothing_is_written(client, event):
    response = answer(client, event, {"answer": "going"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [{}, {"answer": "perhaps"}, {"answer": "going", "accessibility_needs": "x" * 1001}],
)
def test_bad_answers_get_a_form_error_and_change_nothing(member_client, event, data):
    response = answer(member_client, event, data)
    assert response.status_code == 400
    assert response.context["rsvp_form"].errors
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
def test_service_refuses_an_unknown_answer(member, event):
    with pytest.raises(ValidationError):
        rsvp_set(event=event, member=member, answer="perhaps")


@pytest.mark.django_db
def test_waitlisted_member_is_told_their_position(member_client, event):
    event.capacity = 0
    event.save()
    response = member_client.post(
        f"/en/events/{event.pk}/answer/", {"answer": "going"}, follow=True
    )
    assert "number 1 on the waitlist" in response.content.decode()


@pytest.mark.django_db
def test_guest_answers_awaiting_verification_hold_no_place():
    event = EventFactory(capacity=1)
    Rsvp.objects.create(event=event, guest_name="G", guest_email="g@example.org", status="going")
    member = MemberFactory()
    assert rsvp_set(event=event, member=member, answer="going").status == RsvpStatus.GOING


# An ended event takes no answers: its pages show the answer, not the form


@pytest.mark.django_db
def test_ended_events_page_shows_the_members_answer_without_the_form(client):
    member = ApprovedMemberFactory()
    ends = timezone.now() - timedelta(hours=1)
    event = EventFactory(starts_at=ends - timedelta(hours=2), ends_at=ends)
    RsvpFactory(event=event, member=member, status="going")
    client.force_login(member)

    html = client.get(f"/en/events/{event.pk}/").content.decode()

    assert "<strong>Going</strong>" in html
    assert "This event is over and no longer takes answers." in html
    assert 'name="accessibility_needs"' not in html
    assert "Change my answer" not in html
    assert f"/en/events/{event.pk}/answer/" not in html


@pytest.mark.django_db
def test_ended_events_page_offers_guests_no_registration(client):
    ends = timezone.now() - timedelta(hours=1)
    event = EventFactory(starts_at=ends - timedelta(hours=2), ends_at=ends, guest_registration=True)

    html = client.get(f"/en/events/{event.pk}/").content.decode()

    assert 'name="guest_email"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("verified", [True, False])
def test_guests_own_page_of_an_ended_event_shows_the_answer_without_the_form(client, verified):
    from events.guests import new_guest_token

    ends = timezone.now() - timedelta(hours=1)
    event = EventFactory(starts_at=ends - timedelta(hours=2), ends_at=ends, guest_registration=True)
    token, digest = new_guest_token()
    RsvpFactory(
        event=event,
        member=None,
        guest_name="Nasrin",
        guest_email="n@example.org",
        guest_token=digest,
        status="going",
        verified_at=timezone.now() - timedelta(days=2) if verified else None,
    )

    html = client.get(f"/en/events/{event.pk}/guest/{token}/").content.decode()

    assert "<strong>Going</strong>" in html
    assert "This event is over and no longer takes answers." in html
    assert "Change my answer" not in html
    assert "Confirm my answer" not in html
