from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class GroupMembershipStatus(models.TextChoices):
    """Where a member's request to join one of the alliance's groups stands."""

    REQUESTED = "requested", _("Asked to join")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class GroupRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("group role", "Member")
    COORDINATOR = "coordinator", _("Coordinator")


class ApprovalMode(models.TextChoices):
    """Who lets a new member in (settings.MEMBERSHIP_APPROVAL); not shown to anyone.

    ORGANIZER: an organizer approves. VOUCHES: so do MEMBERSHIP_VOUCHES_REQUIRED vouches from
    approved members, without an organizer. BOTH: an organizer approves, but only once that many
    members have vouched.
    """

    ORGANIZER = "organizer"
    VOUCHES = "vouches"
    BOTH = "both"


class LinkAddress(models.TextChoices):
    """Which of the site's addresses the links in a member's emails open (members/links.py).
    Empty: not chosen, the address they signed up or last signed in through."""

    AS_SIGNED_IN = "", _("The address I last signed in through")
    WEB = "web", _("Web address")
    ONION = "onion", _("Onion address (for Tor Browser)")
