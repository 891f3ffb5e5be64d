from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.enums import RsvpStatus
from events.models import Rsvp
from events.services.rsvps import rsvp_set
from notifications.models import Delivery
from tests.events.test_rsvp_concurrency import fire_at_once
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    OrganizerFactory,
    RsvpFactory,
    api_token_headers,
)

ANSWERS = "/api/v1/me/answers/"


def one(event) -> str:
    return f"{ANSWERS}{event.pk}/"


@pytest.fixture
def token(member):
    return api_token_headers(member)


@pytest.fixture
def api():
    # Like a script: no session cookie, and CSRF checked as a browser's POST would be.
    return Client(enforce_csrf_checks=True)


def post(api, headers, data, **extra):
    return api.post(ANSWERS, data, content_type="application/json", **headers, **extra)


def patch(api, headers, event, data):
    return api.patch(one(event), data, content_type="application/json", **headers)


# Answering


@pytest.mark.django_db
def test_answering_going_creates_the_answer_as_the_page_would(api, token, member, event):
    response = post(api, token, {"event": event.pk, "answer": "going"})

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "going"
    assert body["waitlist_position"] is None
    assert body["message"] == "Your answer has been saved."
    assert body["event"]["id"] == event.pk
    assert body["event"]["title"] == event.title_en
    assert body["event"]["starts_at"].endswith("Z")
    assert "no-store" in response["Cache-Control"]
    assert Rsvp.objects.get(event=event, member=member).status == RsvpStatus.GOING


@pytest.mark.django_db
def test_answer_with_needs_as_the_form_allows(api, token, member):
    event = EventFactory(interpretation_fa=True)
    group = GroupFactory()
    event.cohost_groups.add(group)
    elsewhere = GroupFactory()

    response = post(
        api,
        token,
        {
            "event": event.pk,
            "answer": "maybe",
            "interpretation": "fa",
            "accessibility_needs": "  Step-free access ",
            "listed_consent": True,
            "shared_with_groups": [group.pk, elsewhere.pk],
        },
    )

    assert response.status_code == 201
    rsvp = Rsvp.objects.get(event=event, member=member)
    assert (rsvp.status, rsvp.interpretation, rsvp.accessibility_needs, rsvp.listed_consent) == (
        "maybe",
        "fa",
        "Step-free access",
        True,
    )
    assert list(rsvp.shared_with_groups.all()) == [group]
    assert response.json()["shared_with_groups"] == [group.pk]


@pytest.mark.django_db
def test_answer_sends_the_same_confirmation_notice(
    api, token, member, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(api, token, {"event": event.pk, "answer": "going"})

    assert Delivery.objects.filter(recipient=member, event=event).count() == 1


@pytest.mark.django_db
def test_going_beyond_capacity_is_waitlisted_with_its_position(api, token):
    event = EventFactory(capacity=1)
    RsvpFactory(event=event, status="going")

    response = post(api, token, {"event": event.pk, "answer": "going"})

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 1
    assert response.json()["message"] == "The event is full. You are number 1 on the waitlist."


@pytest.mark.django_db
def test_posting_again_changes_the_answer_with_200(api, token, member, event):
    post(api, token, {"event": event.pk, "answer": "going"})

    response = post(api, token, {"event": event.pk, "answer": "maybe"})

    assert response.status_code == 200
    assert response.json()["status"] == "maybe"
    assert Rsvp.objects.filter(event=event, member=member).count() == 1


@pytest.mark.django_db
def test_a_retried_post_is_200_unchanged_and_sends_nothing(
    api, token, member, event, django_capture_on_commit_callbacks
):
    first = post(api, token, {"event": event.pk, "answer": "going"})
    before = Rsvp.objects.get(event=event, member=member)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(api, token, {"event": event.pk, "answer": "going"})

    assert response.status_code == 200
    body = response.json()
    assert body["changed"] is False
    assert body["message"] == "You have already answered this way; nothing was changed."
    assert {k: v for k, v in body.items() if k not in ("changed", "message")} == {
        k: v for k, v in first.json().items() if k not in ("changed", "message")
    }
    assert first.json()["changed"] is True
    assert callbacks == []
    assert Rsvp.objects.get(event=event, member=member).updated_at == before.updated_at


@pytest.mark.django_db
@pytest.mark.parametrize(
    "retry",
    [
        lambda api, token, event: patch(api, token, event, {"answer": "maybe"}),
        lambda api, token, event: patch(api, token, event, {}),
        lambda api, token, event: api.delete(one(event), **token),
    ],
    ids=["same-patch", "empty-patch", "second-delete"],
)
def test_retried_changes_are_200_unchanged_and_send_nothing(
    api, token, member, event, retry, django_capture_on_commit_callbacks
):
    rsvp_set(event=event, member=member, answer="going")
    assert retry(api, token, event).status_code == 200
    changed = Rsvp.objects.get(event=event, member=member)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = retry(api, token, event)

    assert response.status_code == 200
    assert response.json()["changed"] is False
    assert response.json()["status"] == changed.status
    assert callbacks == []
    assert Rsvp.objects.get(event=event, member=member).updated_at == changed.updated_at


@pytest.mark.django_db
def test_a_retry_to_a_cancelled_event_is_still_a_409(api, token, member, event):
    rsvp_set(event=event, member=member, answer="going")
    event.status = "cancelled"
    event.save(update_fields=["status"])

    response = post(api, token, {"event": event.pk, "answer": "going"})

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This event has been cancelled and no longer takes answers."
    }


