from events.enums import RsvpStatus
from events.models import Event, Rsvp
from events.selectors.events import attendees


def door_list(event: Event) -> list[Rsvp]:
    """Those going, by name, for a printed check-in sheet at the door."""
    going = attendees(event).filter(status=RsvpStatus.GOING)
    return sorted(going, key=lambda rsvp: (rsvp.display_name.casefold(), rsvp.pk))
