"""Proposing and deciding a joint action (issue 13): groups invited to co-host, their
coordinators' answers, the notices, and the rule for accepting."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events.enums import InvitationStatus, ProposalState
from events.errors import ProposalRefused
from events.models import EventCohost, Proposal, ProposalInvitation
from events.services.invitations import invitation_answer, proposal_invite_groups
from events.services.proposals import (
    proposal_accept,
    proposal_comment,
    proposal_reopen,
    proposal_submit,
)
from notifications.enums import NoticeKind
from notifications.models import Delivery
from notifications.services.notices import (
    notice_proposal_groups_invited,
    notice_proposal_invitation_answered,
)
from tests.events.proposal_forms import messages_of, proposal_form_data
from tests.factories import (
    ApprovedMemberFactory,
    CoordinatorMembershipFactory,
    GroupFactory,
    GroupMembershipFactory,
    OrganizerFactory,
    ProposalFactory,
)

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
EVENT_FIELDS = {"visibility": "public", "capacity": None, "rsvp_deadline": None}


def waiting_refusal(*names: str, deadline: str = "") -> str:
    """The sentence refusing to accept while `names` have not answered (Unicode isolates around
    each name and the deadline, as <bdi> in plain text)."""
    shown = " and ".join(f"\u2068{name}\u2069" for name in names)
    if not deadline:
        return (
            f"Waiting for the answers of: {shown}. The proposal can be accepted once every "
            "invited group has joined or declined."
        )
    return (
        f"Waiting for the answers of: {shown}. The proposal can be accepted once every invited "
        "group has joined or declined, or after the deadline for their answers "
        f"(\u2068{deadline}\u2069), with the groups that have joined."
    )


@pytest.fixture(autouse=True)
def _in_english():
    # A page asked for in Persian leaves Persian active in this thread: start each test afresh.
    with translation.override("en"):
        yield


def joint_action(*, groups: int = 2, state: str = "under_review", deadline=None, **fields):
    """A proposal inviting `groups` groups, each with one coordinator; returns the proposal and
    its invitations in order (each invitation's coordinator is `coordinator_of(invitation)`)."""
    proposal = ProposalFactory(
        state=state,
        submitted_at=None if state == "draft" else timezone.now(),
        groups_deadline=deadline,
        **fields,
    )
    invitations = []
    for _ in range(groups):
        group = CoordinatorMembershipFactory().group
        invitations.append(ProposalInvitation.objects.create(proposal=proposal, group=group))
    return proposal, invitations


def coordinator_of(invitation):
    return invitation.group.memberships.get(role="coordinator").member


def answer(invitation, *, join: bool = True, reason: str = "", by=None):
    return invitation_answer(
        invitation=invitation,
        coordinator=by or coordinator_of(invitation),
        join=join,
        reason=reason,
    )


def refused(code: str, action, **kwargs) -> ProposalRefused:
    with pytest.raises(ProposalRefused) as refusal:
        action(**kwargs)
    assert refusal.value.code == code
    return refusal.value


# The database's rules


@pytest.mark.django_db
def test_a_group_is_invited_once_per_proposal():
    proposal, (invitation, _other) = joint_action()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalInvitation.objects.create(proposal=proposal, group=invitation.group)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"status": "joined"},  # joined, but by nobody and never
        {"status": "joined", "answered_at": timezone.now()},  # when, but not who
        {"status": "declined", "answered_at": timezone.now(), "reason": ""},  # no reason
        {"status": "invited", "answered_at": timezone.now()},  # answered, but still waiting
        {"status": "maybe"},
    ],
    ids=["joined-unanswered", "when-without-who", "decline-without-reason", "waiting", "unknown"],
)
def test_the_database_refuses_an_answer_without_who_when_or_reason(fields):
    proposal, (invitation, _other) = joint_action()
    if fields.get("answered_at") and fields["status"] != "joined":
        fields = {**fields, "answered_by_id": proposal.proposer_id}
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalInvitation.objects.filter(pk=invitation.pk).update(**fields)


