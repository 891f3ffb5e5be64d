from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 5_000


class ProposalComment(models.Model):
    """A comment on a proposal open for discussion (Markdown).

    Organizers may hide one (`hidden_by`, `hidden_at`): other members then no longer see it, its
    author and the organizers still do, marked. Comments written while the discussion was
    between the proposers and the organizers only stay between them (`visible_to_members`).
    """

    proposal = models.ForeignKey(
        "events.Proposal", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposal_comments"
    )
    body = models.TextField(_("comment"), max_length=MAX_COMMENT_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    visible_to_members = models.BooleanField(_("visible to all members"), default=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hidden_by__isnull=True, hidden_at__isnull=True)
                | models.Q(hidden_by__isnull=False, hidden_at__isnull=False),
                name="proposal_comment_hidden_by_and_at_together",
            ),
            models.CheckConstraint(
                condition=~models.Q(body=""), name="proposal_comment_body_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None
