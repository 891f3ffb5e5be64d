"""Changing an event: edits, cancellation, postponement, capacity and the programme."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages

from events.errors import EventChangeRefused
from events.models import Event, EventChange, Rsvp, Session
from events.services.events import (
    event_cancel,
    event_postpone,
    event_reschedule,
    event_update,
)
from events.signals import event_changed, rsvp_promoted
from tests.factories import EventFactory, RsvpFactory

# Whole minutes: the edit form reads and writes wall-clock times to the minute.
STARTS = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
ENDS = datetime(2030, 6, 1, 14, 0, tzinfo=UTC)


@pytest.fixture
def event(db):
    # Overrides the shared `event`: times at whole minutes, in a zone that is not UTC.
    return EventFactory(starts_at=STARTS, ends_at=ENDS, time_zone="Asia/Tehran")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def wall_clock(value: datetime | None, zone: str) -> str:
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M") if value else ""


def edit_data(event: Event, **overrides) -> dict:
    """What the edit form posts when the organizer changes nothing but `overrides`."""
    data = {
        "kind": event.kind,
        "title_ar": event.title_ar or "",
        "title_fa": event.title_fa or "",
        "title_en": event.title_en or "",
        "description_ar": event.description_ar or "",
        "description_fa": event.description_fa or "",
        "description_en": event.description_en or "",
        "starts_at": wall_clock(event.starts_at, event.time_zone),
        "ends_at": wall_clock(event.ends_at, event.time_zone),
        "time_zone": event.time_zone,
        "modality": event.modality,
        "venue": event.venue,
        "city": event.city,
        "country": event.country,
        "meeting_link": event.meeting_link,
        "visibility": event.visibility,
        "capacity": "" if event.capacity is None else str(event.capacity),
        "rsvp_deadline": wall_clock(event.rsvp_deadline, event.time_zone),
        "topics": [topic.pk for topic in event.topics.all()],
        "organizers": [person.pk for person in event.organizers.all()],
    }
    for flag in (
        "in_arabic", "in_persian", "in_english", "interpretation_ar", "interpretation_fa",
        "interpretation_en", "guest_registration",
    ):  # fmt: skip
        if getattr(event, flag):
            data[flag] = "on"
    data.update(overrides)
    return data


# The service


@pytest.mark.django_db
def test_event_update_of_start_records_edited_change_and_raises_sequence(
    event, organizer, django_capture_on_commit_callbacks
):
    RsvpFactory(event=event, status="going")
    new_start = STARTS + timedelta(hours=1)
    announced = []

    def receiver(sender, change_id, **kwargs):
        announced.append(change_id)

    event_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            updated = event_update(event=event, editor=organizer, fields={"starts_at": new_start})
    finally:
        event_changed.disconnect(receiver)
    change = EventChange.objects.get(event=event)
    assert change.kind == "edited"
    assert change.changes == {"starts_at": [STARTS.isoformat(), new_start.isoformat()]}
    assert change.changed_by == organizer
    assert change.had_attendees is True
    assert announced == [change.pk]
    assert updated.sequence == 1
    event.refresh_from_db()
    assert event.starts_at == new_start
    assert event.sequence == 1


@pytest.mark.django_db
def test_event_update_of_start_without_anyone_going_records_no_attendees(event, organizer):
    RsvpFactory(event=event, status="not_going")
    event_update(event=event, editor=organizer, fields={"starts_at": STARTS + timedelta(hours=1)})
    change = EventChange.objects.get(event=event)
    assert change.had_attendees is False


@pytest.mark.django_db
def test_event_update_of_description_only_keeps_sequence_and_records_nothing(event, organizer):
    RsvpFactory(event=event, status="going")
    event_update(event=event, editor=organizer, fields={"description_en": "New agenda."})
    event.refresh_from_db()
    assert event.description_en == "New agenda."
    assert event.sequence == 0
    assert not EventChange.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_event_update_of_capacity_is_recorded_without_raising_sequence(event, organizer):
    event_update(event=event, editor=organizer, fields={"capacity": 10})
    change = EventChange.objects.get(event=event)
    assert change.kind == "edited"
    assert change.changes == {"capacity": [None, 10]}
    event.refresh_from_db()
    assert event.capacity == 10
    assert event.sequence == 0


@pytest.mark.django_db
def test_event_update_of_place_raises_sequence_once_for_several_fields(event, organizer):
    event_update(event=event, editor=organizer, fields={"venue": "Union hall", "city": "Hamburg"})
    change = EventChange.objects.get(event=event)
    assert change.changes == {
        "venue": ["Community hall", "Union hall"],
        "city": ["Berlin", "Hamburg"],
    }
    event.refresh_from_db()
    assert event.sequence == 1


@pytest.mark.django_db
def test_event_cancel_records_cancelled_change_and_raises_sequence(event, organizer):
    RsvpFactory(event=event, status="going")
    cancelled = event_cancel(event=event, editor=organizer)
    assert cancelled.status == "cancelled"
    change = EventChange.objects.get(event=event)
    assert change.kind == "cancelled"
    assert change.changes == {"status": ["scheduled", "cancelled"]}
    assert change.changed_by == organizer
    assert change.had_attendees is True
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert event.sequence == 1


@pytest.mark.django_db
def test_event_cancel_twice_is_refused_and_records_once(event, organizer):
    event_cancel(event=event, editor=organizer)
    event.refresh_from_db()
    with pytest.raises(EventChangeRefused) as refusal:
        event_cancel(event=event, editor=organizer)
    assert refusal.value.messages == ["This event is already cancelled."]
    assert EventChange.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.sequence == 1


@pytest.mark.django_db
def test_event_cancel_with_a_stale_copy_is_refused(event, organizer):
    # Two organizers open the page; both press "cancel". The second must hear it is done already.
    stale = Event.objects.get(pk=event.pk)
    event_cancel(event=event, editor=organizer)
    with pytest.raises(EventChangeRefused) as refusal:
        event_cancel(event=stale, editor=organizer)
    assert refusal.value.messages == ["This event is already cancelled."]


@pytest.mark.django_db
def test_event_postpone_then_reschedule_records_each_and_raises_sequence_each_time(
    event, organizer
):
    event_postpone(event=event, editor=organizer)
    event.refresh_from_db()
    event_reschedule(event=event, editor=organizer)
    kinds = list(
        EventChange.objects.filter(event=event).order_by("pk").values_list("kind", "changes")
    )
    assert kinds == [
        ("postponed", {"status": ["scheduled", "postponed"]}),
        ("rescheduled", {"status": ["postponed", "scheduled"]}),
    ]
    event.refresh_from_db()
    assert event.status == "scheduled"
    assert event.sequence == 2


@pytest.mark.django_db
def test_event_postpone_twice_and_reschedule_of_scheduled_are_refused(event, organizer):
    with pytest.raises(EventChangeRefused) as scheduled:
        event_reschedule(event=event, editor=organizer)
    assert scheduled.value.messages == ["This event is already scheduled."]
    event_postpone(event=event, editor=organizer)
    event.refresh_from_db()
    with pytest.raises(EventChangeRefused) as postponed:
        event_postpone(event=event, editor=organizer)
    assert postponed.value.messages == ["This event is already postponed."]
    assert EventChange.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_event_update_capacity_below_going_is_refused_and_changes_nothing(event, organizer):
    event.capacity = 5
    event.save()
    RsvpFactory.create_batch(3, event=event, status="going")
    with pytest.raises(EventChangeRefused) as refusal:
        event_update(event=event, editor=organizer, fields={"capacity": 2, "venue": "Elsewhere"})
    assert refusal.value.messages == [
        "The capacity cannot be lower than the 3 people already going. "
        "Ask some of them to cancel first, or choose at least 3."
    ]
    event.refresh_from_db()
    assert event.capacity == 5
    assert event.venue == "Community hall"
    assert event.sequence == 0
    assert not EventChange.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_event_update_capacity_equal_to_going_is_accepted(event, organizer):
    RsvpFactory.create_batch(3, event=event, status="going")
    event_update(event=event, editor=organizer, fields={"capacity": 3})
    event.refresh_from_db()
    assert event.capacity == 3


@pytest.mark.django_db
def test_event_update_capacity_raise_promotes_first_waitlisted_in_arrival_order(
    event, organizer, django_capture_on_commit_callbacks
):
    event.capacity = 2
    event.save()
    RsvpFactory.create_batch(2, event=event, status="going")
    arrived = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    # Created last-first, so that the order of arrival is not the order of the rows.
    third = RsvpFactory(
        event=event, status="waitlisted", waitlisted_at=arrived + timedelta(minutes=3)
    )
    second = RsvpFactory(
        event=event, status="waitlisted", waitlisted_at=arrived + timedelta(minutes=2)
    )
    first = RsvpFactory(
        event=event, status="waitlisted", waitlisted_at=arrived + timedelta(minutes=1)
    )
    promoted_ids = []

    def receiver(sender, rsvp_id, **kwargs):
        promoted_ids.append(rsvp_id)

    rsvp_promoted.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            event_update(event=event, editor=organizer, fields={"capacity": 4})
    finally:
        rsvp_promoted.disconnect(receiver)
    for rsvp in (first, second, third):
        rsvp.refresh_from_db()
    assert (first.status, first.waitlisted_at) == ("going", None)
    assert (second.status, second.waitlisted_at) == ("going", None)
    assert (third.status, third.waitlisted_at) == (
        "waitlisted",
        arrived + timedelta(minutes=3),
    )
    assert promoted_ids == [first.pk, second.pk]


@pytest.mark.django_db
def test_event_update_capacity_to_unlimited_promotes_everyone_waiting(event, organizer):
    event.capacity = 1
    event.save()
    RsvpFactory(event=event, status="going")
    waiting = RsvpFactory.create_batch(
        3, event=event, status="waitlisted", waitlisted_at=datetime(2030, 1, 1, tzinfo=UTC)
    )
    event_update(event=event, editor=organizer, fields={"capacity": None})
    assert Rsvp.objects.filter(pk__in=[rsvp.pk for rsvp in waiting], status="going").count() == 3


# The edit form and the status buttons


@pytest.mark.django_db
def test_edit_form_takes_wall_clock_times_in_the_event_zone(event, organizer_client, organizer):
    RsvpFactory(event=event, status="going")
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/",
        edit_data(event, starts_at="2030-06-01T10:00", time_zone="Asia/Tehran"),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/"
    assert messages_of(response) == ["The event is saved."]
    event.refresh_from_db()
    assert event.starts_at == datetime(2030, 6, 1, 6, 30, tzinfo=UTC)
    assert event.ends_at == ENDS
    assert event.sequence == 1
    change = EventChange.objects.get(event=event)
    assert change.kind == "edited"
    assert list(change.changes) == ["starts_at"]
    old, new = change.changes["starts_at"]
    assert old == STARTS.isoformat()
    # The same instant, whichever offset it is written with.
    assert datetime.fromisoformat(new) == datetime(2030, 6, 1, 6, 30, tzinfo=UTC)
    assert change.changed_by == organizer
    assert change.had_attendees is True


@pytest.mark.django_db
def test_edit_form_shows_times_in_the_event_zone(event, organizer_client):
    response = organizer_client.get(f"/en/events/{event.pk}/edit/")
    html = response.content.decode()
    assert 'value="2030-06-01T11:30"' in html  # 08:00 UTC in Tehran (UTC+03:30)
    assert 'value="2030-06-01T17:30"' in html


@pytest.mark.django_db
def test_edit_form_with_nothing_changed_records_nothing(event, organizer_client):
    response = organizer_client.post(f"/en/events/{event.pk}/edit/", edit_data(event))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.sequence == 0
    assert not EventChange.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_edit_form_of_description_only_keeps_sequence(event, organizer_client):
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, description_en="A new agenda.")
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.description_en == "A new agenda."
    assert event.sequence == 0
    assert not EventChange.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_edit_form_capacity_below_going_states_the_number_and_changes_nothing(
    event, organizer_client
):
    event.capacity = 5
    event.save()
    RsvpFactory.create_batch(3, event=event, status="going")
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, capacity="2", venue="Elsewhere")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "capacity": [
            "The capacity cannot be lower than the 3 people already going. "
            "Ask some of them to cancel first, or choose at least 3."
        ]
    }
    event.refresh_from_db()
    assert event.capacity == 5
    assert event.venue == "Community hall"
    assert not EventChange.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_edit_form_end_before_start_is_refused(event, organizer_client):
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/",
        edit_data(event, starts_at="2030-06-01T10:00", ends_at="2030-06-01T09:00"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"ends_at": ["The end must be after the start."]}
    event.refresh_from_db()
    assert event.starts_at == STARTS


@pytest.mark.django_db
def test_edit_form_answers_closing_after_the_end_is_refused(event, organizer_client):
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, rsvp_deadline="2030-06-01T18:00")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "rsvp_deadline": ["Answers must close before the event ends."]
    }
    event.refresh_from_db()
    assert event.rsvp_deadline is None


@pytest.mark.django_db
def test_edit_form_without_any_title_is_refused(event, organizer_client):
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, title_en="", title_fa="", title_ar="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Give a title in at least one language."]
    }
    event.refresh_from_db()
    assert event.title_en.startswith("Solidarity meeting")


@pytest.mark.django_db
def test_edit_form_with_an_unknown_time_zone_is_refused(event, organizer_client):
    response = organizer_client.post(
        f"/en/events/{event.pk}/edit/", edit_data(event, time_zone="Mars/Olympus")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["time_zone"]
    event.refresh_from_db()
    assert event.time_zone == "Asia/Tehran"


@pytest.mark.django_db
def test_status_cancel_keeps_event_visible_with_its_answers(event, organizer_client, client):
    going = RsvpFactory(event=event, status="going")
    response = organizer_client.post(f"/en/events/{event.pk}/cancel/", {"confirmed": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/"
    assert messages_of(response) == ["The event is cancelled."]
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert event.sequence == 1
    assert EventChange.objects.get(event=event).kind == "cancelled"
    going.refresh_from_db()
    assert going.status == "going"
    client.logout()
    page = client.get(f"/en/events/{event.pk}/")
    assert page.status_code == 200
    assert "This event has been cancelled." in page.content.decode()
    assert page.context["event"].going == 1


@pytest.mark.django_db
def test_status_cancel_twice_is_refused_with_a_message(event, organizer_client):
    organizer_client.post(f"/en/events/{event.pk}/cancel/", {"confirmed": "1"}, follow=True)
    response = organizer_client.post(f"/en/events/{event.pk}/cancel/", {"confirmed": "1"})
    assert response.status_code == 302
    assert messages_of(response) == ["This event is already cancelled."]
    assert EventChange.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.sequence == 1


@pytest.mark.django_db
def test_status_postpone_and_reschedule_through_the_pages(event, organizer_client):
    postponed = organizer_client.post(
        f"/en/events/{event.pk}/postpone/", {"confirmed": "1"}, follow=True
    )
    assert [str(message) for message in postponed.context["messages"]] == [
        "The event is postponed."
    ]
    rescheduled = organizer_client.post(f"/en/events/{event.pk}/status/", {"action": "reschedule"})
    assert messages_of(rescheduled) == ["The event is scheduled again."]
    event.refresh_from_db()
    assert event.status == "scheduled"
    assert event.sequence == 2


@pytest.mark.django_db
def test_status_unknown_action_changes_nothing(event, organizer_client):
    response = organizer_client.post(f"/en/events/{event.pk}/status/", {"action": "delete"})
    assert response.status_code == 302
    assert messages_of(response) == ["Unknown action."]
    event.refresh_from_db()
    assert event.status == "scheduled"
    assert not EventChange.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_status_by_get_is_not_allowed(event, organizer_client):
    response = organizer_client.get(f"/en/events/{event.pk}/status/")
    assert response.status_code == 405


# The programme


def session_data(**overrides) -> dict:
    # Wall-clock times in Tehran: the event runs 11:30–17:30 there.
    data = {
        "title_en": "Opening plenary",
        "starts_at": "2030-06-01T12:00",
        "ends_at": "2030-06-01T13:00",
        "room": "Main hall",
        "language": "fa",
        "speaker_names": "Shirin, Azad",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_session_new_adds_it_to_the_programme_in_the_event_zone(event, organizer_client):
    response = organizer_client.post(f"/en/events/{event.pk}/sessions/new/", session_data())
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/programme/"
    assert messages_of(response) == ["The programme is saved."]
    session = Session.objects.get(event=event)
    assert session.title_en == "Opening plenary"
    assert session.starts_at == datetime(2030, 6, 1, 8, 30, tzinfo=UTC)
    assert session.ends_at == datetime(2030, 6, 1, 9, 30, tzinfo=UTC)
    assert (session.room, session.language, session.speaker_names) == (
        "Main hall",
        "fa",
        "Shirin, Azad",
    )
    programme = organizer_client.get(f"/en/events/{event.pk}/programme/").content.decode()
    assert "Opening plenary" in programme
    assert f"/en/events/{event.pk}/sessions/{session.pk}/edit/" in programme


@pytest.mark.django_db
def test_session_edit_changes_it_and_shows_times_in_the_event_zone(event, organizer_client):
    session = Session.objects.create(
        event=event,
        title_en="Opening plenary",
        starts_at=datetime(2030, 6, 1, 8, 30, tzinfo=UTC),
        ends_at=datetime(2030, 6, 1, 9, 30, tzinfo=UTC),
    )
    form = organizer_client.get(f"/en/events/{event.pk}/sessions/{session.pk}/edit/")
    assert 'value="2030-06-01T12:00"' in form.content.decode()
    response = organizer_client.post(
        f"/en/events/{event.pk}/sessions/{session.pk}/edit/",
        session_data(title_en="Closing plenary", starts_at="2030-06-01T16:00",
                     ends_at="2030-06-01T17:30"),
    )  # fmt: skip
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title_en == "Closing plenary"
    assert session.starts_at == datetime(2030, 6, 1, 12, 30, tzinfo=UTC)
    assert session.ends_at == ENDS
    assert Session.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_session_delete_removes_it_from_the_programme(event, organizer_client):
    session = Session.objects.create(
        event=event, title_en="Opening plenary", starts_at=STARTS, ends_at=ENDS
    )
    response = organizer_client.post(
        f"/en/events/{event.pk}/sessions/{session.pk}/delete/", {"confirmed": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/programme/"
    assert messages_of(response) == ["The session is removed from the programme."]
    assert not Session.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("starts_at", "ends_at"),
    [
        ("2030-06-01T11:00", "2030-06-01T12:00"),  # starts before the event
        ("2030-06-01T17:00", "2030-06-01T18:00"),  # ends after it
        ("2030-06-02T12:00", "2030-06-02T13:00"),  # the next day
    ],
)
def test_session_outside_the_event_times_is_refused(event, organizer_client, starts_at, ends_at):
    response = organizer_client.post(
        f"/en/events/{event.pk}/sessions/new/",
        session_data(starts_at=starts_at, ends_at=ends_at),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "starts_at": ["A session must lie within the event's own times."]
    }
    assert not Session.objects.filter(event=event).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("ends_at", ["2030-06-01T12:00", "2030-06-01T11:45"])
def test_session_ending_before_or_at_its_start_is_refused(event, organizer_client, ends_at):
    response = organizer_client.post(
        f"/en/events/{event.pk}/sessions/new/",
        session_data(starts_at="2030-06-01T12:00", ends_at=ends_at),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"ends_at": ["The end must be after the start."]}
    assert not Session.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_session_without_a_title_is_refused(event, organizer_client):
    response = organizer_client.post(
        f"/en/events/{event.pk}/sessions/new/", session_data(title_en="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Give a title in at least one language."]
    }
    assert not Session.objects.filter(event=event).exists()


@pytest.mark.django_db
def test_session_of_another_event_cannot_be_edited_or_deleted_here(event, organizer_client):
    other = EventFactory()
    session = Session.objects.create(
        event=other, title_en="Elsewhere", starts_at=other.starts_at, ends_at=other.ends_at
    )
    edit = organizer_client.post(
        f"/en/events/{event.pk}/sessions/{session.pk}/edit/", session_data()
    )
    delete = organizer_client.post(
        f"/en/events/{event.pk}/sessions/{session.pk}/delete/", {"confirmed": "1"}
    )
    assert (edit.status_code, delete.status_code) == (404, 404)
    session.refresh_from_db()
    assert session.title_en == "Elsewhere"


# Editing an event keeps its programme inside it

BERLIN_NINE = datetime(2030, 6, 3, 7, 0, tzinfo=UTC)  # 09:00 in Berlin (UTC+2 in June)
BERLIN_SIX_PM = datetime(2030, 6, 3, 16, 0, tzinfo=UTC)
ISOLATE, END_ISOLATE = "\u2068", "\u2069"  # what <bdi> is in plain text


@pytest.fixture
def conference(db):
    event = EventFactory(
        kind="conference", starts_at=BERLIN_NINE, ends_at=BERLIN_SIX_PM, time_zone="Europe/Berlin"
    )
    Session.objects.create(
        event=event,
        title_en="Closing debate",
        starts_at=datetime(2030, 6, 3, 14, 0, tzinfo=UTC),  # 16:00–18:00 in Berlin
        ends_at=BERLIN_SIX_PM,
    )
    return event


def session_times(event: Event) -> list[tuple[str, str]]:
    return [
        (
            wall_clock(session.starts_at, event.time_zone),
            wall_clock(session.ends_at, event.time_zone),
        )
        for session in Session.objects.filter(event=event).order_by("starts_at")
    ]


@pytest.mark.django_db
def test_edit_form_zone_change_keeps_the_sessions_at_their_wall_clock_times(
    conference, organizer_client, django_capture_on_commit_callbacks
):
    announced = []

    def receiver(sender, change_id, **kwargs):
        announced.append(change_id)

    event_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = organizer_client.post(
                f"/en/events/{conference.pk}/edit/", edit_data(conference, time_zone="Asia/Tehran")
            )
    finally:
        event_changed.disconnect(receiver)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert (conference.starts_at, conference.ends_at) == (
        datetime(2030, 6, 3, 5, 30, tzinfo=UTC),  # 09:00–18:00 in Tehran (UTC+3:30)
        datetime(2030, 6, 3, 14, 30, tzinfo=UTC),
    )
    assert session_times(conference) == [("2030-06-03T16:00", "2030-06-03T18:00")]
    # One change, one notice, one new calendar revision: the programme moved with the event.
    assert conference.sequence == 1
    change = EventChange.objects.get(event=conference)
    assert announced == [change.pk]
    assert set(change.changes) == {"starts_at", "ends_at", "time_zone"}


@pytest.mark.django_db
def test_event_update_moving_a_day_later_moves_each_session_with_its_day(conference, organizer):
    Session.objects.create(
        event=conference,
        title_en="Morning of day two",
        starts_at=datetime(2030, 6, 4, 7, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 4, 8, 0, tzinfo=UTC),
    )
    event_update(
        event=conference,
        editor=organizer,
        fields={"starts_at": BERLIN_NINE + timedelta(days=1), "ends_at": BERLIN_SIX_PM
                + timedelta(days=2)},
    )  # fmt: skip
    assert session_times(conference) == [
        ("2030-06-04T16:00", "2030-06-04T18:00"),
        ("2030-06-05T09:00", "2030-06-05T10:00"),
    ]


@pytest.mark.django_db
def test_event_update_of_the_start_hour_only_leaves_the_sessions_where_they_are(
    conference, organizer
):
    event_update(
        event=conference, editor=organizer, fields={"starts_at": BERLIN_NINE + timedelta(hours=1)}
    )
    assert session_times(conference) == [("2030-06-03T16:00", "2030-06-03T18:00")]


@pytest.mark.django_db
def test_edit_form_shortening_past_a_session_is_refused_naming_it_and_changes_nothing(
    conference, organizer_client
):
    response = organizer_client.post(
        f"/en/events/{conference.pk}/edit/",
        edit_data(conference, ends_at="2030-06-03T17:00", venue="Elsewhere"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": [
            "These sessions would fall outside the event's new times: "
            f"{ISOLATE}Closing debate{END_ISOLATE} (3 Jun 2030, 16:00–18:00). Move or remove "
            "them in the programme first, or choose times that include them."
        ]
    }
    conference.refresh_from_db()
    assert (conference.ends_at, conference.venue, conference.sequence) == (
        BERLIN_SIX_PM,
        "Community hall",
        0,
    )
    assert session_times(conference) == [("2030-06-03T16:00", "2030-06-03T18:00")]
    assert not EventChange.objects.filter(event=conference).exists()


@pytest.mark.django_db
def test_refusal_lists_the_sessions_in_the_readers_language_and_digits(conference, organizer):
    from django.utils import translation

    Session.objects.filter(event=conference).update(title_fa="مناظره پایانی")
    with translation.override("fa"), pytest.raises(EventChangeRefused) as refusal:
        event_update(
            event=conference,
            editor=organizer,
            fields={"starts_at": BERLIN_NINE + timedelta(hours=8)},  # 17:00, after it begins
        )
    message = refusal.value.messages[0]
    assert f"{ISOLATE}مناظره پایانی{END_ISOLATE}" in message
    assert "۱۶:۰۰–۱۸:۰۰" in message
    assert refusal.value.code == "sessions_outside"
    conference.refresh_from_db()
    assert conference.starts_at == BERLIN_NINE


@pytest.mark.django_db
def test_event_update_ending_before_its_answers_close_is_refused_with_a_message(event, organizer):
    event.rsvp_deadline = ENDS - timedelta(hours=1)
    event.save()
    with pytest.raises(EventChangeRefused) as refusal:
        event_update(event=event, editor=organizer, fields={"ends_at": ENDS - timedelta(hours=2)})
    assert refusal.value.messages == ["Answers must close before the event ends."]
    event.refresh_from_db()
    assert event.ends_at == ENDS


@pytest.mark.django_db
def test_session_save_outside_the_event_is_refused_by_the_service(conference):
    from events.services.sessions import session_save

    with pytest.raises(EventChangeRefused) as refusal:
        session_save(
            event=conference,
            session=None,
            fields={
                "title_en": "After hours",
                "starts_at": BERLIN_SIX_PM,
                "ends_at": BERLIN_SIX_PM + timedelta(hours=1),
            },
        )
    assert refusal.value.messages == ["A session must lie within the event's own times."]
    assert Session.objects.filter(event=conference).count() == 1
