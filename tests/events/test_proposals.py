from datetime import UTC, datetime, timedelta

import pytest

from events.models import CoProposerLink, Event, Proposal
from events.services.co_proposer_links import co_proposer_link_create
from events.signals import proposal_decided
from tests.events.proposal_forms import messages_of, proposal_form_data
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    OrganizerFactory,
    ProposalFactory,
    RsvpFactory,
    TopicFactory,
)

# 2031-01-15 18:00 in Tehran (UTC+03:30 all year since 2022) is 14:30 UTC.
STARTS_AT = datetime(2031, 1, 15, 14, 30, tzinfo=UTC)
ENDS_AT = datetime(2031, 1, 15, 17, 30, tzinfo=UTC)


def submitted_proposal(**overrides) -> Proposal:
    fields = {
        "state": "submitted",
        "submitted_at": datetime(2030, 12, 1, tzinfo=UTC),
        "title_ar": "مؤتمر مشترك",
        "title_fa": "کنفرانس مشترک",
        "title_en": "Joint conference",
        "starts_at": STARTS_AT,
        "ends_at": ENDS_AT,
        "expected_capacity": 120,
    }
    return ProposalFactory(**(fields | overrides))


# Creating and editing drafts


@pytest.mark.django_db
def test_member_creates_draft_with_every_field(member_client, member):
    topics = TopicFactory.create_batch(2)
    data = proposal_form_data(topics=[topic.pk for topic in topics])

    response = member_client.post("/en/proposals/new/", data)

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert proposal.state == "draft"
    assert proposal.proposer == member
    assert proposal.submitted_at is None
    assert (proposal.title_ar, proposal.title_fa, proposal.title_en) == (
        "مؤتمر التضامن",
        "کنفرانس همبستگی",
        "Solidarity conference",
    )
    assert proposal.description_en == "We meet **together**."
    assert proposal.starts_at == STARTS_AT
    assert proposal.ends_at == datetime(2031, 1, 15, 17, 30, tzinfo=UTC)
    assert proposal.time_zone == "Asia/Tehran"
    assert (proposal.modality, proposal.venue, proposal.city, proposal.country) == (
        "hybrid",
        "Community hall",
        "Erbil",
        "IQ",
    )
    assert proposal.meeting_link == "https://meet.example.org/solidarity"
    assert proposal.languages == ["fa", "en"]
    assert proposal.interpretation_languages == ["ar"]
    assert proposal.expected_capacity == 120
    assert set(proposal.topics.all()) == set(topics)
    assert list(proposal.co_proposers.all()) == []


