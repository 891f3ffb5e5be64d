"""Events in the reader's digits: numbers typed in any digits, numbers shown in the member's."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from events.models import Event, Proposal, Session
from events.services.rsvps import rsvp_set
from tests.events.proposal_forms import proposal_form_data
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
)

WESTERN = re.compile("[0-9]")
STARTS = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def signed_in(client, person):
    client.force_login(person)
    return client


@pytest.fixture
def persian_organizer(db):
    return OrganizerFactory(preferred_language="fa")


def under_review(**overrides) -> Proposal:
    return ProposalFactory(
        state="under_review",
        submitted_at=datetime(2030, 5, 1, tzinfo=UTC),
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=8),
        expected_capacity=120,
        **overrides,
    )


# --- numbers typed in Persian or Arabic-Indic digits ------------------------------------------


@pytest.mark.django_db
def test_accepting_reads_a_capacity_with_persian_digits_and_separator(client, persian_organizer):
    proposal = under_review()
    response = signed_in(client, persian_organizer).post(
        f"/fa/proposals/{proposal.pk}/accept/", {"visibility": "public", "capacity": "۱٬۲۰۰"}
    )
    assert response.status_code == 302
    assert Event.objects.get().capacity == 1200


@pytest.mark.django_db
def test_event_edit_reads_a_capacity_in_arabic_indic_digits(client):
    organizer = OrganizerFactory(preferred_language="ar")
    event = EventFactory(starts_at=STARTS, ends_at=STARTS + timedelta(hours=2), time_zone="UTC")
    data = {
        "kind": event.kind,
        "title_en": event.title_en,
        "starts_at": "٢٠٣٠-٠٦-٠١T٠٨:٠٠",
        "ends_at": "٢٠٣٠-٠٦-٠١T١٠:٠٠",
        "time_zone": "UTC",
        "modality": event.modality,
        "venue": event.venue,
        "city": event.city,
        "country": event.country,
        "in_english": "on",
        "visibility": "public",
        "capacity": "١٬٢٠٠",
    }
    response = signed_in(client, organizer).post(f"/ar/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.capacity, event.starts_at) == (1200, STARTS)


@pytest.mark.django_db
def test_proposal_form_reads_expected_participants_in_arabic_indic_digits(member_client):
    member_client.post("/en/proposals/new/", proposal_form_data(expected_capacity="٣٬٠٠٠"))
    assert Proposal.objects.get().expected_capacity == 3000


@pytest.mark.django_db
def test_capacity_boxes_are_text_boxes_a_persian_keyboard_can_fill(client, persian_organizer):
    # Chromium empties a type=number box holding "۳۰", which would mean "no limit".
    event = EventFactory(capacity=30)
    event.organizers.add(persian_organizer)
    page = signed_in(client, persian_organizer).get(f"/fa/events/{event.pk}/edit/")
    box = re.search(r'<input[^>]*name="capacity"[^>]*>', page.content.decode()).group(0)
    assert 'type="text"' in box
    assert 'inputmode="numeric"' in box


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "shown"),
    [("fa", "", "۳۰"), ("ar", "", "٣٠"), ("fa", "latn", "30")],
)
def test_capacity_box_shows_the_stored_number_in_the_readers_digits(
    client, language, digit_style, shown
):
    organizer = OrganizerFactory(preferred_language=language, digit_style=digit_style)
    event = EventFactory(capacity=30)
    event.organizers.add(organizer)
    page = signed_in(client, organizer).get(f"/{language}/events/{event.pk}/edit/")
    box = re.search(r'<input[^>]*name="capacity"[^>]*>', page.content.decode()).group(0)
    assert f'value="{shown}"' in box


@pytest.mark.django_db
def test_accept_form_suggests_the_expected_number_in_the_readers_digits(client, persian_organizer):
    proposal = under_review()
    page = signed_in(client, persian_organizer).get(f"/fa/proposals/{proposal.pk}/accept/")
    box = re.search(r'<input[^>]*name="capacity"[^>]*>', page.content.decode()).group(0)
    assert 'value="۱۲۰"' in box


@pytest.mark.django_db
def test_session_times_typed_in_persian_digits_are_read(client, persian_organizer):
    event = EventFactory(starts_at=STARTS, ends_at=STARTS + timedelta(hours=4), time_zone="UTC")
    response = signed_in(client, persian_organizer).post(
        f"/fa/events/{event.pk}/sessions/new/",
        {
            "title_fa": "نشست نخست",
            "starts_at": "۲۰۳۰-۰۶-۰۱T۰۸:۳۰",
            "ends_at": "۲۰۳۰-۰۶-۰۱T۰۹:۳۰",
            "language": "fa",
        },
    )
    assert response.status_code == 302
    assert Session.objects.get().starts_at == STARTS + timedelta(minutes=30)


@pytest.mark.django_db
def test_capacity_below_zero_is_refused_with_the_limit_in_persian_digits(client, persian_organizer):
    proposal = under_review()
    response = signed_in(client, persian_organizer).post(
        f"/fa/proposals/{proposal.pk}/accept/", {"visibility": "public", "capacity": "-۵"}
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["capacity"]
    assert "۰" in error
    assert not WESTERN.search(error)
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_capacity_limit_in_western_digits_for_a_member_who_chose_them(client):
    organizer = OrganizerFactory(preferred_language="fa", digit_style="latn")
    proposal = under_review()
    response = signed_in(client, organizer).post(
        f"/fa/proposals/{proposal.pk}/accept/", {"visibility": "public", "capacity": "-۵"}
    )
    [error] = response.context["form"].errors["capacity"]
    assert "0" in error
    assert not re.search("[۰-۹]", error)


@pytest.mark.django_db
def test_feed_options_read_persian_digits(client, event):
    response = client.get(f"/fa/calendar/events/{event.pk}/event.ics?sessions=۱")
    assert response.status_code == 200


# --- numbers shown in the reader's digits ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "position"),
    [("fa", "", "۱"), ("ar", "", "١"), ("fa", "latn", "1"), ("en", "arab", "١")],
)
def test_waitlist_position_follows_the_readers_digits(client, language, digit_style, position):
    event = EventFactory(capacity=1)
    RsvpFactory(event=event)
    member = ApprovedMemberFactory(preferred_language=language, digit_style=digit_style)
    signed_in(client, member)

    response = client.post(f"/{language}/events/{event.pk}/answer/", {"answer": "going"})
    [message] = messages_of(response)
    assert re.findall(r"[0-9۰-۹٠-٩]+", message) == [position]

    page = client.get(f"/{language}/events/{event.pk}/").content.decode()
    card = page[page.index('id="answer"') :]
    sentence = card[card.index("<br>") : card.index("</p>")]
    assert re.findall(r"[0-9۰-۹٠-٩]+", sentence) == [position]


@pytest.mark.django_db
def test_capacity_below_going_names_the_number_in_arabic_indic_digits(client):
    organizer = OrganizerFactory(preferred_language="ar")
    event = EventFactory(capacity=5, starts_at=STARTS, ends_at=STARTS + timedelta(hours=2))
    RsvpFactory.create_batch(3, event=event)
    response = signed_in(client, organizer).post(
        f"/ar/events/{event.pk}/edit/",
        {
            "kind": event.kind,
            "title_en": event.title_en,
            "starts_at": "2030-06-01T10:00",
            "ends_at": "2030-06-01T12:00",
            "time_zone": "Europe/Berlin",
            "modality": event.modality,
            "in_english": "on",
            "visibility": "public",
            "capacity": "2",
        },
    )
    [error] = response.context["form"].errors["capacity"]
    assert re.findall(r"[0-9٠-٩]+", error) == ["٣", "٣"]
    event.refresh_from_db()
    assert event.capacity == 5


@pytest.mark.django_db
def test_closed_answers_name_the_deadline_in_persian_digits(client):
    member = ApprovedMemberFactory(preferred_language="fa")
    event = EventFactory(rsvp_deadline=timezone.now() - timedelta(hours=1))
    response = signed_in(client, member).post(f"/fa/events/{event.pk}/answer/", {"answer": "going"})
    [message] = messages_of(response)
    assert re.search("[۰-۹]", message)
    assert not WESTERN.search(message)


@pytest.mark.django_db
def test_list_pages_count_in_the_readers_digits(client):
    EventFactory.create_batch(21)
    page = client.get("/fa/events/?page=۲").content.decode()
    assert "صفحهٔ ۲ از ۲" in page
    page = signed_in(client, ApprovedMemberFactory(preferred_language="ar")).get("/ar/events/")
    assert "الصفحة ١ من ٢" in page.content.decode()


@pytest.mark.django_db
def test_dashboard_chart_total_in_persian_digits(client, persian_organizer):
    event = EventFactory()
    for member in ApprovedMemberFactory.create_batch(3):
        rsvp_set(event=event, member=member, answer="going")
    page = signed_in(client, persian_organizer).get(f"/fa/events/{event.pk}/dashboard/")
    assert "ثبت‌نام‌ها در طول زمان، در مجموع ۳</title>" in page.content.decode()


@pytest.mark.django_db
def test_a_too_long_rejection_note_states_the_limit_in_the_members_digits(client):
    organizer = OrganizerFactory(preferred_language="fa", digit_style="latn")
    proposal = under_review()
    response = signed_in(client, organizer).post(
        f"/fa/proposals/{proposal.pk}/reject/", {"note": "x" * 2001, "confirmed": "1"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "note": ["یادداشت بیش از حد طولانی است: حداکثر 2000 نویسه."]
    }
    proposal.refresh_from_db()
    assert proposal.state == "under_review"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "limit", "typed"), [("fa", "۵۰۰۰", "۶۰۰۰"), ("ar", "٥٠٠٠", "٦٠٠٠")]
)
def test_a_form_error_of_django_itself_shows_the_readers_digits(client, language, limit, typed):
    proposal = ProposalFactory(state="submitted")
    member = ApprovedMemberFactory(preferred_language=language)
    client.force_login(member)

    response = client.post(f"/{language}/proposals/{proposal.pk}/comment/", {"body": "س" * 6000})

    html = response.content.decode()
    assert limit in html
    assert typed in html
    assert "5000" not in html.replace('maxlength="5000"', "")
