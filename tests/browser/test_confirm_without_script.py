"""An organizer cancels an event in Arabic, with JavaScript off: the button leads to a page that
asks first, and the message written there reaches the attendees' notice."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from events.models import Event
from tests.browser.test_journeys import click_through, submit, totp_code, visit
from tests.factories import (
    PASSWORD,
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    RsvpFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MESSAGE = "القاعة مغلقة للصيانة.\nنلتقي في الموعد الجديد."


@pytest.fixture
def page_without_script(browser: Browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="ar-SY",
        timezone_id="Asia/Damascus",
        java_script_enabled=False,
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_organizer_cancels_in_arabic_through_the_confirmation_page(page_without_script):
    page = page_without_script
    event = EventFactory(title_en="Solidarity meeting", title_ar="لقاء التضامن")
    attendee = ApprovedMemberFactory(preferred_language="ar")
    RsvpFactory(event=event, member=attendee, status="going")
    organizer = OrganizerFactory(preferred_language="ar")

    visit(page, f"/ar/accounts/login/?next=/ar/events/{event.pk}/")
    page.fill("input[name=login]", organizer.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    page.fill("input[name=code]", totp_code(organizer))
    submit(page)
    expect(page).to_have_url(re.compile(rf"/ar/events/{event.pk}/$"))

    click_through(page, page.locator(f"a[href='/ar/events/{event.pk}/cancel/']"))
    expect(page.locator("main h1")).to_have_text("هل تريد إلغاء «لقاء التضامن»؟")
    expect(page.locator("main")).to_contain_text("سيُبلَّغ شخص واحد ردّ على الدعوة")
    assert Event.objects.get(pk=event.pk).status == "scheduled"  # the link only asks

    page.fill("textarea[name=message]", MESSAGE)
    click_through(page, page.get_by_role("button", name="نعم، ألغِ الفعالية"))

    expect(page).to_have_url(re.compile(rf"/ar/events/{event.pk}/$"))
    expect(page.locator("main")).to_contain_text("أُلغيت هذه الفعالية")
    assert Event.objects.get(pk=event.pk).status == "cancelled"
    [notice] = [message for message in mail.outbox if message.to == [attendee.email]]
    html = notice.alternatives[0][0]
    assert "بكلمات المنظِّمين أنفسهم:" in html
    assert 'dir="auto">القاعة مغلقة للصيانة.<br>نلتقي في الموعد الجديد.</blockquote>' in html