@pytest.mark.django_db
def test_new_draft_ignores_posted_co_proposers(member_client):
    # Co-proposers join through a link (test_co_proposer_links.py); the form names nobody.
    stranger = ApprovedMemberFactory()

    member_client.post("/en/proposals/new/", proposal_form_data(co_proposers=[stranger.pk]))

    assert list(Proposal.objects.get().co_proposers.all()) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "wall_clock", "utc"),
    [
        ("Asia/Tehran", "2031-01-15T18:00", datetime(2031, 1, 15, 14, 30, tzinfo=UTC)),
        ("Europe/Berlin", "2031-01-15T18:00", datetime(2031, 1, 15, 17, 0, tzinfo=UTC)),
        ("Europe/Berlin", "2031-07-15T18:00", datetime(2031, 7, 15, 16, 0, tzinfo=UTC)),
        ("America/New_York", "2031-01-15T18:00", datetime(2031, 1, 15, 23, 0, tzinfo=UTC)),
        ("Asia/Baghdad", "2031-01-15T18:00", datetime(2031, 1, 15, 15, 0, tzinfo=UTC)),
    ],
)
def test_draft_times_are_read_as_wall_clock_in_the_chosen_zone(
    member_client, zone, wall_clock, utc
):
    ends = (datetime.fromisoformat(wall_clock) + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")

    member_client.post(
        "/en/proposals/new/",
        proposal_form_data(time_zone=zone, starts_at=wall_clock, ends_at=ends),
    )

    proposal = Proposal.objects.get()
    assert proposal.starts_at == utc
    assert proposal.ends_at == utc + timedelta(hours=2)


@pytest.mark.django_db
def test_draft_accepts_persian_digits_in_times(member_client):
    member_client.post(
        "/en/proposals/new/",
        proposal_form_data(starts_at="۲۰۳۱-۰۱-۱۵T۱۸:۰۰", ends_at="۲۰۳۱-۰۱-۱۵T۲۱:۰۰"),
    )

    assert Proposal.objects.get().starts_at == STARTS_AT


@pytest.mark.django_db
def test_edit_form_shows_times_in_the_event_zone(member_client, member):
    proposal = ProposalFactory(proposer=member, starts_at=STARTS_AT, ends_at=ENDS_AT)

    response = member_client.get(f"/en/proposals/{proposal.pk}/edit/")

    assert response.status_code == 200
    assert 'value="2031-01-15T18:00"' in response.content.decode()
    assert 'value="2031-01-15T21:00"' in response.content.decode()


@pytest.mark.django_db
def test_co_proposer_may_edit_the_draft(client):
    co_proposer = ApprovedMemberFactory()
    proposal = ProposalFactory(starts_at=STARTS_AT, ends_at=ENDS_AT)
    proposal.co_proposers.add(co_proposer)
    client.force_login(co_proposer)

    response = client.post(
        f"/en/proposals/{proposal.pk}/edit/",
        proposal_form_data(title_en="Edited by a co-proposer", co_proposers=[co_proposer.pk]),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    proposal.refresh_from_db()
    assert proposal.title_en == "Edited by a co-proposer"
    assert proposal.state == "draft"
    assert list(proposal.co_proposers.all()) == [co_proposer]


@pytest.mark.django_db
def test_other_member_cannot_edit_a_draft(member_client):
    proposal = ProposalFactory(title_en="Original title")

    get_response = member_client.get(f"/en/proposals/{proposal.pk}/edit/")
    post_response = member_client.post(
        f"/en/proposals/{proposal.pk}/edit/", proposal_form_data(title_en="Hijacked")
    )

    assert get_response.status_code == 404
    assert post_response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.title_en == "Original title"


@pytest.mark.django_db
def test_other_member_cannot_edit_a_submitted_proposal(member_client):
    proposal = submitted_proposal()

    response = member_client.post(
        f"/en/proposals/{proposal.pk}/edit/", proposal_form_data(title_en="Hijacked")
    )

    assert response.status_code == 302
    assert messages_of(response) == ["Only a draft can be edited, and only by its proposers."]
    proposal.refresh_from_db()
    assert proposal.title_en == "Joint conference"


@pytest.mark.django_db
def test_proposer_cannot_edit_once_submitted(member_client, member):
    proposal = submitted_proposal(proposer=member)

    response = member_client.post(
        f"/en/proposals/{proposal.pk}/edit/", proposal_form_data(title_en="Late change")
    )

    assert response.status_code == 302
    assert messages_of(response) == ["Only a draft can be edited, and only by its proposers."]
    proposal.refresh_from_db()
    assert proposal.title_en == "Joint conference"


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["member", "organizer"])
def test_draft_is_hidden_from_everyone_but_its_proposers(client, viewer):
    proposal = ProposalFactory(title_en="Secret plan")
    client.force_login(ApprovedMemberFactory() if viewer == "member" else OrganizerFactory())

    response = client.get(f"/en/proposals/{proposal.pk}/")

    assert response.status_code == 404
    assert "Secret plan" not in response.content.decode()


@pytest.mark.django_db
def test_co_proposer_sees_the_draft(client):
    co_proposer = ApprovedMemberFactory()
    proposal = ProposalFactory(title_en="Shared plan")
    proposal.co_proposers.add(co_proposer)
    client.force_login(co_proposer)

    response = client.get(f"/en/proposals/{proposal.pk}/")

    assert response.status_code == 200
    assert response.context["proposal"] == proposal
    assert response.context["is_proposer"] is True


@pytest.mark.django_db
def test_pending_member_cannot_create_a_proposal(client, pending_member):
    client.force_login(pending_member)

    get_response = client.get("/en/proposals/new/")
    post_response = client.post("/en/proposals/new/", proposal_form_data())

    assert get_response.status_code == 403
    assert post_response.status_code == 403
    assert Proposal.objects.count() == 0


@pytest.mark.django_db
def test_pending_member_cannot_be_a_co_proposer(client, member, pending_member):
    proposal = ProposalFactory(proposer=member)
    token = co_proposer_link_create(proposal=proposal, by=member)
    client.force_login(pending_member)

    response = client.post(f"/en/proposals/co-propose/{token}/")

    assert response.status_code == 403
    assert "Only approved members can do this." in response.content.decode()
    assert list(proposal.co_proposers.all()) == []
    assert CoProposerLink.objects.get(proposal=proposal).used_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/en/proposals/new/"),
        ("post", "/en/proposals/new/"),
        ("get", "/en/proposals/{pk}/"),
        ("post", "/en/proposals/{pk}/submit/"),
        ("post", "/en/proposals/{pk}/withdraw/"),
        ("post", "/en/proposals/{pk}/endorse/"),
        ("post", "/en/proposals/{pk}/comment/"),
        ("post", "/en/proposals/{pk}/review/"),
        ("post", "/en/proposals/{pk}/accept/"),
        ("post", "/en/proposals/{pk}/reject/"),
        ("post", "/en/proposals/{pk}/reopen/"),
        ("get", "/en/proposals/review/"),
    ],
)
def test_stranger_is_sent_to_sign_in(client, method, path):
    proposal = submitted_proposal()
    url = path.format(pk=proposal.pk)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert Proposal.objects.count() == 1
    assert Event.objects.count() == 0


