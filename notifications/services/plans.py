from django.db import transaction

from events.models import Event
from notifications.models import ReminderPlan


@transaction.atomic
def reminder_plan_save(*, event: Event, fields: dict[str, bool]) -> ReminderPlan:
    plan, _created = ReminderPlan.objects.update_or_create(event=event, defaults=fields)
    return plan
