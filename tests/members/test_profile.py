import pytest

from members.models import User


def profile_data(**overrides):
    data = {
        "display_name": "Reza",
        "preferred_language": "fa",
        "time_zone": "Asia/Tehran",
        "digit_style": "",
        "bio": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_member_updates_profile(member_client, member):
    response = member_client.post("/en/members/profile/", profile_data(bio="Teacher"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.preferred_language, member.time_zone, member.bio) == (
        "Reza",
        "fa",
        "Asia/Tehran",
        "Teacher",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_zone", "Asia/Atlantis"),
        ("preferred_language", "de"),
        ("display_name", "x" * 81),
        ("bio", "x" * 501),
    ],
)
def test_bad_profile_input_changes_nothing(member_client, member, field, value):
    before = User.objects.filter(pk=member.pk).values().get()
    response = member_client.post("/en/members/profile/", profile_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert User.objects.filter(pk=member.pk).values().get() == before


@pytest.mark.django_db
def test_profile_form_says_pseudonyms_are_welcome(member_client):
    assert "A pseudonym is welcome" in member_client.get("/en/members/profile/").content.decode()


@pytest.mark.django_db
def test_member_turns_reminders_off(member_client, member):
    response = member_client.post("/en/members/notifications/", {"weekly_digest": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.reminders_enabled
    assert member.weekly_digest


@pytest.mark.django_db
def test_reminders_on_without_any_time_is_refused(member_client, member):
    response = member_client.post("/ar/members/notifications/", {"reminders_enabled": "on"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    member.refresh_from_db()
    assert member.remind_week_before
    assert member.remind_day_before


@pytest.mark.django_db
def test_invalid_time_zone_in_database_does_not_break_pages(client, member):
    User.objects.filter(pk=member.pk).update(time_zone="Nowhere/Nothing")
    client.force_login(member)
    assert client.get("/en/").status_code == 200
