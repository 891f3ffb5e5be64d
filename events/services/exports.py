from django.db import transaction

from events.models import Event, ExportLog
from members.models import User


@transaction.atomic
def export_record(
    *, kind: str, exported_by: User, event: Event | None, all_emails: bool, language: str
) -> ExportLog:
    """Write the audit row for an export before its first byte leaves (admins read these)."""
    return ExportLog.objects.create(
        kind=kind,
        exported_by=exported_by,
        event=event,
        all_emails=all_emails,
        language=language,
    )
