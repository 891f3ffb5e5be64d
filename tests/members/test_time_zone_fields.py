"""The profile's and the sign-up's zone fields: they start at a zone the member chose."""

import pytest

from members.forms import MEMBER_ZONE_HELP
from members.models import User
from tests.factories import ApprovedMemberFactory
from tests.members.test_signup import signup_data
from tests.time_zone_select import zone_select


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "zone", "label"),
    [
        ("ar", "Asia/Damascus", "دمشق (غرينتش\u200e+٠٣:٠٠)"),
        ("fa", "Asia/Tehran", "تهران (\u200e+۰۳:۳۰ گرینویچ)"),
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

    assert select.selected.label == "تهران (\u200e+03:30 گرینویچ)"


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
    assert select.selected.label.startswith("Eastern (GMT-0")


@pytest.mark.django_db
def test_profile_form_refuses_an_unknown_zone_in_arabic(client, member):
    User.objects.filter(pk=member.pk).update(preferred_language="ar")
    client.force_login(member)

    response = client.post(
        "/ar/members/profile/",
        {"display_name": "Layla", "preferred_language": "ar", "time_zone": "Mars/Base"},
    )

    assert response.context["form"].errors["time_zone"] == [
        "لا نعرف منطقة زمنية باسم «\u2066Mars/Base\u2069». يُرجى اختيار منطقة من القائمة."
    ]
    assert User.objects.get(pk=member.pk).time_zone == "UTC"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_signup_zone_starts_at_the_site_zone_for_the_browser_to_replace(client, language):
    select = zone_select(client.get(f"/{language}/accounts/signup/").content.decode())

    assert select.selected.value == "UTC"
    assert select.attrs["data-detect-time-zone"] == "UTC"
    assert select.options[1].value == "Asia/Damascus"  # the site's zone heads the short list


@pytest.mark.django_db
def test_signup_zone_starts_at_the_configured_site_zone(client, settings):
    settings.TIME_ZONE = "Asia/Damascus"

    select = zone_select(client.get("/ar/accounts/signup/").content.decode())

    assert (select.selected.value, select.attrs["data-detect-time-zone"]) == (
        "Asia/Damascus",
        "Asia/Damascus",
    )
    assert select.selected.label == "دمشق (غرينتش\u200e+٠٣:٠٠)"


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


# The short list (members.time_zones.time_zone_choices, issue 16's page weight)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/ar/members/profile/", "/ar/proposals/new/", "/ar/accounts/signup/"]
)
def test_zone_fields_list_the_usual_zones_and_a_way_to_all(client, path):
    client.force_login(ApprovedMemberFactory(preferred_language="ar", time_zone="Asia/Damascus"))
    if "signup" in path:
        client.logout()

    select = zone_select(client.get(path).content.decode())

    assert len(select.options) <= 11
    assert "Africa/Abidjan" not in {option.value for option in select.options}
    assert (select.options[-1].value, select.options[-1].label) == ("all", "منطقة زمنية أخرى…")


@pytest.mark.django_db
def test_a_members_zone_outside_the_usual_ones_heads_the_short_list(client):
    client.force_login(
        ApprovedMemberFactory(preferred_language="fa", time_zone="America/Vancouver")
    )

    select = zone_select(client.get("/fa/members/profile/").content.decode())

    assert select.options[0].value == "America/Vancouver"
    assert select.selected.value == "America/Vancouver"
    assert [option.value for option in select.options].count("America/Vancouver") == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ar", "كلُّ المناطق الزمنية معروضة الآن: اختر منها واحدة."),
        ("fa", "اکنون همهٔ منطقه‌های زمانی فهرست شده‌اند: یکی را انتخاب کنید."),
        ("en", "Every time zone is listed now: choose one."),
    ],
)
def test_another_time_zone_brings_the_profile_back_with_every_zone_and_saves_nothing(
    client, language, message
):
    member = ApprovedMemberFactory(
        preferred_language=language, time_zone="Asia/Tehran", display_name="Layla"
    )
    client.force_login(member)

    response = client.post(
        f"/{language}/members/profile/",
        {"display_name": "Changed", "preferred_language": language, "time_zone": "all"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"] == [message]
    select = zone_select(response.content.decode())
    assert len(select.options) > 400
    assert "all" not in {option.value for option in select.options}
    # Still chosen, not the list's first entry: sending again without looking changes nothing.
    assert select.selected.value == "Asia/Tehran"
    assert str(response.context["form"]["time_zone"].help_text) == str(MEMBER_ZONE_HELP)
    member.refresh_from_db()
    assert (member.display_name, member.time_zone) == ("Layla", "Asia/Tehran")


@pytest.mark.django_db
def test_a_zone_chosen_from_every_zone_is_saved(client, member):
    client.force_login(member)

    response = client.post(
        "/en/members/profile/",
        {"display_name": "Layla", "preferred_language": "en", "time_zone": "Pacific/Chatham"},
    )

    assert response.status_code == 302
    assert User.objects.get(pk=member.pk).time_zone == "Pacific/Chatham"


@pytest.mark.django_db
def test_a_tampered_zone_leaves_the_members_own_chosen_on_the_page_shown_again(client):
    member = ApprovedMemberFactory(preferred_language="en", time_zone="Asia/Baghdad")
    client.force_login(member)

    response = client.post(
        "/en/members/profile/",
        {"display_name": "Layla", "preferred_language": "en", "time_zone": "Mars/Base"},
    )

    assert zone_select(response.content.decode()).selected.value == "Asia/Baghdad"


@pytest.mark.django_db
def test_another_time_zone_on_sign_up_keeps_the_site_zone_for_the_browser_to_replace(client):
    response = client.post("/ar/accounts/signup/", signup_data(time_zone="all"))

    select = zone_select(response.content.decode())
    assert select.selected.value == "UTC"
    assert select.attrs["data-detect-time-zone"] == "UTC"
    assert not User.objects.filter(email="layla@tadamun.example").exists()


@pytest.mark.django_db
def test_saving_the_profile_in_another_language_says_so_in_that_language(client, member):
    client.force_login(member)

    response = client.post(
        "/en/members/profile/",
        {"display_name": "Layla", "preferred_language": "fa", "time_zone": "Asia/Tehran"},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == ["نمایهٔ شما ذخیره شد."]
