"""An address is one address in any capitalisation: at sign-in, at sign-up and for guests."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from members.models import User
from members.selectors import member_addresses, member_by_address
from tests.factories import PASSWORD, ApprovedMemberFactory
from tests.members.test_signup import signup_data


@pytest.mark.django_db
def test_sign_in_with_the_address_in_other_case(client, member):
    response = client.post(
        "/en/accounts/login/", {"login": member.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@pytest.mark.django_db(transaction=True)  # account mail goes on commit
def test_sign_up_with_a_members_address_in_other_case_makes_no_second_account(client, member):
    client.post("/en/accounts/signup/", signup_data(email=member.email.upper()))
    assert User.objects.count() == 1
    assert [message.to for message in mail.outbox] == [[member.email]]


@pytest.mark.django_db
def test_member_by_address_finds_the_account_and_verified_addresses_in_any_case():
    member = ApprovedMemberFactory(email="Layla@Tadamun.example")
    EmailAddress.objects.create(user=member, email="second@example.org", verified=True)
    EmailAddress.objects.create(user=member, email="unproven@example.org", verified=False)
    gone = ApprovedMemberFactory(email="gone@example.org", is_active=False)
    assert member_by_address(" LAYLA@tadamun.EXAMPLE ") == member
    assert member_by_address("Second@Example.org") == member
    assert member_by_address("unproven@example.org") is None
    assert member_by_address(gone.email) is None
    assert member_by_address("") is None
    assert member_addresses(member) == {"layla@tadamun.example", "second@example.org"}
