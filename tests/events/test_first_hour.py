"""The first hour of a member and an organizer (issue 11): the start page's events, the format
of hybrid events, the languages an event is also written in, capacities, a re-scanned check-in
code, and the counts after a member deletes their account."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation

from events.feeds.vevents import phrases
from events.forms.event import AcceptProposalForm, EventForm
from events.models import Rsvp
from members.models import User
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
)

pytestmark = pytest.mark.django_db
# The session, the member and their permissions; the answers with their events, and the next
# events, each with their topics and co-hosts.
NUM_HOME_QUERIES = 10


# The signed-in start page


def test_home_shows_a_members_coming_answers_and_the_next_events(member_client, member):
    soon = EventFactory(title_en="Soon", starts_at=timezone.now() + timedelta(days=1),
                        ends_at=timezone.now() + timedelta(days=1, hours=2))  # fmt: skip
    later = EventFactory(title_en="Later")
    unanswered = EventFactory(title_en="Not answered yet")
    declined = EventFactory(title_en="Declined")
    past = EventFactory(title_en="Over", starts_at=timezone.now() - timedelta(days=3),
                        ends_at=timezone.now() - timedelta(days=3, hours=-2))  # fmt: skip
    RsvpFactory(event=later, member=member, status="maybe")
    RsvpFactory(event=soon, member=member, status="going")
    RsvpFactory(event=declined, member=member, status="not_going")
    RsvpFactory(event=past, member=member, status="going")
    response = member_client.get("/en/")
    assert [rsvp.event for rsvp in response.context["answers"]] == [soon, later]
    assert response.context["coming_events"] == [unanswered]
    html = response.content.decode()
    assert f'id="home-answer-{soon.pk}">Your answer: <strong>Going</strong>' in html
    assert f'id="home-answer-{later.pk}">Your answer: <strong>Maybe</strong>' in html


def test_home_of_a_stranger_lists_no_events(client):
    EventFactory()
    response = client.get("/en/")
    assert "answers" not in response.context
    assert "Your coming events" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 8])
def test_home_query_count_does_not_grow_with_events(
    member_client, member, count, django_assert_num_queries
):
    for _ in range(count):
        RsvpFactory(event=EventFactory(), member=member, status="going")
        EventFactory()
    member_client.get("/en/")  # sessions, caches
    with django_assert_num_queries(NUM_HOME_QUERIES):
        response = member_client.get("/en/")
    assert len(response.context["answers"]) == min(count, 5)
    assert len(response.context["coming_events"]) == min(count, 5)


# Hybrid events


def test_a_hybrid_event_is_badged_as_both_in_a_list(client):
    EventFactory(modality="hybrid", title_en="Both")
    EventFactory(modality="online", title_en="Screen")
    html = client.get("/en/events/").content.decode()
    assert '<span class="badge text-bg-info">In person and online</span>' in html
    assert '<span class="badge text-bg-info">Online</span>' in html
    assert html.count('<span class="badge text-bg-info">') == 2


def test_a_hybrid_events_calendar_location_says_online_too():
    with translation.override("fa"):
        words = phrases("fa")
    assert words.and_online % {"place": "Erbil"} == "Erbil و آنلاین"
    event = EventFactory(modality="hybrid", venue="Hall", city="Berlin", country="DE")
    from events.feeds.vevents import _location

    assert _location(event, phrases("en"), "en") == "Hall, Berlin, Germany, and online"


# "Also written in"


def _also_written_in(html: str) -> str:
    [line] = [line for line in html.splitlines() if "Also written in" in line
              or "مكتوب" in line or "نوشته" in line]  # fmt: skip
    return line.strip()


def _languages_linked(line: str) -> list[str]:
    """The languages named, in order, each a link (events/partials/text_languages.html)."""
    return re.findall(r'<a href="[^"]+" lang="(\w+)" hreflang="\1">', line)


def test_also_written_in_leaves_out_the_language_being_read(client):
    event = EventFactory(title_ar="عنوان", title_fa="عنوان", title_en="Title")
    english = _also_written_in(client.get(f"/en/events/{event.pk}/").content.decode())
    assert english.startswith('<p class="small text-body-secondary">Also written in: <a ')
    assert _languages_linked(english) == ["ar", "fa"]
    assert ">العربيّة</a> and <a " in english
    assert ">فارسی</a></p>" in english
    persian = _also_written_in(client.get(f"/fa/events/{event.pk}/").content.decode())
    assert _languages_linked(persian) == ["ar", "en"]


def test_also_written_in_is_absent_when_there_is_no_other_language(client):
    event = EventFactory(title_en="Only English")
    assert "Also written in" not in client.get(f"/en/events/{event.pk}/").content.decode()


def test_also_written_in_leaves_out_the_language_shown_in_its_stead(client):
    event = EventFactory(title_en="", title_ar="عنوان", title_fa="عنوان")
    html = client.get(f"/en/events/{event.pk}/").content.decode()
    # Read in English, the Arabic text is shown: Persian is the other.
    assert _languages_linked(_also_written_in(html)) == ["fa"]


# Capacity


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_a_capacity_of_zero_is_refused_with_a_translated_reason(language):
    messages = {
        "en": "With no seats nobody could answer.",
        "ar": "بلا مقاعد لن يستطيع أحد الرد.",
        "fa": "بدون هیچ جایی، کسی نمی‌تواند اعلام حضور کند.",
    }
    with translation.override(language):
        form = AcceptProposalForm(
            {"visibility": "public", "capacity": "0"}, proposal=ProposalFactory()
        )
        assert not form.is_valid()
        assert form.errors["capacity"][0].startswith(messages[language])


@pytest.mark.parametrize(("typed", "kept"), [("", None), ("1", 1), ("۳۰", 30)])
def test_a_capacity_empty_or_of_one_or_more_is_kept(typed, kept):
    form = AcceptProposalForm(
        {"visibility": "public", "capacity": typed}, proposal=ProposalFactory()
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["capacity"] == kept


def test_the_event_form_refuses_a_capacity_of_zero_too():
    event = EventFactory()
    form = EventForm({"capacity": "0"}, instance=event)
    form.is_valid()
    assert form.errors["capacity"] == [
        "With no seats nobody could answer. Enter how many people may come, or leave the field "
        "empty for no limit."
    ]


def test_a_proposal_expecting_zero_people_is_refused(member_client):
    response = member_client.post("/en/proposals/new/", {"expected_capacity": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors["expected_capacity"] == [
        "Enter how many people you expect, or leave the field empty if you do not know yet."
    ]


# A re-scanned check-in code


def test_a_rescanned_code_says_when_the_person_was_checked_in_and_offers_undo(organizer_client):
    event = EventFactory()
    arrived = timezone.now().replace(hour=9, minute=5, second=0, microsecond=0)
    rsvp = RsvpFactory(event=event, status="going", checked_in_at=arrived)
    html = organizer_client.get(
        f"/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/"
    ).content.decode()
    local = timezone.localtime(arrived).strftime("%H:%M")
    assert f'id="already-checked-in">Already checked in at <bdi>{local}</bdi></p>' in html
    assert f'action="/en/events/{event.pk}/check-in/{rsvp.pk}/"' in html
    assert 'name="undo" value="1">Undo check-in…</button>' in html
    assert ">Check in</button>" not in html


def test_a_rescanned_code_in_persian_reads_in_the_readers_digits(client):
    organizer = OrganizerFactory(preferred_language="fa", time_zone="Asia/Tehran")
    client.force_login(organizer)
    event = EventFactory()
    arrived = datetime(2030, 1, 1, 6, 0, tzinfo=UTC)
    rsvp = RsvpFactory(event=event, status="going", checked_in_at=arrived)
    html = client.get(f"/fa/events/{event.pk}/check-in/code/{rsvp.checkin_code}/").content.decode()
    assert "ورودش ساعت <bdi>۰۹:۳۰</bdi> ثبت شده است" in html


def test_a_first_scan_offers_check_in(organizer_client):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=1))  # check-in is open
    rsvp = RsvpFactory(event=event, status="going")
    html = organizer_client.get(
        f"/en/events/{event.pk}/check-in/code/{rsvp.checkin_code}/"
    ).content.decode()
    assert ">Check in</button>" in html
    assert "Already checked in" not in html


# Counts after a member deletes their account


def _counts(client, event) -> dict:
    dashboard = client.get(f"/en/events/{event.pk}/dashboard/").context["figures"]
    listed = list(client.get(f"/en/events/{event.pk}/attendees/").context["attendees"])
    door = client.get(f"/en/calendar/events/{event.pk}/door-list/").context["people"]
    exported = list(csv.reader(io.StringIO(
        b"".join(client.get(f"/en/calendar/events/{event.pk}/attendees.csv").streaming_content)
        .decode("utf-8-sig")
    )))[1:]  # fmt: skip
    return {
        "dashboard going": dashboard["by_status"]["going"],
        "list going": sum(rsvp.status == "going" for rsvp in listed),
        "door list": len(door),
        "export going": sum(row[2] == "Going" for row in exported),
        "dashboard checked in": dashboard["checked_in"],
        "list checked in": sum(rsvp.checked_in_at is not None for rsvp in listed),
        "door checked in": sum(rsvp.checked_in_at is not None for rsvp in door),
        "export checked in": sum(bool(row[6]) for row in exported),
        "export rows": len(exported),
        "list rows": len(listed),
    }


def test_counts_agree_everywhere_after_a_checked_in_member_deletes_their_account(client):
    under_way = EventFactory(starts_at=timezone.now() - timedelta(hours=1),
                             ends_at=timezone.now() + timedelta(hours=2))  # fmt: skip
    leaver = ApprovedMemberFactory(display_name="Shirin Karimi", email="shirin@tadamun.example")
    RsvpFactory(event=under_way, member=leaver, status="going", checked_in_at=timezone.now(),
                listed_consent=True)  # fmt: skip
    RsvpFactory(event=under_way, status="going", checked_in_at=timezone.now())
    RsvpFactory(event=under_way, status="going")
    RsvpFactory(event=under_way, status="not_going")
    client.force_login(leaver)
    client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    assert User.objects.get(pk=leaver.pk).deleted_at is not None

    client.force_login(OrganizerFactory())
    counts = _counts(client, under_way)
    assert counts == {
        "dashboard going": 3, "list going": 3, "door list": 3, "export going": 3,
        "dashboard checked in": 2, "list checked in": 2, "door checked in": 2,
        "export checked in": 2, "export rows": 4, "list rows": 4,
    }  # fmt: skip
    html = client.get(f"/en/events/{under_way.pk}/attendees/").content.decode()
    assert html.count("Former member") == 1
    assert "deleted.invalid" not in html
    assert "shirin" not in html.lower()
    exported = b"".join(
        client.get(f"/en/calendar/events/{under_way.pk}/attendees.csv").streaming_content
    )
    assert b"deleted.invalid" not in exported


def test_a_deleted_members_address_is_never_given_as_theirs():
    rsvp = RsvpFactory(status="going")
    rsvp.member.deleted_at = timezone.now()
    rsvp.member.email = "deleted-0123@deleted.invalid"
    rsvp.member.save()
    assert Rsvp.objects.select_related("member").get(pk=rsvp.pk).email == ""
