"""A proposer invites a co-proposer by link and they join, in Arabic and Persian, with no script."""

import re

import pytest
from playwright.sync_api import Page, expect

from members.models import User
from tests.browser.checks import PageChecker
from tests.browser.test_journeys import submit, visit
from tests.factories import PASSWORD, ApprovedMemberFactory, ProposalFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page: Page, member: User, lang: str, next_path: str) -> None:
    visit(page, f"/{lang}/accounts/login/?next={next_path}")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)


def test_co_proposer_joins_by_link_in_arabic_and_persian(new_page, screenshot_dir):
    """Layla makes the link with scripts off (Tor Browser's "Safest"); the pages are checked
    (layout, direction, translations, axe) in browsers that run the checker's scripts."""
    ar = PageChecker(language="ar", screenshot_dir=screenshot_dir)
    fa = PageChecker(language="fa", screenshot_dir=screenshot_dir)
    layla = ApprovedMemberFactory(display_name="ليلى", preferred_language="ar")
    reza = ApprovedMemberFactory(display_name="رضا", preferred_language="fa")
    ApprovedMemberFactory(display_name="Someone Else")
    proposal = ProposalFactory(proposer=layla, title_ar="مؤتمر التضامن", title_fa="کنفرانس همبستگی")
    proposal_path = f"/ar/proposals/{proposal.pk}/"
    links_path = f"/ar/proposals/{proposal.pk}/co-proposers/"

    no_script = new_page(locale="ar-SY", script=False)
    sign_in(no_script, layla, "ar", proposal_path)
    expect(no_script).to_have_url(re.compile(re.escape(proposal_path) + "$"))
    submit(no_script, f"form[action='{links_path}']")
    expect(no_script).to_have_url(re.compile(re.escape(links_path) + "$"))
    link = no_script.locator("#co-proposer-link").input_value()
    assert re.search(r"/ar/proposals/co-propose/[\w-]{43}/$", link)

    reza_page = new_page(locale="fa-IR")
    join_path = "/" + link.split("/", 3)[3]
    sign_in(reza_page, reza, "fa", join_path)
    expect(reza_page).to_have_url(re.compile(r"/co-propose/[\w-]{43}/$"))
    expect(reza_page.locator("main")).to_contain_text("کنفرانس همبستگی")
    fa.check(reza_page, "co-proposer-join")
    submit(reza_page)
    expect(reza_page).to_have_url(re.compile(rf"/fa/proposals/{proposal.pk}/$"))
    fa.check(reza_page, "co-proposer-joined")
    assert list(proposal.co_proposers.all()) == [reza]

    layla_page = new_page(locale="ar-SY")
    sign_in(layla_page, layla, "ar", f"/ar/proposals/{proposal.pk}/edit/")
    expect(layla_page.locator("input[name=co_proposers]")).to_have_count(1)
    expect(layla_page.locator("input[name=co_proposers]")).to_be_checked()
    expect(layla_page.locator("main")).not_to_contain_text("Someone Else")
    ar.check(layla_page, "co-proposer-edit-form")
    visit(layla_page, proposal_path)
    submit(layla_page, f"form[action='{links_path}']")
    ar.check(layla_page, "co-proposer-link-shown")
    expect(layla_page.locator("#co-proposer-links")).to_contain_text("رضا")

    ar.assert_clean()
    fa.assert_clean()
