"""Links that leave the page (guest mails, calendar subscriptions, .ics entries, check-in codes)
open the site's public address, whatever Host header the request carried."""

import re

import pytest
import segno
from django.core import mail

from events.templatetags import event_tags
from tests.events.calendar_parsing import parse, vevents
from tests.factories import EventFactory, RsvpFactory
from tests.mail_links import links_in, links_off_site

FORGED_HOST = "attacker.example"


@pytest.fixture
def forged_host(settings):
    settings.ALLOWED_HOSTS = ["*"]
    return {"HTTP_HOST": FORGED_HOST}


def absolute_links(page: str) -> list[str]:
    return re.findall(r"""(?:https?|webcal)://[^\s"'<>]+""", page)


@pytest.mark.django_db
def test_guest_link_opens_the_site_in_the_guests_language(
    client, site_url, forged_host, django_capture_on_commit_callbacks
):
    event = EventFactory(guest_registration=True)
    data = {"guest_name": "Nasrin", "guest_email": "nasrin@example.org", "answer": "going"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fa/events/{event.pk}/guest/", data, **forged_host)
    [message] = mail.outbox
    assert links_in(message)[0].startswith(f"{site_url}/fa/events/{event.pk}/guest/")
    assert links_off_site(message, site_url=site_url, language="fa") == []


@pytest.mark.django_db
def test_calendar_subscription_addresses_name_the_site_not_the_requests_host(
    client, site_url, forged_host
):
    event = EventFactory()
    listing = client.get("/fa/events/", {"kind": "webinar"}, **forged_host).content.decode()
    page = client.get(f"/ar/events/{event.pk}/", **forged_host).content.decode()
    site_host = site_url.split("://", 1)[1]
    assert f"webcal://{site_host}/fa/calendar/events.ics?lang=fa&amp;kind=webinar" in listing
    assert f"{site_url}/fa/calendar/events.ics?lang=fa&amp;kind=webinar" in listing
    assert f"webcal://{site_host}/ar/calendar/events/{event.pk}/event.ics?lang=ar" in page
    for link in absolute_links(listing) + absolute_links(page):
        assert FORGED_HOST not in link


@pytest.mark.django_db
def test_private_calendar_address_names_the_site_not_the_requests_host(
    member_client, site_url, forged_host
):
    page = member_client.post(
        "/en/calendar/private/new/", follow=True, **forged_host
    ).content.decode()
    site_host = site_url.split("://", 1)[1]
    assert re.search(rf"webcal://{re.escape(site_host)}/en/calendar/private/[\w-]{{43}}\.ics", page)
    assert re.search(rf"{re.escape(site_url)}/en/calendar/private/[\w-]{{43}}\.ics", page)
    assert FORGED_HOST not in page


@pytest.mark.django_db
def test_calendar_entries_link_to_the_site_whatever_the_requests_host(
    client, site_url, forged_host
):
    event = EventFactory()
    response = client.get(f"/fa/calendar/events/{event.pk}/event.ics?lang=fa", **forged_host)
    [entry] = vevents(parse(response))
    assert str(entry["URL"]) == f"{site_url}/fa/events/{event.pk}/"
    assert FORGED_HOST not in response.content.decode()


@pytest.mark.django_db
def test_checkin_code_carries_the_sites_address(
    member_client, member, site_url, forged_host, monkeypatch
):
    encoded, draw = [], segno.make

    def make(text, **options):
        encoded.append(text)
        return draw(text, **options)

    monkeypatch.setattr(event_tags.segno, "make", make)  # no QR decoder here; see what is drawn
    rsvp = RsvpFactory(member=member, status="going")
    member_client.get(f"/en/events/{rsvp.event_id}/", **forged_host)
    assert encoded == [f"{site_url}/en/events/{rsvp.event_id}/check-in/code/{rsvp.checkin_code}/"]
