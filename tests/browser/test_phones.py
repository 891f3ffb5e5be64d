"""The site on a 375 px phone: no page scrolls sideways, for strangers, members and organizers in
Arabic, Persian and English; the month is an agenda whose titles break only between words; the
menus fold away and open without JavaScript.

Which pages each role can open comes from the access matrix (tests/access_matrix.txt) and its
world, so a new page is checked here as soon as it is classified there.
"""

from datetime import UTC, datetime

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation
from playwright.sync_api import Browser, Page, Response, expect
from playwright.sync_api import Error as PlaywrightError

from members.models import User
from tests.browser.checks import OVERFLOW_JS
from tests.factories import EventFactory, TopicFactory
from tests.test_access_matrix import CASES, TABLE, build_world, vouching

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
ROLES = ("stranger", "member", "organizer")
SIDEWAYS_JS = """() => document.fonts.ready.then(() => {
  const root = document.scrollingElement;
  return [root.scrollWidth, root.clientWidth];
})"""

# The words of each title (runs of text between spaces) that the browser laid out on more than
# one line, i.e. broke inside. Rectangles of one line share their vertical position; a word
# mixing scripts or directions may have several rectangles on the same line.
WORDS_BROKEN_JS = """(titles) => titles.flatMap((title) => {
  const broken = [];
  const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.nodeValue.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
      const middles = rects.map((rect) => rect.top + rect.height / 2);
      const height = Math.max(...rects.map((rect) => rect.height));
      if (Math.max(...middles) - Math.min(...middles) > height / 2) broken.push(word[0]);
    }
  }
  return broken;
})"""


# Pages that sign a visitor out when they open them (a key for someone else's address or
# password): visited last, the sign-out page before them.
SIGNING_OUT = (
    "account_logout",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
)


def pages_for(role: str) -> list[str]:
    """The table's keys of what `role` may open (GET answers 200), in visiting order."""
    column = ROLES_IN_TABLE.index(role)
    keys = [
        key
        for key, methods in TABLE.items()
        if "GET" in methods and methods["GET"][column] in ("200", "200+")
    ]
    return sorted(keys, key=lambda key: (SIGNING_OUT.index(key) if key in SIGNING_OUT else -1, key))


ROLES_IN_TABLE = ("stranger", "pending", "member", "other", "no-2fa", "organizer", "admin")


def phone_for(browser: Browser, live_server, *, language: str, cookies=None, script=True) -> Page:
    context = browser.new_context(
        base_url=live_server.url,
        locale=language,
        viewport=PHONE,
        java_script_enabled=script,
    )
    context.set_default_timeout(15_000)
    if cookies:
        context.add_cookies(
            [
                {"name": name, "value": morsel.value, "url": live_server.url}
                for name, morsel in cookies.items()
                if name != "messages"
            ]
        )
    return context.new_page()


def world_in(language: str):
    """The access matrix's world, its people reading `language` (or they would be sent to
    their own language's pages)."""
    with translation.override("en"), vouching():
        world = build_world()
    User.objects.update(preferred_language=language)
    return world


def open_page(page: Page, path: str) -> Response | None:
    """The answer to `path`, or None when it is no page: a file (a calendar feed, an export,
    the member's data) or data for machines (the health check)."""
    try:
        response = page.goto(path)
    except PlaywrightError as error:
        if "Download is starting" in error.message:
            return None
        raise
    assert response is not None
    return response if response.headers.get("content-type", "").startswith("text/html") else None


def in_language(path: str, language: str) -> str:
    """The English path in `language`; paths outside the languages (/healthz) stay as they are."""
    if not path.startswith("/en/"):
        return path
    return f"/{language}/{path.removeprefix('/en/')}"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["ar", "fa", "en"])
@vouching()  # the access matrix's world holds a vouching link, answered only with it on
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, language):
    world = world_in(language)
    # Long topic names, words and an unbroken token, on the event lists, the event and forms.
    world.topic.name_en = "Internationalism and solidarity across borders and generations"
    world.topic.save()
    world.event.topics.add(TopicFactory(name_en="Internationalsolidarityacrossbordersandlanguages"))
    # A long address and name, on the account pages, the attendee list and the menu.
    long_email = "solidarity.across.borders.and.languages@alliance-of-syrian-and-iranian.example"
    User.objects.filter(pk=world.member.pk).update(
        email=long_email, display_name="Mohammad-Reza Abdolrahimzadeh-Khorasani"
    )
    EmailAddress.objects.filter(user=world.member).update(email=long_email)
    problems = []
    visited = 0
    for role in ROLES:
        page = phone_for(browser, live_server, language=language, cookies=world.cookies[role])
        for key in pages_for(role):
            with translation.override("en"):
                path = in_language(CASES[key][0][1](world), language)
            response = open_page(page, path)
            if response is None:
                continue
            if response.status != 200 or not page.url.endswith(path):
                problems.append(f"{role} {path}: {response.status} at {page.url}")
                continue
            visited += 1
            scroll_width, client_width = page.evaluate(SIDEWAYS_JS)
            if scroll_width > client_width:
                culprits = "; ".join(page.evaluate(OVERFLOW_JS))
                problems.append(f"{role} {path}: {scroll_width}px > {client_width}px: {culprits}")
        page.context.close()
    assert not problems, "\n".join(problems)
    assert visited >= 60


MONTH_TITLES = {
    "fa": [
        "گردهمایی بین‌المللی همبستگی کارگران و دانشجویان",
        "نشست برنامه‌ریزی اقدام مشترک فدرالیست‌ها",
    ],
    "ar": [
        "المؤتمر التضامني للنقابات العمالية والطلابية",
        "اجتماع التخطيط للعمل المشترك بين الاتحادات",
    ],
    "en": [
        "Internationalist solidarity gathering of workers and students",
        "Planning meeting for the joint action of federalists",
    ],
}


