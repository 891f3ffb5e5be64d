"""The check-in page without a connection (issue 16): its service worker, what the page gives
its script, and a queued check-in sent again. The browser side: tests/browser/."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from events.models import Rsvp
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory

WORKER_SOURCE = (Path(settings.BASE_DIR) / "static" / "js" / "checkin-sw.js").read_bytes()
PENDING = {
    "en": "Checked in — will be sent when back online",
    "ar": "تمّ تسجيل الحضور — سيُرسَل حين يعود الاتصال",
    "fa": "ورود ثبت‌شده — با برگشتن اتصال فرستاده می‌شود",
}


@pytest.fixture
def event(db):
    """An event starting in an hour: its check-in is open."""
    return EventFactory(starts_at=timezone.now() + timedelta(hours=1))


@pytest.mark.django_db
def test_checkin_worker_is_served_from_under_the_checkin_page(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/en/events/4242/check-in/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response.content == WORKER_SOURCE
    # Its default scope is the folder it is served from: that event's check-in pages.
    worker = reverse("events:checkin_worker", kwargs={"event_id": 4242})
    assert worker.rsplit("/", 1)[0] + "/" == reverse("events:checkin", kwargs={"event_id": 4242})


def test_checkin_worker_refuses_a_post(client):
    response = client.post("/en/events/1/check-in/sw.js")
    assert response.status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_checkin_page_gives_its_script_the_worker_and_the_translated_note(client, event, language):
    client.force_login(OrganizerFactory(preferred_language=language))
    rsvp = RsvpFactory(event=event, member=ApprovedMemberFactory(), status="going")
    response = client.get(f"/{language}/events/{event.pk}/check-in/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-worker-url="/{language}/events/{event.pk}/check-in/sw.js"' in html
    assert f'data-page-url="/{language}/events/{event.pk}/check-in/"' in html
    assert f'data-pending-text="{escape(PENDING[language])}"' in html
    assert '<script src="/static/js/checkin-offline.js" defer></script>' in html
    toggle = f'action="/{language}/events/{event.pk}/check-in/{rsvp.pk}/" data-checkin-form'
    assert toggle in html
    assert f'<a href="/{language}/calendar/events/{event.pk}/door-list/">' in html


@pytest.mark.django_db
def test_a_queued_checkin_sent_twice_is_recorded_once(event):
    organizer = OrganizerFactory()
    rsvp = RsvpFactory(event=event, member=ApprovedMemberFactory(), status="going")
    client = Client(enforce_csrf_checks=True)
    client.force_login(organizer)
    client.get(f"/en/events/{event.pk}/check-in/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    path = f"/en/events/{event.pk}/check-in/{rsvp.pk}/"

    # As static/js/checkin-offline.js sends it: the page's token, in the header and the body.
    first = client.post(path, {"csrfmiddlewaretoken": token}, headers={"X-CSRFToken": token})
    rsvp.refresh_from_db()
    arrival = rsvp.checked_in_at
    again = client.post(path, {"csrfmiddlewaretoken": token}, headers={"X-CSRFToken": token})

    assert (first.status_code, again.status_code) == (302, 302)
    assert first["Location"] == again["Location"] == f"/en/events/{event.pk}/check-in/"
    rsvp.refresh_from_db()
    assert arrival is not None
    assert (rsvp.checked_in_at, rsvp.checked_in_by) == (arrival, organizer)
    assert Rsvp.objects.filter(event=event, checked_in_at__isnull=False).count() == 1
