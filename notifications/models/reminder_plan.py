from django.db import models
from django.utils.translation import gettext_lazy as _

from notifications.enums import ReminderOffset


class ReminderPlan(models.Model):
    """Which reminders an event sends, when organizers changed the defaults.

    Without a plan an event reminds 7 days and 24 hours before, and 1 hour before when online.
    """

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="reminder_plan"
    )
    week = models.BooleanField(_("7 days before"), default=True)
    day = models.BooleanField(_("24 hours before"), default=True)
    hour = models.BooleanField(_("1 hour before"), default=False)

    class Meta:
        verbose_name = _("reminder plan")
        verbose_name_plural = _("reminder plans")

    def __str__(self) -> str:
        return str(self.event)

    def offsets(self) -> list[str]:
        return [offset for offset in ReminderOffset.values if getattr(self, offset)]
