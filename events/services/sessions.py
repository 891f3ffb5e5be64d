from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from events.models import Event, Session
from events.services.fields import apply_fields, set_many_to_many


@transaction.atomic
def session_save(*, event: Event, session: Session | None, fields: dict[str, Any]) -> Session:
    session = session or Session(event=event)
    many_to_many = apply_fields(session, fields)
    session.full_clean()
    session.save()
    set_many_to_many(session, many_to_many)
    _programme_changed(event)
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    event = session.event
    session.delete()
    _programme_changed(event)


def _programme_changed(event: Event) -> None:
    # Calendar clients see the programme through the event: its revision rises with it.
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())
