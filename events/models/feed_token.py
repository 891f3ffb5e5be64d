import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_digest(token: str) -> str:
    """The SHA-256 digest under which a private-calendar token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedToken(models.Model):
    """The secret in a member's private calendar address, kept only as its SHA-256 digest.

    The token itself is shown to the member once, when it is made; a new one replaces the
    digest, so the old address stops working at once. At most one per member.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
    )
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("private calendar address")
        verbose_name_plural = _("private calendar addresses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"),
                name="calendar_feed_token_digest_is_sha256",
            ),
        ]

    def __str__(self) -> str:
        return str(self.member)
