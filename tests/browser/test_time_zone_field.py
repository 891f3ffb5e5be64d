"""The zone field as a member's browser shows it: their own zone chosen, named in their language."""

import re

import pytest
from playwright.sync_api import Page, expect

from members.models import User
from tests.browser.test_journeys import submit, visit
from tests.factories import PASSWORD, ApprovedMemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page: Page, member: User, lang: str, next_path: str) -> None:
    visit(page, f"/{lang}/accounts/login/?next={next_path}")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


@pytest.mark.parametrize(
    ("lang", "browser_locale", "zone", "label"),
    [
        ("fa", "fa-IR", "Asia/Tehran", "تهران (\u200e+۰۳:۳۰ گرینویچ)"),
        ("ar", "ar-SY", "Asia/Damascus", "دمشق (غرينتش\u200e+٠٣:٠٠)"),
    ],
)
def test_proposal_form_starts_in_the_members_zone_named_in_their_language(
    new_page, lang, browser_locale, zone, label
):
    member = ApprovedMemberFactory(preferred_language=lang, time_zone=zone)
    # The browser is elsewhere: the member's profile, not the browser, decides.
    page = new_page(locale=browser_locale, timezone_id="UTC")

    sign_in(page, member, lang, f"/{lang}/proposals/new/")

    select = page.locator("select[name=time_zone]")
    expect(select).to_have_value(zone)
    expect(select.locator("option:checked")).to_have_text(label)
    expect(select.locator("optgroup").first.locator("option").first).to_have_attribute(
        "value", "Asia/Damascus"
    )


def test_signup_adds_the_browsers_zone_the_short_list_lacks(new_page):
    # The short list holds the zones most members use; the script adds the browser's own.
    page = new_page(locale="en-IN", timezone_id="Asia/Calcutta")

    visit(page, "/en/accounts/signup/")

    select = page.locator("select[name=time_zone]")
    expect(select).to_have_value("Asia/Calcutta")
    expect(select.locator("option:checked")).to_contain_text(
        "India Standard Time (\u200eGMT+05:30)"
    )


def test_signup_in_persian_starts_at_the_browsers_zone_by_its_persian_name(new_page):
    page = new_page(locale="fa-IR", timezone_id="Asia/Tehran")

    visit(page, "/fa/accounts/signup/")

    select = page.locator("select[name=time_zone]")
    expect(select).to_have_value("Asia/Tehran")
    expect(select.locator("option:checked")).to_have_text("تهران (\u200e+۰۳:۳۰ گرینویچ)")
