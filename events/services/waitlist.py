from django.db import transaction
from django.utils import timezone

from events.enums import EventStatus, RsvpStatus
from events.models import Event, Rsvp
from events.selectors.rsvps import counted_rsvps, going_count
from events.signals import rsvp_promoted


def waitlist_fill(*, event: Event) -> list[Rsvp]:
    """Promote from the waitlist, first come first served, while there is room.

    The caller must hold the event's row lock (select_for_update), so that no other answer can
    take the same seat between the count and the promotion.
    """
    if event.status == EventStatus.CANCELLED or event.ends_at <= timezone.now():
        return []  # nobody gains a place at an event that will not happen
    waiting = Rsvp.objects.filter(counted_rsvps(), event=event, status=RsvpStatus.WAITLISTED)
    waiting = waiting.order_by("waitlisted_at", "pk")
    if event.capacity is not None:
        free = event.capacity - going_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for rsvp in promoted:
        rsvp.status = RsvpStatus.GOING
        rsvp.waitlisted_at = None
        rsvp.save(update_fields=["status", "waitlisted_at", "updated_at"])
        transaction.on_commit(
            lambda rsvp_id=rsvp.pk: rsvp_promoted.send(sender=Rsvp, rsvp_id=rsvp_id)
        )
    return promoted
