"""Every journey of the acceptance list with JavaScript off, as Tor Browser's "Safest" level
leaves it: browse through the folded menu, sign up and verify the address, sign in with two
factors, propose, endorse, comment, answer and download the offline event pack, join a
waitlist, subscribe to the calendar feeds, review, export and check in by name. Each language
once, the member and the organizer at different widths (375 and 1280 px, swapped between
languages), so that every journey and every language is seen at both. Each step asserts its
outcome: a saved row, a message, a file."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from events.models import Event, Proposal, ProposalComment, Rsvp
from members.models import User
from tests.browser.checks import QuickChecker, path_of
from tests.browser.test_journeys import (
    PEOPLE,
    accept,
    click_through,
    organizer_signs_in,
    propose,
    rsvp_going,
    sign_up_and_verify,
    submit,
    visit,
)
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE, DESKTOP = 375, 1280
# The member's window and the organizer's.
WIDTHS = {"ar": (PHONE, DESKTOP), "fa": (DESKTOP, PHONE), "en": (PHONE, DESKTOP)}
HOLDERS = {"ar": "نور", "fa": "مریم", "en": "Nour"}
COMMENTS = {
    "ar": "أستطيع المساعدة في الترجمة.",
    "fa": "می‌توانم در ترجمه کمک کنم.",
    "en": "I can help with the interpretation.",
}


def open_menu_link(page: Page, menu: str, href: str) -> None:
    """Follow a menu's link: on a phone the menu is a folded <details>, opened first."""
    link = page.locator(f"a[href='{href}']:visible").first
    if not link.count():
        page.locator(f"{menu} > summary:visible").click()
    click_through(page, page.locator(f"a[href='{href}']:visible").first)


def browse(page: Page, lang: str, event: Event, checker: QuickChecker) -> None:
    visit(page, f"/{lang}/")
    open_menu_link(page, "nav.navbar details", f"/{lang}/events/")
    checker.check(page, "events-from-menu")
    click_through(page, page.locator(f"main a[href='/{lang}/events/{event.pk}/']").first)
    expect(page.locator("main h1")).to_have_text(event.title_en)


def endorse_and_comment(page: Page, proposal: Proposal, lang: str, checker) -> None:
    visit(page, f"/{lang}/proposals/{proposal.pk}/")
    submit(page, f"form[action$='/proposals/{proposal.pk}/endorse/']")
    assert proposal.endorsements.filter(member__email=PEOPLE[lang].email).exists()
    with override(lang):
        expect(page.locator("main")).to_contain_text(
            gettext("Thank you for endorsing this proposal.")
        )
    page.fill("textarea[name=body]", COMMENTS[lang])
    submit(page, f"form[action$='/proposals/{proposal.pk}/comment/']")
    comment = ProposalComment.objects.get(proposal=proposal)
    assert comment.body == COMMENTS[lang]
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(COMMENTS[lang])
    checker.check(page, "endorsed-and-commented")


def download_pack(page: Page, person, checker) -> None:
    """The confirmed member's offline event pack: one HTML file in their language."""
    with page.expect_download() as download:
        page.locator("#event-pack-link").click()
    pack = download.value.path().read_text(encoding="utf-8")
    assert f'<html lang="{person.language}"' in pack
    assert person.title in pack
    checker.check(page, "pack-downloaded")


def join_waitlist(page: Page, event: Event, member: User, lang: str, checker) -> None:
    visit(page, f"/{lang}/events/{event.pk}/")
    page.check("#answer input[name=answer][value=going]")
    submit(page, "#answer form")
    rsvp = Rsvp.objects.get(event=event, member=member)
    assert rsvp.status == "waitlisted"
    with override(lang):
        expect(page.locator("#answer strong").first).to_have_text(str(rsvp.own_status_display))
    checker.check(page, "waitlisted")


