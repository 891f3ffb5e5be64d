from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import ProposalState
from events.models.details import EventDetails


class Proposal(EventDetails):
    """A member's proposed event or joint action, on its way through review.

    Once accepted it is linked to the published event made from it (`event`); accepting it again
    after a change updates that event rather than making a second one.
    """

    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    co_proposers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-proposers"),
        blank=True,
        related_name="co_proposals",
    )
    expected_capacity = models.PositiveIntegerField(
        _("expected number of participants"), null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    groups_deadline = models.DateTimeField(
        _("groups answer by"),
        null=True,
        blank=True,
        help_text=_(
            "After this, the organizers may accept the proposal with the groups that have joined."
        ),
    )
    decision_note = models.TextField(_("note on the decision"), max_length=2000, blank=True)
    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        permissions = [("review_proposals", _("Can review and decide on proposals"))]
        constraints = [
            *EventDetails.details_constraints("proposal"),
            models.CheckConstraint(
                condition=models.Q(state__in=ProposalState.values), name="proposal_state_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=[ProposalState.ACCEPTED, ProposalState.REJECTED])
                | models.Q(decided_at__isnull=False),
                name="proposal_decision_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(groups_deadline__isnull=True)
                | models.Q(groups_deadline__lte=models.F("starts_at")),
                name="proposal_groups_answer_before_start",
            ),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        return self.title or str(_("Untitled proposal"))

    def is_proposed_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return self.proposer_id == user.pk or self.co_proposers.filter(pk=user.pk).exists()
