import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone, translation
from openpyxl import load_workbook

from events.exports.attendees import attendee_headers
from events.models import ExportLog
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory

EXPORTS = ["attendees.csv", "attendees.xlsx", "door-list/"]
INJECTIONS = ['=HYPERLINK("http://evil.example","click")', "+1 555", "-2+3", "@SUM(A1)", "\tx"]


def export_url(event, export: str, language: str = "en") -> str:
    return f"/{language}/calendar/events/{event.pk}/{export}"


def event_organizer(event, **profile):
    """Organizes this one event, with two-factor authentication, without the global role."""
    person = ApprovedMemberFactory(**profile)
    TOTP.activate(person, generate_totp_secret())
    event.organizers.add(person)
    return person


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    # Reading to the end also closes the response (the test client's wrapper does it).
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


@pytest.fixture
def full_event(db):
    """Two going (one checked in), two on the waitlist, one maybe, one not going, a verified
    guest and an unverified one (who does not count)."""
    event = EventFactory(capacity=3, time_zone="Asia/Tehran")
    start = timezone.now() - timedelta(hours=3)
    arrived = datetime(2026, 3, 1, 9, 15, tzinfo=UTC)
    RsvpFactory(
        event=event,
        member=ApprovedMemberFactory(display_name="Layla", email="layla@example.org"),
        listed_consent=True,
        interpretation="ar",
        checked_in_at=arrived,
    )
    RsvpFactory(
        event=event,
        member=ApprovedMemberFactory(display_name="رضا", email="reza@example.org"),
        accessibility_needs="Step-free access",
    )
    for number, name in enumerate(["Sam", "Shirin"]):
        RsvpFactory(
            event=event,
            member=ApprovedMemberFactory(display_name=name),
            status="waitlisted",
            waitlisted_at=start + timedelta(minutes=number),
        )
    RsvpFactory(event=event, member=ApprovedMemberFactory(display_name="Maybe"), status="maybe")
    RsvpFactory(event=event, member=ApprovedMemberFactory(display_name="No"), status="not_going")
    RsvpFactory(event=event, member=None, guest_name="Guest", guest_email="guest@example.org")
    RsvpFactory(
        event=event,
        member=None,
        guest_name="Unverified",
        guest_email="unverified@example.org",
        verified_at=None,
    )
    return event


