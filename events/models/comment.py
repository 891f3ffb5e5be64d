from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 5_000


class ProposalComment(models.Model):
    """Discussion of a proposal between its proposers and the organizers (Markdown)."""

    proposal = models.ForeignKey(
        "events.Proposal", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposal_comments"
    )
    body = models.TextField(_("comment"), max_length=MAX_COMMENT_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"