# Submitting and withdrawing


@pytest.mark.django_db
def test_proposer_submits_the_draft(member_client, member):
    proposal = ProposalFactory(proposer=member)

    response = member_client.post(f"/en/proposals/{proposal.pk}/submit/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert proposal.submitted_at is not None
    assert messages_of(response) == ["Your proposal is submitted. The organizers will review it."]


@pytest.mark.django_db
def test_co_proposer_may_submit_the_draft(client):
    co_proposer = ApprovedMemberFactory()
    proposal = ProposalFactory()
    proposal.co_proposers.add(co_proposer)
    client.force_login(co_proposer)

    client.post(f"/en/proposals/{proposal.pk}/submit/")

    proposal.refresh_from_db()
    assert proposal.state == "submitted"


@pytest.mark.django_db
def test_submitting_twice_is_refused(member_client, member):
    proposal = submitted_proposal(proposer=member)
    submitted_at = proposal.submitted_at

    response = member_client.post(f"/en/proposals/{proposal.pk}/submit/")

    assert messages_of(response) == ["This proposal has already been submitted."]
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert proposal.submitted_at == submitted_at


@pytest.mark.django_db
def test_submit_requires_post(member_client, member):
    proposal = ProposalFactory(proposer=member)

    response = member_client.get(f"/en/proposals/{proposal.pk}/submit/")

    assert response.status_code == 405
    proposal.refresh_from_db()
    assert proposal.state == "draft"


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "submitted", "under_review"])
def test_proposer_withdraws_an_undecided_proposal(member_client, member, state):
    proposal = ProposalFactory(proposer=member, state=state)

    response = member_client.post(f"/en/proposals/{proposal.pk}/withdraw/", {"confirmed": "1"})

    assert response.status_code == 302
    assert messages_of(response) == ["Your proposal is withdrawn."]
    proposal.refresh_from_db()
    assert proposal.state == "withdrawn"


@pytest.mark.django_db
def test_accepted_proposal_cannot_be_withdrawn(member_client, member, organizer):
    proposal = ProposalFactory(
        proposer=member,
        state="accepted",
        decided_by=organizer,
        decided_at=datetime(2030, 12, 2, tzinfo=UTC),
    )

    response = member_client.post(f"/en/proposals/{proposal.pk}/withdraw/", {"confirmed": "1"})

    assert messages_of(response) == ["A proposal that has been decided can no longer be withdrawn."]
    proposal.refresh_from_db()
    assert proposal.state == "accepted"


@pytest.mark.django_db
def test_other_member_cannot_withdraw_a_submitted_proposal(member_client):
    proposal = submitted_proposal()

    response = member_client.post(f"/en/proposals/{proposal.pk}/withdraw/", {"confirmed": "1"})

    assert messages_of(response) == ["Only the people who proposed this can withdraw it."]
    proposal.refresh_from_db()
    assert proposal.state == "submitted"


# Review by organizers