def subscribe(page: Page, event: Event, lang: str, checker) -> None:
    # The public feed, from the events list: its addresses fold behind "Subscribe".
    visit(page, f"/{lang}/events/")
    address = page.locator("#public-feed-web")
    expect(address).to_be_hidden()
    page.locator("main summary", has=page.locator("text=" + subscribe_label(lang))).click()
    expect(address).to_be_visible()
    checker.check(page, "public-feed")
    # On SITE_URL, not the test's server: only the path is fetched.
    feed = page.request.get(path_of(address.input_value()))
    assert feed.ok
    assert "BEGIN:VCALENDAR" in feed.text()
    # The private calendar, from the profile: its address is shown once, and holds the event
    # the member answered.
    visit(page, f"/{lang}/members/profile/")
    submit(page, "#private-calendar form")
    checker.check(page, "private-feed")
    private = page.request.get(path_of(page.locator("#private-feed-web").input_value()))
    assert private.ok
    assert f"/events/{event.pk}/" in private.text().replace("\r\n ", "")  # lines unfolded


def subscribe_label(lang: str) -> str:
    with override(lang):
        return gettext("Subscribe")


def export(page: Page, event: Event, name: str, lang: str, checker) -> None:
    visit(page, f"/{lang}/events/{event.pk}/attendees/")
    checker.check(page, "attendees")
    excel = f"/{lang}/calendar/events/{event.pk}/attendees.xlsx"
    if not page.locator(f"a[href='{excel}']:visible").count():
        page.locator("main details.side-menu > summary").click()
    with page.expect_download() as download:
        page.locator(f"a[href='{excel}']:visible").click()
    sheet = load_workbook(BytesIO(download.value.path().read_bytes())).active
    assert name in [cell.value for row in sheet.iter_rows() for cell in row]
    open_menu_link(page, "main details.side-menu", f"/{lang}/calendar/events/{event.pk}/door-list/")
    expect(page.locator("main tbody")).to_contain_text(name)
    checker.check(page, "door-list")


def check_in_by_search(page: Page, event: Event, name: str, lang: str, checker) -> None:
    visit(page, f"/{lang}/events/{event.pk}/check-in/")
    page.fill("input[name=q]", name)
    submit(page, "main form[role=search]")
    found = page.locator("main .list-group-item")
    expect(found).to_have_count(1)
    expect(found.locator("bdi")).to_have_text(name)
    click_through(page, found.locator("button"))
    assert Rsvp.objects.get(event=event, member__display_name=name).checked_in_at is not None
    expect(page.locator("main")).to_contain_text(name)
    checker.check(page, "checked-in")


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_every_journey_without_script(lang, new_page, mailoutbox):
    person = PEOPLE[lang]
    member_width, organizer_width = WIDTHS[lang]
    checker = QuickChecker(language=lang)
    organizer = OrganizerFactory(
        display_name=person.organizer_name, preferred_language=lang, time_zone="Europe/Berlin"
    )
    # Someone else's proposal to endorse and discuss; a meeting in two hours, its one seat
    # taken, to wait for and to check its holder in at the door.
    others = ProposalFactory(state="submitted", submitted_at=timezone.now())
    holder = ApprovedMemberFactory(display_name=HOLDERS[lang], preferred_language=lang)
    full = EventFactory(capacity=1, starts_at=timezone.now() + timedelta(hours=2))
    RsvpFactory(event=full, member=holder)
    member_page = new_page(
        locale=person.browser_locale, timezone_id=person.time_zone, width=member_width, script=False
    )
    organizer_page = new_page(
        locale=person.browser_locale,
        timezone_id="Europe/Berlin",
        width=organizer_width,
        script=False,
    )

    browse(member_page, lang, full, checker)
    member = sign_up_and_verify(member_page, person, mailoutbox, checker, script=False)

    organizer_signs_in(organizer_page, organizer, lang, checker)
    submit(organizer_page, f"tr form[action$='/members/{member.pk}/approve/']")
    member.refresh_from_db()
    assert member.membership_status == "approved"

    proposal = propose(member_page, person, checker)
    endorse_and_comment(member_page, others, lang, checker)
    event = accept(organizer_page, proposal, lang, checker)
    rsvp_going(member_page, event, person, checker)
    download_pack(member_page, person, checker)
    join_waitlist(member_page, full, member, lang, checker)
    subscribe(member_page, event, lang, checker)

    export(organizer_page, event, person.name, lang, checker)
    check_in_by_search(organizer_page, full, holder.display_name, lang, checker)

    checker.assert_clean()