@pytest.mark.django_db
def test_the_groups_deadline_cannot_fall_after_the_start():
    proposal = ProposalFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(
            groups_deadline=proposal.starts_at + timedelta(minutes=1)
        )


# Inviting


@pytest.mark.django_db
def test_proposer_invites_groups_they_do_not_belong_to_and_changes_the_list():
    proposal = ProposalFactory()
    first, second, third = GroupFactory.create_batch(3)
    proposal_invite_groups(proposal=proposal, by=proposal.proposer, groups=[first, second])
    proposal_invite_groups(proposal=proposal, by=proposal.proposer, groups=[second, third])
    invited = proposal.invitations.order_by("group__slug").values_list("group", "status")
    assert list(invited) == [(second.pk, "invited"), (third.pk, "invited")]


@pytest.mark.django_db
def test_only_the_proposers_invite_and_only_on_a_draft():
    proposal = ProposalFactory()
    group = GroupFactory()
    refused(
        "not_yours",
        proposal_invite_groups,
        proposal=proposal,
        by=ApprovedMemberFactory(),
        groups=[group],
    )
    Proposal.objects.filter(pk=proposal.pk).update(state="submitted", submitted_at=timezone.now())
    refused(
        "wrong_state", proposal_invite_groups, proposal=proposal, by=proposal.proposer, groups=[]
    )
    assert not ProposalInvitation.objects.exists()


@pytest.mark.django_db
def test_proposal_form_invites_groups_and_sets_the_deadline_in_the_events_zone(member_client):
    groups = GroupFactory.create_batch(2)
    response = member_client.post(
        "/en/proposals/new/",
        proposal_form_data(
            invited_groups=[group.pk for group in groups], groups_deadline="2031-01-10T12:00"
        ),
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert set(proposal.invitations.values_list("group", flat=True)) == {g.pk for g in groups}
    # 12:00 in Tehran (UTC+03:30) is 08:30 UTC.
    assert proposal.groups_deadline.isoformat() == "2031-01-10T08:30:00+00:00"


@pytest.mark.django_db
def test_edit_form_shows_the_invited_groups_and_keeps_them(member_client, member):
    proposal = ProposalFactory(proposer=member)
    group = GroupFactory(name_en="Syrian socialists")
    proposal_invite_groups(proposal=proposal, by=member, groups=[group])
    response = member_client.get(f"/en/proposals/{proposal.pk}/edit/")
    assert response.context["form"]["invited_groups"].value() == [group.pk]
    assert "Syrian socialists" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        (
            {"groups_deadline": "2031-01-10T12:00"},
            "Set a deadline only when you invite groups to co-host.",
        ),
        (
            {"groups_deadline": "2031-01-16T12:00", "invited": True},
            "The groups must answer before the event starts.",
        ),
        (
            {"groups_deadline": "2020-01-10T12:00", "invited": True},
            # Every date-time a form takes is refused alike when past (events/forms/zoned.py).
            "This time has already passed. Choose one still to come.",
        ),
    ],
    ids=["without-groups", "after-start", "past"],
)
def test_bad_deadline_is_refused_with_a_message(member_client, overrides, error):
    group = GroupFactory()
    if overrides.pop("invited", False):
        overrides["invited_groups"] = [group.pk]
    response = member_client.post("/en/proposals/new/", proposal_form_data(**overrides))
    assert response.status_code == 200
    assert response.context["form"].errors == {"groups_deadline": [error]}
    assert not Proposal.objects.exists()


# Answering


@pytest.mark.django_db
def test_coordinator_joins_and_the_answer_is_recorded_with_who_and_when():
    _proposal, (invitation, _other) = joint_action()
    coordinator = coordinator_of(invitation)
    before = timezone.now()
    answered = answer(invitation, by=coordinator)
    assert (answered.status, answered.answered_by, answered.reason) == ("joined", coordinator, "")
    assert before <= answered.answered_at <= timezone.now()


