from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.separators import joined_items


class ExportKind(models.TextChoices):
    ATTENDEES_CSV = "attendees_csv", _("Attendee list (CSV)")
    ATTENDEES_XLSX = "attendees_xlsx", _("Attendee list (Excel)")
    DOOR_LIST = "door_list", _("Printed door list")
    ORGANIZER_CALENDAR = "organizer_calendar", _("Calendar of organized events")


class ExportLog(models.Model):
    """Who took which list of people (or calendar) out of Tadamun, and when. Read-only in the
    admin; `all_emails` says whether the file could carry every attendee's address, not
    only those of attendees who agreed to be listed."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("export"), max_length=24, choices=ExportKind.choices)
    all_emails = models.BooleanField(_("with every email address"), default=False)
    language = models.CharField(_("language"), max_length=2, blank=True)
    exported_at = models.DateTimeField(_("exported"), auto_now_add=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-exported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ExportKind.values), name="export_log_kind_known"
            ),
        ]
        indexes = [models.Index(fields=["event", "exported_at"])]

    def __str__(self) -> str:
        return joined_items(self.get_kind_display(), f"{self.exported_at:%Y-%m-%d %H:%M}")
