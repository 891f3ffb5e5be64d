from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A question the alliance works on; names are translated (name_ar, name_fa, name_en)."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name or self.slug
