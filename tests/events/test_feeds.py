from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date
from icalendar import Calendar

from events.enums import EventStatus
from events.feeds import builder
from events.models import Event, ExportLog, Session
from events.services.events import event_cancel, event_update
from tests.events.calendar_parsing import assert_valid, by_uid, parse, physical_lines, vevents
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, ProposalFactory

PERSIAN_TITLE = "همایش مشترک درباره‌ی فدرالیسم، حق تعیین سرنوشت و همبستگی ملت‌های ایران و خاورمیانه"
ARABIC_DESCRIPTION = "نلتقي **لتنظيم** أعمال مشتركة؛ التضامن بين الشعوب، من إدلب إلى طهران."


def uid_of(event) -> str:
    return f"event-{event.pk}@tadamun"


@pytest.mark.django_db
def test_public_feed_has_calendar_properties_and_headers(client):
    EventFactory()
    response = client.get("/en/calendar/events.ics")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tadamun-events.ics"'
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert "max-age=300" in response["Cache-Control"]
    calendar = parse(response)
    assert str(calendar["PRODID"]) == "-//Tadamun//Events//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Tadamun: public events"
    assert str(calendar["X-WR-CALDESC"]) == "Public conferences and joint actions of the alliance."
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.content
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in response.content


@pytest.mark.django_db
def test_public_feed_event_fields(client):
    event = EventFactory(title_en="Solidarity meeting", sequence=2)
    response = client.get("/en/calendar/events.ics")
    vevent = by_uid(parse(response))[uid_of(event)]
    event.refresh_from_db()
    assert vevent["DTSTART"].dt == event.starts_at
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent["DTEND"].dt == event.ends_at
    assert vevent["DTSTAMP"].dt == event.updated_at.replace(microsecond=0)
    assert vevent["DTSTAMP"].to_ical().endswith(b"Z")
    assert vevent["LAST-MODIFIED"].dt == event.updated_at.replace(microsecond=0)
    assert vevent["SEQUENCE"] == 2
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["SUMMARY"]) == "Solidarity meeting"
    assert str(vevent["DESCRIPTION"]) == (
        f"We meet to plan joint actions.\n\nEvent page: http://localhost:8000/en/events/{event.pk}/"
    )
    assert str(vevent["LOCATION"]) == "Community hall, Berlin, Germany"
    assert str(vevent["URL"]) == f"http://localhost:8000/en/events/{event.pk}/"
    assert "CONFERENCE" not in vevent
    [timezone_component] = parse(response).walk("VTIMEZONE")
    assert str(timezone_component["TZID"]) == "Europe/Berlin"


@pytest.mark.django_db
def test_public_feed_holds_public_events_of_the_last_90_days_and_coming(client):
    now = timezone.now()
    coming = EventFactory()
    recent = EventFactory(starts_at=now - timedelta(days=80), ends_at=now - timedelta(days=79))
    EventFactory(starts_at=now - timedelta(days=100), ends_at=now - timedelta(days=99))
    EventFactory(visibility="members")
    cancelled = EventFactory(status=EventStatus.CANCELLED)
    calendar = parse(client.get("/en/calendar/events.ics"))
    assert set(by_uid(calendar)) == {uid_of(coming), uid_of(recent), uid_of(cancelled)}


@pytest.mark.django_db
def test_public_feed_filters_by_kind_language_and_country(client):
    wanted = EventFactory(kind="webinar", in_persian=True, country="IR")
    EventFactory(kind="meeting", in_persian=True, country="IR")
    EventFactory(kind="webinar", in_persian=False, country="IR")
    EventFactory(kind="webinar", in_persian=True, country="IQ")
    response = client.get(
        "/en/calendar/events.ics", {"kind": "webinar", "language": "fa", "country": "ir"}
    )
    assert set(by_uid(parse(response))) == {uid_of(wanted)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [{"kind": "party"}, {"language": "xx"}, {"country": "QQ"}, {"country": "x" * 300}],
)
def test_public_feed_unknown_filter_value_is_400(client, query):
    EventFactory()
    assert client.get("/en/calendar/events.ics", query).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["xx", "", "AR", "de"])