@pytest.mark.django_db
def test_csv_matches_the_database(client, full_event):
    client.force_login(OrganizerFactory())
    response = client.get(export_url(full_event, "attendees.csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="tadamun-attendees-{full_event.pk}.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    assert rows == [
        [
            "Name",
            "Email address",
            "Answer",
            "Waitlist position",
            "Interpretation",
            "Accessibility needs",
            "Checked in (Tehran Time)",
        ],
        ["Layla", "layla@example.org", "Going", "", "Arabic", "", "2026-03-01 12:45"],
        ["رضا", "reza@example.org", "Going", "", "", "Step-free access", ""],
        ["Guest", "guest@example.org", "Going", "", "", "", ""],
        ["Sam", rows[4][1], "On the waitlist", "1", "", "", ""],
        ["Shirin", rows[5][1], "On the waitlist", "2", "", "", ""],
        ["Maybe", rows[6][1], "Maybe", "", "", "", ""],
        ["No", rows[7][1], "Not going", "", "", "", ""],
    ]


@pytest.mark.django_db
def test_emails_only_where_consented_unless_the_organizer_has_the_global_role(client, full_event):
    client.force_login(event_organizer(full_event))
    rows = read_csv(client.get(export_url(full_event, "attendees.csv")))
    emails = {row[0]: row[1] for row in rows[1:]}
    assert emails == {
        "Layla": "layla@example.org",
        "رضا": "",
        "Guest": "",
        "Sam": "",
        "Shirin": "",
        "Maybe": "",
        "No": "",
    }
    assert ExportLog.objects.get().all_emails is False
    client.force_login(OrganizerFactory())
    rows = read_csv(client.get(export_url(full_event, "attendees.csv")))
    assert all(row[1] for row in rows[1:])
    assert ExportLog.objects.filter(all_emails=True).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_column_headers_are_in_the_organizers_language(client, full_event, language):
    client.force_login(OrganizerFactory(preferred_language=language))
    rows = read_csv(client.get(export_url(full_event, "attendees.csv", language)))
    with translation.override(language):
        assert rows[0] == attendee_headers(full_event)
    assert rows[0][0] == {"ar": "الاسم", "fa": "نام", "en": "Name"}[language]


@pytest.mark.django_db
def test_formula_injection_is_neutralised_in_csv(client):
    event = EventFactory()
    for text in INJECTIONS:
        RsvpFactory(
            event=event,
            member=ApprovedMemberFactory(display_name=text),
            accessibility_needs=text,
        )
    client.force_login(OrganizerFactory())
    rows = read_csv(client.get(export_url(event, "attendees.csv")))
    assert [row[0] for row in rows[1:]] == ["'" + text for text in INJECTIONS]
    assert [row[5] for row in rows[1:]] == ["'" + text for text in INJECTIONS]


TYPED_AS_IS = [
    *INJECTIONS,
    "-Ali-",
    "+98 Collective",
    "+1 companion",
    "=1+1",
    "#N/A",
    "'quoted'",
    "\x01=SUM(A1)",
]


@pytest.mark.django_db
def test_xlsx_cells_read_exactly_what_was_typed_and_are_never_evaluated(client):
    event = EventFactory()
    for number, text in enumerate(TYPED_AS_IS):
        RsvpFactory(
            event=event,
            member=None,
            guest_name=text,
            guest_email=f"-ali-{number:02}@example.org",
            accessibility_needs=text,
        )
    client.force_login(OrganizerFactory())
    response = client.get(export_url(event, "attendees.xlsx"))
    sheet = read_xlsx(response)
    rows = sorted(sheet.iter_rows(min_row=2), key=lambda row: row[1].value)
    typed = [text.replace("\x01", "") for text in TYPED_AS_IS]
    assert [row[0].value for row in rows] == typed
    assert [row[1].value for row in rows] == [f"-ali-{n:02}@example.org" for n in range(len(typed))]
    assert [row[5].value for row in rows] == typed
    for row in rows:
        for cell in (row[0], row[1], row[5]):
            assert cell.data_type == "s", cell.value
            # A spreadsheet keeps such a cell text even when someone edits it and presses Enter.
            expected = cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert bool(cell.quotePrefix) is expected, cell.value


@pytest.mark.django_db
def test_xlsx_matches_the_database(client, full_event):
    client.force_login(OrganizerFactory())
    response = client.get(export_url(full_event, "attendees.xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="tadamun-attendees-{full_event.pk}.xlsx"'
    )
    sheet = read_xlsx(response)
    assert sheet.title == "Attendees"
    assert sheet.sheet_view.rightToLeft is not True
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Name"
    assert rows[1][:6] == ["Layla", "layla@example.org", "Going", None, "Arabic", None]
    assert rows[1][6].isoformat() == "2026-03-01T12:45:00"  # Tehran time, as at the door
    assert [row[0] for row in rows[1:]] == [
        "Layla", "رضا", "Guest", "Sam", "Shirin", "Maybe", "No",
    ]  # fmt: skip
    assert [row[3] for row in rows[1:]] == [None, None, None, 1, 2, None, None]
    assert rows[2][5] == "Step-free access"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "right_to_left"), [("ar", True), ("fa", True), ("en", False)])
def test_xlsx_is_right_to_left_for_arabic_and_persian(client, full_event, language, right_to_left):
    client.force_login(OrganizerFactory(preferred_language=language))
    sheet = read_xlsx(client.get(export_url(full_event, "attendees.xlsx", language)))
    assert bool(sheet.sheet_view.rightToLeft) is right_to_left
    with translation.override(language):
        assert [cell.value for cell in next(sheet.iter_rows())] == attendee_headers(full_event)


@pytest.mark.django_db
def test_xlsx_drops_characters_a_workbook_cannot_hold(client):
    event = EventFactory()
    RsvpFactory(event=event, accessibility_needs="bell\x07 and\x01 escape")
    client.force_login(OrganizerFactory())
    sheet = read_xlsx(client.get(export_url(event, "attendees.xlsx")))
    assert sheet.cell(row=2, column=6).value == "bell and escape"


@pytest.mark.django_db
def test_door_list_shows_those_going_by_name_without_emails(client, full_event):
    client.force_login(OrganizerFactory())
    response = client.get(export_url(full_event, "door-list/"))
    assert response.status_code == 200
    assert [rsvp.display_name for rsvp in response.context["people"]] == [
        "Guest", "Layla", "رضا",
    ]  # fmt: skip
    page = response.content.decode()
    assert "@example.org" not in page
    # The print layout is a style sheet of its own: the Content-Security-Policy allows no <style>.
    assert '<link rel="stylesheet" href="/static/css/door-list.css">' in page
    assert "@media print" in Path(finders.find("css/door-list.css")).read_text()
    assert "Sam" not in page


@pytest.mark.django_db
def test_door_list_is_right_to_left_in_persian(client, full_event):
    client.force_login(OrganizerFactory(preferred_language="fa"))
    page = client.get(export_url(full_event, "door-list/", "fa")).content.decode()
    assert '<html lang="fa" dir="rtl">' in page


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_every_export_is_logged(client, full_event, export):
    organizer = OrganizerFactory(preferred_language="fa")
    client.force_login(organizer)
    response = client.get(export_url(full_event, export, "fa"))
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)
    [log] = ExportLog.objects.all()
    kind = {"attendees.csv": "attendees_csv", "attendees.xlsx": "attendees_xlsx"}
    assert log.kind == kind.get(export, "door_list")
    assert (log.event, log.exported_by, log.language) == (full_event, organizer, "fa")


