"""Guest names, speaker names and titles that show nothing are refused; no "by None"."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.utils import translation

from events.errors import RsvpRefused
from events.forms.event import SessionForm, TopicForm
from events.models import Rsvp
from events.services.guests import rsvp_guest_request
from tests.events.proposal_forms import proposal_form_data
from tests.factories import EventFactory, ProposalFactory

INVISIBLE = ["\u200b\u200b", "\u200c", "\u200e\u200f", "\u064e\u064f", "\u0640", "\u3164", "\u2800"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", INVISIBLE)
def test_guest_with_an_invisible_name_is_refused_and_nothing_is_written(client, value):
    event = EventFactory(guest_registration=True)
    response = client.post(
        f"/fa/events/{event.pk}/guest/",
        {"guest_name": value, "guest_email": "nasrin@example.org", "answer": "going"},
    )
    assert response.status_code == 400
    assert "این نام چیزی نشان نمی‌دهد" in response.content.decode()
    assert not Rsvp.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_guest_register_service_refuses_an_invisible_name():
    event = EventFactory(guest_registration=True)
    with pytest.raises(RsvpRefused):
        rsvp_guest_request(
            event=event, name="\u200c\u200b", email="n@example.org", language="fa", answer="going"
        )
    assert not Rsvp.objects.exists()


@pytest.mark.django_db
def test_guest_name_keeps_its_inner_zwnj_and_loses_invisible_ends(client):
    event = EventFactory(guest_registration=True)
    client.post(
        f"/fa/events/{event.pk}/guest/",
        {
            "guest_name": "\u200bنسرین\u200cزاده\u200f",
            "guest_email": "n@example.org",
            "answer": "going",
        },
    )
    assert Rsvp.objects.get().guest_name == "نسرین\u200cزاده"


def session_form(event, **overrides):
    data = {"title_en": "Opening", "starts_at": "", "ends_at": "", "language": "fa"}
    return SessionForm(data=data | overrides, event=event)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["Shirin, \u200b\u200c", "\u2800", "Azad,\u064e"])
def test_session_speaker_names_that_show_nothing_are_refused(value):
    form = session_form(EventFactory(), speaker_names=value)
    assert form.has_error("speaker_names", "invisible")


@pytest.mark.django_db
def test_session_speaker_names_are_trimmed_of_invisible_ends():
    form = session_form(EventFactory(), speaker_names="\u200bShirin\u200f,  Azad ,")
    form.is_valid()
    assert form.cleaned_data["speaker_names"] == "Shirin, Azad"


@pytest.mark.django_db
def test_session_title_of_invisible_characters_is_refused():
    form = session_form(EventFactory(), title_en="\u200b\u200c")
    with translation.override("en"):
        assert "Give a title in at least one language." in form.non_field_errors()


@pytest.mark.django_db
def test_topic_name_of_invisible_characters_is_refused():
    form = TopicForm(data={"slug": "blank", "name_en": "\u200b", "name_fa": "\u2800"})
    with translation.override("en"):
        assert "Give a name in at least one language." in form.non_field_errors()


@pytest.mark.django_db
def test_proposal_with_only_invisible_titles_is_refused(member_client):
    blank = {"title_ar": "\u200f", "title_fa": "\u200c", "title_en": "\u200b\u200b"}
    response = member_client.post("/en/proposals/new/", proposal_form_data(**blank))
    assert response.status_code == 200
    assert "Give a title in at least one language." in response.context["form"].non_field_errors()


@pytest.mark.django_db
def test_decided_proposal_without_a_decider_does_not_say_by_none(client):
    proposal = ProposalFactory(
        state="rejected", decided_by=None, decided_at=datetime(2030, 12, 2, tzinfo=UTC)
    )
    client.force_login(proposal.proposer)
    html = client.get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert "None" not in html
    assert "Rejected by" not in html
    assert "Rejected" in html
