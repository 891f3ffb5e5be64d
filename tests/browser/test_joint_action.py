"""Issue 13's journey, in the browser, in Arabic and Persian: a Syrian group's coordinator
proposes a joint conference inviting an Iranian group; its coordinator joins in Persian; an
organizer accepts in Arabic; members of both groups answer; the event page, the feeds and the
mails name both groups."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.models import Event, Proposal, ProposalInvitation
from members.models import AllianceGroup, User
from tests.browser.checks import PageChecker, path_of
from tests.browser.test_journeys import click_through, submit, totp_code, visit
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    GroupFactory,
    GroupMembershipFactory,
    OrganizerFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SYRIAN = {"ar": "الاشتراكيون السوريون", "fa": "سوسیالیست‌های سوری", "en": "Syrian socialists"}
IRANIAN = {
    "ar": "الاشتراكيون الإيرانيون في المنفى",
    "fa": "سوسیالیست‌های ایرانی در تبعید",
    "en": "Iranian socialists in exile",
}
TITLE = {
    "ar": "مؤتمر مشترك عن الفيدرالية وحق تقرير المصير",
    "fa": "کنفرانس مشترک دربارهٔ فدرالیسم و حق تعیین سرنوشت",
}
DESCRIPTION = {
    "ar": "يومان من الحوار بين ناشطين **سوريين وإيرانيين**.",
    "fa": "دو روز گفت‌وگو میان فعالان **سوری و ایرانی**.",
}
# What each language calls the co-hosts, on pages and mails ("Co-hosted by") and in calendars.
COHOSTED_BY = {"ar": "المجموعات المضيفة", "fa": "گروه‌های میزبان"}


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    language: str
    time_zone: str

    @property
    def browser_locale(self) -> str:
        return {"ar": "ar-SY", "fa": "fa-IR"}[self.language]


LAYLA = Person("ليلى", "layla@tadamun.example", "ar", "Asia/Damascus")
REZA = Person("رضا", "reza@tadamun.example", "fa", "Asia/Tehran")
OMAR = Person("عمر", "omar@tadamun.example", "ar", "Europe/Berlin")
SHIRIN = Person("شیرین", "shirin@tadamun.example", "fa", "Europe/Stockholm")
SAMER = Person("سامر", "samer@tadamun.example", "ar", "Europe/Berlin")


def member_of(person: Person) -> User:
    return ApprovedMemberFactory(
        display_name=person.name,
        email=person.email,
        preferred_language=person.language,
        time_zone=person.time_zone,
    )


def groups_and_people() -> tuple[AllianceGroup, AllianceGroup]:
    syrian = GroupFactory(
        slug="syrian-socialists",
        name_ar=SYRIAN["ar"],
        name_fa=SYRIAN["fa"],
        name_en=SYRIAN["en"],
    )
    iranian = GroupFactory(
        slug="iranian-socialists-in-exile",
        name_ar=IRANIAN["ar"],
        name_fa=IRANIAN["fa"],
        name_en=IRANIAN["en"],
        in_arabic=False,
        in_persian=True,
        country="",
        in_exile=True,
    )
    CoordinatorMembershipFactory(group=syrian, member=member_of(LAYLA))
    CoordinatorMembershipFactory(group=iranian, member=member_of(REZA))
    GroupMembershipFactory(group=syrian, member=member_of(OMAR))
    GroupMembershipFactory(group=iranian, member=member_of(SHIRIN))
    return syrian, iranian


def open_as(new_page, person: Person) -> Page:
    return new_page(locale=person.browser_locale, timezone_id=person.time_zone)


def sign_in(page: Page, person: Person, next_path: str) -> None:
    visit(page, f"/{person.language}/accounts/login/?next={next_path}")
    page.fill("input[name=login]", person.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


def organizer_signs_in(page: Page, organizer: User, next_path: str) -> None:
    visit(page, f"/ar/accounts/login/?next={next_path}")
    page.fill("input[name=login]", organizer.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/ar/accounts/2fa/authenticate/"))
    page.fill("input[name=code]", totp_code(organizer))
    submit(page)
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


def mails_to(mailoutbox, person: Person) -> list:
    return [message for message in mailoutbox if message.to == [person.email]]


def unfolded(calendar: str) -> str:
    """An iCalendar text with its long lines joined again (RFC 5545, 3.1)."""
    return calendar.replace("\r\n ", "").replace("\r\n\t", "")


def description_of(calendar: str, event: Event) -> str:
    uid = f"UID:event-{event.pk}@tadamun"
    (block,) = [part for part in unfolded(calendar).split("BEGIN:VEVENT") if uid in part]
    return re.search(r"^DESCRIPTION[^:]*:(.*)$", block, re.MULTILINE).group(1)


def propose_joint_conference(page: Page, groups: list[AllianceGroup], ar: PageChecker) -> Proposal:
    sign_in(page, LAYLA, "/ar/proposals/new/")
    ar.check(page, "joint-proposal-form")
    starts = (timezone.now() + timedelta(days=21)).strftime("%Y-%m-%dT10:00")
    page.select_option("select[name=kind]", "conference")
    for lang in ("ar", "fa"):
        page.fill(f"input[name=title_{lang}]", TITLE[lang])
        page.fill(f"textarea[name=description_{lang}]", DESCRIPTION[lang])
    page.fill("input[name=starts_at]", starts)
    page.fill("input[name=ends_at]", starts.replace("T10:00", "T17:00"))
    page.select_option("select[name=time_zone]", "Asia/Baghdad")
    page.select_option("select[name=modality]", "in_person")
    page.fill("input[name=venue]", "Zheen cultural centre")
    page.fill("input[name=city]", "Erbil")
    page.select_option("select[name=country]", "IQ")
    for flag in ("in_arabic", "in_persian", "interpretation_ar", "interpretation_fa"):
        page.check(f"input[name={flag}]")
    page.fill("input[name=expected_capacity]", "60")
    for group in groups:
        page.check(f"input[name=invited_groups][value='{group.pk}']")
    submit(page)
    proposal = Proposal.objects.get(title_ar=TITLE["ar"])
    expect(page).to_have_url(re.compile(rf"/ar/proposals/{proposal.pk}/$"))
    submit(page, f"form[action$='/proposals/{proposal.pk}/submit/']")
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    invited = proposal.invitations.order_by("group__slug").values_list("group__slug", "status")
    assert list(invited) == [
        ("iranian-socialists-in-exile", "invited"),
        ("syrian-socialists", "invited"),
    ]
    ar.check(page, "joint-proposal-submitted")
    return proposal


def answer_invitation(page: Page, invitation: ProposalInvitation, checker: PageChecker) -> None:
    """A coordinator joins from the group's queue, the page the invitation mail links to."""
    article = page.locator(f"#invitation-{invitation.pk}")
    expect(article.locator("h3 a")).to_have_text(TITLE[checker.language])
    checker.check(page, "coordinators-queue")
    click_through(page, article.locator("button[value=join]"))
    invitation.refresh_from_db()
    assert invitation.status == "joined"
    expect(page.locator(f"#invitation-{invitation.pk}")).to_have_count(0)


