"""The member's choice of address for the links in their mails (members/links.py)."""

import pytest

from members.enums import LinkAddress
from members.selectors import member_data_export
from members.services import member_delete_account
from tests.conftest import ONION_HOST

PAGE = "/en/members/notifications/"
PREFERENCES = {"reminders_enabled": "on", "remind_day_before": "on", "email_notices": "on"}


@pytest.mark.django_db
def test_the_choice_shows_only_with_an_onion_service(member_client, settings, onion_url):
    assert 'name="link_address"' in member_client.get(PAGE).content.decode()
    settings.ONION_URL = ""
    assert 'name="link_address"' not in member_client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_choosing_the_onion_address_is_kept_over_later_sign_ins(member_client, member, onion_url):
    member_client.post(PAGE, {**PREFERENCES, "link_address": "onion"})
    member.refresh_from_db()
    assert member.link_address == LinkAddress.ONION
    member_client.get("/en/", headers={"host": ONION_HOST})
    assert "Onion address (for Tor Browser)" in member_client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_saving_the_address_shown_is_no_choice(member_client, member, onion_url):
    member.signed_in_through_onion = True
    member.save()
    member_client.post(PAGE, {**PREFERENCES, "link_address": "onion"})
    member.refresh_from_db()
    assert member.link_address == LinkAddress.AS_SIGNED_IN


@pytest.mark.django_db
def test_an_unknown_choice_is_a_form_error(member_client, member, onion_url):
    response = member_client.post(PAGE, {**PREFERENCES, "link_address": "elsewhere"})
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


@pytest.mark.django_db
def test_the_address_used_is_exported_and_goes_with_the_account(member):
    member.link_address = LinkAddress.ONION
    member.signed_in_through_onion = True
    member.save()
    exported = member_data_export(member=member)["notification_preferences"]
    assert (exported["link_address"], exported["signed_in_through_onion"]) == ("onion", True)
    member_delete_account(member=member)
    member.refresh_from_db()
    assert (member.link_address, member.signed_in_through_onion) == ("", False)
