"""The check-in code is for a door: shown to people going to an in-person or hybrid event,
never for one held only online."""

import pytest

from events.guests import new_guest_token
from events.models import Rsvp
from tests.factories import EventFactory, RsvpFactory

ONLINE = {
    "modality": "online",
    "venue": "",
    "city": "",
    "meeting_link": "https://meet.example.org/x",
}
HYBRID = {"modality": "hybrid", "meeting_link": "https://meet.example.org/x"}


def guest_page(client, event) -> str:
    token, digest = new_guest_token()
    guest = RsvpFactory(
        event=event, member=None, guest_name="Narges", guest_email="narges@example.org"
    )
    Rsvp.objects.filter(pk=guest.pk).update(guest_token=digest)
    response = client.get(f"/en/events/{event.pk}/guest/{token}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_online_event_page_shows_no_door_code_to_someone_going(member_client, member):
    event = EventFactory(**ONLINE)
    rsvp = RsvpFactory(event=event, member=member, status="going")
    response = member_client.get(f"/en/events/{event.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "checkin-qr" not in html
    assert "Show this code at the door to check in." not in html
    assert rsvp.checkin_code not in html


@pytest.mark.django_db
@pytest.mark.parametrize("place", [{}, HYBRID], ids=["in person", "hybrid"])
def test_in_person_and_hybrid_event_pages_show_the_door_code(member_client, member, place):
    event = EventFactory(**place)
    rsvp = RsvpFactory(event=event, member=member, status="going")
    html = member_client.get(f"/en/events/{event.pk}/").content.decode()
    assert '<div class="checkin-qr"><svg' in html
    assert rsvp.checkin_code in html


@pytest.mark.django_db
def test_online_event_guest_page_shows_no_door_code(client):
    html = guest_page(client, EventFactory(**ONLINE, guest_registration=True))
    assert "checkin-qr" not in html
    assert "Show this code at the door to check in." not in html


@pytest.mark.django_db
@pytest.mark.parametrize("place", [{}, HYBRID], ids=["in person", "hybrid"])
def test_in_person_and_hybrid_guest_pages_show_the_door_code(client, place):
    html = guest_page(client, EventFactory(**place, guest_registration=True))
    assert '<div class="checkin-qr"><svg' in html
    assert "Show this code at the door to check in." in html
