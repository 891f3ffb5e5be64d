"""Personal API tokens (issue 15): a member's key for answering events from a script.

Imported by members/models.py, so Django finds the model in the members app.
"""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# "tdm_" and 43 URL-safe characters (secrets.token_urlsafe(32): 256 random bits). The fixed
# start lets a member, and secret scanners, tell a Tadamun token in a script or a log.
TOKEN_START = "tdm_"  # noqa: S105  # nosec B105 (a marker, not a secret)
TOKEN_SHAPE = re.compile(r"tdm_[A-Za-z0-9_-]{43}")
# What the list shows to recognise a token by: its start, never enough to guess the rest.
PREFIX_LENGTH = len(TOKEN_START) + 6
MAX_LABEL_LENGTH = 80


def api_token_digest(token: str) -> str:
    """The SHA-256 digest under which an API token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """One of a member's personal API tokens, kept only as its SHA-256 digest and first
    characters. The token itself is shown once, when it is made. Revoking deletes the row, so
    the token stops working at once; so does deleting the account (members.services).

    `last_used_on` is a date, not a time, and no address is kept (docs/PRIVACY.md).
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    label = models.CharField(_("name"), max_length=MAX_LABEL_LENGTH)
    prefix = models.CharField(_("starts with"), max_length=PREFIX_LENGTH)
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_on = models.DateField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"),
                name="api_token_digest_is_sha256",
            ),
            models.CheckConstraint(
                condition=models.Q(prefix__startswith=TOKEN_START),
                name="api_token_prefix_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"
