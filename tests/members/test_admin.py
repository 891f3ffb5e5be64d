import pytest
from django.contrib import admin

from tests.factories import MemberFactory


@pytest.mark.django_db
def test_every_model_has_an_admin_changelist(admin_client):
    from django.apps import apps

    ours = [
        m for m in apps.get_models() if m._meta.app_label in {"members", "events", "notifications"}
    ]
    assert ours
    for model in ours:
        assert admin.site.is_registered(model), model
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_member_admin_filters_and_searches(admin_client):
    MemberFactory(display_name="Shirin", preferred_language="fa")
    response = admin_client.get("/admin/members/user/?membership_status=pending&q=Shirin")
    assert response.status_code == 200
    assert [m.display_name for m in response.context["cl"].result_list] == ["Shirin"]


@pytest.mark.django_db
def test_members_cannot_open_the_admin(member_client):
    response = member_client.get("/admin/members/user/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_without_two_factor_is_sent_to_set_it_up(client):
    from tests.factories import ApprovedMemberFactory

    staff = ApprovedMemberFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/members/user/")
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]
