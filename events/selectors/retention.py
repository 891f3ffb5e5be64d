from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from events.models import Event


def events_due_for_erasure(*, now: datetime | None = None) -> QuerySet[Event]:
    """Events that ended PERSONAL_DATA_RETENTION_DAYS or more ago and whose attendees' personal
    data was not erased since they ended (the rule of `Event.personal_data_erased`)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return Event.objects.filter(ends_at__lte=cutoff).filter(
        Q(personal_data_erased_at__isnull=True) | Q(personal_data_erased_at__lt=F("ends_at"))
    )
