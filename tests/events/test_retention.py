"""Erasing attendees' personal data PERSONAL_DATA_RETENTION_DAYS after an event ends."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from events.guests import new_guest_token
from events.models import Event, ExportLog, Rsvp
from events.selectors.events import dashboard_figures
from events.services.retention import event_personal_data_erase
from events.tasks import erase_due_personal_data, erase_event_personal_data
from notifications.enums import NoticeKind
from notifications.models import Delivery
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    RsvpFactory,
)

NEEDS = "Step-free access, please; I use a wheelchair"
GUEST_NAME = "Narges Guest"
GUEST_EMAIL = "narges@example.org"
# 20 March 2031, 22:00 UTC: thirty days on it is 20 April in Tehran, still 19 April in UTC.
ENDS = datetime(2031, 3, 20, 22, 0, tzinfo=UTC)


def ended(days_ago: float, **kwargs) -> Event:
    ends_at = timezone.now() - timedelta(days=days_ago)
    return EventFactory(starts_at=ends_at - timedelta(hours=2), ends_at=ends_at, **kwargs)


def person(name: str, **kwargs):
    return ApprovedMemberFactory(display_name=name, **kwargs)


@pytest.fixture
def past_event(db):
    """Ended 31 days ago: a member going with needs (checked in), a verified guest going with
    needs, one waiting, one maybe, one not going, and an unconfirmed guest (not counted)."""
    event = ended(31, capacity=2)
    RsvpFactory(
        event=event,
        member=person("Layla Ahmadi", email="layla@example.org"),
        interpretation="ar",
        accessibility_needs=NEEDS,
        listed_consent=True,
        checked_in_at=timezone.now() - timedelta(days=31, hours=1),
    )
    RsvpFactory(
        event=event,
        member=None,
        guest_name=GUEST_NAME,
        guest_email=GUEST_EMAIL,
        guest_language="fa",
        guest_token="d" * 64,
        interpretation="fa",
        accessibility_needs="Large print",
        listed_consent=True,
    )
    RsvpFactory(
        event=event,
        member=person("Omar Waiting"),
        status="waitlisted",
        waitlisted_at=timezone.now() - timedelta(days=40),
        interpretation="fa",
    )
    RsvpFactory(event=event, member=person("Sam Maybe"), status="maybe", interpretation="en")
    RsvpFactory(event=event, member=person("No One"), status="not_going")
    RsvpFactory(
        event=event,
        member=None,
        guest_name="Unconfirmed Guest",
        guest_email="unconfirmed@example.org",
        guest_token="u" * 64,
        verified_at=None,
    )
    return event


def erase(event: Event) -> Event:
    return event_personal_data_erase(event=event)


def personal_values(event: Event) -> list[tuple]:
    return list(
        Rsvp.objects.filter(event=event)
        .order_by("pk")
        .values_list(
            "guest_name",
            "guest_email",
            "guest_language",
            "guest_token",
            "interpretation",
            "accessibility_needs",
            "listed_consent",
            "checkin_code",
        )
    )


# What goes, what stays


@pytest.mark.django_db
def test_erasure_blanks_every_personal_field_of_every_answer(past_event):
    before = personal_values(past_event)
    assert {row[7] is not None for row in before} == {True}  # every answer had a check-in code
    member_answer = Rsvp.objects.get(event=past_event, member__display_name="Layla Ahmadi")
    guest = Rsvp.objects.get(event=past_event, guest_email=GUEST_EMAIL)
    assert (member_answer.accessibility_needs, member_answer.interpretation) == (NEEDS, "ar")
    assert (guest.guest_name, guest.guest_language, guest.guest_token) == (
        GUEST_NAME,
        "fa",
        "d" * 64,
    )

    erase(past_event)

    after = personal_values(past_event)
    assert after == [("", "", "", "", "", "", False, None)] * 5
    member_answer.refresh_from_db()
    guest.refresh_from_db()
    # The answers themselves stay: whose (for the member), what, when, checked in or not.
    assert member_answer.member.display_name == "Layla Ahmadi"
    assert (member_answer.status, member_answer.checked_in_at is not None) == ("going", True)
    assert (guest.member, guest.status, guest.verified_at is not None) == (None, "going", True)
    assert guest.display_name == "Former guest"
    past_event.refresh_from_db()
    assert past_event.personal_data_erased_at is not None
    assert past_event.personal_data_erased


@pytest.mark.django_db
def test_unconfirmed_guest_registrations_are_removed(past_event):
    erase(past_event)
    assert not Rsvp.objects.filter(event=past_event, verified_at__isnull=True, member=None)
    assert Rsvp.objects.filter(event=past_event).count() == 5


@pytest.mark.django_db
def test_other_events_answers_are_untouched(past_event):
    other = RsvpFactory(event=ended(31), accessibility_needs=NEEDS, interpretation="ar")
    erase(past_event)
    other.refresh_from_db()
    assert (other.accessibility_needs, other.interpretation) == (NEEDS, "ar")
    assert other.checkin_code


@pytest.mark.django_db
def test_dashboard_figures_are_the_same_after_erasure(past_event):
    before = dashboard_figures(past_event)
    assert before["interpretation"] == {"ar": 1, "fa": 2}
    assert before["checked_in"] == 1
    erase(past_event)
    past_event.refresh_from_db()
    assert dashboard_figures(past_event) == before


@pytest.mark.django_db
def test_dashboard_page_shows_the_same_numbers_after_erasure(past_event, organizer_client):
    def shown():
        response = organizer_client.get(f"/en/events/{past_event.pk}/dashboard/")
        assert response.status_code == 200
        context = response.context
        return (
            context["status_counts"],
            context["interpretation"],
            context["figures"]["checked_in"],
            context["chart"],
        )

    before = shown()
    assert ("Arabic", 1) in before[1]
    assert ("Persian", 2) in before[1]
    erase(past_event)
    assert shown() == before


@pytest.mark.django_db
def test_event_page_counts_are_the_same_after_erasure(past_event, client):
    def counts():
        response = client.get(f"/en/events/{past_event.pk}/")
        event = response.context["event"]
        return event.going, event.waitlisted, event.maybe

    before = counts()
    assert before == (2, 1, 1)
    erase(past_event)
    assert counts() == before


# Running again, and what is not due


@pytest.mark.django_db
def test_erasing_twice_changes_nothing_more(past_event):
    erased = erase(past_event)
    figures = dashboard_figures(erased)
    values = personal_values(past_event)
    again = erase(past_event)
    assert again.personal_data_erased_at == erased.personal_data_erased_at
    assert again.erased_interpretation_counts == {"ar": 1, "fa": 2}
    assert dashboard_figures(again) == figures
    assert personal_values(past_event) == values


@pytest.mark.django_db
def test_event_moved_to_a_later_end_is_erased_again_and_keeps_its_counts(past_event):
    erase(past_event)
    later = timezone.now() + timedelta(days=3)
    Event.objects.filter(pk=past_event.pk).update(
        starts_at=later - timedelta(hours=2), ends_at=later
    )
    past_event.refresh_from_db()
    assert not past_event.personal_data_erased
    RsvpFactory(event=past_event, interpretation="ar", accessibility_needs=NEEDS)
    assert dashboard_figures(past_event)["interpretation"] == {"ar": 2, "fa": 2}
    erase(past_event)
    past_event.refresh_from_db()
    assert dashboard_figures(past_event)["interpretation"] == {"ar": 2, "fa": 2}
    assert not Rsvp.objects.filter(event=past_event).exclude(accessibility_needs="")


@pytest.mark.django_db
def test_task_erases_answers_given_after_an_erasure_when_the_new_end_is_due(past_event):
    # Erased, then moved to end a day after that erasure: answers given since are due in turn.
    erase(past_event)
    ends_at = timezone.now() - timedelta(days=31)
    Event.objects.filter(pk=past_event.pk).update(
        starts_at=ends_at - timedelta(hours=2),
        ends_at=ends_at,
        personal_data_erased_at=ends_at - timedelta(days=1),
    )
    late = RsvpFactory(event=past_event, interpretation="en", accessibility_needs=NEEDS)
    erase_due_personal_data()
    late.refresh_from_db()
    assert (late.interpretation, late.accessibility_needs, late.checkin_code) == ("", "", None)
    assert Event.objects.get(pk=past_event.pk).erased_interpretation_counts == {
        "ar": 1,
        "en": 1,
        "fa": 2,
    }


@pytest.mark.django_db
def test_task_erases_only_events_past_the_retention_period():
    due = RsvpFactory(event=ended(30.01), accessibility_needs=NEEDS)
    not_yet = RsvpFactory(event=ended(29.9), accessibility_needs=NEEDS)
    coming = RsvpFactory(event=EventFactory(), accessibility_needs=NEEDS)
    erase_due_personal_data()  # enqueues one task per due event; eager in unit tests
    for rsvp in (due, not_yet, coming):
        rsvp.refresh_from_db()
    assert due.accessibility_needs == ""
    assert Event.objects.get(pk=due.event_id).personal_data_erased
    assert (not_yet.accessibility_needs, coming.accessibility_needs) == (NEEDS, NEEDS)
    assert not_yet.checkin_code
    assert Event.objects.filter(personal_data_erased_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_retention_period_follows_the_setting(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 5
    due = RsvpFactory(event=ended(6), accessibility_needs=NEEDS)
    kept = RsvpFactory(event=ended(4), accessibility_needs=NEEDS)
    erase_due_personal_data()
    due.refresh_from_db()
    kept.refresh_from_db()
    assert (due.accessibility_needs, kept.accessibility_needs) == ("", NEEDS)


@pytest.mark.django_db
def test_event_task_leaves_a_not_yet_due_or_deleted_event_alone():
    kept = RsvpFactory(event=ended(2), accessibility_needs=NEEDS)
    erase_event_personal_data.delay(kept.event_id)
    erase_event_personal_data.delay(999_999)
    kept.refresh_from_db()
    assert kept.accessibility_needs == NEEDS
    assert not Event.objects.filter(personal_data_erased_at__isnull=False).exists()


@pytest.mark.django_db
def test_event_task_twice_erases_once(past_event):
    erase_event_personal_data.delay(past_event.pk)
    first = Event.objects.get(pk=past_event.pk).personal_data_erased_at
    erase_event_personal_data.delay(past_event.pk)
    assert Event.objects.get(pk=past_event.pk).personal_data_erased_at == first
    assert dashboard_figures(Event.objects.get(pk=past_event.pk))["interpretation"] == {
        "ar": 1,
        "fa": 2,
    }


# Other places that held attendees' data


@pytest.mark.django_db
def test_sending_errors_quoting_addresses_are_blanked(past_event):
    guest = Rsvp.objects.get(event=past_event, guest_email=GUEST_EMAIL)
    refused = f"SMTPRecipientsRefused: {{'{GUEST_EMAIL}': (550, b'No such user')}}"
    failed = Delivery.objects.create(
        key="failed", kind=NoticeKind.REMINDER, rsvp=guest, event=past_event, last_error=refused
    )
    elsewhere = Delivery.objects.create(
        key="elsewhere", kind=NoticeKind.REMINDER, event=ended(1), last_error=refused
    )
    erase(past_event)
    failed.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (failed.last_error, elsewhere.last_error) == ("", refused)


@pytest.mark.django_db
def test_guest_link_stops_working_after_erasure(client):
    token, digest = new_guest_token()
    guest = RsvpFactory(
        event=ended(31), member=None, guest_name=GUEST_NAME, guest_email=GUEST_EMAIL
    )
    Rsvp.objects.filter(pk=guest.pk).update(guest_token=digest)
    path = f"/en/events/{guest.event_id}/guest/{token}/"
    assert client.get(path).status_code == 200
    erase(guest.event)
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_old_check_in_code_no_longer_finds_anyone(past_event, organizer_client):
    code = Rsvp.objects.filter(event=past_event, member__isnull=False).first().checkin_code
    erase(past_event)
    response = organizer_client.get(f"/en/events/{past_event.pk}/check-in/code/{code}/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{past_event.pk}/check-in/"


@pytest.mark.django_db
def test_organizer_pages_name_no_one_after_erasure(past_event, organizer_client):
    base = f"/en/events/{past_event.pk}/"
    assert "Layla Ahmadi" in organizer_client.get(base + "attendees/").content.decode()
    erase(past_event)
    responses = {page: organizer_client.get(base + page) for page in ["attendees/", "dashboard/"]}
    responses["check-in/"] = organizer_client.get(base + "check-in/")
    responses["search"] = organizer_client.post(base + "check-in/", {"q": "Layla"})
    for page, response in responses.items():
        assert response.status_code == 200
        html = response.content.decode()
        for name in ("Layla Ahmadi", "Omar Waiting", "Sam Maybe", GUEST_NAME, "layla@example"):
            assert name not in html, (page, name)


# Exports


def read_csv(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.django_db
def test_exports_after_erasure_contain_no_personal_data(past_event, client):
    organizer = OrganizerFactory(display_name="Exporting Organizer")
    client.force_login(organizer)
    base = f"/en/calendar/events/{past_event.pk}/"
    personal = ["Layla", "layla@example.org", GUEST_NAME, GUEST_EMAIL, NEEDS, "Large print"]
    personal += ["Omar Waiting", "Sam Maybe", "Arabic", "Persian"]
    before = read_csv(client.get(base + "attendees.csv"))
    assert "Layla" in before
    assert NEEDS in before
    erase(past_event)

    text = read_csv(client.get(base + "attendees.csv"))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1  # the column titles only
    sheet = load_workbook(
        io.BytesIO(b"".join(client.get(base + "attendees.xlsx").streaming_content))
    ).active
    cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row]
    door = client.get(base + "door-list/").content.decode()
    for value in personal:
        assert value not in text
        assert value not in cells
        assert value not in door
    logs = ExportLog.objects.filter(event=past_event, exported_by=organizer)
    assert sorted(logs.values_list("kind", flat=True)) == [
        "attendees_csv",
        "attendees_csv",
        "attendees_xlsx",
        "door_list",
    ]


def test_export_log_keeps_who_what_and_when_only():
    fields = {field.name for field in ExportLog._meta.get_fields()}
    assert fields == {"id", "event", "exported_by", "kind", "all_emails", "language", "exported_at"}


# Pages say when


@pytest.mark.django_db
def test_edit_form_tells_organizers_the_erasure_date(organizer_client):
    event = EventFactory(starts_at=ENDS - timedelta(hours=2), ends_at=ENDS)
    html = organizer_client.get(f"/en/events/{event.pk}/edit/").content.decode()
    assert "is erased on <bdi>19 Apr 2031</bdi>." in html
    assert "the exports name no one" in html


@pytest.mark.django_db
def test_edit_form_gives_the_date_in_the_organizers_zone_calendars_and_digits(client):
    organizer = OrganizerFactory(preferred_language="fa", time_zone="Asia/Tehran")
    client.force_login(organizer)
    event = EventFactory(starts_at=ENDS - timedelta(hours=2), ends_at=ENDS)
    html = client.get(f"/fa/events/{event.pk}/edit/").content.decode()
    assert "<bdi>۱۴۱۰/۰۱/۳۱ — ۲۰ آوریل ۲۰۳۱</bdi> پاک می‌شود." in html


@pytest.mark.django_db
def test_event_page_tells_attendees_the_erasure_date_in_arabic(client):
    member = ApprovedMemberFactory(preferred_language="ar", digit_style="latn")
    client.force_login(member)
    event = EventFactory(starts_at=ENDS - timedelta(hours=2), ends_at=ENDS)
    html = client.get(f"/ar/events/{event.pk}/").content.decode()
    assert "في <bdi>19 أبريل 2031</bdi>." in html
    assert html.index('name="accessibility_needs"') < html.index('id="retention-note"')


@pytest.mark.django_db
def test_event_page_tells_guests_the_erasure_date(client):
    event = EventFactory(starts_at=ENDS - timedelta(hours=2), ends_at=ENDS, guest_registration=True)
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    assert 'name="guest_email"' in html
    assert "is erased on <bdi>19 Apr 2031</bdi>." in html


@pytest.mark.django_db
def test_event_page_says_when_the_data_was_erased_and_shows_no_check_in_code(client):
    member = ApprovedMemberFactory()
    rsvp = RsvpFactory(event=ended(31), member=member, status="going")
    client.force_login(member)
    path = f"/en/events/{rsvp.event_id}/"
    assert rsvp.checkin_code in client.get(path).content.decode()
    erase(rsvp.event)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert rsvp.checkin_code not in html
    assert "check-in/code/None" not in html
    assert "Show this code at the door" not in html
    erased_on = timezone.localdate().strftime("%-d %b %Y")
    assert f"was erased on <bdi>{erased_on}</bdi>." in html


# The member's own data


@pytest.mark.django_db
def test_members_data_download_still_works_after_erasure(past_event, client):
    layla = Rsvp.objects.get(event=past_event, member__display_name="Layla Ahmadi").member
    erase(past_event)
    client.force_login(layla)
    response = client.get("/en/members/my-data.json")
    assert response.status_code == 200
    answers = json.loads(response.content)["event_answers"]
    assert [(a["answer"], a["interpretation"], a["accessibility_needs"]) for a in answers] == [
        ("going", "", "")
    ]


@pytest.mark.django_db
def test_account_deletion_after_erasure_keeps_the_counts(past_event, client):
    layla = Rsvp.objects.get(event=past_event, member__display_name="Layla Ahmadi").member
    erase(past_event)
    past_event.refresh_from_db()
    figures = dashboard_figures(past_event)
    client.force_login(layla)
    response = client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    layla.refresh_from_db()
    assert layla.deleted_at is not None
    assert dashboard_figures(past_event) == figures


@pytest.mark.django_db
def test_admin_shows_the_erasure_without_letting_it_be_edited(past_event, admin_client):
    erase(past_event)
    response = admin_client.get(f"/admin/events/event/{past_event.pk}/change/")
    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    assert "personal_data_erased_at" not in fields
    assert "erased_interpretation_counts" not in fields
    assert "personal data erased" in response.content.decode()


# Organizer lists after erasure say why they are empty


@pytest.mark.django_db
def test_attendees_page_after_erasure_says_names_were_erased_in_persian(past_event, client):
    client.force_login(OrganizerFactory(preferred_language="fa", time_zone="Asia/Tehran"))
    erase(past_event)

    html = client.get(f"/fa/events/{past_event.pk}/attendees/").content.decode()

    assert "هنوز پاسخی" not in html  # "No answers yet."
    note = html[html.index('id="names-erased"') :]
    assert "از جمله نامشان" in note
    assert "۵ پاسخ همچنان در داشبورد شمرده می‌شوند." in note  # going, guest, waiting, maybe, not


@pytest.mark.django_db
@pytest.mark.parametrize("search", [None, "Layla"])
def test_check_in_page_after_erasure_says_names_were_erased(past_event, organizer_client, search):
    erase(past_event)
    path = f"/en/events/{past_event.pk}/check-in/"

    response = organizer_client.post(path, {"q": search}) if search else organizer_client.get(path)

    html = response.content.decode()
    assert "Nobody found.</li>" not in html  # (the offline script's copy of it is an attribute)
    erased_on = timezone.localdate().strftime("%-d %b %Y")
    assert (
        f"was erased on <bdi>{erased_on}</bdi>, names included. 5 answers still count on the"
        " dashboard." in html
    )


@pytest.mark.django_db
def test_door_list_after_erasure_says_names_were_erased(past_event, organizer_client):
    erase(past_event)
    html = organizer_client.get(f"/en/calendar/events/{past_event.pk}/door-list/").content.decode()
    assert "No answers yet." not in html
    assert "names included. 5 answers still count on the dashboard." in html


@pytest.mark.django_db
def test_pages_say_the_data_is_being_erased_once_due_and_before_the_task_runs(client):
    due = timezone.now() - timedelta(hours=1)
    ends = due - timedelta(days=30)
    event = EventFactory(starts_at=ends - timedelta(hours=2), ends_at=ends)
    member = ApprovedMemberFactory()
    RsvpFactory(event=event, member=member, status="going")
    client.force_login(member)

    html = client.get(f"/en/events/{event.pk}/").content.decode()

    assert "is erased on" not in html
    assert f"is being erased: it was due on <bdi>{due:%-d %b %Y}</bdi>." in html