@pytest.mark.django_db
def test_the_same_answer_twice_changes_nothing_and_another_answer_is_refused(
    django_capture_on_commit_callbacks,
):
    _proposal, (invitation, _other) = joint_action()
    with django_capture_on_commit_callbacks(execute=True):
        answered = answer(invitation)
    with django_capture_on_commit_callbacks(execute=True) as second:
        again = answer(invitation)
    assert second == []  # the second tells no one
    assert Delivery.objects.filter(kind=NoticeKind.GROUP_INVITATION_ANSWER).count() == 1
    assert again.answered_at == answered.answered_at
    refused("already_answered", answer, invitation=invitation, join=False, reason="Changed")
    invitation.refresh_from_db()
    assert invitation.status == "joined"


@pytest.mark.django_db
def test_a_decline_needs_a_reason_that_shows_something():
    _proposal, (invitation, _other) = joint_action()
    refused("reason_required", answer, invitation=invitation, join=False, reason=" \u200b ")
    answered = answer(invitation, join=False, reason="  Our members are in another city.\r\n")
    assert (answered.status, answered.reason) == ("declined", "Our members are in another city.")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["plain member", "other coordinator", "organizer", "proposer"])
def test_only_the_groups_coordinators_answer_for_it(who):
    proposal, (invitation, other) = joint_action()
    visitor = {
        "plain member": lambda: GroupMembershipFactory(group=invitation.group).member,
        "other coordinator": lambda: coordinator_of(other),
        "organizer": OrganizerFactory,
        "proposer": lambda: proposal.proposer,
    }[who]()
    refused("not_coordinator", answer, invitation=invitation, by=visitor)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.answered_by) == ("invited", None)


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "accepted", "rejected", "withdrawn"])
def test_no_answer_once_the_proposal_is_not_being_weighed(state):
    decided = {"decided_at": timezone.now()} if state in ("accepted", "rejected") else {}
    _proposal, (invitation, _other) = joint_action(state=state, **decided)
    refused("closed", answer, invitation=invitation)


@pytest.mark.django_db
def test_no_answer_after_the_deadline():
    _proposal, (invitation, _other) = joint_action(deadline=timezone.now() - timedelta(hours=1))
    refused("deadline_passed", answer, invitation=invitation)


# Notices


@pytest.mark.django_db
def test_coordinators_are_told_once_in_their_language_when_the_proposal_is_submitted(
    client, django_capture_on_commit_callbacks
):
    persian = CoordinatorMembershipFactory(
        group=GroupFactory(name_en="Iranian socialists", name_fa="سوسیالیست‌های ایرانی"),
        member=ApprovedMemberFactory(preferred_language="fa"),
    )
    arabic = CoordinatorMembershipFactory(member=ApprovedMemberFactory(preferred_language="ar"))
    GroupMembershipFactory(group=persian.group)  # a plain member is not asked
    proposal = ProposalFactory(title_fa="روز همبستگی")
    with django_capture_on_commit_callbacks(execute=True):
        proposal_invite_groups(
            proposal=proposal, by=proposal.proposer, groups=[persian.group, arabic.group]
        )
    assert mail.outbox == []  # a draft tells nobody
    with django_capture_on_commit_callbacks(execute=True):
        proposal_submit(proposal=proposal, by=proposal.proposer)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {persian.member.email, arabic.member.email}
    to_persian = by_address[persian.member.email]
    assert "سوسیالیست‌های ایرانی" in to_persian.subject
    assert "روز همبستگی" in to_persian.subject
    assert '<html lang="fa" dir="rtl">' in to_persian.alternatives[0][0]
    invitation = proposal.invitations.get(group=persian.group)
    assert f"/fa/groups/{persian.group.slug}/requests/#invitation-{invitation.pk}" in (
        to_persian.body
    )
    assert ARABIC_SCRIPT.search(by_address[arabic.member.email].subject)
    # Announced again: nothing more written or sent.
    assert notice_proposal_groups_invited(proposal_id=proposal.pk) == []
    assert Delivery.objects.filter(kind=NoticeKind.GROUP_INVITATION).count() == 2
    assert len(mail.outbox) == 2
    # In the app too, in the coordinator's inbox.
    client.force_login(persian.member)
    inbox = client.get("/fa/notifications/")
    assert [delivery.subject for delivery in inbox.context["page"].object_list] == [
        to_persian.subject
    ]


