"""An organizer on a Persian keyboard types the two-factor code and a capacity in its digits."""

import re

import pytest
from playwright.sync_api import expect

from events.models import Event
from members.digits import PERSIAN_DIGITS, WESTERN_DIGITS
from tests.browser.test_journeys import submit, totp_code, visit
from tests.factories import PASSWORD, OrganizerFactory, ProposalFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TO_PERSIAN = str.maketrans(WESTERN_DIGITS, PERSIAN_DIGITS)


def test_organizer_types_the_code_and_a_capacity_in_persian_digits(new_page):
    organizer = OrganizerFactory(preferred_language="fa", time_zone="Asia/Tehran")
    proposal = ProposalFactory(state="under_review")
    page = new_page(locale="fa-IR", timezone_id="Asia/Tehran")

    visit(page, "/fa/accounts/login/?next=/fa/organizers/members/")
    page.fill("input[name=login]", organizer.email)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    expect(page).to_have_url(re.compile(r"/fa/accounts/2fa/authenticate/"))
    code = totp_code(organizer).translate(TO_PERSIAN)
    page.locator("input[name=code]").press_sequentially(code)
    expect(page.locator("input[name=code]")).to_have_value(code)
    submit(page)
    expect(page).to_have_url(re.compile(r"/fa/organizers/members/$"))

    # Chromium drops Persian digits typed into a type=number box, which would read as no limit.
    visit(page, f"/fa/proposals/{proposal.pk}/accept/")
    page.locator("input[name=capacity]").fill("")
    page.locator("input[name=capacity]").press_sequentially("۱٬۲۰۰")
    submit(page)
    event = Event.objects.get()
    expect(page).to_have_url(re.compile(rf"/fa/events/{event.pk}/$"))
    assert event.capacity == 1200