@pytest.mark.django_db
def test_only_a_change_of_status_sends_a_confirmation(
    api, token, member, event, django_capture_on_commit_callbacks
):
    event.interpretation_ar = True
    event.save(update_fields=["interpretation_ar"])
    calls = [
        lambda: post(api, token, {"event": event.pk, "answer": "maybe"}),
        lambda: patch(api, token, event, {"accessibility_needs": "A ramp"}),
        lambda: patch(api, token, event, {"interpretation": "ar", "listed_consent": True}),
        lambda: patch(api, token, event, {"answer": "going"}),
    ]
    for call in calls:
        with django_capture_on_commit_callbacks(execute=True):
            assert call().json()["changed"] is True

    confirmations = Delivery.objects.filter(recipient=member, event=event)
    assert sorted(d.context["status"] for d in confirmations) == ["going", "maybe"]


@pytest.mark.django_db
def test_patch_changes_only_what_is_sent(api, token, member):
    event = EventFactory(interpretation_ar=True)
    rsvp_set(
        event=event, member=member, answer="going", interpretation="ar", accessibility_needs="Ramp"
    )

    response = patch(api, token, event, {"answer": "maybe"})

    assert response.status_code == 200
    rsvp = Rsvp.objects.get(event=event, member=member)
    assert (rsvp.status, rsvp.interpretation, rsvp.accessibility_needs) == ("maybe", "ar", "Ramp")


@pytest.mark.django_db
def test_waitlisted_member_changing_needs_keeps_their_place(api, token, member):
    event = EventFactory(capacity=1)
    RsvpFactory(event=event, status="going")
    rsvp_set(event=event, member=member, answer="going")
    later = ApprovedMemberFactory()
    rsvp_set(event=event, member=later, answer="going")

    response = patch(api, token, event, {"accessibility_needs": "A chair"})

    assert response.status_code == 200
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 1


@pytest.mark.django_db
def test_cancelling_frees_the_place_for_the_first_waiting(api, token, member):
    event = EventFactory(capacity=1)
    rsvp_set(event=event, member=member, answer="going")
    waiting = ApprovedMemberFactory()
    rsvp_set(event=event, member=waiting, answer="going")

    response = api.delete(one(event), **token)

    assert response.status_code == 200
    assert response.json()["status"] == "not_going"
    assert Rsvp.objects.get(event=event, member=waiting).status == RsvpStatus.GOING
    assert api.delete(one(event), **token).json()["changed"] is False


@pytest.mark.django_db
def test_changing_or_cancelling_an_event_not_answered_is_404(api, token, event):
    assert patch(api, token, event, {"answer": "maybe"}).status_code == 404
    assert api.delete(one(event), **token).status_code == 404
    assert api.get(one(event), **token).json() == {"detail": "You have not answered this event."}


