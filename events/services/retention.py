"""Forgetting what attendees told us for one event, once it is long over.

PERSONAL_DATA_RETENTION_DAYS after an event ends (settings; 30 by default) its answers lose what
only mattered for that event: accessibility notes, interpretation needs, guests' names, email
addresses, languages, link tokens and whether they answered through the onion address, consent
to be listed, and check-in codes. Unconfirmed guest registrations, which never counted, go
entirely. The answers themselves stay, so the dashboard's
figures (answers per status, registrations per day, check-ins) are still counted from rows;
interpretation needs, being the erased data itself, are kept beforehand as counts per language
on the event. A member keeps their own answer (their data download shows it, deleting their
account anonymises it); organizers' lists and exports name no one any more.
"""

import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone

from events.models import Event, Rsvp
from events.selectors.rsvps import counted_rsvps, interpretation_counts
from events.signals import event_personal_data_erased

logger = logging.getLogger(__name__)

ERASED_FIELDS = {
    "guest_name": "",
    "guest_email": "",
    "guest_language": "",
    "guest_token": "",  # emptied, not a secret: the link stops working.  # nosec
    "guest_through_onion": False,  # says the guest uses Tor
    "interpretation": "",
    "accessibility_needs": "",
    "listed_consent": False,
    "checkin_code": None,
}


@transaction.atomic
def event_personal_data_erase(*, event: Event) -> Event:
    """Erase attendees' personal data for `event` now and stamp `personal_data_erased_at`.

    Holds the event's row lock, under which answers are given too (events/services/rsvps.py), so
    no answer slips in between counting and erasing. Running it again is harmless: an event
    erased since it ended is returned unchanged, and one moved to a later end since its erasure
    adds its new interpretation counts to the kept ones, never recounting blanked rows. Other
    apps erase their part through `event_personal_data_erased`, sent inside this transaction
    (notifications drops sending errors, which can quote an address). Whether the event is due
    is for the caller to decide (events.selectors.retention.events_due_for_erasure).
    """
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.personal_data_erased:
        return locked
    answers = Rsvp.objects.filter(event=locked)
    counted = answers.filter(counted_rsvps())
    counts = Counter(locked.erased_interpretation_counts) + interpretation_counts(counted)
    removed, _per_model = answers.filter(member__isnull=True, verified_at__isnull=True).delete()
    erased = answers.update(**ERASED_FIELDS)
    locked.erased_interpretation_counts = dict(sorted(counts.items()))
    locked.personal_data_erased_at = timezone.now()
    locked.save(update_fields=["erased_interpretation_counts", "personal_data_erased_at"])
    event_personal_data_erased.send(sender=Event, event_id=locked.pk)
    logger.info(
        "Event %s: personal data erased from %d answers, %d unconfirmed removed",
        locked.pk,
        erased,
        removed,
    )
    return locked
