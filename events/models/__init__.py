from events.models.change import EventChange
from events.models.co_proposer_link import CoProposerLink
from events.models.cohost import EventCohost
from events.models.comment import ProposalComment
from events.models.endorsement import Endorsement
from events.models.event import Event
from events.models.export_log import ExportKind, ExportLog
from events.models.feed_token import CalendarFeedToken
from events.models.invitation import ProposalInvitation
from events.models.proposal import Proposal
from events.models.rsvp import Rsvp
from events.models.session import Session
from events.models.topic import Topic

__all__ = [
    "CalendarFeedToken",
    "CoProposerLink",
    "Endorsement",
    "Event",
    "EventChange",
    "EventCohost",
    "ExportKind",
    "ExportLog",
    "Proposal",
    "ProposalComment",
    "ProposalInvitation",
    "Rsvp",
    "Session",
    "Topic",
]