# The event's rules


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "cancelled"}, "This event has been cancelled and no longer takes answers."),
        (
            {
                "starts_at": timezone.now() - timedelta(days=2),
                "ends_at": timezone.now() - timedelta(days=1),
            },
            "This event is over and no longer takes answers.",
        ),
    ],
)
def test_closed_events_refuse_answers_with_409(api, token, changes, message):
    event = EventFactory(**changes)

    response = post(api, token, {"event": event.pk, "answer": "going"})

    assert response.status_code == 409
    assert response.json() == {"detail": message}
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
def test_after_the_deadline_one_may_still_cancel(api, token, member):
    event = EventFactory(rsvp_deadline=timezone.now() + timedelta(days=1))
    rsvp_set(event=event, member=member, answer="going")
    event.rsvp_deadline = timezone.now() - timedelta(hours=1)
    event.save(update_fields=["rsvp_deadline"])

    refused = patch(api, token, event, {"answer": "maybe"})
    cancelled = api.delete(one(event), **token)

    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("Answers for this event closed on ")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "not_going"


@pytest.mark.django_db
def test_members_only_events_are_refused_without_a_token(api, member):
    event = EventFactory(visibility="members")
    RsvpFactory(event=event, member=member)

    assert api.get(ANSWERS).status_code == 401
    assert post(api, {}, {"event": event.pk, "answer": "going"}).status_code == 401
    assert api.get(one(event)).status_code == 401
    assert api.delete(one(event)).status_code == 401
    assert Rsvp.objects.get(event=event, member=member).status == "going"


@pytest.mark.django_db
def test_approved_member_answers_a_members_only_event(api, token):
    event = EventFactory(visibility="members")

    assert post(api, token, {"event": event.pk, "answer": "going"}).status_code == 201


@pytest.mark.django_db
def test_invite_only_event_is_404_unless_ones_group_is_invited(api, token, member):
    event = EventFactory(visibility="invite")
    group = GroupFactory()
    event.cohost_groups.add(group)

    assert post(api, token, {"event": event.pk, "answer": "going"}).json() == {
        "detail": "No such event, or not one you can answer."
    }
    GroupMembershipFactory(group=group, member=member)
    assert post(api, token, {"event": event.pk, "answer": "going"}).status_code == 201


@pytest.mark.django_db
def test_an_organizers_token_grants_nothing_organizer_only(api):
    organizer = OrganizerFactory()
    headers = api_token_headers(organizer)
    theirs = EventFactory(visibility="invite")
    theirs.organizers.add(organizer)
    invite_only = EventFactory(visibility="invite")
    invite_only.cohost_groups.add(GroupFactory())
    CoordinatorMembershipFactory()  # somebody else's group

    for event in (theirs, invite_only):
        response = post(api, headers, {"event": event.pk, "answer": "going"})
        assert response.status_code == 404
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"event": 1, "answer": "perhaps"}, "answer"),
        ({"event": "one", "answer": "going"}, "event"),
        ({"answer": "going"}, "event"),
        ({"event": 1}, "answer"),
        ({"event": 1, "answer": "going", "accessibility_needs": "x" * 1001}, "accessibility_needs"),
        ({"event": 1, "answer": "going", "shared_with_groups": "all"}, "shared_with_groups"),
        ({"event": 1, "answer": "going", "listed_consent": "perhaps"}, "listed_consent"),
    ],
)
def test_bad_input_is_400_naming_the_field(api, token, data, field):
    response = post(api, token, data)

    assert response.status_code == 400
    assert field in response.json()
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
def test_interpretation_the_event_does_not_offer_is_400(api, token, event):
    response = post(api, token, {"event": event.pk, "answer": "going", "interpretation": "fa"})

    assert response.status_code == 400
    assert response.json() == {
        "interpretation": ["This event offers no interpretation into that language."]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["not json", "[1, 2]", '{"event": 1e400}'])
def test_bodies_that_are_not_an_answer_are_400(api, token, body):
    response = api.post(ANSWERS, body, content_type="application/json", **token)

    assert response.status_code == 400


@pytest.mark.django_db
def test_an_unknown_event_is_404(api, token):
    assert post(api, token, {"event": 999999, "answer": "going"}).status_code == 404
    assert api.get(f"{ANSWERS}999999/", **token).status_code == 404


