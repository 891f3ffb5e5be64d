from events.models.change import EventChange
from events.models.comment import ProposalComment
from events.models.endorsement import Endorsement
from events.models.event import Event
from events.models.proposal import Proposal
from events.models.rsvp import Rsvp
from events.models.session import Session
from events.models.topic import Topic

__all__ = [
    "Endorsement",
    "Event",
    "EventChange",
    "Proposal",
    "ProposalComment",
    "Rsvp",
    "Session",
    "Topic",
]
