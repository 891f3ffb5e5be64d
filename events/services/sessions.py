from typing import Any

from django.db import transaction

from events.models import Event, Session
from events.services.fields import apply_fields, set_many_to_many


@transaction.atomic
def session_save(*, event: Event, session: Session | None, fields: dict[str, Any]) -> Session:
    session = session or Session(event=event)
    many_to_many = apply_fields(session, fields)
    session.full_clean()
    session.save()
    set_many_to_many(session, many_to_many)
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    session.delete()
