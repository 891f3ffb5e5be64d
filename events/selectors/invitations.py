"""Reads about the groups invited to co-host proposed joint actions (issue 13).

Who answers for a group: its coordinators (members.selectors_groups). They see the proposal and
may comment on it while it is open, even where other members could not (events.selectors
.proposals), since asking a question in its discussion is one of their answers.
"""

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext

from events.enums import InvitationStatus, ProposalState
from events.models import Proposal, ProposalInvitation
from members.calendars import format_date
from members.digits import active_digit_style
from members.enums import GroupMembershipStatus, GroupRole
from members.lists import format_names

# What <bdi> is in plain text (Unicode TR9): a name keeps its own direction inside a sentence.
ISOLATE, END_ISOLATE = "\u2068", "\u2069"

# A group may answer while the proposal is weighed (as members may comment).
ANSWERABLE_STATES = [ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW]


def invitations_of(proposal: Proposal) -> list[ProposalInvitation]:
    """Every group invited to co-host `proposal`, with who answered for it, in invitation order."""
    return list(
        proposal.invitations.select_related("group", "answered_by").order_by("invited_at", "pk")
    )


def _coordinated_by(user) -> QuerySet:
    return ProposalInvitation.objects.filter(
        group__memberships__member=user,
        group__memberships__role=GroupRole.COORDINATOR,
        group__memberships__status=GroupMembershipStatus.ACCEPTED,
    )


def _is_active(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.deleted_at is None)


def coordinates_invited_group(user, proposal: Proposal) -> bool:
    """Whether `user` coordinates one of the groups invited to co-host `proposal`."""
    if not _is_active(user):
        return False
    return _coordinated_by(user).filter(proposal=proposal).exists()


def invitations_coordinated_by(user, proposal: Proposal) -> set[int]:
    """Ids of `proposal`'s invitations whose group `user` coordinates."""
    if not _is_active(user):
        return set()
    return set(_coordinated_by(user).filter(proposal=proposal).values_list("pk", flat=True))


def invitations_awaiting_answer(*, group) -> QuerySet[ProposalInvitation]:
    """A coordinator's queue: invitations of `group` not yet answered, on proposals still being
    weighed and whose deadline has not passed, the soonest deadline first, then the oldest."""
    return (
        ProposalInvitation.objects.filter(
            group=group, status=InvitationStatus.INVITED, proposal__state__in=ANSWERABLE_STATES
        )
        .filter(
            Q(proposal__groups_deadline__isnull=True)
            | Q(proposal__groups_deadline__gt=timezone.now())
        )
        .select_related("proposal", "proposal__proposer")
        .order_by(
            F("proposal__groups_deadline").asc(nulls_last=True),
            "proposal__submitted_at",
            "proposal__pk",
            "pk",
        )
    )


def deadline_passed(proposal: Proposal, now=None) -> bool:
    deadline = proposal.groups_deadline
    return deadline is not None and deadline <= (now or timezone.now())


def invitations_waiting(proposal: Proposal) -> list[ProposalInvitation]:
    """The invited groups that have neither joined nor declined, in invitation order."""
    return list(
        proposal.invitations.filter(status=InvitationStatus.INVITED)
        .select_related("group")
        .order_by("invited_at", "pk")
    )


def acceptance_refusal(proposal: Proposal, now=None) -> str:
    """Why `proposal` cannot be accepted yet because of the groups it invites; "" when it can.

    The rule: a group that declined has decided, as one that joined has. Organizers may accept
    once no invited group is still waiting to answer (each joined or declined), or once the
    deadline for the answers has passed, the silent groups then marked as not taking part; the
    groups that joined co-host the event. If none joined, the event is published without
    co-hosts and every invited group is listed as declined or not taking part.

    The sentence names the groups still waiting and, if the proposal sets one, the deadline, in
    the active language, zone and digits; the proposers read it too."""
    if deadline_passed(proposal, now):
        return ""
    waiting = invitations_waiting(proposal)
    if not waiting:
        return ""
    language = get_language() or settings.LANGUAGE_CODE
    names = format_names(
        [f"{ISOLATE}{invitation.group.name}{END_ISOLATE}" for invitation in waiting], language
    )
    if proposal.groups_deadline is None:
        return gettext(
            "Waiting for the answers of: %(groups)s. The proposal can be accepted once every "
            "invited group has joined or declined."
        ) % {"groups": names}
    deadline = format_date(proposal.groups_deadline, language, active_digit_style(), with_time=True)
    return gettext(
        "Waiting for the answers of: %(groups)s. The proposal can be accepted once every "
        "invited group has joined or declined, or after the deadline for their answers "
        "(%(deadline)s), with the groups that have joined."
    ) % {"groups": names, "deadline": f"{ISOLATE}{deadline}{END_ISOLATE}"}
