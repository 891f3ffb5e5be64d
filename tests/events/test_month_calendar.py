"""The month calendar: the reader's week, zone, calendars and digits; only what they may see."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from events.selectors.month import month_grid, week_start
from members.templatetags.localised import zone_label
from tests.factories import ApprovedMemberFactory, EventFactory

pytestmark = pytest.mark.django_db


def header_days(html: str) -> list[str]:
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    return re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', head)


@pytest.mark.parametrize(
    ("language", "first_header"),
    [("fa", "شنبه"), ("ar", "السبت"), ("en", "Sun")],
)
def test_the_week_starts_where_the_language_is_read(client, language, first_header):
    response = client.get(f"/{language}/events/month/?month=2026-11")
    assert response.status_code == 200
    days = header_days(response.content.decode())
    assert len(days) == 7
    assert days[0] == first_header


def test_week_start_comes_from_cldr():
    assert week_start("fa") == 5  # Saturday
    assert week_start("en") == 6  # Sunday
    assert week_start("xx") == 0


def test_every_week_is_seven_days_and_the_month_is_whole():
    grid = month_grid(
        user=AnonymousUser(),
        first=date(2026, 2, 1),
        zone=UTC,
        language="fa",
        today=date(2026, 2, 3),
    )
    days = [day for week in grid.weeks for day in week]
    assert all(len(week) == 7 for week in grid.weeks)
    assert [day.date for day in days if day.in_month] == [
        date(2026, 2, 1) + timedelta(days=n) for n in range(28)
    ]
    assert days[0].date.weekday() == 5
    assert [day.date for day in days if day.is_today] == [date(2026, 2, 3)]
    assert (grid.previous, grid.next) == (date(2026, 1, 1), date(2026, 3, 1))


def test_an_event_is_on_the_day_it_falls_in_the_readers_zone(client):
    # 21:30 UTC on 30 November is already 1 December in Tehran (UTC+3:30).
    EventFactory(
        title_en="Late vigil",
        starts_at=datetime(2026, 11, 30, 21, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 30, 23, 0, tzinfo=UTC),
    )
    member = ApprovedMemberFactory(preferred_language="en", time_zone="Asia/Tehran")
    client.force_login(member)
    html = client.get("/en/events/month/?month=2026-12").content.decode()
    first_cell = html.split('<span class="day-number">1</span>', 1)[1].split("</td>", 1)[0]
    assert "Late vigil" in first_cell
    assert "01:00" in first_cell


def test_a_conference_shows_on_each_of_its_days(client):
    EventFactory(
        title_en="Three-day conference",
        starts_at=datetime(2026, 11, 10, 9, 0, tzinfo=UTC),
        ends_at=datetime(2026, 11, 12, 17, 0, tzinfo=UTC),
    )
    html = client.get("/en/events/month/?month=2026-11").content.decode()
    grid, agenda = html.split('<ol class="month-agenda', 1)
    assert grid.count("Three-day conference") == 3
    assert agenda.count("Three-day conference") == 3


def test_the_agenda_lists_the_months_days_with_events_in_order():
    viewer = ApprovedMemberFactory()
    # Late October shows in November's first week, and is left out of November's agenda.
    for day in (31, 2):
        EventFactory(
            title_en=f"Event on {day}",
            starts_at=datetime(2026, 10 if day == 31 else 11, day, 9, 0, tzinfo=UTC),
            ends_at=datetime(2026, 10 if day == 31 else 11, day, 11, 0, tzinfo=UTC),
        )
    conference = EventFactory(
        starts_at=datetime(2026, 11, 29, 9, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 1, 17, 0, tzinfo=UTC),
    )
    grid = month_grid(
        user=viewer, first=date(2026, 11, 1), zone=UTC, language="en", today=date(2026, 11, 2)
    )
    assert [(day.date, [e.title_en for e in day.events]) for day in grid.agenda] == [
        (date(2026, 11, 2), ["Event on 2"]),
        (date(2026, 11, 29), [conference.title_en]),
        (date(2026, 11, 30), [conference.title_en]),
    ]
    assert [day.is_today for day in grid.agenda] == [True, False, False]


@pytest.mark.parametrize(
    ("language", "empty"),
    [
        ("en", "No events this month."),
        ("fa", "در این ماه رویدادی نیست."),
        ("ar", "لا توجد فعاليات في هذا الشهر."),
    ],
)
def test_an_empty_month_says_so_in_the_agenda(client, language, empty):
    html = client.get(f"/{language}/events/month/?month=2026-11").content.decode()
    agenda = html.split('<ol class="month-agenda', 1)[1].split("</ol>", 1)[0]
    assert f'<li class="text-body-secondary">{empty}</li>' in agenda


def test_the_agenda_names_each_day_in_the_readers_calendars(client):
    EventFactory(
        title_fa="نشست همبستگی",
        time_zone="UTC",
        starts_at=datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
        ends_at=datetime(2026, 11, 22, 11, 0, tzinfo=UTC),
    )
    html = client.get("/fa/events/month/?month=2026-11").content.decode()
    agenda = html.split('<ol class="month-agenda', 1)[1].split("</ol>", 1)[0]
    # 22 November 2026 is a Sunday, 1 Azar 1405 in the Solar Hijri calendar.
    heading = re.search(r"<h2[^>]*>(.*?)</h2>", agenda, re.DOTALL).group(1)
    assert re.sub(r"<[^>]+>", "", heading) == "یکشنبه ۱۴۰۵/۰۹/۰۱ — ۲۲ نوامبر ۲۰۲۶"
    assert (
        '<time class="text-body-secondary" datetime="2026-11-22T09:00:00+00:00">۰۹:۰۰</time>'
        in agenda
    )
    assert "نشست همبستگی" in agenda


def test_strangers_do_not_see_members_only_events(client):
    EventFactory(
        title_en="Closed strategy meeting",
        visibility="members",
        starts_at=datetime(2026, 11, 10, 9, 0, tzinfo=UTC),
        ends_at=datetime(2026, 11, 10, 11, 0, tzinfo=UTC),
    )
    assert (
        "Closed strategy meeting"
        not in client.get("/en/events/month/?month=2026-11").content.decode()
    )
    client.force_login(ApprovedMemberFactory())
    assert (
        "Closed strategy meeting" in client.get("/en/events/month/?month=2026-11").content.decode()
    )


def test_persian_readers_see_both_calendars_and_persian_digits(client):
    html = client.get("/fa/events/month/?month=2026-11").content.decode()
    assert "آبان – آذر ۱۴۰۵" in html
    assert "نوامبر ۲۰۲۶" in html
    assert "۱ آذر" in html  # where the Solar Hijri month turns (22 November)


@pytest.mark.parametrize("month", ["2026-13", "abc", "99999-01", "2026-1-1", "0001-01"])
def test_an_unreadable_month_shows_this_month_with_a_translated_note(client, month):
    response = client.get(f"/ar/events/month/?month={month}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "تعذّرت قراءة هذا الشهر" in html
    assert header_days(html)


def test_months_typed_in_persian_digits_are_read(client):
    response = client.get("/fa/events/month/?month=۲۰۲۷-۰۳")
    assert "مارس ۲۰۲۷" in response.content.decode()


def test_the_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for day in range(1, 28):
        EventFactory(
            starts_at=datetime(2026, 11, day, 9, 0, tzinfo=UTC),
            ends_at=datetime(2026, 11, day, 11, 0, tzinfo=UTC),
        )
    client.force_login(ApprovedMemberFactory())
    with django_assert_max_num_queries(8):
        assert client.get("/en/events/month/?month=2026-11").status_code == 200


@pytest.mark.parametrize(("language", "label"), [("en", "3 more"), ("fa", "۳ مورد دیگر")])
def test_a_crowded_day_folds_the_rest_behind_n_more(client, language, label):
    for hour in range(7):
        EventFactory(
            title_en=f"Action {hour}",
            title_fa=f"اقدام {hour}",
            starts_at=datetime(2026, 11, 10, 8 + hour, 0, tzinfo=UTC),
            ends_at=datetime(2026, 11, 10, 8 + hour, 30, tzinfo=UTC),
        )
    html = client.get(f"/{language}/events/month/?month=2026-11").content.decode()
    shown, folded = html.split("<details>", 1)
    assert shown.count('class="month-event') == 4
    assert f"{label}</summary>" in folded.replace("\n", "").replace("  ", "")
    assert folded.split("</details>", 1)[0].count('class="month-event') == 3


def test_a_visitor_sees_each_event_at_its_own_hour_with_the_zone_named(client):
    # 20:00 in Damascus (UTC+3) is 17:00 UTC; a visitor's zone is unknown, so the event's own.
    EventFactory(
        title_en="Evening webinar",
        time_zone="Asia/Damascus",
        starts_at=datetime(2026, 12, 10, 17, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 10, 19, 0, tzinfo=UTC),
    )
    html = client.get("/en/events/month/?month=2026-12").content.decode()
    assert ">20:00</time>" in html
    assert ">17:00<" not in html
    assert "your time zone" not in html
    assert "times are in the events' own time zone: Damascus Time." in html


def test_a_visitor_sees_a_late_event_on_its_own_day(client):
    # 23:30 on 31 December in Tehran is 20:00 UTC: the 31st there, whatever UTC says.
    EventFactory(
        title_en="New year vigil",
        time_zone="Asia/Tehran",
        starts_at=datetime(2026, 12, 31, 20, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 31, 21, 0, tzinfo=UTC),
    )
    # 00:30 on 1 December in Damascus is 21:30 UTC on 30 November: December there.
    EventFactory(
        title_en="Midnight meeting",
        time_zone="Asia/Damascus",
        starts_at=datetime(2026, 11, 30, 21, 30, tzinfo=UTC),
        ends_at=datetime(2026, 11, 30, 23, 0, tzinfo=UTC),
    )
    html = client.get("/en/events/month/?month=2026-12").content.decode()
    agenda = html.split('class="month-agenda', 1)[1]
    first = agenda.split('<li class="month-agenda-day', 2)[1]
    assert "Midnight meeting" in first
    assert "00:30" in first
    last = agenda.rsplit('<li class="month-agenda-day', 1)[1]
    assert "New year vigil" in last
    assert "23:30" in last
    # Two zones in one month: each time is followed by its zone's name.
    assert "each time is in its event's own time zone, named beside it" in html
    assert '00:30</time> <small class="text-body-secondary">(Damascus Time)</small>' in html


def test_a_member_is_told_which_zone_is_theirs(client):
    member = ApprovedMemberFactory(preferred_language="en", time_zone="Asia/Tehran")
    client.force_login(member)
    html = client.get("/en/events/month/?month=2026-12").content.decode()
    with translation.override("en"):
        label = zone_label("Asia/Tehran")
    assert f"times are in your time zone: {label}." in html