@pytest.mark.django_db
def test_admins_can_read_the_export_log(admin_client, full_event):
    other = Client()
    other.force_login(OrganizerFactory())
    read_csv(other.get(export_url(full_event, "attendees.csv")))
    log = ExportLog.objects.get()
    listing = admin_client.get("/admin/events/exportlog/")
    assert listing.status_code == 200
    assert admin_client.get(f"/admin/events/exportlog/{log.pk}/change/").status_code == 200
    assert admin_client.get("/admin/events/exportlog/add/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_strangers_are_asked_to_sign_in_and_get_nothing(client, full_event, export):
    response = client.get(export_url(full_event, export))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not ExportLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_members_get_404(client, full_event, member, export):
    client.force_login(member)
    assert client.get(export_url(full_event, export)).status_code == 404
    assert not ExportLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_attendees_and_organizers_of_other_events_get_404(client, full_event, export):
    attendee = full_event.rsvps.first().member
    client.force_login(attendee)
    assert client.get(export_url(full_event, export)).status_code == 404
    client.force_login(event_organizer(EventFactory()))
    assert client.get(export_url(full_event, export)).status_code == 404
    assert not ExportLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_organizer_without_mfa_is_sent_to_set_it_up(client, full_event, export):
    client.force_login(OrganizerFactory(mfa=False))
    response = client.get(export_url(full_event, export))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/totp/activate/")
    assert not ExportLog.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("export", EXPORTS)
def test_unknown_event_is_404_and_post_is_refused(organizer_client, export):
    assert organizer_client.get(f"/en/calendar/events/999999/{export}").status_code == 404
    assert organizer_client.post(f"/en/calendar/events/999999/{export}").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 150])
def test_csv_query_count_does_not_grow_with_attendees(
    organizer_client, django_assert_max_num_queries, count
):
    event = EventFactory()
    RsvpFactory.create_batch(count, event=event)
    with django_assert_max_num_queries(10):
        rows = read_csv(organizer_client.get(export_url(event, "attendees.csv")))
    assert len(rows) == count + 1


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 150])
def test_door_list_query_count_does_not_grow_with_attendees(
    organizer_client, django_assert_max_num_queries, count
):
    event = EventFactory()
    RsvpFactory.create_batch(count, event=event)
    with django_assert_max_num_queries(12):
        response = organizer_client.get(export_url(event, "door-list/"))
    assert len(response.context["people"]) == count
