from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import ChangeKind
from members.separators import joined_items

# The order a change is read in, whatever the order of its keys: PostgreSQL's jsonb keeps keys
# shortest first, which put "End" before "Start". Fields not named here follow, by name.
CHANGE_ORDER = (
    "title_ar", "title_fa", "title_en", "starts_at", "ends_at", "time_zone", "modality",
    "venue", "city", "country", "meeting_link", "status", "capacity", "rsvp_deadline",
    "visibility", "cohost_groups",
)  # fmt: skip


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
        return joined_items(self.event, self.get_kind_display())

    def ordered_changes(self) -> list[tuple[str, object, object]]:
        """(field, old, new) in CHANGE_ORDER: every mail and page lists a change the same way."""
        rank = {field: index for index, field in enumerate(CHANGE_ORDER)}
        fields = sorted(self.changes, key=lambda field: (rank.get(field, len(rank)), field))
        return [(field, *self.changes[field]) for field in fields]
