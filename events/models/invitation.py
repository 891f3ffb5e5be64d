from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import InvitationStatus
from members.separators import joined_items

MAX_REASON_LENGTH = 2_000
ANSWERED = [InvitationStatus.JOINED, InvitationStatus.DECLINED]


class ProposalInvitation(models.Model):
    """A group invited to co-host a proposed joint action, and its coordinators' answer.

    The answer is given once, by one coordinator (`answered_by`, `answered_at`); a decline says
    why. Groups that have not answered when the proposal is accepted after its deadline are
    marked `not_taking_part`; reopening the review gives them back their chance to answer.
    """

    proposal = models.ForeignKey(
        "events.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    group = models.ForeignKey(
        "members.AllianceGroup",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="proposal_invitations",
    )
    status = models.CharField(
        _("answer"),
        max_length=16,
        choices=InvitationStatus.choices,
        default=InvitationStatus.INVITED,
    )
    reason = models.TextField(_("reason"), max_length=MAX_REASON_LENGTH, blank=True)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    # PROTECT: accounts are scrubbed, never deleted, so who answered stays on record.
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("group invitation")
        verbose_name_plural = _("group invitations")
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "group"], name="invitation_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=InvitationStatus.values),
                name="invitation_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(answered_by__isnull=True, answered_at__isnull=True)
                | models.Q(answered_by__isnull=False, answered_at__isnull=False),
                name="invitation_answer_has_who_and_when",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ANSWERED, answered_at__isnull=False)
                | (~models.Q(status__in=ANSWERED) & models.Q(answered_at__isnull=True)),
                name="invitation_answered_when_joined_or_declined",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=InvitationStatus.DECLINED) | ~models.Q(reason=""),
                name="invitation_decline_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self) -> str:
        return joined_items(self.group, self.proposal)