@pytest.mark.django_db
def test_organizer_starts_the_review(organizer_client):
    proposal = submitted_proposal()

    response = organizer_client.post(f"/en/proposals/{proposal.pk}/review/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert messages_of(response) == ["The proposal is now under review."]
    proposal.refresh_from_db()
    assert proposal.state == "under_review"


@pytest.mark.django_db
def test_draft_cannot_be_taken_into_review(organizer_client):
    proposal = ProposalFactory()

    response = organizer_client.post(f"/en/proposals/{proposal.pk}/review/")

    assert messages_of(response) == ["Only a submitted proposal can be taken into review."]
    proposal.refresh_from_db()
    assert proposal.state == "draft"


@pytest.mark.django_db
def test_accept_form_offers_the_expected_capacity(organizer_client):
    proposal = submitted_proposal(state="under_review")

    response = organizer_client.get(f"/en/proposals/{proposal.pk}/accept/")

    assert response.status_code == 200
    assert response.context["form"].initial == {"capacity": 120}
    assert 'name="capacity" value="120"' in response.content.decode()


@pytest.mark.django_db
def test_organizer_accepts_and_the_event_is_published(
    organizer_client, organizer, django_capture_on_commit_callbacks
):
    topics = TopicFactory.create_batch(2)
    proposal = submitted_proposal(state="under_review", venue="Community hall")
    proposal.topics.set(topics)
    decided = []

    def on_decided(sender, proposal_id, **kwargs):
        decided.append(proposal_id)

    proposal_decided.connect(on_decided)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = organizer_client.post(
                f"/en/proposals/{proposal.pk}/accept/",
                {
                    "visibility": "public",
                    "capacity": "80",
                    "rsvp_deadline": "2031-01-14T12:00",
                    "guest_registration": "on",
                    "note": "  Welcome aboard.  ",
                },
            )
    finally:
        proposal_decided.disconnect(on_decided)

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/{event.pk}/"
    assert (event.title_ar, event.title_fa, event.title_en) == (
        "مؤتمر مشترك",
        "کنفرانس مشترک",
        "Joint conference",
    )
    assert event.description_en == "A conference on federalism."
    assert event.kind == "conference"
    assert (event.starts_at, event.ends_at, event.time_zone) == (STARTS_AT, ENDS_AT, "Asia/Tehran")
    assert (event.modality, event.venue, event.city, event.country) == (
        "hybrid",
        "Community hall",
        "Erbil",
        "IQ",
    )
    assert event.meeting_link == "https://meet.example.org/joint"
    assert event.languages == ["fa", "en"]
    assert event.interpretation_languages == ["ar"]
    assert set(event.topics.all()) == set(topics)
    assert event.visibility == "public"
    assert event.capacity == 80
    # 12:00 in Tehran, the event's zone.
    assert event.rsvp_deadline == datetime(2031, 1, 14, 8, 30, tzinfo=UTC)
    assert event.guest_registration is True
    assert event.status == "scheduled"
    assert list(event.organizers.all()) == [organizer]
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert proposal.event == event
    assert proposal.decided_by == organizer
    assert proposal.decided_at is not None
    assert proposal.decision_note == "Welcome aboard."
    assert decided == [proposal.pk]


@pytest.mark.django_db
def test_submitted_proposal_may_be_accepted_without_starting_review(organizer_client):
    proposal = submitted_proposal()

    organizer_client.post(f"/en/proposals/{proposal.pk}/accept/", {"visibility": "members"})

    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert proposal.event.visibility == "members"
    assert proposal.event.capacity is None
    assert proposal.event.rsvp_deadline is None


@pytest.mark.django_db
def test_accept_refuses_guest_registration_for_members_only_event(organizer_client):
    proposal = submitted_proposal(state="under_review")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/",
        {"visibility": "members", "guest_registration": "on"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "guest_registration": ["Guests can only register for public events."]
    }
    assert Event.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.state == "under_review"


@pytest.mark.django_db
def test_accept_refuses_a_deadline_after_the_end(organizer_client):
    proposal = submitted_proposal(state="under_review")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/",
        {"visibility": "public", "rsvp_deadline": "2031-01-15T21:01"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "rsvp_deadline": ["Answers must close before the event ends."]
    }
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_draft_cannot_be_accepted(organizer_client):
    proposal = ProposalFactory()

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public"}
    )

    assert response.status_code == 404  # a draft is its proposers' alone
    assert Event.objects.count() == 0
    proposal.refresh_from_db()
    assert proposal.state == "draft"