def accept(page: Page, organizer: User, proposal: Proposal, ar: PageChecker) -> Event:
    organizer_signs_in(page, organizer, "/ar/proposals/review/")
    click_through(page, page.locator(f"main a[href$='/proposals/{proposal.pk}/']").first)
    ar.check(page, "joint-proposal-review")
    click_through(page, page.locator(f"a[href$='/proposals/{proposal.pk}/accept/']"))
    ar.check(page, "joint-accept-form")
    page.select_option("select[name=visibility]", "public")
    page.fill("input[name=capacity]", "60")
    submit(page)
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    event = proposal.event
    expect(page).to_have_url(re.compile(rf"/ar/events/{event.pk}/$"))
    return event


def expect_cohosts_named(page: Page, lang: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    cohosts = page.locator("main dl a[href*='/groups/']")
    expect(cohosts).to_have_count(2)
    assert sorted(cohosts.all_inner_texts()) == sorted([SYRIAN[lang], IRANIAN[lang]])
    assert COHOSTED_BY[lang] in page.locator("main dl").inner_text()


def answer_going(page: Page, person: Person, event: Event, group: AllianceGroup, checker) -> None:
    path = f"/{person.language}/events/{event.pk}/"
    sign_in(page, person, path)
    expect_cohosts_named(page, person.language)
    page.check("#answer input[name=answer][value=going]")
    page.select_option("#answer select[name=interpretation]", person.language)
    page.check(f"#answer input[name=shared_with_groups][value='{group.pk}']")
    submit(page, "#answer form")
    rsvp = event.rsvps.get(member__email=person.email)
    assert (rsvp.status, rsvp.interpretation) == ("going", person.language)
    assert list(rsvp.shared_with_groups.values_list("slug", flat=True)) == [group.slug]
    expect(page.locator("#answer .checkin-qr svg")).to_be_visible()
    expect_cohosts_named(page, person.language)
    checker.check(page, "joint-event-going")


def test_joint_action_from_proposal_to_answers_in_arabic_and_persian(
    new_page, mailoutbox, screenshot_dir
):
    ar = PageChecker(language="ar", screenshot_dir=screenshot_dir)
    fa = PageChecker(language="fa", screenshot_dir=screenshot_dir)
    syrian, iranian = groups_and_people()
    organizer = OrganizerFactory(
        display_name=SAMER.name,
        email=SAMER.email,
        preferred_language="ar",
        time_zone=SAMER.time_zone,
    )
    layla_page, reza_page = open_as(new_page, LAYLA), open_as(new_page, REZA)

    # Layla, who coordinates the Syrian group, proposes the conference with both groups.
    proposal = propose_joint_conference(layla_page, [syrian, iranian], ar)
    own, theirs = (proposal.invitations.get(group=group) for group in (syrian, iranian))

    # Reza is invited by mail, in Persian, and follows its link to his group's queue.
    (invited,) = mails_to(mailoutbox, REZA)
    assert invited.subject == f"دعوت از {IRANIAN['fa']} برای میزبانی: {TITLE['fa']}"
    assert f"{LAYLA.name} " in invited.body
    answer_link = re.search(r"https?://\S+/requests/#invitation-\d+", invited.body).group(0)
    assert f"/fa/groups/{iranian.slug}/requests/#invitation-{theirs.pk}" in answer_link
    visit(reza_page, path_of(answer_link))  # signed out: the sign-in page, then the queue
    expect(reza_page).to_have_url(re.compile(r"/fa/accounts/login/\?next="))
    reza_page.fill("input[name=login]", REZA.email)
    reza_page.fill("input[name=password]", PASSWORD)
    submit(reza_page)
    expect(reza_page).to_have_url(re.compile(rf"/fa/groups/{iranian.slug}/requests/"))
    answer_invitation(reza_page, theirs, fa)

    # Layla, invited for her own group in Arabic, is told Reza's answer in Arabic too, and
    # answers for her group from the proposal's page.
    (own_invited,) = [m for m in mails_to(mailoutbox, LAYLA) if "دعوة" in m.subject]
    assert own_invited.subject == (
        f"دعوة للمجموعة «{SYRIAN['ar']}» لتكون مجموعة مضيفة: {TITLE['ar']}"
    )
    (told,) = [m for m in mails_to(mailoutbox, LAYLA) if "تنضمّ" in m.subject]
    assert told.subject == f"المجموعة «{IRANIAN['ar']}» تنضمّ: {TITLE['ar']}"
    assert REZA.name in told.body
    visit(layla_page, f"/ar/proposals/{proposal.pk}/")
    click_through(layla_page, layla_page.locator(f"#groups a[href$='#invitation-{own.pk}']"))
    answer_invitation(layla_page, own, ar)
    sent_before_decision = len(mailoutbox)

    # An organizer accepts it in Arabic: the event is co-hosted by both groups.
    organizer_page = open_as(new_page, SAMER)
    event = accept(organizer_page, organizer, proposal, ar)
    assert set(event.cohost_groups.values_list("slug", flat=True)) == {syrian.slug, iranian.slug}
    expect_cohosts_named(organizer_page, "ar")
    ar.check(organizer_page, "joint-event-published")
    (decision,) = mails_to(mailoutbox[sent_before_decision:], LAYLA)
    assert TITLE["ar"] in decision.subject

    # A member of each group answers, sharing their name with their own group only.
    omar_page, shirin_page = open_as(new_page, OMAR), open_as(new_page, SHIRIN)
    answer_going(omar_page, OMAR, event, syrian, ar)
    answer_going(shirin_page, SHIRIN, event, iranian, fa)
    for person, lang in ((OMAR, "ar"), (SHIRIN, "fa")):
        (confirmation,) = mails_to(mailoutbox, person)
        assert TITLE[lang] in confirmation.subject
        html = confirmation.alternatives[0][0]
        assert f'<html lang="{lang}" dir="rtl">' in html
        for text in (confirmation.body, html):
            assert COHOSTED_BY[lang] in text
            assert SYRIAN[lang] in text
            assert IRANIAN[lang] in text

    # Reza sees who answered; by name only Shirin, who shared hers with his group.
    visit(reza_page, f"/fa/groups/{iranian.slug}/events/{event.pk}/attendees/")
    named = reza_page.locator("main").inner_text()
    assert SHIRIN.name in named
    assert OMAR.name not in named
    fa.check(reza_page, "cohost-attendees")

    # The public calendar, in Arabic, names both groups.
    public = organizer_page.request.get("/ar/calendar/events.ics?lang=ar")
    assert public.ok
    cohosts_line = description_of(public.text(), event)
    assert COHOSTED_BY["ar"] in cohosts_line
    assert SYRIAN["ar"] in cohosts_line
    assert IRANIAN["ar"] in cohosts_line

    # So does Shirin's private calendar, in Persian.
    visit(shirin_page, "/fa/members/profile/")
    click_through(shirin_page, shirin_page.locator("#private-calendar form button"))
    private_path = path_of(shirin_page.locator("#private-feed-web").input_value())
    private = shirin_page.request.get(private_path)
    assert private.ok
    cohosts_line = description_of(private.text(), event)
    assert COHOSTED_BY["fa"] in cohosts_line
    assert SYRIAN["fa"] in cohosts_line
    assert IRANIAN["fa"] in cohosts_line

    ar.assert_clean()
    fa.assert_clean()
