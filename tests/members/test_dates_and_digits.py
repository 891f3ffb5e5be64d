import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import timezone, translation

from members.calendars import format_date, format_time_zone_name
from members.digits import digits_for, localise_digits, normalise_digits
from members.enums import DigitStyle
from members.fields import LocalisedDateField, LocalisedDateTimeField, LocalisedIntegerField
from members.models import User
from tests.factories import PASSWORD

CONFERENCE_DAY = date(2026, 11, 24)
# 21:05 UTC on the 23rd is already 00:35 on the 24th in Tehran (UTC+3:30).
LATE_EVENING_UTC = datetime(2026, 11, 23, 21, 5, tzinfo=UTC)


# --- digits ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("latn", "Room 12, 2026-11-24 09:30"),
        ("arabext", "Room ۱۲, ۲۰۲۶-۱۱-۲۴ ۰۹:۳۰"),
        ("arab", "Room ١٢, ٢٠٢٦-١١-٢٤ ٠٩:٣٠"),
        ("", "Room 12, 2026-11-24 09:30"),
    ],
)
def test_localise_digits_changes_only_the_digits(style, expected):
    assert localise_digits("Room 12, 2026-11-24 09:30", style) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0123456789", "0123456789"),
        ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
        ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
        ("١٬٢٠٠٫٥", "1200.5"),
        ("۱۲ نفر، 3 گروه", "12 نفر، 3 گروه"),
    ],
)
def test_normalise_digits_gives_ascii(typed, expected):
    assert normalise_digits(typed) == expected


@pytest.mark.parametrize("style", ["latn", "arabext", "arab"])
def test_localised_digits_normalise_back(style):
    text = "0123456789 ساعت 12:30"
    assert normalise_digits(localise_digits(text, style)) == text


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("fa", "", "arabext"),
        ("ar", "", "arab"),
        ("en", "", "latn"),
        ("fa", "latn", "latn"),
        ("en", "arab", "arab"),
        ("ar", "arabext", "arabext"),
        ("fa", "roman", "arabext"),
        ("de", "", "latn"),
    ],
)
def test_digits_for_prefers_the_members_choice(language, style, expected):
    assert digits_for(language, style) == expected


# --- dates -------------------------------------------------------------------------------------


def test_persian_date_shows_jalali_beside_gregorian():
    text = format_date(CONFERENCE_DAY, "fa", "")
    assert text == "۱۴۰۵/۰۹/۰۳ — ۲۴ نوامبر ۲۰۲۶"
    assert normalise_digits(text).startswith("1405/09/03")


def test_arabic_date_has_arabic_month_and_digits():
    assert format_date(CONFERENCE_DAY, "ar", "") == "٢٤ نوفمبر ٢٠٢٦"


def test_english_date():
    assert format_date(CONFERENCE_DAY, "en", "") == "24 Nov 2026"


def test_western_digits_for_a_persian_reader_who_chose_them():
    assert format_date(CONFERENCE_DAY, "fa", "latn") == "1405/09/03 — 24 نوامبر 2026"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fa", "۱۴۰۵/۰۹/۰۳ — ۲۴ نوامبر ۲۰۲۶، ساعت ۰۰:۳۵"),
        ("ar", "٢٤ نوفمبر ٢٠٢٦، ٠٠:٣٥"),
        ("en", "24 Nov 2026, 00:35"),
    ],
)
def test_datetime_is_shown_on_the_readers_day(language, expected):
    with timezone.override("Asia/Tehran"):
        assert format_date(LATE_EVENING_UTC, language, "", with_time=True) == expected


def test_same_datetime_is_the_day_before_in_utc():
    with timezone.override("UTC"):
        assert format_date(LATE_EVENING_UTC, "en", "", with_time=True) == "23 Nov 2026, 21:05"
        assert format_date(LATE_EVENING_UTC, "fa", "") == "۱۴۰۵/۰۹/۰۲ — ۲۳ نوامبر ۲۰۲۶"


def test_a_plain_date_has_no_time_to_append():
    assert format_date(CONFERENCE_DAY, "en", "", with_time=True) == "24 Nov 2026"


@pytest.mark.parametrize(
    ("zone", "language", "expected"),
    [
        ("Asia/Tehran", "en", "Tehran Time"),
        ("Asia/Tehran", "ar", "توقيت طهران"),
        ("Asia/Tehran", "fa", "وقت تهران"),
        ("Asia/Kolkata", "ar", "توقيت كالكتا"),
        ("America/New_York", "en", "New York Time"),
        ("UTC", "en", "Coordinated Universal Time"),
        ("Etc/GMT+3", "fa", "Etc/GMT+3"),
        ("Nowhere/Nothing", "en", "Nowhere/Nothing"),
    ],
)
def test_time_zone_names(zone, language, expected):
    assert format_time_zone_name(zone, language) == expected


