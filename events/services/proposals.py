from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.enums import ProposalState
from events.errors import ProposalRefused
from events.models import CoProposerLink, Endorsement, Event, Proposal, ProposalComment
from events.models.details import CONTENT_LANGUAGES, EventDetails
from events.permissions import can_review_proposals
from events.selectors.invitations import acceptance_refusal
from events.selectors.proposals import can_view_proposal, comment_refusal
from events.services.events import event_update
from events.services.fields import apply_fields, set_many_to_many
from events.services.invitations import (
    invitations_reopen,
    invitations_settle,
    proposal_invite_groups,
)
from events.signals import proposal_commented, proposal_decided, proposal_groups_invited
from members.models import AllianceGroup, User

# Fields an accepted proposal hands to its event: the shared details, every language of the texts.
DETAIL_FIELDS = [
    field.name
    for field in EventDetails._meta.fields
    if field.name not in ("id", "title", "description", "created_at", "updated_at")
] + [f"{name}_{code}" for name in ("title", "description") for code in CONTENT_LANGUAGES]
REVIEWABLE = (ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW)


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _refusal_unless(proposal: Proposal, states, message: str) -> ProposalRefused | None:
    return None if proposal.state in states else ProposalRefused(message, code="wrong_state")


def _refuse_unless(proposal: Proposal, states, message: str) -> None:
    if refusal := _refusal_unless(proposal, states, message):
        raise refusal


def proposal_withdraw_refusal(proposal: Proposal) -> ProposalRefused | None:
    """Why `proposal` cannot be withdrawn now, or None: its confirmation page asks first."""
    return _refusal_unless(
        proposal,
        [ProposalState.DRAFT, *REVIEWABLE],
        _("A proposal that has been decided can no longer be withdrawn."),
    )


def proposal_reject_refusal(proposal: Proposal) -> ProposalRefused | None:
    """Why `proposal` cannot be rejected now, or None: its confirmation page asks first."""
    return _refusal_unless(proposal, REVIEWABLE, _("Only a proposal in review can be rejected."))


@transaction.atomic
def proposal_create(
    *,
    proposer: User,
    fields: dict[str, Any],
    invited_groups: list[AllianceGroup] | None = None,
) -> Proposal:
    """A new draft. Only approved members may propose; the view checks, this insists.
    `invited_groups`: the groups invited to co-host it (`proposal_invite_groups`)."""
    if not proposer.is_approved:
        raise ProposalRefused(_("Only approved members can propose events."), code="not_member")
    proposal = Proposal(proposer=proposer, state=ProposalState.DRAFT)
    many_to_many = apply_fields(proposal, fields)
    proposal.full_clean()
    proposal.save()
    set_many_to_many(proposal, many_to_many)
    if invited_groups is not None:
        proposal_invite_groups(proposal=proposal, by=proposer, groups=invited_groups)
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    editor: User,
    fields: dict[str, Any],
    invited_groups: list[AllianceGroup] | None = None,
    co_proposers_removed: list[User] | None = None,
) -> Proposal:
    """Save a draft's changes. `co_proposers_removed`: co-proposers the editor unticked; they
    lose the draft, and the links they made and nobody used stop working. Anyone who joined
    meanwhile through a link stays (the form names only those it showed)."""
    locked = _locked(proposal)
    if not locked.is_proposed_by(editor):
        raise ProposalRefused(_("Only the people who proposed this can edit it."), code="not_yours")
    _refuse_unless(locked, [ProposalState.DRAFT], _("Only a draft can be edited."))
    many_to_many = apply_fields(locked, fields)
    locked.full_clean()
    locked.save()
    set_many_to_many(locked, many_to_many)
    if invited_groups is not None:
        proposal_invite_groups(proposal=locked, by=editor, groups=invited_groups)
    if co_proposers_removed:  # last: an editor may remove themself
        locked.co_proposers.remove(*co_proposers_removed)
        # A link being used this instant is locked by `proposal_co_proposer_join`, which waits
        # for this proposal's lock: skipping it (that person joins) avoids a deadlock.
        unused = CoProposerLink.objects.select_for_update(skip_locked=True).filter(
            proposal=locked, created_by__in=co_proposers_removed, used_at__isnull=True
        )
        CoProposerLink.objects.filter(pk__in=list(unused.values_list("pk", flat=True))).delete()
    return locked


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by: User) -> Proposal:
    locked = _locked(proposal)
    if not locked.is_proposed_by(by):
        raise ProposalRefused(
            _("Only the people who proposed this can submit it."), code="not_yours"
        )
    _refuse_unless(locked, [ProposalState.DRAFT], _("This proposal has already been submitted."))
    locked.state = ProposalState.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["state", "submitted_at", "updated_at"])
    if locked.invitations.exists():  # their coordinators are told, in their languages
        transaction.on_commit(
            lambda: proposal_groups_invited.send(sender=Proposal, proposal_id=locked.pk)
        )
    return locked


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by: User) -> Proposal:
    locked = _locked(proposal)
    if not locked.is_proposed_by(by):
        raise ProposalRefused(
            _("Only the people who proposed this can withdraw it."), code="not_yours"
        )
    if refusal := proposal_withdraw_refusal(locked):
        raise refusal
    locked.state = ProposalState.WITHDRAWN
    locked.save(update_fields=["state", "updated_at"])
    return locked


