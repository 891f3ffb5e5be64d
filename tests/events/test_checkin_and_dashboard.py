"""Checking people in at the door, and the organizer's dashboard."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from events.errors import RsvpRefused
from events.models import Rsvp
from events.services.rsvps import rsvp_check_in, rsvp_undo_check_in
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory

ARRIVED = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
LAYLA = "\u2068Layla Ahmadi\u2069"  # isolated: a name keeps its direction in a message


@pytest.fixture
def event(db):
    """An event starting in an hour: its check-in is open."""
    return EventFactory(starts_at=timezone.now() + timedelta(hours=1))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def page_html(client, path: str) -> str:
    """The page as HTML, after checking it rendered: a missing page hides nothing."""
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def person(name: str):
    return ApprovedMemberFactory(display_name=name)


# Check-in by search


@pytest.mark.django_db
def test_checkin_search_lists_only_people_going_whose_name_matches(event, organizer_client):
    layla = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    RsvpFactory(event=event, member=person("Omar Said"), status="going")
    RsvpFactory(
        event=event, member=person("Layla Waiting"), status="waitlisted", waitlisted_at=ARRIVED
    )
    RsvpFactory(event=event, member=person("Layla Maybe"), status="maybe")
    RsvpFactory(event=event, member=person("Layla Not"), status="not_going")
    RsvpFactory(event=EventFactory(), member=person("Layla Elsewhere"), status="going")
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/", {"q": "layla"})
    assert response.status_code == 200
    assert list(response.context["people"]) == [layla]
    html = response.content.decode()
    assert "Layla Ahmadi" in html
    assert "Layla Waiting" not in html
    assert "Omar Said" not in html


@pytest.mark.django_db
def test_a_name_searched_at_the_door_never_goes_into_the_address(event, organizer_client):
    layla = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    omar = RsvpFactory(event=event, member=person("Omar Said"), status="going")

    html = page_html(organizer_client, f"/en/events/{event.pk}/check-in/")
    from_address = organizer_client.get(f"/en/events/{event.pk}/check-in/", {"q": "Layla"})

    assert '<form method="post" class="d-flex gap-2 mb-3" role="search">' in html
    assert list(from_address.context["people"]) == [layla, omar]


@pytest.mark.django_db
def test_checkin_page_without_search_lists_everyone_going(event, organizer_client):
    going = [
        RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going"),
        RsvpFactory(event=event, member=person("Omar Said"), status="going"),
    ]
    RsvpFactory(event=event, member=person("Layla Maybe"), status="maybe")
    response = organizer_client.get(f"/en/events/{event.pk}/check-in/")
    assert list(response.context["people"]) == going


@pytest.mark.django_db
def test_checkin_search_finds_a_verified_guest_by_name(event, organizer_client):
    guest = RsvpFactory(
        event=event, member=None, guest_name="Narges Guest", guest_email="narges@example.org"
    )
    RsvpFactory(
        event=event,
        member=None,
        guest_name="Narges Unverified",
        guest_email="other@example.org",
        verified_at=None,
    )
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/", {"q": "Narges"})
    assert list(response.context["people"]) == [guest]


@pytest.mark.django_db
def test_checkin_page_query_count_does_not_grow(
    event, organizer_client, django_assert_max_num_queries
):
    RsvpFactory.create_batch(60, event=event, status="going", interpretation="ar")
    with django_assert_max_num_queries(12):
        response = organizer_client.get(f"/en/events/{event.pk}/check-in/")
    assert len(response.context["people"]) == 50


# Persian and Arabic keyboards type different letters for the same name (members/text.py).
SPELLINGS = [
    ("لیلی", "ليلى"),  # Persian yeh typed, Arabic yeh and alef maksura stored
    ("ليلى", "لیلی"),
    ("کریم", "كريم"),  # keheh typed, Arabic kaf stored
    ("كريم", "کریم"),
    ("کریم", "كَـــريم"),  # a fatha and tatweel
    ("محمدرضا", "محمد\u200cرضا"),  # ZWNJ inside a Persian name
    ("محمد\u200cرضا", "محمدرضا"),
    ("احمد", "أحمد"),
    ("فاطمه", "فاطمة"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "stored"), SPELLINGS)
def test_checkin_search_matches_a_name_typed_on_another_keyboard(
    event, organizer_client, typed, stored
):
    member = RsvpFactory(event=event, member=person(f"{stored} Ahmadi"), status="going")
    guest = RsvpFactory(
        event=event, member=None, guest_name=stored, guest_email="guest@example.org"
    )
    RsvpFactory(event=event, member=person("عمر سعيد"), status="going")
    RsvpFactory(event=event, member=person("لیلا کاظمی"), status="going")
    response = organizer_client.post(f"/fa/events/{event.pk}/check-in/", {"q": typed})
    assert response.status_code == 200
    assert sorted(response.context["people"], key=lambda rsvp: rsvp.pk) == [member, guest]


@pytest.mark.django_db
def test_checkin_search_on_another_keyboard_query_count_does_not_grow(
    event, organizer_client, django_assert_max_num_queries
):
    RsvpFactory.create_batch(60, event=event, status="going", member__display_name="ليلى")
    with django_assert_max_num_queries(12):
        response = organizer_client.post(f"/fa/events/{event.pk}/check-in/", {"q": "لیلی"})
    assert len(response.context["people"]) == 50


# Check-in by POST


@pytest.mark.django_db
def test_checkin_post_marks_arrival_time_and_organizer(event, organizer_client, organizer):
    rsvp = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    before = timezone.now()
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/{rsvp.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/check-in/"
    assert messages_of(response) == [f"{LAYLA} is checked in."]
    rsvp.refresh_from_db()
    assert before <= rsvp.checked_in_at <= timezone.now()
    assert rsvp.checked_in_by == organizer


@pytest.mark.django_db
def test_checkin_post_twice_is_harmless_and_keeps_the_first_time(event, organizer_client):
    rsvp = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    organizer_client.post(f"/en/events/{event.pk}/check-in/{rsvp.pk}/", follow=True)
    rsvp.refresh_from_db()
    first = (rsvp.checked_in_at, rsvp.checked_in_by_id)
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/{rsvp.pk}/")
    assert response.status_code == 302
    assert messages_of(response) == [f"{LAYLA} was already checked in."]
    rsvp.refresh_from_db()
    assert (rsvp.checked_in_at, rsvp.checked_in_by_id) == first


@pytest.mark.django_db
def test_checkin_twice_by_another_organizer_keeps_the_first(event, organizer):
    rsvp = RsvpFactory(event=event, status="going")
    checked, newly = rsvp_check_in(rsvp=rsvp, organizer=organizer)
    assert newly is True
    again, newly_again = rsvp_check_in(rsvp=rsvp, organizer=ApprovedMemberFactory())
    assert newly_again is False
    assert (again.checked_in_at, again.checked_in_by) == (checked.checked_in_at, organizer)


@pytest.mark.django_db
def test_checkin_undo_clears_time_and_organizer(event, organizer_client, organizer):
    rsvp = RsvpFactory(
        event=event,
        member=person("Layla Ahmadi"),
        status="going",
        checked_in_at=timezone.now(),
        checked_in_by=organizer,
    )
    response = organizer_client.post(
        f"/en/events/{event.pk}/check-in/{rsvp.pk}/", {"undo": "1", "confirmed": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/check-in/"
    assert messages_of(response) == [f"Check-in undone for {LAYLA}."]
    rsvp.refresh_from_db()
    assert (rsvp.checked_in_at, rsvp.checked_in_by) == (None, None)


@pytest.mark.django_db
def test_checkin_undo_service_clears_a_check_in(event, organizer):
    rsvp = RsvpFactory(event=event, status="going")
    rsvp_check_in(rsvp=rsvp, organizer=organizer)
    undone = rsvp_undo_check_in(rsvp=rsvp)
    assert (undone.checked_in_at, undone.checked_in_by) == (None, None)
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["waitlisted", "maybe", "not_going"])
def test_checkin_of_someone_not_going_is_refused_with_a_message(event, organizer_client, status):
    rsvp = RsvpFactory(
        event=event,
        member=person("Layla Ahmadi"),
        status=status,
        waitlisted_at=ARRIVED if status == "waitlisted" else None,
    )
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/{rsvp.pk}/")
    assert response.status_code == 302
    assert messages_of(response) == [f"{LAYLA} is not on the list of people going."]
    rsvp.refresh_from_db()
    assert (rsvp.checked_in_at, rsvp.checked_in_by) == (None, None)


@pytest.mark.django_db
def test_checkin_post_for_an_answer_to_another_event_is_404(event, organizer_client):
    elsewhere = RsvpFactory(event=EventFactory(), status="going")
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/{elsewhere.pk}/")
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.checked_in_at is None


# Check-in by QR code


@pytest.mark.django_db
def test_checkin_code_page_shows_the_person_without_checking_them_in(event, organizer_client):
    rsvp = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    response = organizer_client.get(f"/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/")
    assert response.status_code == 200
    assert response.context["rsvp"] == rsvp
    assert "Layla Ahmadi" in response.content.decode()
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


@pytest.mark.django_db
def test_checkin_code_post_checks_the_person_in(event, organizer_client, organizer):
    rsvp = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/check-in/"
    assert messages_of(response) == [f"{LAYLA} is checked in."]
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is not None
    assert rsvp.checked_in_by == organizer


@pytest.mark.django_db
def test_checkin_code_post_for_someone_waitlisted_is_refused(event, organizer_client):
    rsvp = RsvpFactory(
        event=event, member=person("Layla Ahmadi"), status="waitlisted", waitlisted_at=ARRIVED
    )
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/")
    assert messages_of(response) == [f"{LAYLA} is not on the list of people going."]
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_checkin_code_unknown_redirects_with_a_message(event, organizer_client, method):
    response = getattr(organizer_client, method)(f"/en/events/{event.pk}/check-in/code/nope/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/check-in/"
    assert messages_of(response) == ["This check-in code does not belong to this event."]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_checkin_code_from_another_event_does_not_work(event, organizer_client, method):
    elsewhere = RsvpFactory(event=EventFactory(), status="going")
    response = getattr(organizer_client, method)(
        f"/en/events/{event.pk}/check-in/code/{elsewhere.checkin_code}/"
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/check-in/"
    assert messages_of(response) == ["This check-in code does not belong to this event."]
    elsewhere.refresh_from_db()
    assert elsewhere.checked_in_at is None


# The attendee's own QR code


@pytest.mark.django_db
def test_event_page_shows_qr_code_to_an_attendee_going(member_client, member, event):
    rsvp = RsvpFactory(event=event, member=member, status="going")
    html = page_html(member_client, f"/en/events/{event.pk}/")
    assert html.count("<svg") == 1
    assert '<div class="checkin-qr"><svg' in html
    assert rsvp.checkin_code in html


@pytest.mark.django_db
@pytest.mark.parametrize("status", [None, "waitlisted", "maybe", "not_going"])
def test_event_page_has_no_qr_code_unless_going(member_client, member, event, status):
    if status is not None:
        RsvpFactory(
            event=event,
            member=member,
            status=status,
            waitlisted_at=ARRIVED if status == "waitlisted" else None,
        )
    html = page_html(member_client, f"/en/events/{event.pk}/")
    assert "<svg" not in html
    assert "checkin-qr" not in html


@pytest.mark.django_db
def test_event_page_never_shows_someone_elses_code(member_client, event):
    other = RsvpFactory(event=event, status="going")
    html = page_html(member_client, f"/en/events/{event.pk}/")
    assert other.checkin_code not in html


# The dashboard


@pytest.mark.django_db
def test_dashboard_counts_answers_by_status(event, organizer_client):
    RsvpFactory.create_batch(3, event=event, status="going")
    RsvpFactory.create_batch(2, event=event, status="waitlisted", waitlisted_at=ARRIVED)
    RsvpFactory(event=event, status="maybe")
    RsvpFactory.create_batch(4, event=event, status="not_going")
    RsvpFactory(
        event=event, member=None, guest_email="unverified@example.org", verified_at=None
    )  # an unverified guest holds no place
    RsvpFactory(event=EventFactory(), status="going")
    RsvpFactory(event=event, status="going", checked_in_at=timezone.now())
    response = organizer_client.get(f"/en/events/{event.pk}/dashboard/")
    assert response.status_code == 200
    counts = [(str(label), count) for label, count in response.context["status_counts"]]
    assert counts == [("Going", 4), ("On the waitlist", 2), ("Maybe", 1), ("Not going", 4)]
    assert response.context["figures"]["checked_in"] == 1


@pytest.mark.django_db
def test_dashboard_counts_interpretation_needs_of_people_going_or_waiting(event, organizer_client):
    RsvpFactory.create_batch(2, event=event, status="going", interpretation="ar")
    RsvpFactory(event=event, status="waitlisted", waitlisted_at=ARRIVED, interpretation="ar")
    RsvpFactory(event=event, status="going", interpretation="fa")
    RsvpFactory(event=event, status="going", interpretation="")
    RsvpFactory(event=event, status="not_going", interpretation="en")
    RsvpFactory(event=event, status="maybe", interpretation="en")
    response = organizer_client.get(f"/en/events/{event.pk}/dashboard/")
    needs = [(str(label), count) for label, count in response.context["interpretation"]]
    assert needs == [("Arabic", 3), ("Persian", 1), ("English", 0)]


@pytest.mark.django_db
def test_dashboard_shows_the_waitlist_in_arrival_order(event, organizer_client):
    # Created last-first, so that the order of arrival is not the order of the rows.
    third = RsvpFactory(
        event=event,
        member=person("Third Waiting"),
        status="waitlisted",
        waitlisted_at=ARRIVED + timedelta(minutes=3),
    )
    first = RsvpFactory(
        event=event,
        member=person("First Waiting"),
        status="waitlisted",
        waitlisted_at=ARRIVED + timedelta(minutes=1),
    )
    second = RsvpFactory(
        event=event,
        member=person("Second Waiting"),
        status="waitlisted",
        waitlisted_at=ARRIVED + timedelta(minutes=2),
    )
    RsvpFactory(event=event, member=person("Already Going"), status="going")
    response = organizer_client.get(f"/en/events/{event.pk}/dashboard/")
    assert list(response.context["waitlist"]) == [first, second, third]
    html = response.content.decode()
    assert html.index("First Waiting") < html.index("Second Waiting") < html.index("Third Waiting")
    assert "Already Going" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "digits"),
    [("fa", "", "arabext"), ("ar", "", "arab"), ("en", "", "latn"), ("fa", "latn", "latn")],
)
def test_dashboard_waitlist_numbers_follow_the_organizers_digits(
    client, event, language, digit_style, digits
):
    organizer = OrganizerFactory(preferred_language=language, digit_style=digit_style)
    event.organizers.add(organizer)
    client.force_login(organizer)
    RsvpFactory(event=event, member=person("Waiting"), status="waitlisted", waitlisted_at=ARRIVED)
    html = page_html(client, f"/{language}/events/{event.pk}/dashboard/")
    # The <ol>'s markers are drawn by the stylesheet for the style the body names.
    assert f'data-digits="{digits}"' in html
    assert "<ol>" in html


@pytest.mark.django_db
def test_dashboard_draws_registrations_over_time(event, organizer_client):
    today = timezone.now()
    for days_ago, count in [(4, 2), (1, 3)]:
        for rsvp in RsvpFactory.create_batch(count, event=event, status="going"):
            Rsvp.objects.filter(pk=rsvp.pk).update(created_at=today - timedelta(days=days_ago))
    RsvpFactory(event=event, status="not_going")
    response = organizer_client.get(f"/en/events/{event.pk}/dashboard/")
    chart = response.context["chart"]
    assert chart.max_value == 5
    assert chart.points == "30.0,114.0 570.0,30.0"
    html = response.content.decode()
    assert html.count("<polyline") == 1
    assert 'points="30.0,114.0 570.0,30.0"' in html


@pytest.mark.django_db
def test_dashboard_with_one_answer_draws_a_line_from_the_baseline(event, organizer_client):
    RsvpFactory(event=event, status="going")
    response = organizer_client.get(f"/en/events/{event.pk}/dashboard/")
    assert response.context["chart"].points == "30,170 30.0,30.0"
    assert "<polyline" in response.content.decode()


@pytest.mark.django_db
def test_dashboard_without_answers_draws_no_chart(event, organizer_client):
    response = organizer_client.get(f"/en/events/{event.pk}/dashboard/")
    html = response.content.decode()
    assert "<polyline" not in html
    assert "No answers yet." in html
    assert "Nobody is waiting." in html


@pytest.mark.django_db
@pytest.mark.parametrize("answers", [1, 200])
def test_dashboard_query_count_does_not_grow(
    event, organizer_client, django_assert_max_num_queries, answers
):
    statuses = ["going", "waitlisted", "maybe", "not_going"]
    for number in range(answers):
        status = statuses[number % 4]
        RsvpFactory(
            event=event,
            status=status,
            waitlisted_at=ARRIVED + timedelta(minutes=number) if status == "waitlisted" else None,
            interpretation=["", "ar", "fa", "en"][number % 4],
        )
    with django_assert_max_num_queries(12):
        response = organizer_client.get(f"/en/events/{event.pk}/dashboard/")
    assert response.status_code == 200
    assert sum(count for _label, count in response.context["status_counts"]) == answers
    assert "<polyline" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("answers", [1, 200])
def test_attendee_list_query_count_does_not_grow(
    event, organizer_client, django_assert_max_num_queries, answers
):
    RsvpFactory.create_batch(answers, event=event, status="going", checked_in_at=timezone.now())
    with django_assert_max_num_queries(12):
        response = organizer_client.get(f"/en/events/{event.pk}/attendees/")
    assert len(response.context["attendees"]) == answers


@pytest.mark.django_db
def test_event_organizer_sees_only_consented_addresses_on_the_attendee_list(client):
    from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory

    event = EventFactory()
    helper = OrganizerFactory()
    helper.groups.clear()  # organizes this event only, not the alliance's events
    event.organizers.add(helper)
    shy = RsvpFactory(event=event, member=ApprovedMemberFactory(), listed_consent=False)
    open_ = RsvpFactory(event=event, member=ApprovedMemberFactory(), listed_consent=True)
    client.force_login(helper)
    html = client.get(f"/en/events/{event.pk}/attendees/").content.decode()
    assert open_.member.email in html
    assert shy.member.email not in html


# Names and times on organizer pages


@pytest.mark.django_db
def test_a_name_keeps_its_direction_in_check_in_messages_in_persian(event, client):
    client.force_login(OrganizerFactory(preferred_language="fa"))
    rsvp = RsvpFactory(event=event, member=person("+98 Collective"), status="going")

    response = client.post(f"/fa/events/{event.pk}/check-in/{rsvp.pk}/")

    [message] = messages_of(response)
    assert message == "ورود \u2068+98 Collective\u2069 ثبت شد."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/events/{pk}/dashboard/",
        "/en/events/{pk}/attendees/",
        "/en/calendar/events/{pk}/door-list/",
    ],
)
def test_organizer_pages_give_times_in_the_events_zone_and_say_so(client, path):
    client.force_login(OrganizerFactory(time_zone="America/New_York"))
    event = EventFactory(time_zone="Asia/Tehran")
    waiting = person("Omar Waiting")
    RsvpFactory(event=event, member=waiting, status="waitlisted", waitlisted_at=ARRIVED)
    RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going", checked_in_at=ARRIVED)

    html = page_html(client, path.format(pk=event.pk))

    assert "Times in the event's own zone: Tehran Time." in html
    assert "15:30" in html  # 12:00 UTC in Tehran
    assert "07:00" not in html  # ... not in the organizer's New York


# Check-in hours: from 12 hours before the start to 12 hours after the end


def event_starting_in(delta: timedelta, hours: int = 2):
    starts_at = timezone.now() + delta
    return EventFactory(starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours))


@pytest.mark.django_db
def test_checkin_code_days_before_the_event_is_refused_naming_when_it_opens(organizer_client):
    event = EventFactory(
        starts_at=datetime(2030, 12, 5, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 12, 5, 19, 0, tzinfo=UTC),
    )
    rsvp = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    path = f"/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/"
    notice = "Check-in for this event opens on 5 Dec 2030, 05:00."  # the organizer: UTC

    html = page_html(organizer_client, path)
    response = organizer_client.post(path)

    assert f'id="checkin-closed">{notice}</p>' in html
    assert ">Check in</button>" not in html
    assert messages_of(response) == [notice]
    rsvp.refresh_from_db()
    assert (rsvp.checked_in_at, rsvp.checked_in_by) == (None, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "zone", "notice"),
    [
        (
            "fa",
            "Asia/Tehran",
            "ثبت ورود این رویداد از ۱۴۰۹/۰۹/۱۴ — ۵ دسامبر ۲۰۳۰، ساعت ۰۸:۳۰ باز می\u200cشود.",
        ),
        ("ar", "Asia/Damascus", "يُفتح تسجيل الحضور لهذه الفعالية في ٥ ديسمبر ٢٠٣٠، ٠٨:٠٠."),
    ],
)
def test_checkin_refusal_names_the_opening_in_the_readers_zone_and_digits(
    client, language, zone, notice
):
    organizer = OrganizerFactory(preferred_language=language, time_zone=zone)
    client.force_login(organizer)
    event = EventFactory(
        starts_at=datetime(2030, 12, 5, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 12, 5, 19, 0, tzinfo=UTC),
    )
    event.organizers.add(organizer)
    rsvp = RsvpFactory(event=event, status="going")
    response = client.post(f"/{language}/events/{event.pk}/check-in/{rsvp.pk}/")
    assert messages_of(response) == [notice]
    rsvp.refresh_from_db()
    assert rsvp.checked_in_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("delta", "open_"),
    [
        (timedelta(hours=12, minutes=5), False),
        (timedelta(hours=11, minutes=55), True),
        (-timedelta(hours=13, minutes=55), True),  # ended 11:55 ago
        (-timedelta(hours=14, minutes=5), False),  # ended 12:05 ago
    ],
)
def test_checkin_opens_12_hours_before_the_start_and_closes_12_hours_after_the_end(
    organizer, delta, open_
):
    event = event_starting_in(delta)
    rsvp = RsvpFactory(event=event, status="going")
    if open_:
        _checked, newly = rsvp_check_in(rsvp=rsvp, organizer=organizer)
        assert newly is True
    else:
        with pytest.raises(RsvpRefused) as refusal:
            rsvp_check_in(rsvp=rsvp, organizer=organizer)
        assert refusal.value.code == "checkin_closed"
    rsvp.refresh_from_db()
    assert (rsvp.checked_in_at is not None) is open_


@pytest.mark.django_db
def test_checkin_search_after_the_event_says_check_in_closed_and_offers_no_button(
    organizer_client,
):
    event = EventFactory(
        starts_at=datetime(2020, 3, 1, 17, 0, tzinfo=UTC),
        ends_at=datetime(2020, 3, 1, 19, 0, tzinfo=UTC),
    )
    rsvp = RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/", {"q": "Layla"})
    html = response.content.decode()
    assert 'id="checkin-closed">Check-in for this event closed on 2 Mar 2020, 07:00.</p>' in html
    assert "Layla Ahmadi" in html
    assert ">Check in</button>" not in html
    refused = organizer_client.post(f"/en/events/{event.pk}/check-in/{rsvp.pk}/")
    assert messages_of(refused) == ["Check-in for this event closed on 2 Mar 2020, 07:00."]


@pytest.mark.django_db
def test_checkin_search_while_open_shows_no_closed_notice(event, organizer_client):
    RsvpFactory(event=event, member=person("Layla Ahmadi"), status="going")
    html = page_html(organizer_client, f"/en/events/{event.pk}/check-in/")
    assert "checkin-closed" not in html
    assert ">Check in</button>" in html


# A re-opened code: the main action goes on to the next person, undo asks first


@pytest.mark.django_db
def test_a_reopened_code_leads_back_to_check_in_and_undo_is_small_and_apart(
    event, organizer_client
):
    rsvp = RsvpFactory(event=event, status="going", checked_in_at=timezone.now())
    html = page_html(organizer_client, f"/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/")
    assert (
        f'<a class="btn btn-primary btn-lg px-5 py-3" id="back-to-checkin" '
        f'href="/en/events/{event.pk}/check-in/">Back to check-in</a>'
    ) in html
    assert (
        '<button class="btn btn-sm btn-outline-secondary" name="undo" value="1">'
        "Undo check-in…</button>"
    ) in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "status"), [({"undo": "1"}, 200), ({"undo": "1", "confirmed": ""}, 400)]
)
def test_undo_check_in_without_confirming_asks_first_and_changes_nothing(
    event, organizer_client, organizer, data, status
):
    arrived = timezone.now()
    rsvp = RsvpFactory(
        event=event,
        member=person("Layla Ahmadi"),
        status="going",
        checked_in_at=arrived,
        checked_in_by=organizer,
    )
    response = organizer_client.post(f"/en/events/{event.pk}/check-in/{rsvp.pk}/", data)
    assert response.status_code == status
    html = response.content.decode()
    assert "Undo the check-in of <bdi>Layla Ahmadi</bdi>?" in html
    assert '<input type="hidden" name="undo" value="1">' in html
    assert ">Yes, undo the check-in</button>" in html
    rsvp.refresh_from_db()
    assert (rsvp.checked_in_at, rsvp.checked_in_by) == (arrived, organizer)


@pytest.mark.django_db
def test_checkin_search_row_of_someone_checked_in_offers_only_a_small_undo(event, organizer_client):
    RsvpFactory(
        event=event, member=person("Layla Ahmadi"), status="going", checked_in_at=timezone.now()
    )
    html = page_html(organizer_client, f"/en/events/{event.pk}/check-in/")
    assert (
        '<button class="btn btn-sm btn-outline-secondary" name="undo" value="1">'
        "Undo check-in…</button>"
    ) in html
    assert ">Check in</button>" not in html
