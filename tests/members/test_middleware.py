"""Signing out tells the browser to forget what it kept (members/middleware.py)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

CLEAR = '"cache", "storage"'


@pytest.mark.django_db
def test_signing_out_clears_the_site_data(organizer_client):
    response = organizer_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR


@pytest.mark.django_db
def test_pages_of_a_signed_in_member_clear_nothing(member_client):
    response = member_client.get(reverse("home"))
    assert response.status_code == 200
    assert "Clear-Site-Data" not in response


@pytest.mark.django_db
def test_signing_out_when_signed_out_already_clears_nothing(client):
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "Clear-Site-Data" not in response


@pytest.mark.django_db
def test_deleting_the_account_clears_the_site_data(member_client):
    response = member_client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR
