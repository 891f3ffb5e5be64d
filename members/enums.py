from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The alliance's three working languages; the order is the order menus show them in."""

    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian")
    ENGLISH = "en", _("English")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class DigitStyle(models.TextChoices):
    """Which digits a member reads numbers in; the values are CLDR numbering-system names.

    Empty means "whatever is usual for my language", so a member who switches language gets that
    language's digits without having to change this as well.
    """

    LANGUAGE_DEFAULT = "", _("Usual for my language")
    WESTERN = "latn", _("Western (0–9)")
    PERSIAN = "arabext", _("Persian (۰–۹)")
    ARABIC_INDIC = "arab", _("Arabic-Indic (٠–٩)")
