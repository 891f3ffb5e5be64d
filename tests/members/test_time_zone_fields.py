"""The profile's and the sign-up's zone fields: they start at a zone the member chose."""

import pytest

from members.models import User
from tests.factories import ApprovedMemberFactory
from tests.members.test_signup import signup_data
from tests.time_zone_select import zone_select


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "zone", "label"),
    [
        ("ar", "Asia/Damascus", "توقيت دمشق (غرينتش\u200e+٠٣:٠٠)"),
        ("fa", "Asia/Tehran", "وقت تهران (\u200e+۰۳:۳۰ گرینویچ)"),
    ],
)
def test_profile_form_shows_the_members_zone_by_its_name(client, language, zone, label):
    client.force_login(ApprovedMemberFactory(preferred_language=language, time_zone=zone))

    select = zone_select(client.get(f"/{language}/members/profile/").content.decode())

    assert (select.selected.value, select.selected.label) == (zone, label)
    assert "data-detect-time-zone" not in select.attrs


@pytest.mark.django_db
def test_profile_form_offsets_follow_the_members_digit_choice(client):
    member = ApprovedMemberFactory(preferred_language="fa", time_zone="Asia/Tehran")
    User.objects.filter(pk=member.pk).update(digit_style="latn")
    client.force_login(member)

    select = zone_select(client.get("/fa/members/profile/").content.decode())

    assert select.selected.label == "وقت تهران (\u200e+03:30 گرینویچ)"


@pytest.mark.django_db
def test_profile_form_with_an_unknown_zone_starts_at_the_site_zone_not_the_first_entry(
    client, member
):
    User.objects.filter(pk=member.pk).update(time_zone="Nowhere/Nothing")
    client.force_login(member)

    select = zone_select(client.get("/en/members/profile/").content.decode())

    assert select.selected.value == "UTC"
    assert select.attrs["data-detect-time-zone"] == "UTC"


@pytest.mark.django_db
def test_profile_form_keeps_an_old_zone_spelling_chosen(client, member):
    User.objects.filter(pk=member.pk).update(time_zone="US/Eastern")
    client.force_login(member)

    select = zone_select(client.get("/en/members/profile/").content.decode())

    assert select.selected.value == "US/Eastern"
    assert select.selected.label.startswith("Eastern Time (GMT-0")


@pytest.mark.django_db
def test_profile_form_refuses_an_unknown_zone_in_arabic(client, member):
    User.objects.filter(pk=member.pk).update(preferred_language="ar")
    client.force_login(member)

    response = client.post(
        "/ar/members/profile/",
        {"display_name": "Layla", "preferred_language": "ar", "time_zone": "Mars/Base"},
    )

    assert response.context["form"].errors["time_zone"] == [
        "لا نعرف منطقة زمنية باسم «Mars/Base». يُرجى اختيار منطقة من القائمة."
    ]
    assert User.objects.get(pk=member.pk).time_zone == "UTC"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_signup_zone_starts_at_the_site_zone_for_the_browser_to_replace(client, language):
    select = zone_select(client.get(f"/{language}/accounts/signup/").content.decode())

    assert select.selected.value == "UTC"
    assert select.attrs["data-detect-time-zone"] == "UTC"
    assert select.options[0].value == "Asia/Damascus"  # the list's first entry, not chosen


@pytest.mark.django_db
def test_signup_zone_starts_at_the_configured_site_zone(client, settings):
    settings.TIME_ZONE = "Asia/Damascus"

    select = zone_select(client.get("/ar/accounts/signup/").content.decode())

    assert (select.selected.value, select.attrs["data-detect-time-zone"]) == (
        "Asia/Damascus",
        "Asia/Damascus",
    )
    assert select.selected.label == "توقيت دمشق (غرينتش\u200e+٠٣:٠٠)"


@pytest.mark.django_db
def test_signup_form_shown_again_keeps_the_chosen_zone_without_detection(client):
    response = client.post("/fa/accounts/signup/", signup_data(time_zone="UTC", email="bad"))

    select = zone_select(response.content.decode())
    assert select.selected.value == "UTC"
    assert "data-detect-time-zone" not in select.attrs


@pytest.mark.django_db
def test_signup_takes_a_zone_spelling_the_list_leaves_out(client):
    response = client.post("/en/accounts/signup/", signup_data(time_zone="Asia/Calcutta"))

    assert response.status_code == 302
    assert User.objects.get(email="layla@tadamun.example").time_zone == "Asia/Calcutta"
