"""The fixed points of the "first hour" issue, walked through the real pages in Chromium in each
language: a name of invisible characters, the signed-out 404 that offers to sign in, the home
page's coming answers, the hybrid badge and "Also written in", capacity 0, a check-in code
opened twice, the own answer in the first person and the 413 page after a long paste.

One browser context per language: the visitor signs in as a member, then (cookies cleared) an
organizer signs in with two-factor authentication."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language_info, gettext, override, pgettext
from playwright.sync_api import Page, expect

from events.models import Event, ProposalComment, Rsvp
from members.models import User
from tests.browser.test_journeys import click_through, submit, totp_code, visit
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOCALES = {"ar": "ar-SY", "fa": "fa-IR", "en": "en-GB"}
NAMES = {"ar": "ليلى", "fa": "رضا", "en": "Sam Rivers"}
INVISIBLE_NAME = "\u200b\u200c\u200f"
# Over DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB): a long paste into the comment box.
HUGE_COMMENT = "solidarity " * 300_000


def texts(lang: str) -> dict[str, str]:
    """What the pages must say, from the catalogues."""
    with override(lang):
        return {
            "invisible": gettext(
                "This name shows nothing: it has only spaces or invisible characters."
            ),
            "not_found": gettext("Page not found"),
            "may_need_sign_in": gettext(
                "There may be nothing at this address, or the page may be open only to "
                "signed-in members."
            ),
            "sign_in_link": gettext("Sign in to open this page"),
            "your_answer": gettext("Your answer:"),
            "hybrid": gettext("In person and online"),
            "online": gettext("Online"),
            "also_written_in": gettext("Also written in:"),
            "no_seats": gettext(
                "With no seats nobody could answer. Enter how many people may come, or leave "
                "the field empty for no limit."
            ),
            "check_in": gettext("Check in"),
            "already": strip_tags(gettext("Already checked in at <bdi>%(time)s</bdi>")),
            "back_to_checkin": gettext("Back to check-in"),
            "own_going": pgettext("own rsvp status", "Going"),
            "listed_going": pgettext("rsvp status", "Going"),
            "too_large_title": gettext("Too much to send"),
            "too_large_heading": gettext("What you sent is too large"),
            "too_large_explanation": gettext(
                "The form held more than the site accepts at once. Shorten the text, for example "
                "by linking to a long document instead of pasting it, and send it again. Nothing "
                "was saved."
            ),
            "back_to_page": gettext("Back to the page you were on"),
        }


def sign_in(page: Page, email: str) -> None:
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_first_hour_fixed_points(lang, new_page):
    say = texts(lang)
    now = timezone.now()
    organizer = OrganizerFactory(preferred_language=lang, time_zone="UTC")
    member = ApprovedMemberFactory(
        display_name=NAMES[lang], preferred_language=lang, time_zone="UTC"
    )
    # Members only, starting within the check-in window (12 hours before the start).
    meeting = EventFactory(
        visibility="members",
        starts_at=now + timedelta(hours=2),
        title_en="Solidarity meeting",
        title_ar="لقاء التضامن",
        title_fa="نشست همبستگی",
    )
    rsvp = RsvpFactory(event=meeting, member=member, status="going")
    hybrid = EventFactory(
        kind="conference",
        modality="hybrid",
        meeting_link="https://meet.example.org/joint",
        starts_at=now + timedelta(days=10),
        title_en="Joint conference",
        title_ar="مؤتمر مشترك",
        title_fa="کنفرانس مشترک",
    )
    proposal = ProposalFactory(state="submitted", submitted_at=datetime(2030, 12, 1, tzinfo=UTC))
    page = new_page(locale=LOCALES[lang], timezone_id="UTC")

    # 1. Signing up with a display name of invisible characters only is refused.
    visit(page, f"/{lang}/accounts/signup/")
    page.fill("input[name=display_name]", INVISIBLE_NAME)
    page.fill("input[name=email]", "newcomer@tadamun.example")
    page.fill("input[name=password1]", "a long Solidarity passphrase 2026")
    page.fill("input[name=password2]", "a long Solidarity passphrase 2026")
    submit(page)
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/signup/$"))
    expect(page.locator("main")).to_contain_text(say["invisible"])
    assert not User.objects.filter(email="newcomer@tadamun.example").exists()

    # 2. A members-only event answers a signed-out visitor with the 404 page that offers to
    # sign in, and signing in there returns to the event.
    event_path = f"/{lang}/events/{meeting.pk}/"
    response = page.goto(event_path)
    assert response is not None
    assert response.status == 404
    expect(page.locator("main h1")).to_have_text(say["not_found"])
    expect(page.locator("main")).to_contain_text(say["may_need_sign_in"])
    sign_in_link = page.get_by_role("link", name=say["sign_in_link"], exact=True)
    click_through(page, sign_in_link)
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/login/\?next="))
    sign_in(page, member.email)
    expect(page).to_have_url(re.compile(rf"{re.escape(event_path)}$"))
    expect(page.locator("main h1")).to_contain_text(getattr(meeting, f"title_{lang}"))

    # 7a. The member's own answer is worded in the first person.
    expect(page.locator("#answer strong").first).to_have_text(say["own_going"])

    # 1b. Editing the profile with the same name is refused too, and nothing changes.
    visit(page, f"/{lang}/members/profile/")
    page.fill("input[name=display_name]", INVISIBLE_NAME)
    submit(page)
    expect(page.locator("main")).to_contain_text(say["invisible"])
    member.refresh_from_db()
    assert member.display_name == NAMES[lang]

    # 3. The home page lists the member's coming answered event.
    visit(page, f"/{lang}/")
    answer = page.locator(f"#home-answer-{meeting.pk}")
    expect(answer).to_have_text(f"{say['your_answer']} {say['own_going']}")
    expect(
        page.locator(f"#home-answers ~ article a[href='/{lang}/events/{meeting.pk}/']")
    ).to_have_count(1)

    # 4. The hybrid event's card says so, not "Online" only; its page does not offer the
    # language being read as another one.
    visit(page, f"/{lang}/events/")
    card = page.locator("article.card", has=page.locator(f"a[href$='/events/{hybrid.pk}/']"))
    badges = card.locator(".badge")
    expect(badges.filter(has_text=re.compile(rf"^{re.escape(say['hybrid'])}$"))).to_have_count(1)
    expect(badges.filter(has_text=re.compile(rf"^{re.escape(say['online'])}$"))).to_have_count(0)
    visit(page, f"/{lang}/events/{hybrid.pk}/")
    also = page.locator("main p", has_text=say["also_written_in"])
    expect(also).to_have_count(1)
    others = [code for code in ("ar", "fa", "en") if code != lang]
    expect(also.locator("a[lang]")).to_have_count(2)
    for code in others:
        expect(also.locator(f"a[lang={code}]")).to_have_text(get_language_info(code)["name_local"])
    expect(also.locator(f"span[lang={lang}]")).to_have_count(0)

    # 8. A comment of about 3 MB is answered with the translated 413 page and a way back.
    proposal_path = f"/{lang}/proposals/{proposal.pk}/"
    visit(page, proposal_path)
    # Laying out megabytes of text in the box can stall the renderer for longer than the test
    # waits: the box is hidden first; what the form sends is the same.
    page.locator("textarea[name=body]").evaluate(
        "(box, text) => { box.hidden = true; box.removeAttribute('maxlength'); box.value = text; }",
        HUGE_COMMENT,
    )
    with page.expect_navigation(wait_until="load") as navigation:
        page.locator(f"form[action$='/proposals/{proposal.pk}/comment/'] button").click()
    too_large = navigation.value
    assert too_large is not None
    assert too_large.status == 413
    expect(page).to_have_title(re.compile(rf"^{re.escape(say['too_large_title'])}"))
    expect(page.locator("main h1")).to_have_text(say["too_large_heading"])
    expect(page.locator("main")).to_contain_text(say["too_large_explanation"])
    back = page.locator("#back-to-page")
    expect(back).to_have_text(say["back_to_page"])
    expect(back).to_have_attribute("href", proposal_path)
    assert not ProposalComment.objects.exists()
    click_through(page, back)
    expect(page).to_have_url(re.compile(rf"{re.escape(proposal_path)}$"))

    # The organizer signs in, in the same browser (the member's session cleared).
    page.context.clear_cookies()
    edit_path = f"/{lang}/events/{meeting.pk}/edit/"
    visit(page, f"/{lang}/accounts/login/?next={edit_path}")
    sign_in(page, organizer.email)
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", totp_code(organizer))
    submit(page)
    expect(page).to_have_url(re.compile(rf"{re.escape(edit_path)}$"))

    # 5. Capacity 0 is refused with the translated "leave it empty for no limit".
    page.fill("input[name=capacity]", "0")
    submit(page)
    expect(page.locator("main")).to_contain_text(say["no_seats"])
    assert Event.objects.get(pk=meeting.pk).capacity is None

    # 6. The attendee's check-in code, opened twice: checked in the first time, the second
    # visit says when, and the main button leads back to check-in.
    code_path = f"/{lang}/events/{meeting.pk}/check-in/code/{rsvp.checkin_code}/"
    visit(page, code_path)
    click_through(page, page.get_by_role("button", name=say["check_in"], exact=True))
    checked_in_at = Rsvp.objects.get(pk=rsvp.pk).checked_in_at
    assert checked_in_at is not None
    visit(page, code_path)
    before, after = say["already"].split("%(time)s")
    expect(page.locator("#already-checked-in")).to_have_text(
        re.compile(rf"^{re.escape(before)}\S+{re.escape(after)}$")
    )
    main_button = page.locator("main .btn-primary")
    expect(main_button).to_have_count(1)
    expect(main_button).to_have_text(say["back_to_checkin"])
    expect(main_button).to_have_attribute("href", f"/{lang}/events/{meeting.pk}/check-in/")
    assert Rsvp.objects.get(pk=rsvp.pk).checked_in_at == checked_in_at

    # 7b. The organizer's attendee list shows the same answer in the third person.
    visit(page, f"/{lang}/events/{meeting.pk}/attendees/")
    row = page.locator("main tbody tr", has=page.locator("bdi", has_text=NAMES[lang]))
    expect(row.locator("td").nth(2)).to_have_text(say["listed_going"])
    if lang != "en":
        assert say["listed_going"] != say["own_going"]