@transaction.atomic
def proposal_start_review(*, proposal: Proposal, organizer: User) -> Proposal:
    locked = _locked(proposal)
    _refuse_unless(
        locked, [ProposalState.SUBMITTED], _("Only a submitted proposal can be taken into review.")
    )
    locked.state = ProposalState.UNDER_REVIEW
    locked.save(update_fields=["state", "updated_at"])
    return locked


def _decide(locked: Proposal, organizer: User, state: str, note: str) -> None:
    locked.state = state
    locked.decided_by = organizer
    locked.decided_at = timezone.now()
    locked.decision_note = note.strip()


@transaction.atomic
def proposal_accept(
    *, proposal: Proposal, organizer: User, event_fields: dict[str, Any], note: str = ""
) -> Event:
    """Accept a proposal and publish its event in the same transaction.

    `event_fields` carries what only organizers decide (visibility, capacity, deadline, guest
    registration). If the proposal already has an event (reopened and accepted again), that event
    is updated instead of a second one being made.

    A proposal inviting groups to co-host waits while any of them has not answered, until its
    deadline if it sets one (`acceptance_refusal`, where the rule is written out): a group that
    declined has decided, so it holds nothing up. The groups that joined then co-host the event;
    those still silent after the deadline are marked as not taking part (`invitations_settle`);
    if none joined, the event is published without co-hosts.
    """
    locked = _locked(proposal)
    _refuse_unless(locked, REVIEWABLE, _("Only a proposal in review can be accepted."))
    if refusal := acceptance_refusal(locked):
        raise ProposalRefused(refusal, code="groups_waiting")
    details = {name: getattr(locked, name) for name in DETAIL_FIELDS}
    details["topics"] = list(locked.topics.all())
    if locked.event_id is None:
        event = Event(**{k: v for k, v in details.items() if k != "topics"})
        apply_fields(event, event_fields)
        event.full_clean()
        event.save()
        event.topics.set(details["topics"])
        event.organizers.add(organizer)
        locked.event = event
    else:
        event = event_update(event=locked.event, editor=organizer, fields=details | event_fields)
    invitations_settle(proposal=locked, event=event)
    _decide(locked, organizer, ProposalState.ACCEPTED, note)
    locked.save()
    transaction.on_commit(lambda: proposal_decided.send(sender=Proposal, proposal_id=locked.pk))
    return event