def test_unknown_lang_falls_back_to_the_events_first_language(client, lang):
    event = EventFactory(title_en="Meeting", title_fa="نشست")
    vevent = by_uid(parse(client.get("/en/calendar/events.ics", {"lang": lang})))[uid_of(event)]
    assert str(vevent["SUMMARY"]) == "نشست"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "fa"


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "title"), [("ar", "اجتماع"), ("fa", "نشست"), ("en", "Meeting")])
def test_lang_picks_the_language_of_the_texts(client, lang, title):
    event = EventFactory(title_en="Meeting", title_fa="نشست", title_ar="اجتماع")
    response = client.get("/en/calendar/events.ics", {"lang": lang})
    vevent = by_uid(parse(response))[uid_of(event)]
    assert str(vevent["SUMMARY"]) == title
    assert str(vevent["URL"]) == f"http://localhost:8000/{lang}/events/{event.pk}/"


@pytest.mark.django_db
def test_signed_in_member_gets_their_own_language_by_default(client):
    member = ApprovedMemberFactory(preferred_language="ar")
    event = EventFactory(title_en="Meeting", title_ar="اجتماع")
    client.force_login(member)
    response = client.get("/ar/calendar/events.ics")
    assert str(by_uid(parse(response))[uid_of(event)]["SUMMARY"]) == "اجتماع"


@pytest.mark.django_db
def test_missing_translation_falls_back_to_the_first_written_title(client):
    event = EventFactory(title_en="", title_fa="نشست")
    vevent = by_uid(parse(client.get("/en/calendar/events.ics?lang=en")))[uid_of(event)]
    assert str(vevent["SUMMARY"]) == "نشست"
    assert vevent["SUMMARY"].params["LANGUAGE"] == "fa"


@pytest.mark.django_db
def test_persian_and_arabic_text_round_trips_with_lines_folded_at_75_octets(client):
    event = EventFactory(
        title_fa=PERSIAN_TITLE, description_fa=ARABIC_DESCRIPTION * 4, venue="تالار شهر، اربیل"
    )
    response = client.get("/fa/calendar/events.ics?lang=fa")
    lines = physical_lines(response.content)
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    vevent = by_uid(parse(response))[uid_of(event)]
    assert str(vevent["SUMMARY"]) == PERSIAN_TITLE
    plain = ARABIC_DESCRIPTION.replace("**", "")
    assert str(vevent["DESCRIPTION"]).startswith(plain * 4)
    assert str(vevent["LOCATION"]).startswith("تالار شهر، اربیل, Berlin")


@pytest.mark.django_db
def test_markdown_is_stripped_from_descriptions(client):
    event = EventFactory(description_en="# Plan\n\n* [Read](https://example.org) **this**")
    vevent = by_uid(parse(client.get("/en/calendar/events.ics")))[uid_of(event)]
    assert str(vevent["DESCRIPTION"]).startswith("Plan\n\nRead this\n\nEvent page: ")
    assert "**" not in str(vevent["DESCRIPTION"])


@pytest.mark.django_db
def test_meeting_link_never_appears_in_public_or_event_feeds(client):
    event = EventFactory(modality="online", meeting_link="https://meet.example.org/secret-room")
    public = client.get("/en/calendar/events.ics")
    single = client.get(f"/en/calendar/events/{event.pk}/event.ics")
    assert b"secret-room" not in public.content
    assert b"secret-room" not in single.content
    assert str(by_uid(parse(public))[uid_of(event)]["LOCATION"]) == "Online"


