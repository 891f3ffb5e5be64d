from django.db import models
from django.utils.translation import gettext_lazy as _

from members.separators import joined_items


class EventCohost(models.Model):
    """A group of the alliance carrying an event together with the others listed.

    A model of its own rather than Django's hidden join table, so that what a co-host brings
    later (an invitation accepted, its own attendee list, the venue it holds) has a row to go on.
    """

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="cohosts"
    )
    group = models.ForeignKey(
        "members.AllianceGroup",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="cohostings",
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("co-host")
        verbose_name_plural = _("co-hosts")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "group"], name="event_cohost_once"),
        ]

    def __str__(self) -> str:
        return joined_items(self.group, self.event)