@pytest.mark.django_db
def test_proposers_are_told_each_answer_once_in_their_language(django_capture_on_commit_callbacks):
    proposal, (joining, declining) = joint_action(
        proposer=ApprovedMemberFactory(preferred_language="ar")
    )
    co_proposer = ApprovedMemberFactory(preferred_language="en")
    proposal.co_proposers.add(co_proposer)
    joining.group.name_ar = "الاشتراكيون السوريون"
    joining.group.save()
    with django_capture_on_commit_callbacks(execute=True):
        answer(joining)
    with django_capture_on_commit_callbacks(execute=True):
        answer(declining, join=False, reason="We are busy with the strike that week.")

    assert Delivery.objects.filter(kind=NoticeKind.GROUP_INVITATION_ANSWER).count() == 4
    to_proposer = [m for m in mail.outbox if m.to == [proposal.proposer.email]]
    to_co_proposer = [m for m in mail.outbox if m.to == [co_proposer.email]]
    assert len(to_proposer) == len(to_co_proposer) == 2
    assert "الاشتراكيون السوريون" in to_proposer[0].subject
    assert ARABIC_SCRIPT.search(to_proposer[1].body.split("\n\n")[1])
    declined = to_co_proposer[1]
    assert declined.subject == f"{declining.group.name} declines: {proposal.title_en}"
    assert "We are busy with the strike that week." in declined.body
    assert notice_proposal_invitation_answered(invitation_id=declining.pk) == []
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_a_proposer_who_answers_for_their_own_group_is_not_told_of_it(
    django_capture_on_commit_callbacks,
):
    proposal, (invitation,) = joint_action(groups=1)
    with django_capture_on_commit_callbacks(execute=True):
        answer(invitation, by=None)
    assert [message.to for message in mail.outbox] == [[proposal.proposer.email]]
    own = ProposalFactory(proposer=coordinator_of(invitation), state="submitted")
    own_invitation = ProposalInvitation.objects.create(proposal=own, group=invitation.group)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(own_invitation)
    assert mail.outbox == []


# Accepting


@pytest.mark.django_db
def test_accepting_waits_for_the_groups_still_to_answer_without_a_deadline(organizer):
    proposal, (joined, waiting) = joint_action()
    answer(joined)
    error = refused(
        "groups_waiting",
        proposal_accept,
        proposal=proposal,
        organizer=organizer,
        event_fields=EVENT_FIELDS,
    )
    assert error.messages == [waiting_refusal(waiting.group.name_en)]
    proposal.refresh_from_db()
    assert (proposal.state, proposal.event) == ("under_review", None)


@pytest.mark.django_db
def test_the_refusal_names_the_waiting_groups_and_the_deadline(organizer):
    deadline = timezone.make_aware(timezone.datetime(2031, 3, 4, 17, 30))
    proposal, (first, second, declined) = joint_action(
        groups=3, deadline=deadline, starts_at=deadline + timedelta(days=9)
    )
    answer(declined, join=False, reason="No capacity.")
    with timezone.override("Europe/Berlin"):
        error = refused(
            "groups_waiting",
            proposal_accept,
            proposal=proposal,
            organizer=organizer,
            event_fields=EVENT_FIELDS,
        )
    assert error.messages == [
        waiting_refusal(first.group.name_en, second.group.name_en, deadline="4 Mar 2031, 18:30")
    ]


@pytest.mark.django_db
def test_the_refusal_is_in_the_organizers_language(organizer):
    proposal, _invitations = joint_action(deadline=timezone.now() + timedelta(days=3))
    with translation.override("fa"):
        error = refused(
            "groups_waiting",
            proposal_accept,
            proposal=proposal,
            organizer=organizer,
            event_fields=EVENT_FIELDS,
        )
    assert error.messages[0].startswith("در انتظار پاسخ این گروه‌ها:")


