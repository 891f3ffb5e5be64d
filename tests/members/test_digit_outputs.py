"""Numbers shown on account pages follow the member's digit setting."""

import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.staticfiles import finders

from tests.factories import PASSWORD, MemberFactory, OrganizerFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("digit_style", "expected"),
    [("", "کدهای بازیابی در دسترس: ۱۰ از ۱۰."), ("latn", "کدهای بازیابی در دسترس: 10 از 10.")],
)
def test_two_factor_page_counts_recovery_codes_in_the_members_digits(client, digit_style, expected):
    organizer = OrganizerFactory(preferred_language="fa", digit_style=digit_style)
    client.force_login(organizer)
    page = client.get("/fa/accounts/2fa/").content.decode()
    assert expected in page


@pytest.mark.django_db
def test_recovery_codes_page_counts_in_arabic_digits_and_keeps_the_codes_western(client):
    organizer = OrganizerFactory(preferred_language="ar")
    client.force_login(organizer)
    page = client.post(
        "/ar/accounts/reauthenticate/?next=/ar/accounts/2fa/recovery-codes/",
        {"password": PASSWORD},
        follow=True,
    ).content.decode()
    assert "رموز الاسترداد المتاحة: ١٠ من أصل ١٠." in page
    codes = Authenticator.objects.get(user=organizer, type=Authenticator.Type.RECOVERY_CODES)
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1)
    assert textarea.split() == RecoveryCodes(codes).get_unused_codes()


@pytest.mark.django_db
def test_a_too_long_rejection_reason_states_the_limit_in_arabic_digits(client):
    organizer = OrganizerFactory(preferred_language="ar")
    applicant = MemberFactory()
    client.force_login(organizer)
    response = client.post(
        f"/ar/organizers/members/{applicant.pk}/reject/", {"reason": "x" * 501, "confirmed": "1"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["السبب طويل جدًا: الحد الأقصى ٥٠٠ حرف."]}
    applicant.refresh_from_db()
    assert applicant.membership_status == "pending"


# Ordered lists: the browser draws their numbers, in the style <body data-digits> names.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "expected"),
    [
        ("fa", "", "arabext"),
        ("ar", "", "arab"),
        ("en", "", "latn"),
        ("fa", "latn", "latn"),
        ("en", "arabext", "arabext"),
    ],
)
def test_every_page_names_the_members_digits_for_its_ordered_lists(
    client, language, digit_style, expected
):
    client.force_login(MemberFactory(preferred_language=language, digit_style=digit_style))
    page = client.get(f"/{language}/").content.decode()
    assert f'<body class="d-flex flex-column min-vh-100" data-digits="{expected}">' in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("fa", "arabext"), ("ar", "arab")])
def test_a_visitors_page_names_their_languages_digits(client, language, expected):
    page = client.get(f"/{language}/events/").content.decode()
    assert f'data-digits="{expected}"' in page


def test_the_stylesheet_numbers_ordered_lists_in_persian_and_arabic_digits():
    css = Path(finders.find("css/tadamun.css")).read_text()
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert re.search(
        r':where\(\[data-digits="arabext"\] ol\) \{\s*list-style-type: persian;', rules
    )
    assert re.search(
        r':where\(\[data-digits="arab"\] ol\) \{\s*list-style-type: arabic-indic;', rules
    )