@pytest.mark.django_db
def test_accept_page_does_not_reveal_a_draft(organizer_client):
    proposal = ProposalFactory(title_en="Secret plan")

    response = organizer_client.get(f"/en/proposals/{proposal.pk}/accept/")

    assert response.status_code == 404
    assert "Secret plan" not in response.content.decode()


@pytest.mark.django_db
def test_organizer_rejects_with_a_note(organizer_client, organizer):
    proposal = submitted_proposal(state="under_review")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/reject/",
        {"note": "Please pick another date.", "confirmed": "1"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert messages_of(response) == ["The proposal is rejected."]
    proposal.refresh_from_db()
    assert proposal.state == "rejected"
    assert proposal.decided_by == organizer
    assert proposal.decided_at is not None
    assert proposal.decision_note == "Please pick another date."
    assert proposal.event is None
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_proposer_sees_the_rejection_note(client, organizer):
    proposal = submitted_proposal(
        state="rejected",
        decided_by=organizer,
        decided_at=datetime(2030, 12, 2, tzinfo=UTC),
        decision_note="Please pick another date.",
    )
    client.force_login(proposal.proposer)

    html = client.get(f"/en/proposals/{proposal.pk}/").content.decode()

    assert "Please pick another date." in html
    assert f"Rejected by <bdi>{organizer.display_name}</bdi>" in html


@pytest.mark.django_db
def test_withdrawn_proposal_cannot_be_rejected(organizer_client):
    proposal = submitted_proposal(state="withdrawn")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/reject/", {"note": "", "confirmed": "1"}
    )

    assert messages_of(response) == ["Only a proposal in review can be rejected."]
    proposal.refresh_from_db()
    assert proposal.state == "withdrawn"
    assert proposal.decided_at is None


@pytest.mark.django_db
def test_reopened_proposal_accepted_again_updates_the_same_event(organizer_client, organizer):
    proposal = submitted_proposal(state="under_review")
    organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public", "capacity": "80"}
    )
    first_event = Event.objects.get()

    reopen = organizer_client.post(f"/en/proposals/{proposal.pk}/reopen/")
    proposal.refresh_from_db()
    assert messages_of(reopen)[-1] == "The proposal is back under review."
    assert proposal.state == "under_review"

    second_organizer = OrganizerFactory()
    organizer_client.force_login(second_organizer)
    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/",
        {"visibility": "members", "capacity": "150", "note": "Bigger room."},
    )

    event = Event.objects.get()
    assert response["Location"] == f"/en/events/{first_event.pk}/"
    assert event.pk == first_event.pk
    assert event.visibility == "members"
    assert event.capacity == 150
    assert event.title_en == "Joint conference"
    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert proposal.event_id == first_event.pk
    assert proposal.decided_by == second_organizer
    assert proposal.decision_note == "Bigger room."


@pytest.mark.django_db
def test_rejected_proposal_reopened_and_accepted_makes_one_event(organizer_client):
    proposal = submitted_proposal(state="under_review")
    organizer_client.post(
        f"/en/proposals/{proposal.pk}/reject/", {"note": "Not now.", "confirmed": "1"}
    )
    organizer_client.post(f"/en/proposals/{proposal.pk}/reopen/")

    organizer_client.post(f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public"})

    proposal.refresh_from_db()
    assert proposal.state == "accepted"
    assert Event.objects.count() == 1
    assert proposal.event == Event.objects.get()


@pytest.mark.django_db
def test_undecided_proposal_cannot_be_reopened(organizer_client):
    proposal = submitted_proposal()

    response = organizer_client.post(f"/en/proposals/{proposal.pk}/reopen/")

    assert messages_of(response) == ["Only a decided proposal can be reopened."]
    proposal.refresh_from_db()
    assert proposal.state == "submitted"


@pytest.mark.django_db
def test_accepting_again_with_capacity_below_those_going_is_refused(organizer_client):
    proposal = submitted_proposal(state="under_review")
    organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public", "capacity": "10"}
    )
    proposal.refresh_from_db()
    RsvpFactory.create_batch(3, event=proposal.event)
    organizer_client.post(f"/en/proposals/{proposal.pk}/reopen/")

    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public", "capacity": "2"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    proposal.refresh_from_db()
    assert proposal.state == "under_review"
    assert proposal.event.capacity == 10


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "state", "data"),
    [
        ("review", "submitted", {}),
        ("accept", "under_review", {"visibility": "public", "capacity": "80"}),
        ("reject", "under_review", {"note": "No.", "confirmed": "1"}),
        ("reopen", "rejected", {}),
    ],
)
def test_proposer_cannot_move_own_proposal_through_review(client, action, state, data):
    proposal = submitted_proposal(
        state=state,
        decided_at=datetime(2030, 12, 2, tzinfo=UTC) if state == "rejected" else None,
    )
    client.force_login(proposal.proposer)

    response = client.post(f"/en/proposals/{proposal.pk}/{action}/", data)

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == state
    assert proposal.decided_by is None
    assert Event.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "state"),
    [("review", "submitted"), ("accept", "under_review"), ("reject", "under_review")],
)
def test_other_member_cannot_move_a_proposal_through_review(member_client, action, state):
    proposal = submitted_proposal(state=state)

    response = member_client.post(
        f"/en/proposals/{proposal.pk}/{action}/", {"visibility": "public"}
    )

    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == state
    assert Event.objects.count() == 0


