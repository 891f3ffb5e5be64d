from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import Interpretation
from members.lists import split_typed_list


class Session(models.Model):
    """One item of a conference's programme."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room or stream"), max_length=120, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Interpretation.choices[1:], default="en"
    )
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("speakers"), blank=True, related_name="+"
    )
    speaker_names = models.CharField(
        _("other speakers"),
        max_length=300,
        blank=True,
        help_text=_("Names of speakers without an account, separated by commas."),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(title_ar="", title_fa="", title_en=""),
                name="session_has_a_title",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Untitled session"))

    @property
    def speakers_shown(self) -> list[str]:
        """Every speaker, members (by display name) then those typed in `speaker_names`, as one
        list for `joined`: «ليلى ورضا وGuest 2», not two lists glued by a comma."""
        return [str(member) for member in self.speakers.all()] + self.speaker_name_list

    @property
    def speaker_name_list(self) -> list[str]:
        """The names in `speaker_names`, also those stored before the form split on «،» and «؛»."""
        return split_typed_list(self.speaker_names)