@pytest.mark.django_db
def test_a_declined_group_has_decided_and_does_not_hold_acceptance_up(organizer):
    proposal, (joined, declined) = joint_action()
    answer(joined)
    answer(declined, join=False, reason="No capacity.")
    event = proposal_accept(proposal=proposal, organizer=organizer, event_fields=EVENT_FIELDS)
    assert list(event.cohost_groups.all()) == [joined.group]
    statuses = dict(proposal.invitations.values_list("group", "status"))
    assert statuses == {joined.group_id: "joined", declined.group_id: "declined"}


@pytest.mark.django_db
def test_with_every_group_declined_the_event_is_published_without_co_hosts(organizer):
    proposal, invitations = joint_action()
    for invitation in invitations:
        answer(invitation, join=False, reason="Not this time.")
    event = proposal_accept(proposal=proposal, organizer=organizer, event_fields=EVENT_FIELDS)
    assert list(event.cohost_groups.all()) == []
    assert set(proposal.invitations.values_list("status", flat=True)) == {"declined"}


@pytest.mark.django_db
def test_accepted_with_every_group_joined_and_they_co_host_the_event(organizer):
    proposal, invitations = joint_action()
    for invitation in invitations:
        answer(invitation)
    event = proposal_accept(proposal=proposal, organizer=organizer, event_fields=EVENT_FIELDS)
    assert list(event.cohost_groups.order_by("pk")) == [i.group for i in invitations]
    assert set(proposal.invitations.values_list("status", flat=True)) == {"joined"}


@pytest.mark.django_db
def test_after_the_deadline_accepted_with_the_groups_that_joined(organizer):
    proposal, (joined, declined, silent) = joint_action(
        groups=3, deadline=timezone.now() + timedelta(days=1)
    )
    answer(joined)
    answer(declined, join=False, reason="No capacity.")
    Proposal.objects.filter(pk=proposal.pk).update(
        groups_deadline=timezone.now() - timedelta(minutes=1)
    )
    event = proposal_accept(proposal=proposal, organizer=organizer, event_fields=EVENT_FIELDS)
    assert list(EventCohost.objects.filter(event=event).values_list("group", flat=True)) == [
        joined.group_id
    ]
    statuses = dict(proposal.invitations.values_list("group", "status"))
    assert statuses == {
        joined.group_id: "joined",
        declined.group_id: "declined",
        silent.group_id: "not_taking_part",
    }
    # Reopened, the group that did not answer has its place back (to be settled again).
    proposal_reopen(proposal=proposal, organizer=organizer)
    silent.refresh_from_db()
    assert silent.status == InvitationStatus.INVITED


@pytest.mark.django_db
def test_accept_page_says_why_it_cannot_accept_and_the_post_is_refused(organizer_client):
    proposal, (first, second) = joint_action()
    refusal = waiting_refusal(first.group.name_en, second.group.name_en)
    page = organizer_client.get(f"/en/proposals/{proposal.pk}/accept/")
    assert page.context["acceptance_refusal"] == refusal
    assert refusal in page.content.decode()
    assert "Accept and publish</button>" not in page.content.decode()
    response = organizer_client.post(
        f"/en/proposals/{proposal.pk}/accept/", {"visibility": "public"}
    )
    assert response["Location"] == f"/en/proposals/{proposal.pk}/"
    assert messages_of(response) == [refusal]
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.UNDER_REVIEW


@pytest.mark.django_db
def test_the_accept_button_is_offered_only_once_no_group_is_waiting(organizer_client):
    proposal, (joined, declined) = joint_action()
    accept_link = f'href="/en/proposals/{proposal.pk}/accept/"'
    answer(joined)
    page = organizer_client.get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert accept_link not in page
    assert 'id="accept-waits"' in page
    assert waiting_refusal(declined.group.name_en) in page
    answer(declined, join=False, reason="No capacity.")
    page = organizer_client.get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert accept_link in page
    assert 'id="acceptance-refusal"' not in page


