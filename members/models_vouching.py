"""Membership by vouching (issue 13): approved members vouch for a new member they know.

Imported by members/models.py, so Django finds these models in the members app.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def link_digest(token: str) -> str:
    """The SHA-256 digest under which a vouching link's token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


class Vouch(models.Model):
    """One approved member's word that they know a new member. Shown to organizers; deleted
    with either person's account (docs/PRIVACY.md)."""

    voucher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voucher"),
        on_delete=models.CASCADE,
        related_name="vouches_given",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vouched for"),
        on_delete=models.CASCADE,
        related_name="vouches_received",
    )
    created_at = models.DateTimeField(_("vouched at"), default=timezone.now)

    class Meta:
        verbose_name = _("vouch")
        verbose_name_plural = _("vouches")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["voucher", "member"], name="vouch_once_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(voucher=models.F("member")), name="vouch_not_for_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} → {self.member}"


class VouchLink(models.Model):
    """The secret in a pending member's vouching link, kept only as its SHA-256 digest.

    The member is shown the link once, when it is made, and shares it with people who know them;
    a new link replaces the old one. Nobody else can find a pending member's request.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="vouch_link",
    )
    digest = models.CharField(_("SHA-256 digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("vouching link")
        verbose_name_plural = _("vouching links")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(digest__regex=r"^[0-9a-f]{64}$"),
                name="vouch_link_digest_is_sha256",
            ),
        ]

    def __str__(self) -> str:
        return str(self.member)