@pytest.mark.django_db
def test_change_of_time_raises_sequence_and_changes_the_feed(client):
    event = EventFactory()
    first = client.get("/en/calendar/events.ics")
    assert by_uid(parse(first))[uid_of(event)]["SEQUENCE"] == 0
    event_update(
        event=event, editor=None, fields={"starts_at": event.starts_at + timedelta(hours=1)}
    )
    second = client.get("/en/calendar/events.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    vevent = by_uid(parse(second))[uid_of(event)]
    assert vevent["SEQUENCE"] == 1
    assert vevent["DTSTART"].dt == event.starts_at + timedelta(hours=1)


@pytest.mark.django_db
def test_cancelled_event_stays_in_the_feed_as_cancelled(client):
    event = EventFactory(title_en="Rally")
    event_cancel(event=event, editor=OrganizerFactory())
    vevent = by_uid(parse(client.get("/en/calendar/events.ics")))[uid_of(event)]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Cancelled: Rally"
    assert vevent["SEQUENCE"] == 1
    assert str(vevent["DESCRIPTION"]).startswith("This event has been cancelled.")


@pytest.mark.django_db
def test_postponed_event_is_tentative(client):
    event = EventFactory(title_en="Workshop", status=EventStatus.POSTPONED)
    vevent = by_uid(parse(client.get("/en/calendar/events.ics")))[uid_of(event)]
    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert str(vevent["SUMMARY"]) == "Postponed: Workshop"


@pytest.mark.django_db
def test_matching_etag_gets_304_in_at_most_one_query(client, django_assert_max_num_queries):
    EventFactory.create_batch(3)
    first = client.get("/en/calendar/events.ics")
    with django_assert_max_num_queries(1):
        again = client.get("/en/calendar/events.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


@pytest.mark.django_db
def test_if_modified_since_gets_304_until_the_feed_changes(client):
    event = EventFactory()
    first = client.get("/en/calendar/events.ics")
    since = first["Last-Modified"]
    assert client.get("/en/calendar/events.ics", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    Event.objects.filter(pk=event.pk).delete()  # a removal changes no remaining row
    later = http_date(timezone.now().timestamp() + 5)
    gone = client.get("/en/calendar/events.ics", HTTP_IF_MODIFIED_SINCE=since)
    assert gone.status_code == 200
    assert vevents(parse(gone)) == []
    assert client.get("/en/calendar/events.ics", HTTP_IF_MODIFIED_SINCE=later).status_code == 304


@pytest.mark.django_db
def test_etag_differs_by_language_and_filters(client):
    EventFactory(kind="webinar")
    tags = {
        client.get("/en/calendar/events.ics", query)["ETag"]
        for query in ({}, {"lang": "fa"}, {"kind": "webinar"}, {"kind": "meeting"})
    }
    assert len(tags) == 4


@pytest.mark.django_db
def test_head_answers_the_headers_of_get_without_a_body(client):
    EventFactory()
    get = client.get("/en/calendar/events.ics")
    head = client.head("/en/calendar/events.ics")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    for header in ("Content-Type", "ETag", "Last-Modified", "Content-Disposition"):
        assert head[header] == get[header]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept",
    [
        "text/calendar",
        "*/*",
        "text/html,application/xhtml+xml;q=0.9",
        "application/json",
        "text/x-vcalendar, garbage;;;q=x",
        "",
    ],
)
def test_feed_is_served_whatever_the_client_accepts(client, accept):
    EventFactory()
    response = client.get("/en/calendar/events.ics", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert len(vevents(parse(response))) == 1


@pytest.mark.django_db
def test_feed_refuses_to_be_changed(client):
    assert client.post("/en/calendar/events.ics").status_code == 405


@pytest.mark.django_db
def test_change_to_one_event_re_renders_only_that_event(client, monkeypatch):
    events = EventFactory.create_batch(5)
    client.get("/en/calendar/events.ics")
    rendered = []
    model, render = builder.RENDERERS["event"]

    def counting(event, **kwargs):
        rendered.append(event.pk)
        return render(event, **kwargs)

    monkeypatch.setitem(builder.RENDERERS, "event", (model, counting))
    client.get("/en/calendar/events.ics")
    assert rendered == []
    event_update(event=events[2], editor=None, fields={"venue": "Another hall"})
    response = client.get("/en/calendar/events.ics")
    assert rendered == [events[2].pk]
    assert str(by_uid(parse(response))[uid_of(events[2])]["LOCATION"]).startswith("Another hall")


def _bulk_events(count: int) -> None:
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    Event.objects.bulk_create(
        Event(
            kind="meeting",
            title_en=f"Meeting {number}",
            title_fa=f"نشست شماره {number} برای همبستگی",
            description_en="Plan **joint actions**.",
            starts_at=start + timedelta(hours=number),
            ends_at=start + timedelta(hours=number + 2),
            time_zone=("Europe/Berlin", "Asia/Tehran", "Asia/Damascus")[number % 3],
            modality="in_person",
            city="Berlin",
            country="DE",
            in_english=True,
        )
        for number in range(count)
    )


@pytest.mark.django_db
def test_public_feed_with_5000_events_takes_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    _bulk_events(5000)
    with django_assert_max_num_queries(5):
        cold = client.get("/en/calendar/events.ics?lang=fa")
    calendar = parse(cold)
    assert len(vevents(calendar)) == 5000
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {
        "Europe/Berlin",
        "Asia/Tehran",
        "Asia/Damascus",
    }
    with django_assert_max_num_queries(1):
        warm = client.get("/en/calendar/events.ics?lang=fa")
    assert warm.content == cold.content


# Local wall-clock time and the UTC instant the tz database gives for it. Europe moved its clocks
# on 29 March 2026; Damascus (since 2022) and Tehran (since 2022) no longer do.
ZONE_CASES = [
    ("Europe/Berlin", "20260328T180000", datetime(2026, 3, 28, 17, tzinfo=UTC)),
    ("Europe/Berlin", "20260330T180000", datetime(2026, 3, 30, 16, tzinfo=UTC)),
    ("Asia/Tehran", "20260328T180000", datetime(2026, 3, 28, 14, 30, tzinfo=UTC)),
    ("Asia/Tehran", "20260330T180000", datetime(2026, 3, 30, 14, 30, tzinfo=UTC)),
    ("Asia/Damascus", "20260328T180000", datetime(2026, 3, 28, 15, tzinfo=UTC)),
    ("Asia/Damascus", "20260330T180000", datetime(2026, 3, 30, 15, tzinfo=UTC)),
    # Iran still kept daylight saving time (+04:30) in 2021.
    ("Asia/Tehran", "20210601T180000", datetime(2021, 6, 1, 13, 30, tzinfo=UTC)),
    ("America/New_York", "20260307T180000", datetime(2026, 3, 7, 23, tzinfo=UTC)),
    ("America/New_York", "20260309T180000", datetime(2026, 3, 9, 22, tzinfo=UTC)),
]


def wall_clock(local: str, zone) -> datetime:
    """ "20260328T180000" as that wall-clock time in `zone`."""
    fields = (local[0:4], local[4:6], local[6:8], local[9:11], local[11:13])
    return datetime(*(int(field) for field in fields), tzinfo=zone)


@pytest.mark.django_db
@pytest.mark.parametrize(("zone", "local", "instant"), ZONE_CASES)
def test_times_carry_their_zone_and_a_vtimezone_that_maps_to_the_right_instant(
    client, zone, local, instant
):
    event = EventFactory(time_zone=zone, starts_at=instant, ends_at=instant + timedelta(hours=2))
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics")
    calendar = parse(response)
    [vevent] = vevents(calendar)
    assert f"DTSTART;TZID={zone}:{local}".encode() in response.content
    assert vevent["DTSTART"].dt == instant
    # A client that knows only the VTIMEZONE sent (not the IANA database) lands right too.
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == zone
    own_zone = vtimezone.to_tz(lookup_tzid=False)
    assert wall_clock(local, own_zone).astimezone(UTC) == instant
    end = vevent["DTEND"].to_ical().decode()
    assert wall_clock(end, own_zone).astimezone(UTC) == instant + timedelta(hours=2)


@pytest.mark.django_db
def test_utc_events_are_written_in_utc_without_a_vtimezone(client):
    event = EventFactory(time_zone="UTC")
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics")
    assert f"DTSTART:{event.starts_at:%Y%m%dT%H%M%S}Z".encode() in response.content
    assert parse(response).walk("VTIMEZONE") == []


@pytest.mark.django_db
def test_event_feed_has_one_vevent_with_a_stable_uid(client):
    event = EventFactory(title_en="Meeting")
    first = client.get(f"/en/calendar/events/{event.pk}/event.ics")
    assert first["Content-Disposition"] == (f'attachment; filename="tadamun-event-{event.pk}.ics"')
    calendar = parse(first)
    assert str(calendar["X-WR-CALNAME"]) == "Meeting"
    [vevent] = vevents(calendar)
    event_update(event=event, editor=None, fields={"city": "Hamburg"})
    [again] = vevents(parse(client.get(f"/en/calendar/events/{event.pk}/event.ics")))
    assert str(vevent["UID"]) == str(again["UID"]) == uid_of(event)
    assert again["SEQUENCE"] == 1


@pytest.mark.django_db
def test_event_feed_answers_304_to_a_matching_etag(client):
    event = EventFactory()
    first = client.get(f"/en/calendar/events/{event.pk}/event.ics")
    again = client.get(
        f"/en/calendar/events/{event.pk}/event.ics", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


@pytest.mark.django_db
def test_event_feed_with_sessions_has_one_vevent_per_session(client):
    event = EventFactory(kind="conference", title_en="Conference")
    speaker = ApprovedMemberFactory(display_name="Shirin")
    sessions = []
    for number in range(3):
        session = Session.objects.create(
            event=event,
            title_en=f"Panel {number}",
            title_fa=f"میزگرد {number}",
            starts_at=event.starts_at + timedelta(minutes=30 * number),
            ends_at=event.starts_at + timedelta(minutes=30 * number + 25),
            room="Hall A",
            language="fa",
            speaker_names="Rojin, Layla",
        )
        session.speakers.add(speaker)
        sessions.append(session)
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics?sessions=1&lang=en")
    found = by_uid(parse(response))
    assert set(found) == {f"session-{session.pk}@tadamun" for session in sessions}
    first = found[f"session-{sessions[0].pk}@tadamun"]
    assert str(first["SUMMARY"]) == "Panel 0"
    assert str(first["RELATED-TO"]) == uid_of(event)
    assert str(first["LOCATION"]) == "Hall A, Community hall, Berlin, Germany"
    assert "Speakers: Shirin, Rojin, and Layla" in str(first["DESCRIPTION"])
    assert first["DTSTART"].dt == event.starts_at
    without = client.get(f"/en/calendar/events/{event.pk}/event.ics?sessions=0")
    assert set(by_uid(parse(without))) == {uid_of(event)}


@pytest.mark.django_db
def test_event_feed_without_sessions_falls_back_to_the_event(client):
    event = EventFactory()
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics?sessions=1")
    assert set(by_uid(parse(response))) == {uid_of(event)}


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["2", "yes", "x" * 50])
def test_event_feed_bad_sessions_value_is_400(client, value):
    event = EventFactory()
    response = client.get(f"/en/calendar/events/{event.pk}/event.ics", {"sessions": value})
    assert response.status_code == 400


@pytest.mark.django_db
def test_members_only_event_feed_is_404_for_strangers_and_pending_members(client, pending_member):
    event = EventFactory(visibility="members")
    assert client.get(f"/en/calendar/events/{event.pk}/event.ics").status_code == 404
    client.force_login(pending_member)
    assert client.get(f"/en/calendar/events/{event.pk}/event.ics").status_code == 404


@pytest.mark.django_db
def test_members_only_event_feed_opens_for_approved_members(member_client):
    event = EventFactory(visibility="members")
    response = member_client.get(f"/en/calendar/events/{event.pk}/event.ics")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert set(by_uid(parse(response))) == {uid_of(event)}


@pytest.mark.django_db
def test_unknown_event_feed_is_404(client):
    assert client.get("/en/calendar/events/999999/event.ics").status_code == 404


@pytest.fixture
def organizer_with_events(organizer):
    mine = EventFactory(title_en="Mine")
    mine.organizers.add(organizer)
    cancelled = EventFactory(title_en="Called off", status=EventStatus.CANCELLED)
    cancelled.organizers.add(organizer)
    EventFactory(title_en="Someone else's")
    return organizer, mine, cancelled


@pytest.mark.django_db
def test_organizer_feed_lists_their_events_and_undecided_proposals(client, organizer_with_events):
    organizer, mine, cancelled = organizer_with_events
    draft = ProposalFactory(proposer=organizer, title_en="Idea", state="draft")
    ProposalFactory(proposer=organizer, state="rejected", decided_at=timezone.now())
    ProposalFactory(state="submitted")
    client.force_login(organizer)
    response = client.get("/en/calendar/organizing.ics")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    found = by_uid(parse(response))
    assert set(found) == {uid_of(mine), uid_of(cancelled), f"proposal-{draft.pk}@tadamun"}
    assert str(found[f"proposal-{draft.pk}@tadamun"]["STATUS"]) == "TENTATIVE"
    assert str(found[f"proposal-{draft.pk}@tadamun"]["SUMMARY"]) == "Proposal: Idea"
    assert str(found[uid_of(cancelled)]["STATUS"]) == "CANCELLED"
    assert str(found[uid_of(mine)]["STATUS"]) == "CONFIRMED"
    [log] = ExportLog.objects.all()
    assert (log.kind, log.exported_by, log.event) == ("organizer_calendar", organizer, None)


@pytest.mark.django_db
def test_organizer_feed_is_refused_to_members_and_strangers(client, member):
    stranger = client.get("/en/calendar/organizing.ics")
    assert stranger.status_code == 302
    assert stranger["Location"].startswith("/en/accounts/login/")
    client.force_login(member)
    assert client.get("/en/calendar/organizing.ics").status_code == 403
    assert not ExportLog.objects.exists()


@pytest.mark.django_db
def test_organizer_feed_sends_an_organizer_without_mfa_to_set_it_up(client):
    organizer = OrganizerFactory(mfa=False)
    client.force_login(organizer)
    response = client.get("/en/calendar/organizing.ics")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/totp/activate/")


@pytest.mark.django_db
def test_a_calendar_parser_reads_every_feed(client, organizer_with_events):
    organizer, mine, _cancelled = organizer_with_events
    client.force_login(organizer)
    for path in (
        "/en/calendar/events.ics",
        f"/en/calendar/events/{mine.pk}/event.ics",
        "/en/calendar/organizing.ics",
    ):
        response = client.get(path)
        physical_lines(response.content)
        assert_valid(response.content)  # libical, RFC 5545 and RFC 5546's PUBLISH
        calendar = Calendar.from_ical(response.content)
        assert calendar.get_missing_tzids() == set()
        for vevent in vevents(calendar):
            for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS"):
                assert required in vevent, (path, required)


@pytest.mark.django_db
def test_events_page_offers_webcal_and_https_subscription_with_its_filters(client):
    page = client.get("/fa/events/", {"kind": "webinar", "country": "IR", "q": "x"})
    content = page.content.decode()
    assert (
        "webcal://localhost:8000/fa/calendar/events.ics?lang=fa&amp;q=x&amp;kind=webinar"
        "&amp;country=IR" in content
    )
    assert (
        "http://localhost:8000/fa/calendar/events.ics?lang=fa&amp;q=x&amp;kind=webinar" in content
    )
    # Folded in a <details> element, which opens without script.
    assert '<details class="mb-3" id="subscribe-events">' in content


@pytest.mark.django_db
def test_event_page_offers_the_event_and_its_programme_as_calendar_files(client):
    event = EventFactory()
    Session.objects.create(
        event=event, title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    content = client.get(f"/ar/events/{event.pk}/").content.decode()
    assert f'href="/ar/calendar/events/{event.pk}/event.ics?lang=ar"' in content
    assert f'href="/ar/calendar/events/{event.pk}/event.ics?sessions=1&amp;lang=ar"' in content
    assert f'value="webcal://localhost:8000/ar/calendar/events/{event.pk}/event.ics?lang=ar"' in (
        content
    )


@pytest.mark.django_db
def test_members_only_event_page_offers_no_subscription_a_calendar_app_could_not_open(
    member_client,
):
    event = EventFactory(visibility="members")
    content = member_client.get(f"/en/events/{event.pk}/").content.decode()
    assert f'href="/en/calendar/events/{event.pk}/event.ics?lang=en"' in content
    assert "webcal://" not in content