@pytest.mark.django_db
def test_the_proposer_reads_what_the_acceptance_waits_for(client):
    proposal, (waiting,) = joint_action(groups=1)
    client.force_login(proposal.proposer)
    page = client.get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert waiting_refusal(waiting.group.name_en) in page


@pytest.mark.django_db
def test_accept_page_says_no_group_co_hosts_when_none_joined(organizer_client):
    proposal, (invitation,) = joint_action(groups=1)
    answer(invitation, join=False, reason="Not this time.")
    page = organizer_client.get(f"/en/proposals/{proposal.pk}/accept/").content.decode()
    assert 'id="no-cohosts"' in page
    assert "Accept and publish</button>" in page


# Seeing and discussing


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["rejected", "withdrawn"])
def test_coordinators_of_invited_groups_follow_the_proposal_to_its_end(client, state):
    proposal, (invitation, _other) = joint_action(state=state, decided_at=timezone.now())
    client.force_login(ApprovedMemberFactory())
    assert client.get(f"/en/proposals/{proposal.pk}/").status_code == 404
    client.force_login(coordinator_of(invitation))
    assert client.get(f"/en/proposals/{proposal.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_coordinator_whose_membership_is_not_approved_may_still_ask_a_question():
    proposal, (invitation, _other) = joint_action()
    coordinator = coordinator_of(invitation)
    coordinator.membership_status = "pending"
    coordinator.save()
    comment = proposal_comment(proposal=proposal, author=coordinator, body="Which city?")
    assert (comment.proposal, comment.author) == (proposal, coordinator)


@pytest.mark.django_db
def test_proposal_page_lists_each_groups_answer_in_the_readers_language(client):
    proposal, (joined, declined, waiting) = joint_action(groups=3)
    joined.group.name_fa = "سوسیالیست‌های ایرانی"
    joined.group.save()
    answer(joined)
    answer(declined, join=False, reason="Nous manifestons ailleurs ce jour-là.")
    client.force_login(ApprovedMemberFactory(preferred_language="fa"))
    page = client.get(f"/fa/proposals/{proposal.pk}/").content.decode()
    for invitation in (joined, declined, waiting):
        assert f'id="invitation-{invitation.pk}"' in page
    with translation.override("fa"):
        labels = [str(label) for label in InvitationStatus.labels[:3]]
    assert all(label in page for label in labels)
    assert "سوسیالیست‌های ایرانی" in page
    assert waiting.group.name_en in page  # no Persian name: the one it has
    assert "Nous manifestons ailleurs ce jour-là." in page


@pytest.mark.django_db
def test_proposal_page_offers_the_coordinator_to_answer_for_their_group(client):
    proposal, (invitation, other) = joint_action()
    client.force_login(coordinator_of(invitation))
    response = client.get(f"/en/proposals/{proposal.pk}/")
    assert response.context["invitations_to_answer"] == [invitation]
    answer_link = f"/en/groups/{invitation.group.slug}/requests/#invitation-{invitation.pk}"
    assert answer_link in response.content.decode()
    assert f"/groups/{other.group.slug}/requests/" not in response.content.decode()


# The coordinators' queue


def queue_url(group) -> str:
    return f"/en/groups/{group.slug}/requests/"


def answer_url(invitation) -> str:
    return f"/en/groups/{invitation.group.slug}/invitations/{invitation.pk}/"


@pytest.mark.django_db
def test_queue_lists_invitations_awaiting_the_groups_answer(client):
    _proposal, (invitation, _other) = joint_action()
    group = invitation.group
    answered_elsewhere = ProposalInvitation.objects.create(
        proposal=ProposalFactory(state="submitted"),
        group=group,
        status="joined",
        answered_by=coordinator_of(invitation),
        answered_at=timezone.now(),
    )
    ProposalInvitation.objects.create(proposal=ProposalFactory(state="draft"), group=group)
    ProposalInvitation.objects.create(
        proposal=ProposalFactory(
            state="submitted", groups_deadline=timezone.now() - timedelta(minutes=1)
        ),
        group=group,
    )
    client.force_login(coordinator_of(invitation))
    response = client.get(queue_url(group))
    assert [pair[0] for pair in response.context["invitations"]] == [invitation]
    assert f'id="invitation-{answered_elsewhere.pk}"' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_queue_query_count_is_constant_with_many_invitations(
    client, count, django_assert_max_num_queries
):
    coordinator = CoordinatorMembershipFactory()
    for _ in range(count):
        ProposalInvitation.objects.create(
            proposal=ProposalFactory(
                state="submitted", groups_deadline=timezone.now() + timedelta(days=2)
            ),
            group=coordinator.group,
        )
    client.force_login(coordinator.member)
    with django_assert_max_num_queries(11):
        response = client.get(queue_url(coordinator.group))
    assert len(response.context["invitations"]) == count


@pytest.mark.django_db
def test_coordinator_joins_from_the_queue(client):
    _proposal, (invitation, _other) = joint_action()
    client.force_login(coordinator_of(invitation))
    response = client.post(answer_url(invitation), {f"invitation-{invitation.pk}-answer": "join"})
    assert response["Location"] == queue_url(invitation.group)
    assert messages_of(response) == ["Your group joins this joint action. The proposers are told."]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.answered_by) == ("joined", coordinator_of(invitation))


