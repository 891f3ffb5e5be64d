import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from members.models import User
from members.signals import member_account_deleted
from tests.factories import PASSWORD, OrganizerFactory


@pytest.mark.django_db
def test_deleting_account_anonymises_the_member(client):
    organizer = OrganizerFactory(display_name="Sam", bio="Berlin")
    original_email = organizer.email
    client.force_login(organizer)
    response = client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    tombstone = User.objects.get(pk=organizer.pk)
    assert tombstone.deleted_at is not None
    assert tombstone.email.endswith("@deleted.invalid")
    assert original_email not in tombstone.email
    assert tombstone.display_name == ""
    assert tombstone.bio == ""
    assert not tombstone.is_active
    assert not tombstone.has_usable_password()
    assert not tombstone.groups.exists()
    assert str(tombstone) == "Former member"
    assert not EmailAddress.objects.filter(user=tombstone).exists()
    assert not Authenticator.objects.filter(user=tombstone).exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_deleted_member_cannot_sign_in_again(client, member):
    email = member.email
    client.force_login(member)
    client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    response = client.post("/en/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_other_apps_are_told_to_anonymise_inside_the_deletion(member_client, member):
    received = []

    def receiver(sender, member_id, **kwargs):
        received.append((member_id, User.objects.get(pk=member_id).deleted_at))

    member_account_deleted.connect(receiver)
    try:
        member_client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    finally:
        member_account_deleted.disconnect(receiver)
    assert received == [(member.pk, None)]


@pytest.mark.django_db
def test_a_failing_receiver_rolls_back_the_whole_deletion(member_client, member):
    def broken(sender, member_id, **kwargs):
        raise RuntimeError("cannot anonymise")

    member_account_deleted.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            member_client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    finally:
        member_account_deleted.disconnect(broken)
    member.refresh_from_db()
    assert member.deleted_at is None
    assert EmailAddress.objects.filter(user=member).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data", [{"password": "wrong", "confirm": "on"}, {"password": PASSWORD}, {}]
)
def test_deletion_needs_password_and_confirmation(member_client, member, data):
    response = member_client.post("/fa/members/delete/", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    member.refresh_from_db()
    assert member.deleted_at is None


@pytest.mark.django_db
def test_data_export_contains_profile_and_no_secrets(client):
    organizer = OrganizerFactory(display_name="رضا", time_zone="Asia/Tehran", bio="کارگر")
    client.force_login(organizer)
    response = client.get("/en/members/my-data.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["display_name"] == "رضا"
    assert data["profile"]["email"] == organizer.email
    assert data["profile"]["time_zone"] == "Asia/Tehran"
    assert data["profile"]["bio"] == "کارگر"
    assert data["membership"]["roles"] == ["Organizers"]
    assert data["email_addresses"] == [
        {"email": organizer.email, "verified": True, "primary": True}
    ]
    assert data["two_factor_authentication_enabled"] is True
    raw = response.content.decode()
    assert organizer.password not in raw
    assert "secret" not in raw


@pytest.mark.django_db
def test_data_export_needs_sign_in(client):
    response = client.get("/en/members/my-data.json")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
