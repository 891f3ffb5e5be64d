"""The alliance's groups and who belongs to them (issue 13, joint actions).

Imported by members/models.py, so Django finds these models in the members app.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.enums import GroupMembershipStatus, GroupRole
from members.separators import joined_items

GROUP_LANGUAGES = ("ar", "fa", "en")
MAX_GROUP_DESCRIPTION_LENGTH = 5_000


def _has_text(field: str) -> models.Q:
    # A translation left blank is stored as NULL, and a CHECK passes on NULL: ask for both.
    return models.Q(**{f"{field}__isnull": False}) & ~models.Q(**{field: ""})


class AllianceGroup(models.Model):
    """One of the groups the alliance is made of: Syrian socialists, Iranian socialists, a chapter
    in exile. Several of them co-host an event (events.EventCohost).

    Not called `Group`: that is django.contrib.auth's, which holds the Organizers role
    (members/groups.py), and the two would be confused in every import and admin page.
    Name and description are translated (name_ar, name_fa, name_en; members/translation.py) and
    fall back like event titles. A group is based in one country or in exile, never both.
    """

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"), max_length=MAX_GROUP_DESCRIPTION_LENGTH, blank=True
    )
    in_arabic = models.BooleanField(_("works in Arabic"), default=False)
    in_persian = models.BooleanField(_("works in Persian"), default=False)
    in_english = models.BooleanField(_("works in English"), default=False)
    country = models.CharField(_("country"), max_length=2, blank=True)
    in_exile = models.BooleanField(_("in exile"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(in_exile=True) & models.Q(country=""))
                | (models.Q(in_exile=False) & ~models.Q(country="")),
                name="group_country_or_exile",
            ),
            models.CheckConstraint(
                condition=_has_text("name_ar") | _has_text("name_fa") | _has_text("name_en"),
                name="group_has_a_name",
            ),
            models.CheckConstraint(
                condition=models.Q(in_arabic=True)
                | models.Q(in_persian=True)
                | models.Q(in_english=True),
                name="group_has_a_language",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.slug

    @property
    def languages(self) -> list[str]:
        """Working languages, in the alliance's order (as EventDetails.languages)."""
        flags = {"ar": self.in_arabic, "fa": self.in_persian, "en": self.in_english}
        return [code for code in GROUP_LANGUAGES if flags[code]]


class GroupMembership(models.Model):
    """A member's request to join a group, and once accepted their place in it.

    One row per member and group: asking again after a refusal reopens the same row. Only an
    accepted member can coordinate. Who may see the row: the member, the group's coordinators,
    and other members only with `show_publicly` (members/selectors_groups.py).
    """

    group = models.ForeignKey(
        AllianceGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=GroupMembershipStatus.choices,
        default=GroupMembershipStatus.REQUESTED,
    )
    role = models.CharField(
        _("role"), max_length=16, choices=GroupRole.choices, default=GroupRole.MEMBER
    )
    show_publicly = models.BooleanField(
        _("show to other members that I belong to this group"), default=False
    )
    requested_at = models.DateTimeField(_("asked"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "group"], name="group_membership_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=GroupMembershipStatus.values),
                name="group_membership_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=GroupRole.values), name="group_membership_role_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(role=GroupRole.COORDINATOR)
                | models.Q(status=GroupMembershipStatus.ACCEPTED),
                name="group_coordinator_is_accepted",
            ),
            models.CheckConstraint(
                condition=models.Q(status=GroupMembershipStatus.REQUESTED)
                | models.Q(decided_at__isnull=False),
                name="group_membership_decision_has_time",
            ),
        ]
        indexes = [models.Index(fields=["group", "status", "requested_at"])]

    def __str__(self) -> str:
        return joined_items(self.member, self.group)

    @property
    def is_accepted(self) -> bool:
        return self.status == GroupMembershipStatus.ACCEPTED

    @property
    def is_coordinator(self) -> bool:
        return self.role == GroupRole.COORDINATOR
