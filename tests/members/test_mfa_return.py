"""Any role whose page needs two-factor authentication is told so in neutral words and, once it
is set up, taken back to the page it asked for (members/permissions.py, members/views_mfa.py)."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from tests.factories import (
    PASSWORD,
    CoordinatorMembershipFactory,
    EventFactory,
    OrganizerFactory,
)
from tests.members.test_organizer_mfa import current_totp_code, sign_in

NEEDS_MFA = (
    "This page needs two-factor authentication. Set it up now; you will then be taken back to "
    "the page."
)


@pytest.fixture
def cohost_edit(db):
    """A co-hosting group's coordinator without two-factor authentication, and the page where
    they edit the event's practical details."""
    starts = timezone.now() + timedelta(days=10)
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    coordinator = CoordinatorMembershipFactory()
    event.cohost_groups.add(coordinator.group)
    return coordinator.member, f"/en/events/{event.pk}/edit/"


def test_a_coordinator_is_told_the_page_needs_two_factor_not_that_organizers_must(
    client, cohost_edit
):
    coordinator, page = cohost_edit
    client.force_login(coordinator)
    response = client.get(page)
    assert response["Location"] == f"/en/accounts/2fa/totp/activate/?next={quote(page, safe='')}"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [NEEDS_MFA]


def test_after_setting_up_two_factor_the_coordinator_continues_to_the_page(client, cohost_edit):
    coordinator, page = cohost_edit
    sign_in(client, coordinator)
    reauthenticate = client.get(page, follow=True)
    setup = client.post(reauthenticate.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert setup.request["PATH_INFO"] == "/en/accounts/2fa/totp/activate/"
    # allauth's form posts to its bare address: the page asked for is kept meanwhile.
    activated = client.post(
        "/en/accounts/2fa/totp/activate/",
        {"code": current_totp_code(setup.context["form"].secret)},
    )
    # The new recovery codes are shown first, once, with the way on.
    assert activated["Location"] == f"/en/accounts/2fa/recovery-codes/?next={quote(page, safe='')}"
    codes = client.get(activated["Location"])
    assert codes.context["continue_url"] == page
    assert f'href="{page}"' in codes.content.decode()
    assert "Continue to the page you asked for" in codes.content.decode()
    assert client.get(page).status_code == 200


@pytest.mark.django_db
def test_a_next_off_the_site_is_not_followed(client):
    organizer = OrganizerFactory(mfa=False)
    sign_in(client, organizer)
    reauthenticate = client.get("/en/accounts/2fa/totp/activate/?next=https://evil.example/")
    setup = client.post(reauthenticate["Location"], {"password": PASSWORD}, follow=True)
    assert setup.request["PATH_INFO"] == "/en/accounts/2fa/totp/activate/"
    activated = client.post(
        "/en/accounts/2fa/totp/activate/",
        {"code": current_totp_code(setup.context["form"].secret), "next": "https://evil.example/"},
    )
    assert activated["Location"] == "/en/accounts/2fa/recovery-codes/"
    codes = client.get("/en/accounts/2fa/recovery-codes/?next=https://evil.example/")
    assert codes.context["continue_url"] == ""
    assert 'href="https://evil.example/"' not in codes.content.decode()
