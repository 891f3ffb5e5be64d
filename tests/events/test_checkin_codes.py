"""Check-in codes without look-alike characters, found however they are typed at the door."""

import re
import secrets
from datetime import timedelta

import pytest
from django.utils import timezone

from events.checkin_codes import ALPHABET, RANDOM_BITS, checkin_code_candidates, new_checkin_code
from events.models import Rsvp
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$")


@pytest.fixture
def event(db):
    return EventFactory(starts_at=timezone.now() + timedelta(hours=1))


def test_new_codes_have_no_look_alike_characters_and_100_random_bits():
    codes = {new_checkin_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(CODE.match(code) for code in codes)
    assert not set("".join(codes)) & set("ILOUilou")
    assert (len(ALPHABET), RANDOM_BITS) == (32, 100)


def test_a_typed_code_reads_look_alikes_case_spaces_and_hyphens_as_the_code():
    assert checkin_code_candidates(" 7kq2 0abc-1def ghjm npqr ".replace("0", "o")) == {
        "7kq2 oabc-1def ghjm npqr",
        "7KQ2-0ABC-1DEF-GHJM-NPQR",
    }
    assert "7KQ2-0ABC-1DEF-GHJM-NPQR" in checkin_code_candidates("7KQ2OABCLDEFGHJMNPQR")
    assert "7KQ2-0ABC-1DEF-GHJM-NPQR" in checkin_code_candidates("7KQ2‐0ABC‐IDEF‐GHJM‐NPQR")


def test_an_earlier_code_is_only_itself_exactly():
    earlier = secrets.token_urlsafe(12)
    assert checkin_code_candidates(earlier) == {earlier}
    assert checkin_code_candidates("") == set()


@pytest.mark.django_db
def test_a_new_answer_gets_a_code_of_the_readable_kind(event):
    assert CODE.match(RsvpFactory(event=event, status="going").checkin_code)


@pytest.mark.django_db
def test_code_page_finds_a_code_typed_with_look_alikes(event, organizer_client):
    rsvp = RsvpFactory(event=event, member=ApprovedMemberFactory(display_name="Layla"))
    Rsvp.objects.filter(pk=rsvp.pk).update(checkin_code="7KQ2-0ABC-1DEF-GHJM-NPQR")
    response = organizer_client.get(f"/en/events/{event.pk}/check-in/code/7kq2oabcldefghjmnpqr/")
    assert response.status_code == 200
    assert response.context["rsvp"] == rsvp


@pytest.mark.django_db
def test_code_page_still_finds_an_earlier_code_but_only_as_written(event, organizer_client):
    rsvp = RsvpFactory(event=event, status="going")
    Rsvp.objects.filter(pk=rsvp.pk).update(checkin_code="n-vu7U4uoL690Ozk")
    found = organizer_client.get(f"/en/events/{event.pk}/check-in/code/n-vu7U4uoL690Ozk/")
    other_case = organizer_client.get(f"/en/events/{event.pk}/check-in/code/N-VU7U4UOL690OZK/")
    assert found.context["rsvp"] == rsvp
    assert other_case.status_code == 302


@pytest.mark.django_db
def test_checkin_search_finds_a_code_read_out_at_the_door(event, organizer_client):
    layla = RsvpFactory(event=event, member=ApprovedMemberFactory(display_name="Layla"))
    RsvpFactory(event=event, member=ApprovedMemberFactory(display_name="Omar"))
    Rsvp.objects.filter(pk=layla.pk).update(checkin_code="7KQ2-0ABC-1DEF-GHJM-NPQR")
    response = organizer_client.post(
        f"/en/events/{event.pk}/check-in/", {"q": "7kq2 oabc idef ghjm npqr"}
    )
    assert response.status_code == 200
    assert list(response.context["people"]) == [layla]
    assert 'placeholder="Search by name or check-in code"' in response.content.decode()
