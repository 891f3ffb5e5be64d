from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.enums import DigitStyle, Language, LinkAddress, MembershipStatus
from members.managers import UserManager
from members.models_groups import AllianceGroup, GroupMembership
from members.models_tokens import ApiToken
from members.models_vouching import Vouch, VouchLink
from members.validators import validate_time_zone

__all__ = ["AllianceGroup", "ApiToken", "GroupMembership", "User", "Vouch", "VouchLink"]


class User(AbstractBaseUser, PermissionsMixin):
    """A member of the alliance: the login (email) and the profile in one row.

    Deleting an account keeps this row as an anonymised tombstone (`deleted_at` set, every personal
    field emptied) so that what points at it — RSVPs, proposals — keeps its counts but names nobody.
    """

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_(
            "Shown to other members. A pseudonym is welcome; it need not be your legal name."
        ),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    digit_style = models.CharField(
        _("digits"), max_length=8, choices=DigitStyle.choices, default="", blank=True
    )
    bio = models.TextField(_("short bio"), max_length=500, blank=True)

    remind_week_before = models.BooleanField(_("7 days before"), default=True)
    remind_day_before = models.BooleanField(_("24 hours before"), default=True)
    remind_hour_before = models.BooleanField(_("1 hour before (online events)"), default=True)
    reminders_enabled = models.BooleanField(_("send me event reminders"), default=True)
    remind_when_maybe = models.BooleanField(
        _("also remind me of events I answered “maybe” to"), default=False
    )
    weekly_digest = models.BooleanField(_("weekly digest of new events"), default=False)
    email_notices = models.BooleanField(
        _("email me about my answers, proposals and membership"), default=True
    )
    # Which address the links in the member's mails open (members/links.py); the second field
    # is which host served their sign-up or last sign-in, a yes or no and never their address.
    link_address = models.CharField(
        _("links in my emails"),
        max_length=8,
        choices=LinkAddress.choices,
        default=LinkAddress.AS_SIGNED_IN,
        blank=True,
    )
    signed_in_through_onion = models.BooleanField(
        _("last signed in through the onion address"), default=False
    )

    membership_status = models.CharField(
        _("membership"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    membership_reviewed_by = models.ForeignKey(
        "self",
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membership_reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    membership_rejection_reason = models.CharField(
        _("reason for rejection"), max_length=500, blank=True
    )

    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    deleted_at = models.DateTimeField(_("account deleted at"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["display_name", "pk"]
        permissions = [
            ("review_members", _("Can approve or reject membership requests")),
        ]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="member_email_unique_ci"),
            models.CheckConstraint(
                condition=models.Q(preferred_language__in=Language.values),
                name="member_language_known",
            ),
            models.CheckConstraint(
                condition=models.Q(digit_style__in=DigitStyle.values),
                name="member_digit_style_known",
            ),
            models.CheckConstraint(
                condition=models.Q(link_address__in=LinkAddress.values),
                name="member_link_address_known",
            ),
            models.CheckConstraint(
                condition=models.Q(membership_status__in=MembershipStatus.values),
                name="member_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(membership_status=MembershipStatus.PENDING)
                | models.Q(membership_reviewed_at__isnull=False),
                name="member_decision_has_time",
            ),
        ]
        indexes = [models.Index(fields=["membership_status", "date_joined"])]

    def __str__(self) -> str:
        # What other people see of a member wherever a name is printed (programme, comments,
        # attendee lists, mails, API): never the email address, even with no display name.
        if self.deleted_at:
            return str(_("Former member"))
        return self.display_name or str(_("Unnamed member"))

    @property
    def is_approved(self) -> bool:
        return self.membership_status == MembershipStatus.APPROVED and self.deleted_at is None

    @property
    def is_organizer(self) -> bool:
        return self.is_active and self.has_perm("members.review_members")
