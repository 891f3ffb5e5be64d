import re
import time
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from events.models import Event, Proposal
from members.models import User
from tests.browser.checks import PageChecker, path_of
from tests.factories import PASSWORD, OrganizerFactory

# The live server needs committed data, so each test ends with a flush; serialized_rollback
# restores what migrations wrote (the organizers' group) before the next one.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^\s/]+/")
MEMBER_PASSWORD = "a long Solidarity passphrase 2026"


@dataclass(frozen=True)
class Person:
    """Who walks through the site in one language, and what they propose."""

    language: str
    browser_locale: str
    name: str
    email: str
    time_zone: str
    organizer_name: str
    kind: str
    modality: str
    title: str
    title_en: str
    description: str
    event_zone: str
    held_in: tuple[str, ...]
    interpretation: str


PEOPLE = {
    "ar": Person(
        language="ar",
        browser_locale="ar-SY",
        name="ليلى",
        email="layla@tadamun.example",
        time_zone="Asia/Damascus",
        organizer_name="سامر",
        kind="webinar",
        modality="online",
        title="ندوة عبر الإنترنت عن التضامن",
        title_en="Webinar on solidarity across borders",
        description="نلتقي **معاً** لنخطط للعمل المشترك.",
        event_zone="Europe/Istanbul",
        held_in=("in_english",),
        interpretation="ar",
    ),
    "fa": Person(
        language="fa",
        browser_locale="fa-IR",
        name="رضا",
        email="reza@tadamun.example",
        time_zone="Asia/Tehran",
        organizer_name="سیما",
        kind="conference",
        modality="hybrid",
        title="کنفرانس مشترک همبستگی",
        title_en="Joint solidarity conference",
        description="دربارهٔ **فدرالیسم** گفت‌وگو می‌کنیم.",
        event_zone="Asia/Baghdad",
        held_in=("in_arabic", "in_english"),
        interpretation="fa",
    ),
    "en": Person(
        language="en",
        browser_locale="en-GB",
        name="Sam Rivers",
        email="sam@tadamun.example",
        time_zone="Europe/London",
        organizer_name="Dana",
        kind="meeting",
        modality="in_person",
        title="Solidarity meeting in Berlin",
        title_en="",
        description="We meet to plan **joint actions**.",
        event_zone="Europe/Berlin",
        held_in=("in_arabic", "in_persian"),
        interpretation="en",
    ),
}


def totp_code(user: User) -> str:
    """The code the organizer's authenticator app shows, fresh enough to be typed in time."""
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left)
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(decrypt(totp.data["secret"]), counter))


