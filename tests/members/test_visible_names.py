"""Names that show nothing (zero-width or direction characters, harakat, fillers) are refused."""

import pytest
from django.core.exceptions import ValidationError

from members.admin import MemberChangeForm, MemberCreationForm
from members.models import User
from members.validators import validate_visible_name, visible_or_empty
from tests.factories import MemberFactory, OrganizerFactory

INVISIBLE_NAMES = [
    "\u200b\u200b",  # zero-width spaces
    "\u200c",  # a lone zero-width non-joiner
    " \u200e\u200f ",  # direction marks between spaces
    "\u202b\u202c\u2067\u2069",  # embedding and isolate controls
    "\ufeff\u2060\u061c",  # byte order mark, word joiner, Arabic letter mark
    "\u064e\u064f\u0650",  # harakat with no letter
    "\u0640\u0640",  # tatweel only
    "\u3164",  # Hangul filler
    "\u2800",  # Braille blank
]


@pytest.mark.parametrize("value", INVISIBLE_NAMES)
def test_validate_visible_name_refuses_a_name_that_shows_nothing(value):
    with pytest.raises(ValidationError) as raised:
        validate_visible_name(value)
    assert raised.value.code == "invisible"


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("محمدعلی\u200cزاده", "محمدعلی\u200cزاده"),  # the ZWNJ inside a Persian name stays
        ("\u200bLeila\u200f ", "Leila"),  # invisible characters at the ends are trimmed
        ("دُعاء", "دُعاء"),  # harakat on letters stay
        ("  Reza   Karimi ", "Reza Karimi"),
        ("Sam\u202enimda", "Samnimda"),  # a right-to-left override inside is left out
        ("\u2067رضا\u2069 \u202dX", "رضا X"),  # and isolates, and a left-to-right override
    ],
)
def test_visible_or_empty_keeps_what_shows(value, kept):
    validate_visible_name(value)
    assert visible_or_empty(value) == kept


def signup_data(**overrides):
    return {
        "email": "layla@tadamun.example",
        "password1": "a long Solidarity passphrase 2026",
        "password2": "a long Solidarity passphrase 2026",
        "display_name": "Layla",
        "preferred_language": "en",
        "time_zone": "Asia/Damascus",
    } | overrides


@pytest.mark.django_db
@pytest.mark.parametrize("value", INVISIBLE_NAMES)
def test_signup_with_an_invisible_display_name_is_refused_in_arabic(client, value):
    response = client.post("/ar/accounts/signup/", signup_data(display_name=value))
    assert response.status_code == 200
    errors = response.context["form"].errors["display_name"]
    assert errors == ["هذا الاسم لا يُظهر شيئًا: فيه مسافات أو محارف غير مرئية فقط."]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_signup_keeps_the_zwnj_inside_a_persian_name(client):
    client.post("/fa/accounts/signup/", signup_data(display_name="\u200fمحمدعلی\u200cزاده\u200b"))
    assert User.objects.get().display_name == "محمدعلی\u200cزاده"


@pytest.mark.django_db
@pytest.mark.parametrize("value", INVISIBLE_NAMES)
def test_profile_with_an_invisible_display_name_changes_nothing(member_client, member, value):
    response = member_client.post(
        "/fa/members/profile/",
        {"display_name": value, "preferred_language": "fa", "time_zone": "Asia/Tehran"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"] == [
        "این نام چیزی نشان نمی‌دهد: فقط فاصله یا نویسه‌های نامرئی دارد."
    ]
    member.refresh_from_db()
    assert member.display_name != value


@pytest.mark.django_db
def test_admin_forms_refuse_an_invisible_display_name():
    member = MemberFactory()
    change = MemberChangeForm(instance=member, data={"display_name": "\u200c\u200b"})
    create = MemberCreationForm(data={"email": "x@tadamun.example", "display_name": "\u2800"})
    assert change.has_error("display_name", "invisible")
    assert create.has_error("display_name", "invisible")


@pytest.mark.django_db
def test_review_list_does_not_say_by_none_when_the_reviewer_is_gone(organizer_client):
    MemberFactory(
        membership_status="rejected",
        membership_reviewed_at="2030-01-01T10:00Z",
        membership_reviewed_by=None,
    )
    html = organizer_client.get("/en/organizers/members/?status=rejected").content.decode()
    assert "None" not in html
    assert "by <bdi>" not in html


@pytest.mark.django_db
def test_review_list_names_the_reviewer(organizer_client):
    reviewer = OrganizerFactory(display_name="Samira")
    MemberFactory(
        membership_status="rejected",
        membership_reviewed_at="2030-01-01T10:00Z",
        membership_reviewed_by=reviewer,
    )
    html = organizer_client.get("/en/organizers/members/?status=rejected").content.decode()
    assert "by <bdi>Samira</bdi>" in html