@pytest.mark.django_db
def test_member_cannot_open_the_accept_form_or_the_queue(member_client):
    proposal = submitted_proposal()

    assert member_client.get(f"/en/proposals/{proposal.pk}/accept/").status_code == 403
    assert member_client.get("/en/proposals/review/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/en/proposals/review/", {}),
        ("get", "/en/proposals/{pk}/accept/", {}),
        ("post", "/en/proposals/{pk}/accept/", {"visibility": "public"}),
        ("post", "/en/proposals/{pk}/review/", {}),
        ("post", "/en/proposals/{pk}/reject/", {"note": "No.", "confirmed": "1"}),
    ],
)
def test_organizer_without_mfa_is_sent_to_totp_setup(client, method, path, data):
    client.force_login(OrganizerFactory(mfa=False))
    proposal = submitted_proposal()
    url = path.format(pk=proposal.pk)

    response = getattr(client, method)(url, data)

    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/accounts/2fa/totp/activate/?next={url.replace('/', '%2F')}"
    )
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert Event.objects.count() == 0


# The review queue


@pytest.mark.django_db
def test_review_queue_lists_every_proposal_but_drafts(organizer_client):
    first = submitted_proposal(submitted_at=datetime(2030, 12, 1, tzinfo=UTC))
    second = ProposalFactory(state="under_review", submitted_at=datetime(2030, 12, 2, tzinfo=UTC))
    ProposalFactory(state="draft")

    response = organizer_client.get("/en/proposals/review/")

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [first, second]


@pytest.mark.django_db
def test_review_queue_filters_by_state(organizer_client):
    submitted_proposal()
    under_review = ProposalFactory(state="under_review")

    response = organizer_client.get("/en/proposals/review/", {"state": "under_review"})

    assert list(response.context["page"].object_list) == [under_review]


@pytest.mark.django_db
def test_review_queue_ignores_an_unknown_state(organizer_client):
    proposal = submitted_proposal()

    response = organizer_client.get("/en/proposals/review/", {"state": "exploded"})

    assert response.status_code == 200
    assert response.context["state"] == ""
    assert list(response.context["page"].object_list) == [proposal]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 25])
def test_review_queue_query_count_does_not_grow(
    organizer_client, django_assert_max_num_queries, count
):
    topic = TopicFactory()
    for proposal in ProposalFactory.create_batch(count, state="submitted"):
        proposal.topics.add(topic)
        ApprovedMemberFactory().endorsements.create(proposal=proposal)

    with django_assert_max_num_queries(12):
        response = organizer_client.get("/en/proposals/review/")

    assert len(response.context["page"].object_list) == count
    assert [p.endorsement_count for p in response.context["page"].object_list] == [1] * count


@pytest.mark.django_db
def test_event_made_from_a_proposal_is_listed_among_events(organizer_client):
    EventFactory(title_en="Older event", starts_at=STARTS_AT - timedelta(days=1))
    proposal = submitted_proposal(state="under_review")
    organizer_client.post(f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public"})
    organizer_client.logout()

    response = organizer_client.get("/en/events/")

    titles = [event.title_en for event in response.context["page"].object_list]
    assert titles == ["Older event", "Joint conference"]
