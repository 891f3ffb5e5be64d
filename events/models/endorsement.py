from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Endorsement(models.Model):
    """A member backing a submitted proposal; one per member and proposal."""

    proposal = models.ForeignKey(
        "events.Proposal", on_delete=models.CASCADE, related_name="endorsements"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements"
    )
    created_at = models.DateTimeField(_("endorsed"), auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="endorsement_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.proposal}"