@transaction.atomic
def proposal_reject(*, proposal: Proposal, organizer: User, note: str = "") -> Proposal:
    locked = _locked(proposal)
    if refusal := proposal_reject_refusal(locked):
        raise refusal
    _decide(locked, organizer, ProposalState.REJECTED, note)
    locked.save()
    transaction.on_commit(lambda: proposal_decided.send(sender=Proposal, proposal_id=locked.pk))
    return locked


@transaction.atomic
def proposal_reopen(*, proposal: Proposal, organizer: User) -> Proposal:
    """Take a decided proposal back into review, e.g. after the proposers changed their plan."""
    locked = _locked(proposal)
    _refuse_unless(
        locked,
        [ProposalState.ACCEPTED, ProposalState.REJECTED],
        _("Only a decided proposal can be reopened."),
    )
    locked.state = ProposalState.UNDER_REVIEW
    locked.save(update_fields=["state", "updated_at"])
    invitations_reopen(proposal=locked)
    return locked


@transaction.atomic
def proposal_endorse(*, proposal: Proposal, member: User) -> Endorsement:
    """Endorse once; a second endorsement by the same member returns the first."""
    if not member.is_approved:
        raise ProposalRefused(_("Only approved members can endorse proposals."), code="not_member")
    locked = _locked(proposal)
    _refuse_unless(locked, REVIEWABLE, _("Only a submitted proposal can be endorsed."))
    if locked.is_proposed_by(member):
        raise ProposalRefused(_("You cannot endorse your own proposal."), code="own_proposal")
    endorsement, _created = Endorsement.objects.get_or_create(proposal=locked, member=member)
    return endorsement


@transaction.atomic
def proposal_withdraw_endorsement(*, proposal: Proposal, member: User) -> None:
    Endorsement.objects.filter(proposal=proposal, member=member).delete()


@transaction.atomic
def proposal_comment(*, proposal: Proposal, author: User, body: str) -> ProposalComment:
    """A comment by a member who can see the proposal, while it is open for discussion.

    Locks the proposal, so that a decision taken meanwhile closes the discussion first. The
    proposers and organizers hear of it after commit (`proposal_commented`).
    """
    locked = _locked(proposal)
    if not can_view_proposal(author, locked):
        raise ProposalRefused(_("You cannot see this proposal."), code="not_visible")
    if refusal := comment_refusal(author, locked):
        raise ProposalRefused(refusal, code="closed")
    comment = ProposalComment(proposal=locked, author=author, body=body.strip())
    comment.full_clean()
    comment.save()
    transaction.on_commit(
        lambda: proposal_commented.send(sender=ProposalComment, comment_id=comment.pk)
    )
    return comment


def _refuse_unless_organizer(organizer: User) -> None:
    if not can_review_proposals(organizer):
        raise ProposalRefused(_("Only organizers can hide or show comments."), code="not_organizer")


@transaction.atomic
def proposal_comment_hide(*, comment: ProposalComment, organizer: User) -> ProposalComment:
    """Hide a comment from members other than its author; who hid it and when are kept. Hiding
    a hidden comment again changes nothing (the first organizer stays on record)."""
    _refuse_unless_organizer(organizer)
    locked = ProposalComment.objects.select_for_update().get(pk=comment.pk)
    if locked.hidden_at is None:
        locked.hidden_by = organizer
        locked.hidden_at = timezone.now()
        locked.save(update_fields=["hidden_by", "hidden_at"])
    return locked


@transaction.atomic
def proposal_comment_unhide(*, comment: ProposalComment, organizer: User) -> ProposalComment:
    """Show a hidden comment to members again."""
    _refuse_unless_organizer(organizer)
    locked = ProposalComment.objects.select_for_update().get(pk=comment.pk)
    if locked.hidden_at is not None:
        locked.hidden_by = None
        locked.hidden_at = None
        locked.save(update_fields=["hidden_by", "hidden_at"])
    return locked
