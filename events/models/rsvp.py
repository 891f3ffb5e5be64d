from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

# Named here too: the migrations refer to `events.models.rsvp.new_checkin_code`.
from events.checkin_codes import new_checkin_code
from events.enums import OWN_RSVP_STATUS_LABELS, Interpretation, RsvpStatus
from members.separators import joined_items

MAX_ACCESSIBILITY_LENGTH = 1_000


class Rsvp(models.Model):
    """One person's answer to one event: a member, or a guest known by a verified email.

    `waitlisted_at` orders the waitlist (first come, first promoted). A guest's answer counts
    only once `verified_at` is set, after they follow the link sent to their address.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rsvps",
    )
    guest_name = models.CharField(_("name"), max_length=120, blank=True)
    guest_email = models.EmailField(_("email address"), blank=True)
    guest_language = models.CharField(_("language"), max_length=2, blank=True)
    guest_token = models.CharField(max_length=64, blank=True, db_index=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Whether the guest last answered through the onion service: the links in their later mails
    # open it then (members/links.py), as a member's open the address they chose. A yes or no,
    # never from where; erased with the rest of the guest's data.
    guest_through_onion = models.BooleanField(
        _("answered through the onion address"), default=False
    )

    status = models.CharField(_("answer"), max_length=16, choices=RsvpStatus.choices)
    waitlisted_at = models.DateTimeField(_("on the waitlist since"), null=True, blank=True)
    interpretation = models.CharField(
        _("interpretation needed"), max_length=2, choices=Interpretation.choices, blank=True
    )
    accessibility_needs = models.TextField(
        _("accessibility needs"), max_length=MAX_ACCESSIBILITY_LENGTH, blank=True
    )
    listed_consent = models.BooleanField(_("may appear on the attendee list"), default=False)
    # Co-hosting groups whose coordinators may see this person's name (issue 13); without it
    # they see only counts (events/selectors/cohost_attendees.py).
    shared_with_groups = models.ManyToManyField(
        "members.AllianceGroup",
        verbose_name=_("groups that may see the name"),
        blank=True,
        related_name="shared_answers",
    )

    # NULL once erased after the event (events/services/retention.py): NULL rather than "",
    # so that many erased answers stay unique (Django's documented exception for null=True).
    checkin_code = models.CharField(
        _("check-in code"),
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        default=new_checkin_code,
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=models.Q(member__isnull=False),
                name="rsvp_once_per_member",
            ),
            models.UniqueConstraint(
                "event",
                Lower("guest_email"),
                condition=models.Q(member__isnull=True) & ~models.Q(guest_email=""),
                name="rsvp_once_per_guest_email",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RsvpStatus.values), name="rsvp_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=RsvpStatus.WAITLISTED)
                | models.Q(waitlisted_at__isnull=False),
                name="rsvp_waitlist_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(interpretation__in=Interpretation.values),
                name="rsvp_interpretation_known",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waitlisted_at"]),
        ]

    def __str__(self) -> str:
        return joined_items(self.display_name, self.get_status_display())

    @property
    def own_status_display(self) -> str:
        """The status worded for the person who answered (enums.OWN_RSVP_STATUS_LABELS)."""
        return str(OWN_RSVP_STATUS_LABELS[self.status])

    @property
    def display_name(self) -> str:
        if self.member_id is not None:
            return str(self.member)
        return self.guest_name or str(_("Former guest"))

    @property
    def email(self) -> str:
        """The person's address; none for a member who deleted their account, whose account
        keeps only a made-up one (members.services.member_delete_account)."""
        if self.member_id is None:
            return self.guest_email
        return "" if self.member.deleted_at else self.member.email

    @property
    def is_confirmed(self) -> bool:
        return self.status == RsvpStatus.GOING and (
            self.member_id is not None or self.verified_at is not None
        )