@pytest.mark.django_db
def test_answers_count_against_the_pages_rate_limit(api, token, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": (1, 3600)}
    first, second = EventFactory(), EventFactory()

    assert post(api, token, {"event": first.pk, "answer": "going"}).status_code == 201
    response = post(api, token, {"event": second.pk, "answer": "going"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert not Rsvp.objects.filter(event=second).exists()


@pytest.mark.django_db
def test_refusals_are_in_the_asked_language(api, token):
    event = EventFactory(status="cancelled")

    response = post(api, token, {"event": event.pk, "answer": "going"}, HTTP_ACCEPT_LANGUAGE="fa")

    assert response.status_code == 409
    assert response["Content-Language"] == "fa"
    assert response.json()["detail"] == "این رویداد لغو شده است و دیگر اعلام حضور نمی‌پذیرد."


@pytest.mark.django_db
def test_a_missing_token_is_told_in_the_asked_language(api):
    response = api.get(ANSWERS, HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "أرسل رمز الوصول الشخصي الخاص بك: «Authorization: Bearer <token>»."
    }


# Reading


@pytest.mark.django_db
def test_a_token_sees_only_its_owners_answers(api, token, member):
    mine = RsvpFactory(member=member, status="maybe")
    RsvpFactory(event=mine.event, status="going")  # someone else's, same event
    theirs = RsvpFactory(status="going")

    listed = api.get(ANSWERS, **token).json()["results"]

    assert [(a["event"]["id"], a["status"]) for a in listed] == [(mine.event_id, "maybe")]
    assert api.get(one(theirs.event), **token).status_code == 404


@pytest.mark.django_db
def test_answers_to_events_one_can_no_longer_see_are_not_listed(api, token, member):
    event = EventFactory(visibility="invite")
    Rsvp.objects.create(event=event, member=member, status="going")

    assert api.get(ANSWERS, **token).json()["results"] == []


@pytest.mark.django_db
def test_list_is_soonest_first_in_pages(api, token, member):
    later = RsvpFactory(member=member, event=EventFactory(starts_at=timezone.now() + timedelta(9)))
    sooner = RsvpFactory(member=member, event=EventFactory(starts_at=timezone.now() + timedelta(2)))

    first = api.get(ANSWERS, {"page_size": 1}, **token).json()
    second = api.get(first["next"], **token).json()

    assert [a["event"]["id"] for a in first["results"]] == [sooner.event_id]
    assert [a["event"]["id"] for a in second["results"]] == [later.event_id]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 12])
def test_list_queries_do_not_grow_with_answers(
    api, token, member, count, django_assert_max_num_queries
):
    event = EventFactory(capacity=1)
    RsvpFactory(event=event, status="going")
    RsvpFactory(event=event, member=member, status="waitlisted", waitlisted_at=timezone.now())
    for _ in range(count):
        RsvpFactory(member=member).event.cohost_groups.add(GroupFactory())

    with django_assert_max_num_queries(8):
        response = api.get(ANSWERS, {"page_size": 100}, **token)

    assert len(response.json()["results"]) == count + 1
    waiting = [a for a in response.json()["results"] if a["event"]["id"] == event.pk]
    assert waiting[0]["waitlist_position"] == 1


@pytest.mark.django_db
def test_the_answers_are_in_the_schema(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()

    assert "/api/v1/me/answers/" in schema
    assert "/api/v1/me/answers/{event_id}/" in schema
    assert "bearer" in schema


# At once


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_simultaneous_api_answers_for_the_last_seats_never_exceed_capacity():
    event = EventFactory(capacity=12)
    RsvpFactory.create_batch(2, event=event, status="going")  # ten seats left
    tokens = [api_token_headers(member) for member in ApprovedMemberFactory.create_batch(40)]

    def going(headers):
        return lambda: post(Client(), headers, {"event": event.pk, "answer": "going"}).json()

    answers, errors = fire_at_once([going(headers) for headers in tokens])

    assert errors == []
    assert sorted(answer["status"] for answer in answers) == ["going"] * 10 + ["waitlisted"] * 30
    positions = sorted(answer["waitlist_position"] or 0 for answer in answers)
    assert positions == [0] * 10 + list(range(1, 31))
    assert Rsvp.objects.filter(event=event, status="going").count() == 12
    assert Rsvp.objects.filter(event=event, status="waitlisted").count() == 30
