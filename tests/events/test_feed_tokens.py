import hashlib
import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from events.models import CalendarFeedToken
from members.services import member_delete_account
from tests.events.calendar_parsing import by_uid, parse, physical_lines
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

TOKEN_URL = re.compile(
    r"http://localhost:8000(/[a-z]{2}/calendar/private/([A-Za-z0-9_-]{43})\.ics)"
)


def make_token(client) -> tuple[str, str]:
    """Create (or replace) the signed-in member's token; return the feed path and the token."""
    response = client.post("/en/calendar/private/new/", follow=True)
    assert response.status_code == 200
    path, token = TOKEN_URL.search(response.content.decode()).groups()
    return path, token


def uid_of(event) -> str:
    return f"event-{event.pk}@tadamun"


@pytest.mark.django_db
def test_creating_shows_the_address_once_and_stores_only_its_digest(member_client, member):
    posted = member_client.post("/en/calendar/private/new/")
    assert (posted.status_code, posted["Location"]) == (302, "/en/calendar/private/new/")
    response = member_client.get("/en/calendar/private/new/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    path, token = TOKEN_URL.search(page).groups()
    assert f"webcal://localhost:8000{path}" in page
    stored = CalendarFeedToken.objects.get(member=member)
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.digest
    profile = member_client.get("/en/members/profile/").content.decode()
    assert token not in profile
    assert 'id="private-calendar"' in profile
    assert "Make a new address" in profile


@pytest.mark.django_db
def test_reloading_the_shown_address_makes_no_new_one(member_client, member):
    path, _token = make_token(member_client)
    digest = CalendarFeedToken.objects.get(member=member).digest
    reloaded = member_client.get("/en/calendar/private/new/")
    assert (reloaded.status_code, reloaded["Location"]) == (
        302,
        "/en/members/profile/#private-calendar",
    )
    assert CalendarFeedToken.objects.get(member=member).digest == digest
    assert Client().get(path).status_code == 200


@pytest.mark.django_db
def test_address_kept_too_long_is_not_shown(member_client, member, monkeypatch):
    member_client.post("/en/calendar/private/new/")
    monkeypatch.setattr("members.shown_once.MAX_AGE_SECONDS", -1)
    response = member_client.get("/en/calendar/private/new/")
    assert response.status_code == 302
    assert CalendarFeedToken.objects.filter(member=member).count() == 1


@pytest.mark.django_db
def test_profile_offers_to_create_a_private_calendar(member_client):
    page = member_client.get("/en/members/profile/").content.decode()
    card = page[page.index('id="private-calendar"') :]
    assert "Create my private calendar" in card
    assert 'action="/en/calendar/private/new/"' in card
    assert 'name="csrfmiddlewaretoken"' in card


@pytest.mark.django_db
def test_private_feed_works_without_a_session(member_client, member):
    going = RsvpFactory(member=member, status="going").event
    maybe = RsvpFactory(member=member, status="maybe").event
    RsvpFactory(member=member, status="not_going")
    RsvpFactory(status="going")  # someone else's
    EventFactory()
    path, _token = make_token(member_client)
    response = Client().get(path)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert response["Content-Disposition"] == 'attachment; filename="tadamun-my-events.ics"'
    calendar = parse(response)
    assert set(by_uid(calendar)) == {uid_of(going), uid_of(maybe)}
    assert str(calendar["X-WR-CALNAME"]) == "Tadamun: my events"
    physical_lines(response.content)


@pytest.mark.django_db
def test_meeting_link_only_for_confirmed_attendees(member_client, member):
    link = "https://meet.example.org/room-42"
    going = EventFactory(modality="online", meeting_link=link, title_en="Webinar")
    maybe = EventFactory(modality="hybrid", meeting_link=link)
    waiting = EventFactory(modality="online", meeting_link=link, title_en="Full", capacity=0)
    RsvpFactory(member=member, event=going, status="going")
    RsvpFactory(member=member, event=maybe, status="maybe")
    RsvpFactory(member=member, event=waiting, status="waitlisted", waitlisted_at=waiting.created_at)
    path, _token = make_token(member_client)
    found = by_uid(parse(Client().get(path)))
    assert str(found[uid_of(going)]["LOCATION"]) == link
    assert str(found[uid_of(going)]["CONFERENCE"]) == link
    assert f"Meeting link: {link}" in str(found[uid_of(going)]["DESCRIPTION"])
    assert str(found[uid_of(going)]["SUMMARY"]) == "Webinar"
    for other in (maybe, waiting):
        assert "CONFERENCE" not in found[uid_of(other)]
        assert link not in str(found[uid_of(other)]["DESCRIPTION"])
        assert link not in str(found[uid_of(other)].get("LOCATION", ""))
    assert str(found[uid_of(waiting)]["SUMMARY"]) == "On the waitlist: Full"


@pytest.mark.django_db
def test_members_only_option_adds_every_members_only_event(member_client, member):
    answered = RsvpFactory(member=member, status="going").event
    members_only = EventFactory(visibility="members")
    public = EventFactory()
    path, _token = make_token(member_client)
    assert set(by_uid(parse(Client().get(path)))) == {uid_of(answered)}
    everything = by_uid(parse(Client().get(path + "?members_only=1")))
    assert set(everything) == {uid_of(answered), uid_of(members_only)}
    assert uid_of(public) not in everything


@pytest.mark.django_db
def test_members_only_option_gives_nothing_more_to_a_pending_member(client, pending_member):
    EventFactory(visibility="members")
    client.force_login(pending_member)
    path, _token = make_token(client)
    assert by_uid(parse(Client().get(path + "?members_only=1"))) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["2", "true", ""])
