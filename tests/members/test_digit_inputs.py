"""Every input that takes digits reads Western, Persian and Arabic-Indic ones alike."""

import importlib
import pkgutil
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django import forms
from django.utils import translation

import events.forms
from members.digits import (
    ARABIC_INDIC_DIGITS,
    PERSIAN_DIGITS,
    WESTERN_DIGITS,
    local_digits,
    override_digit_style,
)
from members.fields import LocalisedIntegerField, ReadsLocalDigits
from tests.factories import PASSWORD, ApprovedMemberFactory, OrganizerFactory

TO_PERSIAN = str.maketrans(WESTERN_DIGITS, PERSIAN_DIGITS)
TO_ARABIC_INDIC = str.maketrans(WESTERN_DIGITS, ARABIC_INDIC_DIGITS)
FIELDS_WITH_DIGITS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.DateField,
    forms.TimeField,
    forms.DateTimeField,
    forms.DurationField,
)


def project_forms() -> list[type[forms.BaseForm]]:
    modules = ["members.forms", "members.forms_mfa", "notifications.forms"]
    modules += [f"events.forms.{info.name}" for info in pkgutil.iter_modules(events.forms.__path__)]
    for name in modules:
        importlib.import_module(name)
    found, waiting = set(), [forms.BaseForm]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                waiting.append(subclass)
    return [form for form in found if form.__module__ in modules]


def test_every_number_date_and_time_field_of_the_project_reads_local_digits():
    checked, plain = set(), []
    for form in project_forms():
        for name, field in getattr(form, "base_fields", {}).items():
            if isinstance(field, FIELDS_WITH_DIGITS):
                checked.add(f"{form.__name__}.{name}")
                if not isinstance(field, ReadsLocalDigits):
                    plain.append(f"{form.__module__}.{form.__name__}.{name}")
    assert plain == []
    assert {
        "AcceptProposalForm.capacity",
        "EventForm.capacity",
        "ProposalForm.expected_capacity",
        "SessionForm.starts_at",
    } <= checked


def test_a_limit_message_is_written_in_the_readers_digits():
    field = LocalisedIntegerField(min_value=1)
    with translation.override("ar"), pytest.raises(forms.ValidationError) as refused:
        field.clean("٠")
    assert "١" in refused.value.messages[0]
    assert refused.value.error_list[0].code == "min_value"


def test_local_digits_follows_the_active_style_then_the_language():
    with translation.override("fa"):
        assert local_digits(1200) == "۱۲۰۰"
        with override_digit_style("latn"):
            assert local_digits(1200) == "1200"
        with override_digit_style("arab"):
            assert local_digits("7 of 24") == "٧ of ٢٤"
    with translation.override("en"):
        assert local_digits(7) == "7"


# --- two-factor codes --------------------------------------------------------------------------


def totp_code(user) -> str:
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    counter = int(time.time()) // 30
    return format_hotp_value(hotp_value(decrypt(totp.data["secret"]), counter))


def signed_in_with_password(client, user, lang: str = "fa"):
    response = client.post(f"/{lang}/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == f"/{lang}/accounts/2fa/authenticate/"


@pytest.mark.django_db
@pytest.mark.parametrize("digits", [TO_PERSIAN, TO_ARABIC_INDIC], ids=["persian", "arabic-indic"])
def test_authenticator_code_in_local_digits_signs_in(client, digits):
    organizer = OrganizerFactory(preferred_language="fa")
    signed_in_with_password(client, organizer)
    response = client.post(
        "/fa/accounts/2fa/authenticate/", {"code": totp_code(organizer).translate(digits)}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organizer.pk)


@pytest.mark.django_db
def test_recovery_code_in_arabic_indic_digits_signs_in(client):
    organizer = OrganizerFactory(preferred_language="ar")
    codes = Authenticator.objects.get(user=organizer, type=Authenticator.Type.RECOVERY_CODES)
    code = RecoveryCodes(codes).get_unused_codes()[0]
    signed_in_with_password(client, organizer, "ar")
    response = client.post(
        "/ar/accounts/2fa/authenticate/", {"code": code.translate(TO_ARABIC_INDIC)}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(organizer.pk)
    assert code not in RecoveryCodes(Authenticator.objects.get(pk=codes.pk)).get_unused_codes()


@pytest.mark.django_db
def test_wrong_code_in_persian_digits_is_still_refused(client):
    organizer = OrganizerFactory(preferred_language="fa")
    signed_in_with_password(client, organizer)
    wrong = f"{(int(totp_code(organizer)) + 1) % 1_000_000:06d}".translate(TO_PERSIAN)
    response = client.post("/fa/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_reauthentication_code_in_persian_digits_is_accepted(client):
    organizer = OrganizerFactory(preferred_language="fa")
    client.force_login(organizer)
    response = client.post(
        "/fa/accounts/2fa/reauthenticate/?next=/fa/accounts/2fa/",
        {"code": totp_code(organizer).translate(TO_PERSIAN)},
    )
    assert response.status_code == 302
    assert response["Location"] == "/fa/accounts/2fa/"


@pytest.mark.django_db
def test_authenticator_set_up_with_a_code_in_persian_digits(client):
    member = ApprovedMemberFactory(preferred_language="fa")
    client.post("/fa/accounts/login/", {"login": member.email, "password": PASSWORD})
    setup = client.post(
        "/fa/accounts/reauthenticate/?next=/fa/accounts/2fa/totp/activate/",
        {"password": PASSWORD},
        follow=True,
    )
    secret = setup.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/fa/accounts/2fa/totp/activate/", {"code": code.translate(TO_PERSIAN)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


# --- password length -------------------------------------------------------------------------


@pytest.mark.django_db
def test_too_short_password_names_the_minimum_in_persian_digits(client):
    response = client.post(
        "/fa/accounts/signup/",
        {
            "display_name": "رضا",
            "preferred_language": "fa",
            "time_zone": "Asia/Tehran",
            "email": "reza@tadamun.example",
            "password1": "k2#Lq",
            "password2": "k2#Lq",
        },
    )
    [error] = [e for e in response.context["form"].errors["password1"] if "۸" in e]
    assert "8" not in error