def visit(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.ok, f"{path} answered {response.status}"


def click_through(page: Page, locator: Locator) -> None:
    """Click a link or a submit button and wait for the page it leads to (after redirects)."""
    with page.expect_navigation(wait_until="load") as navigation:
        locator.click()
    response = navigation.value
    assert response is not None
    assert response.ok, f"{response.url} answered {response.status}"


def submit(page: Page, form: str = "main form") -> None:
    click_through(page, page.locator(f"{form} button:not([type=button])").first)


def sign_up_and_verify(
    page: Page, person: Person, mailoutbox, checker: PageChecker, *, script: bool = True
) -> User:
    lang = person.language
    visit(page, f"/{lang}/")
    checker.check(page, "home")
    visit(page, f"/{lang}/accounts/signup/")
    # The browser's own zone is pre-selected (static/js/detect-time-zone.js); without script
    # the member chooses it.
    if script:
        expect(page.locator("select[name=time_zone]")).to_have_value(person.time_zone)
    expect(page.locator("select[name=preferred_language]")).to_have_value(lang)
    checker.check(page, "signup")
    page.fill("input[name=display_name]", person.name)
    page.fill("input[name=email]", person.email)
    page.fill("input[name=password1]", MEMBER_PASSWORD)
    page.fill("input[name=password2]", MEMBER_PASSWORD)
    page.select_option("select[name=preferred_language]", lang)
    page.select_option("select[name=time_zone]", person.time_zone)
    submit(page)
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/confirm-email/$"))
    checker.check(page, "verification-sent")

    assert len(mailoutbox) == 1
    link = CONFIRM_LINK.search(mailoutbox[0].body).group(0)
    assert f"/{lang}/accounts/confirm-email/" in link
    visit(page, path_of(link))
    checker.check(page, "confirm-email")
    submit(page)
    member = User.objects.get(email=person.email)
    # Signed in straight away, and waiting for an organizer's approval.
    expect(page.locator("#main-menu .dropdown-toggle bdi")).to_have_text(person.name)
    assert (member.preferred_language, member.time_zone) == (lang, person.time_zone)
    assert member.membership_status == "pending"
    checker.check(page, "signed-in")
    return member


def organizer_signs_in(page: Page, organizer: User, lang: str, checker: PageChecker) -> None:
    visit(page, f"/{lang}/accounts/login/?next=/{lang}/organizers/members/")
    checker.check(page, "organizer-login")
    page.fill("input[name=login]", organizer.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/2fa/authenticate/"))
    checker.check(page, "organizer-2fa")
    page.fill("input[name=code]", totp_code(organizer))
    submit(page)
    expect(page).to_have_url(re.compile(rf"/{lang}/organizers/members/$"))


def propose(page: Page, person: Person, checker: PageChecker) -> Proposal:
    lang = person.language
    visit(page, f"/{lang}/proposals/")
    checker.check(page, "proposals")
    visit(page, f"/{lang}/proposals/new/")
    checker.check(page, "proposal-form")
    starts = (timezone.now() + timedelta(days=21)).strftime("%Y-%m-%dT18:00")
    ends = starts.replace("T18:00", "T20:30")
    page.select_option("select[name=kind]", person.kind)
    page.fill(f"input[name=title_{lang}]", person.title)
    if person.title_en and lang != "en":
        page.fill("input[name=title_en]", person.title_en)
    page.fill(f"textarea[name=description_{lang}]", person.description)
    page.fill("input[name=starts_at]", starts)
    page.fill("input[name=ends_at]", ends)
    page.select_option("select[name=time_zone]", person.event_zone)
    page.select_option("select[name=modality]", person.modality)
    if person.modality != "online":
        page.fill("input[name=venue]", "Community hall")
        page.fill("input[name=city]", "Erbil")
        page.select_option("select[name=country]", "IQ")
    if person.modality != "in_person":
        page.fill("input[name=meeting_link]", "https://meet.example.org/solidarity")
    for flag in person.held_in:
        page.check(f"input[name={flag}]")
    page.check(f"input[name=interpretation_{person.interpretation}]")
    page.fill("input[name=expected_capacity]", "40")
    submit(page)
    proposal = Proposal.objects.get(title_en=person.title_en or person.title)
    expect(page).to_have_url(re.compile(rf"/{lang}/proposals/{proposal.pk}/$"))
    checker.check(page, "proposal-draft")
    submit(page, f"form[action$='/proposals/{proposal.pk}/submit/']")
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    checker.check(page, "proposal-submitted")
    return proposal


def accept(page: Page, proposal: Proposal, lang: str, checker: PageChecker) -> Event:
    visit(page, f"/{lang}/proposals/review/")
    checker.check(page, "review-queue")
    visit(page, f"/{lang}/proposals/{proposal.pk}/")
    checker.check(page, "proposal-review")
    click_through(page, page.locator(f"a[href$='/proposals/{proposal.pk}/accept/']"))
    checker.check(page, "accept-form")
    page.select_option("select[name=visibility]", "members")
    page.fill("input[name=capacity]", "10")
    submit(page)
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    event = proposal.event
    expect(page).to_have_url(re.compile(rf"/{lang}/events/{event.pk}/$"))
    checker.check(page, "event-published")
    return event


def rsvp_going(page: Page, event: Event, person: Person, checker: PageChecker) -> None:
    lang = person.language
    month = event.starts_at.astimezone(ZoneInfo(person.time_zone)).strftime("%Y-%m")
    visit(page, f"/{lang}/events/month/?month={month}")
    checker.check(page, "month-calendar")
    # The grid on a wide screen, the agenda on a phone.
    expect(
        page.locator(f":is(.month-grid, .month-agenda) a[href$='/events/{event.pk}/']:visible")
    ).not_to_have_count(0)
    visit(page, f"/{lang}/events/")
    checker.check(page, "events")
    click_through(page, page.locator(f"a[href$='/events/{event.pk}/']").first)
    expect(page).to_have_url(re.compile(rf"/{lang}/events/{event.pk}/$"))
    checker.check(page, "event")
    page.check("#answer input[name=answer][value=going]")
    page.select_option("#answer select[name=interpretation]", person.interpretation)
    submit(page, "#answer form")
    rsvp = event.rsvps.get(member__email=person.email)
    assert (rsvp.status, rsvp.interpretation) == ("going", person.interpretation)
    if event.is_in_person:
        expect(page.locator("#answer .checkin-qr svg")).to_be_visible()
    else:  # no door to show a code at
        expect(page.locator("#answer .checkin-qr")).to_have_count(0)
    checker.check(page, "event-going")


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_member_and_organizer_journey(lang, new_page, mailoutbox, screenshot_dir):
    person = PEOPLE[lang]
    checker = PageChecker(language=lang, screenshot_dir=screenshot_dir)
    member_page = new_page(locale=person.browser_locale, timezone_id=person.time_zone)
    organizer_page = new_page(locale=person.browser_locale, timezone_id="Europe/Berlin")
    organizer = OrganizerFactory(
        display_name=person.organizer_name, preferred_language=lang, time_zone="Europe/Berlin"
    )

    member = sign_up_and_verify(member_page, person, mailoutbox, checker)

    organizer_signs_in(organizer_page, organizer, lang, checker)
    checker.check(organizer_page, "membership-requests")
    submit(organizer_page, f"tr form[action$='/members/{member.pk}/approve/']")
    member.refresh_from_db()
    assert member.membership_status == "approved"
    checker.check(organizer_page, "member-approved")

    proposal = propose(member_page, person, checker)
    event = accept(organizer_page, proposal, lang, checker)
    rsvp_going(member_page, event, person, checker)

    visit(organizer_page, f"/{lang}/events/{event.pk}/dashboard/")
    checker.check(organizer_page, "dashboard")
    expect(organizer_page.locator("main svg[role=img]")).to_be_visible()

    checker.assert_clean()
