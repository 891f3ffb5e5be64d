"""One message of every notice kind (NoticeKind) to one member, sent as the worker sends it."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from events.models import EventChange, ProposalComment, ProposalInvitation
from notifications.enums import NoticeKind
from notifications.models import Delivery
from notifications.tasks import send_deliveries
from tests.factories import (
    ApprovedMemberFactory,
    EventFactory,
    GroupMembershipFactory,
    JoinRequestFactory,
    ProposalFactory,
    RsvpFactory,
)

MEETING_LINK = "https://meet.example.org/solidarity"


def _contexts(reader) -> dict[str, dict]:
    """Per kind, the fields of its Delivery besides kind, key and recipient."""
    now = timezone.now()
    # Starting within its release window: the held-back address is the reader's to know.
    event = EventFactory(
        modality="hybrid",
        meeting_link=MEETING_LINK,
        venue="Community hall",
        venue_release_hours=3,
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=4),
    )
    rsvp = RsvpFactory(event=event, member=reader)
    on_event = {"event": event, "rsvp": rsvp}

    def change(kind: str) -> dict:
        record = EventChange.objects.create(
            event=event, kind=kind, changes={"city": ["Potsdam", "Berlin"]}
        )
        return {**on_event, "context": {"change_id": record.pk}}

    proposal = ProposalFactory(proposer=reader, state="submitted", submitted_at=now)
    comment = ProposalComment.objects.create(
        proposal=proposal, author=ApprovedMemberFactory(), body="Count us in."
    )
    joined = GroupMembershipFactory(member=reader)
    asking = JoinRequestFactory(group=joined.group, requested_at=now)
    invited = ProposalInvitation.objects.create(proposal=proposal, group=joined.group)
    answering = GroupMembershipFactory(role="coordinator")
    answered = ProposalInvitation.objects.create(
        proposal=proposal,
        group=answering.group,
        status="joined",
        answered_by=answering.member,
        answered_at=now,
    )
    return {
        NoticeKind.REMINDER: {
            **on_event,
            "context": {"offset": "day", "starts_at": event.starts_at.isoformat()},
        },
        NoticeKind.RSVP_CONFIRMATION: on_event,
        NoticeKind.WAITLIST_PROMOTION: on_event,
        NoticeKind.EVENT_CHANGED: change("edited"),
        NoticeKind.EVENT_CANCELLED: change("cancelled"),
        NoticeKind.EVENT_POSTPONED: change("postponed"),
        NoticeKind.VENUE_RELEASE: on_event,
        NoticeKind.PROPOSAL_DECISION: {"context": {"proposal_id": proposal.pk}},
        NoticeKind.PROPOSAL_COMMENT: {"context": {"comment_id": comment.pk}},
        NoticeKind.MEMBERSHIP_DECISION: {},
        NoticeKind.GROUP_MEMBERSHIP_DECISION: {
            "context": {"membership_id": joined.pk, "status": joined.status}
        },
        NoticeKind.GROUP_JOIN_REQUEST: {
            "context": {
                "membership_id": asking.pk,
                "requested_at": int(asking.requested_at.timestamp() * 1000),
            }
        },
        NoticeKind.GROUP_INVITATION: {"context": {"invitation_id": invited.pk}},
        NoticeKind.GROUP_INVITATION_ANSWER: {
            "context": {"invitation_id": answered.pk, "status": "joined"}
        },
        NoticeKind.WEEKLY_DIGEST: {"event": event, "context": {"event_ids": [event.pk]}},
    }


def send_every_kind(reader) -> dict[str, object]:
    """Send `reader` one message of each kind; kind → the message sent (mail.outbox's)."""
    reader.weekly_digest = True
    reader.save(update_fields=["weekly_digest"])
    sent = {}
    for kind, fields in _contexts(reader).items():
        delivery = Delivery.objects.create(
            key=f"every-kind:{reader.pk}:{kind}", kind=kind, recipient=reader, **fields
        )
        mail.outbox.clear()
        send_deliveries([delivery.pk])
        delivery.refresh_from_db()
        assert delivery.status == "sent", (kind, delivery.status, delivery.last_error)
        [sent[kind]] = mail.outbox
    return sent
