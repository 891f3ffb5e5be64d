"""Guest registration, answers, proposals and comments past their limit: a translated refusal,
HTTP 429 with Retry-After, the form shown again where there is one, and nothing changed."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from events.models import Proposal, ProposalComment, Rsvp
from tests.events.proposal_forms import proposal_form_data
from tests.factories import EventFactory, ProposalFactory

PERSIAN_WAIT = "لطفاً ۶۰ دقیقهٔ دیگر دوباره تلاش کنید"
ARABIC_WAIT = "يُرجى المحاولة مجددًا بعد ٦٠ دقيقة"
ENGLISH_WAIT = "Please try again in 60 minutes."


@pytest.fixture
def limits(settings, monkeypatch):
    """Every limit at one a window, and the clock at the start of a window, so that the wait
    is a whole hour."""
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, (1, 3600))
    monkeypatch.setattr("members.ratelimit.time.time", lambda: 1_800_000_000.0)


def _assert_refused(response, wait_text: str, *, form: bool) -> str:
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = response.content.decode()
    assert wait_text in html
    assert ('<form method="post"' in html) is form
    return html


def _guest(email: str = "nasrin@example.org") -> dict:
    return {"guest_name": "Nasrin", "guest_email": email, "answer": "going"}


@pytest.mark.django_db
def test_a_second_guest_registration_from_one_address_shows_the_form_again_in_persian(
    client, limits, django_capture_on_commit_callbacks
):
    event = EventFactory(guest_registration=True)
    path = f"/fa/events/{event.pk}/guest/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, _guest("first@example.org"))
        response = client.post(path, _guest("second@example.org"))

    html = _assert_refused(response, PERSIAN_WAIT, form=True)
    assert 'value="second@example.org"' in html
    assert list(Rsvp.objects.values_list("guest_email", flat=True)) == ["first@example.org"]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_one_email_address_is_limited_whatever_address_it_comes_from(
    client, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "guest_register_address": (1, 3600)}
    event = EventFactory(guest_registration=True)
    path = f"/en/events/{event.pk}/guest/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, _guest("Nasrin@Example.org"), REMOTE_ADDR="203.0.113.1")
        response = client.post(path, _guest("nasrin@example.org"), REMOTE_ADDR="203.0.113.2")

    assert response.status_code == 429
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_members_answers_past_the_limit_show_the_form_again_and_change_nothing(
    member_client, member, limits
):
    event = EventFactory()
    member_client.post(f"/ar/events/{event.pk}/answer/", {"answer": "going"})

    response = member_client.post(f"/ar/events/{event.pk}/answer/", {"answer": "not_going"})

    _assert_refused(response, ARABIC_WAIT, form=True)
    assert Rsvp.objects.get(member=member).status == "going"


@pytest.mark.django_db
def test_a_guests_changes_past_the_limit_get_the_429_page(
    client, limits, django_capture_on_commit_callbacks
):
    from events.services.guests import rsvp_guest_request

    event = EventFactory(guest_registration=True)
    with django_capture_on_commit_callbacks(execute=True):
        token = rsvp_guest_request(
            event=event, name="Nasrin", email="n@example.org", language="en", answer="going"
        )
    path = f"/en/events/{event.pk}/guest/{token}/"
    client.post(path)  # confirms

    response = client.post(path, {"answer": "not_going"})

    _assert_refused(response, ENGLISH_WAIT, form=False)
    assert Rsvp.objects.get().status == "going"


@pytest.mark.django_db
def test_proposals_past_the_limit_show_the_form_again_and_save_nothing(
    member_client, member, limits
):
    member_client.post("/fa/proposals/new/", proposal_form_data())

    response = member_client.post("/fa/proposals/new/", proposal_form_data(title_en="Second"))

    html = _assert_refused(response, PERSIAN_WAIT, form=True)
    assert 'value="Second"' in html
    assert Proposal.objects.filter(proposer=member).count() == 1


@pytest.mark.django_db
def test_a_form_with_errors_is_not_counted(member_client, member, limits):
    member_client.post(
        "/en/proposals/new/", proposal_form_data(title_en="", title_fa="", title_ar="")
    )

    response = member_client.post("/en/proposals/new/", proposal_form_data())

    assert response.status_code == 302
    assert Proposal.objects.filter(proposer=member).count() == 1


@pytest.mark.django_db
def test_comments_past_the_limit_show_the_form_again_with_the_text_in_arabic(client, limits):
    proposal = ProposalFactory(state="submitted", submitted_at=datetime(2030, 12, 1, tzinfo=UTC))
    client.force_login(proposal.proposer)
    path = f"/ar/proposals/{proposal.pk}/comment/"
    client.post(path, {"body": "First."})

    response = client.post(path, {"body": "Second, typed with care."})

    html = _assert_refused(response, ARABIC_WAIT, form=True)
    assert f'action="{path}"' in html
    assert "Second, typed with care.</textarea>" in html
    assert list(ProposalComment.objects.values_list("body", flat=True)) == ["First."]