@pytest.mark.django_db
def test_decline_without_a_reason_is_shown_again_with_a_message(client):
    _proposal, (invitation, _other) = joint_action()
    client.force_login(coordinator_of(invitation))
    response = client.post(
        answer_url(invitation),
        {f"invitation-{invitation.pk}-answer": "decline", f"invitation-{invitation.pk}-reason": ""},
    )
    assert response.status_code == 400
    (form,) = [form for inv, form in response.context["invitations"] if inv == invitation]
    assert form.errors == {"reason": ["Say why your group declines."]}
    invitation.refresh_from_db()
    assert invitation.status == "invited"


@pytest.mark.django_db
def test_coordinator_declines_with_a_reason_from_the_queue(client):
    _proposal, (invitation, _other) = joint_action()
    prefix = f"invitation-{invitation.pk}"
    client.force_login(coordinator_of(invitation))
    client.post(
        answer_url(invitation),
        {f"{prefix}-answer": "decline", f"{prefix}-reason": "We march in Paris that day."},
    )
    invitation.refresh_from_db()
    assert (invitation.status, invitation.reason) == ("declined", "We march in Paris that day.")


@pytest.mark.django_db
def test_answer_after_the_deadline_is_refused_with_a_message(client):
    _proposal, (invitation, _other) = joint_action(deadline=timezone.now() - timedelta(hours=1))
    client.force_login(coordinator_of(invitation))
    response = client.post(answer_url(invitation), {f"invitation-{invitation.pk}-answer": "join"})
    assert messages_of(response) == ["The deadline for the groups' answers has passed."]
    invitation.refresh_from_db()
    assert invitation.status == "invited"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who", ["plain member", "other member", "organizer", "other coordinator", "stranger"]
)
def test_answering_is_refused_to_all_but_the_groups_coordinators(client, who):
    _proposal, (invitation, other) = joint_action()
    visitor = {
        "plain member": lambda: GroupMembershipFactory(group=invitation.group).member,
        "other member": ApprovedMemberFactory,
        "organizer": OrganizerFactory,
        "other coordinator": lambda: coordinator_of(other),
        "stranger": lambda: None,
    }[who]()
    if visitor is not None:
        client.force_login(visitor)
    response = client.post(answer_url(invitation), {f"invitation-{invitation.pk}-answer": "join"})
    if visitor is None:
        assert response["Location"].startswith("/en/accounts/login/")
    else:
        assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.status == "invited"


@pytest.mark.django_db
def test_invitation_of_another_group_is_404_in_this_groups_address(client):
    _proposal, (invitation, other) = joint_action()
    client.force_login(coordinator_of(invitation))
    url = f"/en/groups/{invitation.group.slug}/invitations/{other.pk}/"
    response = client.post(url, {f"invitation-{other.pk}-answer": "join"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "invited"
