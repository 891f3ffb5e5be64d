"""Tadamun keeps no client address: not in a table, a log record, a mail or the cache."""

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from events.models import Proposal
from members.enums import MembershipStatus
from members.models import User
from tests.events.proposal_forms import proposal_form_data
from tests.factories import EventFactory
from tests.members.test_signup import signup_data

PASSWORD = signup_data()["password1"]
NEW_PASSWORD = "another long Solidarity passphrase 2027"
LINK = re.compile(r"https?://[^/\s]+(/[^\s]+/)")

# The address as written, and how a database or a library might spell it otherwise.
IPV4 = ("203.0.113.77", ("203.0.113.77",))
IPV6 = ("2001:db8::77", ("2001:db8:", "2001:0db8", "20010db8"))
DIRECT = {"REMOTE_ADDR": IPV4[0], "HTTP_X_FORWARDED_FOR": IPV4[0]}
# deploy/nginx.conf passes the address in X-Real-IP; a client may send X-Forwarded-For itself.
BEHIND_PROXY = {
    "REMOTE_ADDR": "127.0.0.1",
    "HTTP_X_REAL_IP": IPV6[0],
    "HTTP_X_FORWARDED_FOR": IPV6[0],
}


def _path(part: str) -> str:
    """The path of the newest link sent that contains `part`."""
    links = (path for message in reversed(mail.outbox) for path in LINK.findall(message.body))
    return next(path for path in links if part in path)


def _journey(client: Client, event, guest_event) -> None:
    """Sign up, verify, sign in (once wrongly), answer, propose, comment, register as a
    guest, reset the password; and a page that is not there."""
    assert client.post("/en/accounts/signup/", signup_data()).status_code == 302
    confirm = _path("/confirm-email/")
    assert client.post(confirm).status_code == 302
    member = User.objects.get(email=signup_data()["email"])
    User.objects.filter(pk=member.pk).update(
        membership_status=MembershipStatus.APPROVED, membership_reviewed_at=timezone.now()
    )
    client.logout()
    wrong = {"login": member.email, "password": "not the password"}
    assert client.post("/en/accounts/login/", wrong).status_code == 200
    right = {"login": member.email, "password": PASSWORD}
    assert client.post("/en/accounts/login/", right).status_code == 302

    assert client.post(f"/en/events/{event.pk}/answer/", {"answer": "going"}).status_code == 302
    assert client.post("/en/proposals/new/", proposal_form_data()).status_code == 302
    proposal = Proposal.objects.get(proposer=member)
    assert client.post(f"/en/proposals/{proposal.pk}/submit/").status_code == 302
    comment = client.post(f"/en/proposals/{proposal.pk}/comment/", {"body": "Count me in."})
    assert comment.status_code == 302
    assert client.get("/en/no-such-page/").status_code == 404
    client.logout()

    guest = {"guest_name": "Nasrin", "guest_email": "nasrin@example.org", "answer": "going"}
    assert client.post(f"/en/events/{guest_event.pk}/guest/", guest).status_code == 302
    assert client.post(_path("/guest/")).status_code == 302

    assert client.post("/en/accounts/password/reset/", {"email": member.email}).status_code == 302
    key_page = client.get(_path("/password/reset/key/"))
    new = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(key_page["Location"], new).status_code == 302
    assert (
        client.post("/en/accounts/login/", {**right, "password": NEW_PASSWORD}).status_code == 302
    )


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def _table_rows() -> list[str]:
    """Every row of every table, as text; session data decoded."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue
            rows += [f"{table}: {tuple(map(_plain, row))!r}" for row in cursor.fetchall()]
    rows += [f"session: {session.get_decoded()!r}" for session in Session.objects.all()]
    return rows


def _cache_entries() -> list[bytes]:
    redis = cache._cache.get_client(write=False)
    return [
        key + b" " + (redis.get(key) if redis.type(key) == b"string" else redis.dump(key))
        for key in redis.scan_iter()
    ]


def _mail_texts(message) -> str:
    parts = [message.subject, message.body, *(content for content, _ in message.alternatives)]
    return "\n".join(parts)


def _rate_limit_keys() -> list[bytes]:
    redis = cache._cache.get_client(write=False)
    return [key for key in redis.scan_iter() if b":rl:" in key or b":ratelimit:" in key]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)  # mail tasks run on commit, as in production
@pytest.mark.parametrize(
    ("proxy_header", "headers", "spellings"),
    [
        (None, {"REMOTE_ADDR": IPV4[0], "HTTP_X_FORWARDED_FOR": IPV4[0]}, IPV4[1]),
        (
            "X-Real-IP",
            {
                "REMOTE_ADDR": "127.0.0.1",
                "HTTP_X_REAL_IP": IPV6[0],
                "HTTP_X_FORWARDED_FOR": IPV6[0],
            },
            IPV6[1],
        ),
    ],
    ids=["ipv4-direct", "ipv6-behind-proxy"],
)
def test_a_journey_leaves_no_client_address_anywhere(
    settings, caplog, proxy_header, headers, spellings
):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = proxy_header
    caplog.set_level(logging.DEBUG)
    event = EventFactory()
    guest_event = EventFactory(guest_registration=True)

    _journey(Client(**headers), event, guest_event)

    places = {
        "table": _table_rows(),
        "log": [caplog.text] + [repr(record.__dict__) for record in caplog.records],
        "mail": [_mail_texts(message) for message in mail.outbox],
    }
    found = {
        where: [text for text in texts if any(s in text.lower() for s in spellings)]
        for where, texts in places.items()
    }
    found["cache"] = [
        entry for entry in _cache_entries() if any(s.encode() in entry.lower() for s in spellings)
    ]
    assert found == {"table": [], "log": [], "mail": [], "cache": []}
    # Counted, and forgotten when the longest window ends.
    redis = cache._cache.get_client(write=False)
    longest = max(window for _, window in settings.RATE_LIMITS.values())
    ttls = [redis.ttl(key) for key in _rate_limit_keys()]
    assert len(ttls) >= 5
    assert all(0 < ttl <= longest for ttl in ttls)


# Logs


@pytest.mark.django_db
def test_an_error_is_not_mailed_to_admins_with_the_visitors_address(settings, rf):
    settings.ADMINS = [("Admin", "admin@tadamun.example")]
    request = rf.get("/en/broken/", REMOTE_ADDR=IPV4[0], HTTP_X_REAL_IP=IPV4[0])

    logging.getLogger("django.request").error(
        "Internal Server Error: %s", request.path, extra={"status_code": 500, "request": request}
    )

    assert [m for m in mail.outbox if IPV4[0] in _mail_texts(m)] == []


def test_runserver_logs_a_broken_pipe_without_the_visitors_address():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        "- Broken pipe from %s",
        ((IPV4[0], 51234),),
        None,
    )
    handlers = logging.getLogger("django.server").handlers

    assert all(handler.filter(record) for handler in handlers)
    assert record.getMessage() == "- Broken pipe from -"
