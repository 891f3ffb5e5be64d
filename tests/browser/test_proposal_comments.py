"""A member comments on someone else's proposal in Arabic, Persian and English, in the browser."""

import re
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from events.models import ProposalComment
from tests.browser.checks import PageChecker
from tests.factories import PASSWORD, ApprovedMemberFactory, ProposalFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

READERS = {
    "ar": {
        "locale": "ar-SY",
        "name": "ليلى",
        "title": "ندوة عن التضامن عبر الحدود",
        "description": "نلتقي **معاً** لنخطط للعمل المشترك.",
        "comment": "أستطيع استضافة الندوة في حلب.",
    },
    "fa": {
        "locale": "fa-IR",
        "name": "رضا",
        "title": "کنفرانس مشترک همبستگی",
        "description": "دربارهٔ **فدرالیسم** گفت‌وگو می‌کنیم.",
        "comment": "می‌توانم کنفرانس را در تبریز میزبانی کنم.",
    },
    "en": {
        "locale": "en-GB",
        "name": "Sam",
        "title": "Solidarity across borders",
        "description": "We meet **together** to plan the joint action.",
        "comment": "I can host the seminar in Berlin.",
    },
}


def sign_in(page: Page, email: str, lang: str, next_path: str) -> None:
    page.goto(f"/{lang}/accounts/login/?next={next_path}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.locator("main form button:not([type=button])").first.click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_member_comments_on_a_proposal_in_the_readers_direction(lang, new_page, screenshot_dir):
    reader = READERS[lang]
    direction = "ltr" if lang == "en" else "rtl"
    checker = PageChecker(language=lang, screenshot_dir=screenshot_dir)
    proposer = ApprovedMemberFactory(display_name="سارا", preferred_language=lang)
    member = ApprovedMemberFactory(display_name=reader["name"], preferred_language=lang)
    proposal = ProposalFactory(
        proposer=proposer,
        state="submitted",
        submitted_at=datetime(2030, 12, 1, tzinfo=UTC),
        **{
            "title_en": "",
            "description_en": "",
            f"title_{lang}": reader["title"],
            f"description_{lang}": reader["description"],
        },
    )
    path = f"/{lang}/proposals/{proposal.pk}/"
    page = new_page(locale=reader["locale"], timezone_id="Asia/Tehran")

    sign_in(page, member.email, lang, path)
    checker.check(page, "proposal-discussion")
    page.fill("textarea[name=body]", reader["comment"])
    with page.expect_navigation(wait_until="load"):
        page.locator(f"form[action$='/proposals/{proposal.pk}/comment/'] button").click()

    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    comment = ProposalComment.objects.get()
    assert (comment.author_id, comment.body) == (member.pk, reader["comment"])
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    article = page.locator(f"#comment-{comment.pk}")
    expect(article).to_contain_text(reader["comment"])
    expect(article.locator("bdi").first).to_have_text(reader["name"])
    body = article.locator("[dir=auto]")
    assert body.evaluate("element => getComputedStyle(element).direction") == direction
    # The text starts at the edge of its box its direction starts from.
    text_box = body.locator("p").evaluate(
        "p => { const r = document.createRange(); r.selectNodeContents(p);"
        " const t = r.getBoundingClientRect(), b = p.getBoundingClientRect();"
        " return [b.right - t.right, t.left - b.left]; }"
    )
    start_gap, end_gap = text_box if direction == "rtl" else text_box[::-1]
    assert start_gap < 2 < end_gap
    checker.check(page, "proposal-commented")
    checker.assert_clean()
