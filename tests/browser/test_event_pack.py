"""The event pack (issue 16) opens from a disk in Chromium with no network at all, and shows
the reader's language, times and check-in code."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from playwright.sync_api import expect

from events.templatetags.event_tags import qr_svg
from tests.browser.test_journeys import submit, visit
from tests.factories import PASSWORD, ApprovedMemberFactory, EventFactory, RsvpFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STARTS = datetime(2030, 6, 1, 8, 0, tzinfo=UTC)
# (language, direction, the start in Tehran, in Berlin (the event's zone), in the reader's digits)
READERS = [
    ("fa", "rtl", "۱۱:۳۰", "۱۰:۰۰"),
    ("ar", "rtl", "١١:٣٠", "١٠:٠٠"),
    ("en", "ltr", "11:30", "10:00"),
]


@pytest.mark.parametrize(("language", "direction", "reader_time", "event_time"), READERS)
def test_the_pack_opens_offline_in_the_readers_language_with_times_and_qr_code(
    browser, new_page, tmp_path, language, direction, reader_time, event_time
):
    event = EventFactory(
        title_ar="اجتماع التضامن",
        title_fa="نشست همبستگی",
        title_en="Solidarity meeting",
        in_arabic=True,
        in_persian=True,
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=2),
    )
    member = ApprovedMemberFactory(preferred_language=language, time_zone="Asia/Tehran")
    rsvp = RsvpFactory(event=event, member=member)

    page = new_page(locale=language, timezone_id="Asia/Tehran")
    visit(page, f"/{language}/accounts/login/?next=/{language}/events/{event.pk}/")
    page.fill("input[name=login]", member.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(rf"/{language}/events/{event.pk}/$"))
    with page.expect_download() as download_info:
        page.locator("#event-pack-link").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"tadamun-{event.pk}-")
    assert download.suggested_filename.endswith(".html")
    saved = tmp_path / "pack.html"
    download.save_as(saved)

    # Offline, with script off (a pack needs none), and any request to anywhere refused.
    context = browser.new_context(
        offline=True, java_script_enabled=False, locale=language, timezone_id="UTC"
    )
    requested: list[str] = []
    context.route(re.compile(r"^(?!file:|data:)"), lambda route: route.abort())
    offline = context.new_page()

    def note(request) -> None:
        if not request.url.startswith(("file:", "data:")):
            requested.append(request.url)

    offline.on("request", note)
    try:
        offline.goto(saved.as_uri())
        html = offline.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", direction)
        assert offline.locator("body").evaluate("b => getComputedStyle(b).direction") == direction
        expect(offline.locator("h1")).to_have_text(
            {"ar": "اجتماع التضامن", "fa": "نشست همبستگی", "en": "Solidarity meeting"}[language]
        )
        when = offline.locator(".when")
        expect(when).to_contain_text(reader_time)
        expect(when).to_contain_text(event_time)
        if language == "fa":
            expect(when).to_contain_text("۱۴۰۹")  # the Solar Hijri year

        code = offline.locator(".checkin svg")
        expect(code).to_be_visible()
        box = code.bounding_box()
        assert box is not None
        assert box["width"] >= 150
        assert box["height"] >= 150
        payload = f"{settings.SITE_URL.rstrip('/')}/{language}/events/{event.pk}/check-in/code/"
        expected = qr_svg(f"{payload}{rsvp.checkin_code}/")
        drawn = re.search(r'd="([^"]+)"', expected).group(1)
        expect(offline.locator(".checkin svg path")).to_have_attribute("d", drawn)

        calendar_link = offline.locator("a[download$='.ics']")
        expect(calendar_link).to_have_attribute("href", re.compile(r"^data:text/calendar;"))

        offline.emulate_media(media="print")
        expect(offline.locator("details.calendar")).to_be_hidden()
        expect(code).to_be_visible()
        assert requested == []
    finally:
        context.close()
