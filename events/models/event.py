from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.enums import EventStatus, Visibility
from events.models.details import EventDetails

# The address may be held back until at most a week before the start.
MAX_VENUE_RELEASE_HOURS = 7 * 24

# Check-in is open on the event's day: from half a day before the start to half a day after the end.
CHECKIN_MARGIN = timedelta(hours=12)


class Event(EventDetails):
    """A published event. `sequence` rises with every change of time, place or status, as
    calendar clients expect (RFC 5545); `capacity` empty means unlimited."""

    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    rsvp_deadline = models.DateTimeField(_("answers close"), null=True, blank=True)
    guest_registration = models.BooleanField(
        _("guests may register without an account"), default=False
    )
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizers of this event"),
        blank=True,
        related_name="organized_events",
    )
    cohost_groups = models.ManyToManyField(
        "members.AllianceGroup",
        verbose_name=_("co-hosting groups"),
        through="events.EventCohost",
        blank=True,
        related_name="cohosted_events",
    )
    invited_groups = models.ManyToManyField(
        "members.AllianceGroup",
        verbose_name=_("invited groups"),
        blank=True,
        related_name="invited_to_events",
        help_text=_(
            "For an event shown to invited groups only. Leave empty to invite the co-hosting "
            "groups."
        ),
    )
    # Need to know (issue 13): the exact address (`venue`) is held back until this many hours
    # before the start; who may see it before and after is decided in one place,
    # events/selectors/venue.py. Empty: the address shows wherever the event does.
    venue_release_hours = models.PositiveSmallIntegerField(
        _("share the exact address this many hours before the start"),
        null=True,
        blank=True,
        help_text=_(
            "Until then only the city is shown, and only the organizers see the address; then "
            "confirmed attendees get it by email. Leave empty to show the address with the event."
        ),
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    # Retention (events/services/retention.py): when attendees' personal data was last erased,
    # and the interpretation needs of the erased answers, kept as counts for the dashboard.
    personal_data_erased_at = models.DateTimeField(
        _("attendees' personal data erased"), null=True, blank=True
    )
    erased_interpretation_counts = models.JSONField(
        _("interpretation needs of erased answers"), default=dict, blank=True
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        permissions = [("manage_events", _("Can edit events, check people in and export lists"))]
        constraints = [
            *EventDetails.details_constraints("event"),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values), name="event_visibility_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=EventStatus.values), name="event_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=0),
                name="event_capacity_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(venue_release_hours__isnull=True)
                | models.Q(
                    venue_release_hours__gte=1, venue_release_hours__lte=MAX_VENUE_RELEASE_HOURS
                ),
                name="event_venue_release_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(rsvp_deadline__isnull=True)
                | models.Q(rsvp_deadline__lte=models.F("ends_at")),
                name="event_deadline_before_end",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "status", "starts_at"]),
            models.Index(fields=["ends_at"]),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Untitled event"))

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def holds_venue_back(self) -> bool:
        """The exact address is kept from all but organizers until `venue_released_at`."""
        return self.venue_release_hours is not None

    @property
    def venue_released_at(self) -> datetime | None:
        if self.venue_release_hours is None:
            return None
        return self.starts_at - timedelta(hours=self.venue_release_hours)

    @property
    def checkin_opens_at(self) -> datetime:
        return self.starts_at - CHECKIN_MARGIN

    @property
    def checkin_closes_at(self) -> datetime:
        return self.ends_at + CHECKIN_MARGIN

    @property
    def is_over(self) -> bool:
        """Ended: answers are closed (events/services/rsvps.py, refuse_if_closed)."""
        return self.ends_at <= timezone.now()

    @property
    def personal_data_erasure_pending(self) -> bool:
        """Due for erasure, not yet erased: the hour until the hourly task
        (events.tasks.erase_due_personal_data) reaches it."""
        return not self.personal_data_erased and self.personal_data_erase_due <= timezone.now()

    @property
    def personal_data_erase_due(self) -> datetime:
        """When attendees' personal data comes due for erasure: the end plus
        PERSONAL_DATA_RETENTION_DAYS days."""
        return self.ends_at + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)

    @property
    def personal_data_erased(self) -> bool:
        """Erased since the event ended. Answers close at the end, so nothing personal can have
        come in since; an event moved to a later end is due again (its new answers are not)."""
        erased_at = self.personal_data_erased_at
        return erased_at is not None and erased_at >= self.ends_at
