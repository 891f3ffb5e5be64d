"""Every date-time a form takes (events/forms/zoned.py): not past, not absurdly far ahead, no
offset silently dropped, and a missing zone said once, in words."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone, translation

from events.forms.event import EventForm, SessionForm
from events.forms.proposal import ProposalForm
from events.forms.zoned import MAX_YEARS_AHEAD
from events.models import Proposal
from members.templatetags.localised import zone_label
from tests.events.proposal_forms import proposal_form_data
from tests.factories import ApprovedMemberFactory, EventFactory

pytestmark = pytest.mark.django_db

PASSED = "This time has already passed. Choose one still to come."
TOO_FAR = f"This is more than {MAX_YEARS_AHEAD} years ahead. Check the year."


@pytest.mark.parametrize(
    ("starts_at", "error"),
    [("2020-01-01T18:00", PASSED), ("9999-12-31T18:00", TOO_FAR)],
    ids=["past", "far-future"],
)
def test_a_proposal_starting_in_the_past_or_far_future_is_refused(client, starts_at, error):
    client.force_login(ApprovedMemberFactory())
    data = proposal_form_data(starts_at=starts_at, ends_at="9999-12-31T21:00")
    response = client.post("/en/proposals/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["starts_at"] == [error]
    assert not Proposal.objects.exists()


def test_the_far_future_error_is_translated_with_local_digits():
    with translation.override("ar"):
        form = ProposalForm(data=proposal_form_data(starts_at="9999-12-31T18:00"))
        assert not form.is_valid()
        assert "١٠" in form.errors["starts_at"][0]


def test_an_offset_the_zone_does_not_have_is_refused_not_dropped():
    # Tehran is at +03:30; "18:00+05:00" is 16:30 there, not 18:00.
    form = ProposalForm(
        data=proposal_form_data(
            starts_at="2030-02-01 18:00:00+05:00",
            ends_at="2030-02-01T21:00",
            time_zone="Asia/Tehran",
        )
    )
    tehran = zone_label("Asia/Tehran")
    assert not form.is_valid()
    assert form.errors["starts_at"] == [
        f"This time was sent with the offset +05:00, which is not that of {tehran} on that "
        f"date. Give the time as the clocks show it in {tehran}, without an offset."
    ]


def test_an_offset_the_zone_has_is_read_as_that_moment():
    form = ProposalForm(
        data=proposal_form_data(
            starts_at="2030-02-01T18:00:00+03:30",
            ends_at="2030-02-01T21:00",
            time_zone="Asia/Tehran",
        )
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2030, 2, 1, 14, 30, tzinfo=UTC)


def test_an_empty_time_zone_gives_one_clear_error_in_arabic():
    with translation.override("ar"):
        form = ProposalForm(data=proposal_form_data(time_zone=""))
        assert not form.is_valid()
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        chosen = str(translation.gettext("Choose a time zone from the list."))
    assert errors == {"time_zone": [chosen]}
    assert "null" not in str(errors)


def test_editing_a_past_event_keeps_its_times_without_complaint():
    starts = timezone.now().replace(microsecond=0, second=0) - timedelta(days=30)
    event = EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=2))
    berlin = zoneinfo.ZoneInfo(event.time_zone)
    data = {
        "starts_at": starts.astimezone(berlin).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).astimezone(berlin).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": event.time_zone,
    }
    edit = EventForm(data=data, instance=event)
    edit.is_valid()
    assert "starts_at" not in edit.errors
    assert "ends_at" not in edit.errors
    moved = EventForm(data={**data, "starts_at": data["ends_at"]}, instance=event)
    moved.is_valid()
    assert moved.errors["starts_at"] == [PASSED]


def test_a_new_session_in_the_past_is_refused():
    now = timezone.now()
    event = EventFactory(starts_at=now - timedelta(hours=5), ends_at=now + timedelta(hours=5))
    before = (now - timedelta(hours=1)).astimezone(zoneinfo.ZoneInfo(event.time_zone))
    form = SessionForm(
        data={
            "title_en": "Late entry",
            "starts_at": before.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (before + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
            "language": "en",
        },
        event=event,
    )
    assert not form.is_valid()
    assert form.errors["starts_at"] == [PASSED]