# --- form fields -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"), [("۱۲", 12), ("١٢", 12), ("12", 12), ("١٬٢٠٠", 1200)]
)
def test_integer_field_accepts_every_digit_set(typed, expected):
    assert LocalisedIntegerField().clean(typed) == expected


def test_integer_field_still_refuses_a_fraction():
    with pytest.raises(forms.ValidationError):
        LocalisedIntegerField().clean("۱۲٫۵")


def test_date_field_accepts_persian_digits():
    assert LocalisedDateField().clean("۲۰۲۶-۱۱-۲۴") == CONFERENCE_DAY


@pytest.mark.parametrize("typed", ["۲۴/۱۱/۲۰۲۶ ۰۹:۳۰", "٢٤/١١/٢٠٢٦ ٠٩:٣٠", "24/11/2026 09:30"])
def test_datetime_field_accepts_every_digit_set(typed):
    field = LocalisedDateTimeField(input_formats=["%d/%m/%Y %H:%M"])
    with timezone.override("Asia/Tehran"):
        value = field.clean(typed)
    assert value == datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Asia/Tehran"))
    with pytest.raises(forms.ValidationError):
        forms.DateTimeField(input_formats=["%d/%m/%Y %H:%M"]).clean("۲۴/۱۱/۲۰۲۶ ۰۹:۳۰")


# --- the member's choice -----------------------------------------------------------------------


def profile_data(**overrides):
    data = {
        "display_name": "Reza",
        "preferred_language": "fa",
        "time_zone": "Asia/Tehran",
        "digit_style": "latn",
        "bio": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_profile_saves_digit_style(member_client, member):
    response = member_client.post("/en/members/profile/", profile_data())
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.digit_style == DigitStyle.WESTERN


@pytest.mark.django_db
def test_profile_refuses_unknown_digit_style(member_client, member):
    before = User.objects.filter(pk=member.pk).values().get()
    response = member_client.post("/en/members/profile/", profile_data(digit_style="roman"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["digit_style"]
    assert User.objects.filter(pk=member.pk).values().get() == before


@pytest.mark.django_db
def test_database_refuses_unknown_digit_style(member):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=member.pk).update(digit_style="roman")


@pytest.mark.django_db
def test_data_export_and_deletion_handle_digit_style(member_client, member):
    User.objects.filter(pk=member.pk).update(digit_style="arab")
    export = json.loads(member_client.get("/en/members/my-data.json").content)
    assert export["profile"]["digit_style"] == "arab"
    member_client.post("/en/members/delete/", {"password": PASSWORD, "confirm": "on"})
    assert User.objects.get(pk=member.pk).digit_style == ""


# --- template tags -----------------------------------------------------------------------------


def render(source, request, **context):
    return Template("{% load localised %}" + source).render(
        Context({"request": request, **context})
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "expected"),
    [
        ("fa", "", "۱۴۰۵/۰۹/۰۳ — ۲۴ نوامبر ۲۰۲۶"),
        ("fa", "latn", "1405/09/03 — 24 نوامبر 2026"),
        ("ar", "", "٢٤ نوفمبر ٢٠٢٦"),
        ("en", "arabext", "۲۴ Nov ۲۰۲۶"),
    ],
)
def test_local_date_tag_uses_language_and_members_digits(
    rf, member, language, digit_style, expected
):
    member.digit_style = digit_style
    request = rf.get("/")
    request.user = member
    with translation.override(language):
        assert render("{% local_date d %}", request, d=CONFERENCE_DAY) == expected


@pytest.mark.django_db
def test_local_datetime_tag_uses_current_time_zone(rf, member):
    request = rf.get("/")
    request.user = member
    with translation.override("fa"), timezone.override("Asia/Tehran"):
        text = render("{% local_datetime when %}", request, when=LATE_EVENING_UTC)
    assert text == "۱۴۰۵/۰۹/۰۳ — ۲۴ نوامبر ۲۰۲۶، ساعت ۰۰:۳۵"


def test_anonymous_visitor_gets_the_languages_digits(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("ar"):
        assert render("{% local_digits n %}", request, n=1200) == "١٢٠٠"


def test_digit_style_in_context_wins_for_messages_to_someone_else(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("fa"):
        assert render("{% local_digits n %}", request, n=12, digit_style="latn") == "12"


def test_local_digits_output_is_escaped(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    with translation.override("fa"):
        text = render("{% local_digits n %}", request, n="<b>12</b>")
    assert text == "&lt;b&gt;۱۲&lt;/b&gt;"


def test_missing_values_render_nothing(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    source = "[{% local_date d %}|{% local_datetime d %}|{% local_digits d %}|{{ d|zone_label }}]"
    assert render(source, request, d=None) == "[|||]"


def test_zone_label_filter_uses_active_language(rf):
    with translation.override("ar"):
        assert render("{{ zone|zone_label }}", rf.get("/"), zone="Asia/Tehran") == "توقيت طهران"