@pytest.mark.parametrize("language", ["fa", "ar", "en"])
def test_the_month_is_an_agenda_on_a_phone_with_titles_whole(browser, live_server, language):
    first, second = MONTH_TITLES[language]
    later = EventFactory(
        **{f"title_{language}": second},
        starts_at=datetime(2026, 11, 14, 16, 0, tzinfo=UTC),
        ends_at=datetime(2026, 11, 14, 18, 0, tzinfo=UTC),
    )
    earlier = EventFactory(
        **{f"title_{language}": first},
        starts_at=datetime(2026, 11, 3, 9, 0, tzinfo=UTC),
        ends_at=datetime(2026, 11, 3, 11, 0, tzinfo=UTC),
    )
    page = phone_for(browser, live_server, language=language)
    page.goto(f"/{language}/events/month/?month=2026-11")

    expect(page.locator(".month-grid")).to_be_hidden()
    agenda = page.locator(".month-agenda")
    expect(agenda).to_be_visible()
    links = agenda.locator("a[href*='/events/']")
    expect(links).to_have_count(2)
    assert [links.nth(n).get_attribute("href") for n in range(2)] == [
        f"/{language}/events/{earlier.pk}/",
        f"/{language}/events/{later.pk}/",
    ]
    assert links.all_inner_texts() == [first, second]
    scroll_width, client_width = page.evaluate(SIDEWAYS_JS)
    assert scroll_width <= client_width
    titles = agenda.locator(".month-event-title").element_handles()
    assert len(titles) == 2
    assert page.evaluate(WORDS_BROKEN_JS, titles) == []
    # Narrower than a phone, so that every title must wrap: still only between words.
    page.set_viewport_size({"width": 200, "height": 812})
    assert all(title.evaluate("t => t.getClientRects().length > 1") for title in titles)
    assert page.evaluate(WORDS_BROKEN_JS, titles) == []

    page.set_viewport_size(DESKTOP)
    expect(page.locator(".month-grid")).to_be_visible()
    expect(agenda).to_be_hidden()
    page.context.close()


# A title cut between its joined letters, and the same title wrapped between its words.
BROKEN_AND_WHOLE = """<!DOCTYPE html><html lang="fa" dir="rtl"><body>
<p style="width: 5em; word-break: break-all"><bdi class="title">گردهمایی بین‌المللی همبستگی</bdi></p>
<p style="width: 5em"><bdi class="title">گردهمایی بین‌المللی همبستگی</bdi></p>
</body></html>"""


def test_the_word_check_finds_a_word_cut_between_letters(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(BROKEN_AND_WHOLE)
    broken, whole = page.locator(".title").element_handles()
    assert page.evaluate(WORDS_BROKEN_JS, [broken]) != []
    assert page.evaluate(WORDS_BROKEN_JS, [whole]) == []
    context.close()


def test_an_empty_month_says_so_on_a_phone(browser, live_server):
    page = phone_for(browser, live_server, language="fa")
    page.goto("/fa/events/month/?month=2026-11")
    expect(page.locator(".month-agenda")).to_have_text("در این ماه رویدادی نیست.")
    page.context.close()


@pytest.mark.parametrize("script", [False, True], ids=["without-script", "with-script"])
def test_the_phone_menu_opens_and_leads_to_the_events(browser, live_server, script):
    page = phone_for(browser, live_server, language="fa", script=script)
    page.goto("/fa/")
    # The bar holds the links twice, for wide screens and behind the phone's menu button.
    events_link = page.locator("nav.navbar a[href='/fa/events/']:visible")
    expect(events_link).to_have_count(0)

    page.locator("nav.navbar summary", has_text="منوی اصلی").click()
    expect(events_link).to_have_count(1)
    events_link.click()
    expect(page).to_have_url(f"{live_server.url}/fa/events/")
    page.context.close()


def test_the_account_menus_open_without_script(browser, live_server):
    world = world_in("fa")
    page = phone_for(
        browser, live_server, language="fa", cookies=world.cookies["member"], script=False
    )
    page.goto("/fa/members/profile/")
    side_menu = page.get_by_role("navigation", name="حساب کاربری شما")
    download = side_menu.get_by_role("link", name="دانلود داده‌های من")
    expect(download).to_be_hidden()
    # The page's own heading comes first on the screen, above the folded menu's content.
    heading = page.locator("main h1").first
    assert heading.bounding_box()["y"] < 250

    side_menu.get_by_text("حساب کاربری شما").click()
    expect(download).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.reload()
    expect(side_menu.get_by_role("link", name="دانلود داده‌های من")).to_be_visible()
    # The member's menu in the bar, on a wide screen.
    sign_out = page.locator("#main-menu a[href='/fa/accounts/logout/']")
    expect(sign_out).to_be_hidden()
    page.locator("#main-menu summary.dropdown-toggle").click()
    expect(sign_out).to_be_visible()
    page.context.close()


def test_the_organizer_menu_folds_on_a_phone(browser, live_server):
    world = world_in("ar")
    page = phone_for(browser, live_server, language="ar", cookies=world.cookies["organizer"])
    page.goto(f"/ar/events/{world.event.pk}/attendees/")
    reminders = page.get_by_role("link", name="التذكيرات", exact=True)
    expect(reminders).to_be_hidden()
    page.locator("main summary").first.click()
    expect(reminders).to_be_visible()
    page.context.close()
