from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from members.separators import joined_items


class Suppression(models.Model):
    """An address that asked, through an unsubscribe link, not to receive a kind of mail.

    Members' choices live in their profile; this list is for guests, who have no profile.
    """

    email = models.EmailField(_("email address"))
    scope = models.CharField(_("scope"), max_length=32)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribed address")
        verbose_name_plural = _("unsubscribed addresses")
        constraints = [
            models.UniqueConstraint(Lower("email"), "scope", name="suppression_once"),
        ]

    def __str__(self) -> str:
        return joined_items(self.email, self.scope)