def test_bad_members_only_value_is_400(member_client, value):
    path, _token = make_token(member_client)
    assert Client().get(path, {"members_only": value}).status_code == 400


@pytest.mark.django_db
def test_private_feed_speaks_the_members_language_unless_asked(client):
    member = ApprovedMemberFactory(preferred_language="fa")
    event = RsvpFactory(
        member=member, event=EventFactory(title_en="Meeting", title_fa="نشست")
    ).event
    client.force_login(member)
    response = client.post("/fa/calendar/private/new/", follow=True)
    path = re.search(
        r"http://localhost:8000(/fa/calendar/private/[A-Za-z0-9_-]{43}\.ics)",
        response.content.decode(),
    ).group(1)
    assert str(by_uid(parse(Client().get(path)))[uid_of(event)]["SUMMARY"]) == "نشست"
    english = by_uid(parse(Client().get(path + "?lang=en")))
    assert str(english[uid_of(event)]["SUMMARY"]) == "Meeting"


@pytest.mark.django_db
def test_regenerating_kills_the_old_address_at_once(member_client, member):
    RsvpFactory(member=member)
    old_path, old_token = make_token(member_client)
    assert Client().get(old_path).status_code == 200
    new_path, new_token = make_token(member_client)
    assert new_token != old_token
    assert Client().get(old_path).status_code == 404
    assert Client().get(new_path).status_code == 200
    assert CalendarFeedToken.objects.filter(member=member).count() == 1


@pytest.mark.django_db
def test_turning_it_off_kills_the_address(member_client, member):
    path, _token = make_token(member_client)
    response = member_client.post("/en/calendar/private/off/", {"confirmed": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/en/members/profile/"
    assert Client().get(path).status_code == 404
    assert not CalendarFeedToken.objects.filter(member=member).exists()


def _without_request_specifics(response) -> str:
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    path = response.wsgi_request.path
    # The 404 page's sign-in link returns to the path, written as a query parameter.
    page = page.replace(urlencode({"next": path}), "next=PATH")
    page = page.replace(response.wsgi_request.get_full_path(), "PATH")
    # The language links lead to the same path under each prefix.
    return page.replace(response.wsgi_request.get_full_path_info().removeprefix("/en"), "/PATH")


@pytest.mark.django_db
def test_wrong_revoked_and_malformed_tokens_all_get_the_same_404(member_client):
    revoked_path, _token = make_token(member_client)
    member_client.post("/en/calendar/private/off/", {"confirmed": "1"})
    stranger = Client()
    answers = [
        stranger.get(revoked_path),
        stranger.get("/en/calendar/private/" + "A" * 43 + ".ics"),
        stranger.get("/en/calendar/private/short.ics"),
        stranger.get("/en/calendar/private/" + "x" * 500 + ".ics"),
        stranger.get("/en/calendar/private/" + "A" * 42 + "%00.ics"),
    ]
    assert [answer.status_code for answer in answers] == [404] * 5
    assert len({_without_request_specifics(answer) for answer in answers}) == 1


@pytest.mark.django_db
def test_deleted_account_loses_its_private_calendar(member_client, member):
    path, _token = make_token(member_client)
    member_delete_account(member=member)
    assert Client().get(path).status_code == 404
    assert not CalendarFeedToken.objects.filter(member=member).exists()


@pytest.mark.django_db
def test_deactivated_member_feed_is_404(member_client, member):
    path, _token = make_token(member_client)
    member.is_active = False
    member.save()
    assert Client().get(path).status_code == 404


@pytest.mark.django_db
def test_creating_and_turning_off_need_a_signed_in_post(member_client):
    for path in ("/en/calendar/private/new/", "/en/calendar/private/off/"):
        stranger = Client().post(path, {"confirmed": "1"})
        assert stranger.status_code == 302
        assert stranger["Location"].startswith("/en/accounts/login/")
    # Opened as a page, it makes nothing: it leads to the profile's private calendar card.
    assert member_client.get("/en/calendar/private/new/")["Location"] == (
        "/en/members/profile/#private-calendar"
    )
    assert not CalendarFeedToken.objects.exists()


@pytest.mark.django_db
def test_private_feed_answers_304_to_its_etag_and_changes_with_an_answer(member_client, member):
    rsvp = RsvpFactory(member=member, status="maybe")
    path, _token = make_token(member_client)
    stranger = Client()
    first = stranger.get(path)
    assert stranger.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    rsvp.status = "not_going"
    rsvp.save()
    changed = stranger.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert by_uid(parse(changed)) == {}
