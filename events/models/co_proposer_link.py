from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A link is meant to be sent now, to one person: after a week it has most likely gone astray.
LINK_LIFETIME = timedelta(days=7)
# Links not yet used and not expired, per proposal: enough for a handful of partners, too few
# to hand a draft around widely.
MAX_OPEN_LINKS = 5


class CoProposerLink(models.Model):
    """A one-use invitation to co-propose a draft, kept only as its secret's SHA-256 digest
    (`members.models_vouching.link_digest`).

    A proposer makes it, is shown it once and sends it to one person through a channel they
    trust; whoever opens it signed in as an approved member can join as a co-proposer. Nobody
    is listed or searched for: the proposal form names only its current co-proposers.
    """

    proposal = models.ForeignKey(
        "events.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="co_proposer_links",
    )
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-proposer link")
        verbose_name_plural = _("co-proposer links")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"),
                name="co_proposer_link_digest_is_sha256",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="co_proposer_link_expires_after_creation",
            ),
            # used_by may go (SET_NULL) while used_at stays: the link stays spent.
            models.CheckConstraint(
                condition=models.Q(used_by__isnull=True) | models.Q(used_at__isnull=False),
                name="co_proposer_link_use_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.created_at:%Y-%m-%d})"

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def has_expired(self) -> bool:
        return not self.is_used and self.expires_at <= timezone.now()
