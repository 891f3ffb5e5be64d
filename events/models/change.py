from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import ChangeKind


class EventChange(models.Model):
    """What changed on an event, when and by whom. Notifications read this to tell attendees.

    `changes` maps a field name to [old, new] as JSON-friendly values.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind"), max_length=16, choices=ChangeKind.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    had_attendees = models.BooleanField(_("had attendees"), default=False)

    class Meta:
        verbose_name = _("event change")
        verbose_name_plural = _("event changes")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["event", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_kind_display()}"
