"""Abuse limits: allauth's on sign-up, sign-in and password reset, and the project's own
(members/ratelimit.py), answered in the reader's language and keyed without an address."""

import logging

import pytest
from django.core import mail

from events.models import Rsvp
from tests.factories import ApprovedMemberFactory, EventFactory
from tests.members.test_signup import signup_data

PERSIAN_WAIT = "لطفاً ۱ دقیقهٔ دیگر دوباره تلاش کنید"
ARABIC_TITLE = "طلبات كثيرة جدًا"


def _assert_limited_page(response, *, wait_text: str, title: str) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert title in html
    assert wait_text in html


# allauth's limits: on, and answered in the reader's language


def test_allauths_limits_on_signing_up_in_and_resetting_are_on_at_its_defaults():
    from allauth.account import app_settings

    assert {
        action: app_settings.RATE_LIMITS.get(action)
        for action in ("signup", "login", "login_failed", "reset_password")
    } == {
        "signup": "20/m/ip",
        "login": "30/m/ip",
        "login_failed": "10/m/ip,5/300s/key",
        "reset_password": "20/m/ip,5/m/key",
    }


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_signups_beyond_the_limit_get_a_429_page_in_arabic(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/m/ip"}
    for _ in range(2):
        client.post("/ar/accounts/signup/", {"email": "not an address"})

    response = client.post("/ar/accounts/signup/", signup_data(preferred_language="ar"))

    _assert_limited_page(response, wait_text="يُرجى المحاولة مجددًا بعد دقيقة.", title=ARABIC_TITLE)
    assert mail.outbox == []


@pytest.mark.django_db
def test_sign_ins_beyond_the_limit_get_a_429_page_in_persian(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    for _ in range(2):
        client.post("/fa/accounts/login/", {})

    response = client.post("/fa/accounts/login/", {"login": "x@example.org", "password": "x"})

    _assert_limited_page(response, wait_text=PERSIAN_WAIT, title="درخواست‌های بیش از حد")


@pytest.mark.django_db
def test_a_sixth_wrong_password_for_one_address_is_refused_in_persian_even_if_right(client, member):
    wrong = {"login": member.email, "password": "not the password"}
    for _ in range(5):
        assert client.post("/fa/accounts/login/", wrong).status_code == 200

    response = client.post("/fa/accounts/login/", {"login": member.email, "password": "x"})

    assert response.status_code == 200
    assert "تلاش‌های ناموفق برای ورود بیش از حد بوده است." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_password_resets_beyond_five_a_minute_for_one_address_get_a_429_page(client, member):
    for _ in range(5):
        client.post("/ar/accounts/password/reset/", {"email": member.email})
    sent = len(mail.outbox)

    response = client.post("/ar/accounts/password/reset/", {"email": member.email})

    _assert_limited_page(response, wait_text="يُرجى المحاولة مجددًا بعد دقيقة.", title=ARABIC_TITLE)
    assert len(mail.outbox) == sent == 5


# The project's own limits: who is counted


def _register(client, event, email: str, **headers):
    data = {"guest_name": "Nasrin", "guest_email": email, "answer": "going"}
    return client.post(f"/en/events/{event.pk}/guest/", data, **headers)


@pytest.mark.django_db
def test_visitors_behind_the_proxy_are_counted_each_by_their_own_address(client, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "guest_register": (1, 3600)}
    event = EventFactory(guest_registration=True)

    first = _register(client, event, "a@example.org", HTTP_X_REAL_IP="203.0.113.1")
    again = _register(client, event, "b@example.org", HTTP_X_REAL_IP="203.0.113.1")
    other = _register(client, event, "c@example.org", HTTP_X_REAL_IP="203.0.113.2")
    straight_in = _register(client, event, "d@example.org")  # no header: its own address

    statuses = [r.status_code for r in (first, again, other, straight_in)]
    assert statuses == [302, 429, 302, 302]


@pytest.mark.django_db
def test_an_ipv6_visitor_is_counted_by_the_64_network_they_hold(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "guest_register": (1, 3600)}
    event = EventFactory(guest_registration=True)

    first = _register(client, event, "a@example.org", REMOTE_ADDR="2001:db8:1:2::1")
    same_network = _register(client, event, "b@example.org", REMOTE_ADDR="2001:db8:1:2::ffff")
    other_network = _register(client, event, "c@example.org", REMOTE_ADDR="2001:db8:1:3::1")

    assert (first.status_code, same_network.status_code, other_network.status_code) == (
        302,
        429,
        302,
    )


@pytest.mark.django_db
def test_members_on_one_address_are_counted_each_by_their_account(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "rsvp": (1, 3600)}
    event = EventFactory()
    layla, omar = ApprovedMemberFactory(), ApprovedMemberFactory()

    client.force_login(layla)
    first = client.post(f"/en/events/{event.pk}/answer/", {"answer": "going"})
    again = client.post(f"/en/events/{event.pk}/answer/", {"answer": "maybe"})
    client.force_login(omar)
    other = client.post(f"/en/events/{event.pk}/answer/", {"answer": "going"})

    assert (first.status_code, again.status_code, other.status_code) == (302, 429, 302)
    assert Rsvp.objects.get(member=layla).status == "going"


# A cache that fails lets people through and says so, without an address


@pytest.mark.django_db
@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.redis.RedisCache", "config.cache.TolerantRedisCache"],
)
def test_limits_let_everyone_through_while_the_cache_fails(client, settings, caplog, backend):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "guest_register": (1, 3600)}
    # Nothing listens on port 1: every cache call fails at once.
    settings.CACHES = {
        "default": {
            "BACKEND": backend,
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    event = EventFactory(guest_registration=True)
    address = {"REMOTE_ADDR": "203.0.113.77"}

    with caplog.at_level(logging.WARNING):
        answers = [
            _register(client, event, f"guest{n}@example.org", **address).status_code
            for n in range(3)
        ]

    assert answers == [302, 302, 302]
    assert Rsvp.objects.count() == 3
    assert caplog.records
    assert "203.0.113.77" not in caplog.text
