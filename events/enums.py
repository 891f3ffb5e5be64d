from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    WEBINAR = "webinar", _("Webinar")
    MEETING = "meeting", _("Meeting")
    RALLY = "rally", _("Rally or protest")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", pgettext_lazy("event kind", "Other")


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    # Issue 13: only the members of the invited groups (by default the co-hosting groups) and
    # the event's organizers know the event exists (events/selectors/events.py).
    INVITE = "invite", _("Invited groups only")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class RsvpAnswer(models.TextChoices):
    """What a person answers."""

    GOING = "going", _("Going")
    MAYBE = "maybe", _("Maybe")
    NOT_GOING = "not_going", _("Not going")


class RsvpStatus(models.TextChoices):
    """What the answer became: "going" beyond capacity is held on the waitlist.

    Labels describe a person in lists ("is going"), unlike RsvpAnswer's, which are what the
    person says ("I am going"); Arabic and Persian word them differently.
    """

    GOING = "going", pgettext_lazy("rsvp status", "Going")
    WAITLISTED = "waitlisted", pgettext_lazy("rsvp status", "On the waitlist")
    MAYBE = "maybe", pgettext_lazy("rsvp status", "Maybe")
    NOT_GOING = "not_going", pgettext_lazy("rsvp status", "Not going")


# The same statuses as the person sees their own answer (event page, confirmation mail and its
# subject): "rsvp status" labels describe someone in a list, in the third person («سيحضر»,
# «می‌آید»); these are worded as the person's own answer («سأحضر», «می‌آیم»).
OWN_RSVP_STATUS_LABELS = {
    RsvpStatus.GOING: pgettext_lazy("own rsvp status", "Going"),
    RsvpStatus.WAITLISTED: pgettext_lazy("own rsvp status", "On the waitlist"),
    RsvpStatus.MAYBE: pgettext_lazy("own rsvp status", "Maybe"),
    RsvpStatus.NOT_GOING: pgettext_lazy("own rsvp status", "Not going"),
}


class Interpretation(models.TextChoices):
    NONE = "", _("No interpretation needed")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian")
    ENGLISH = "en", _("English")


class ChangeKind(models.TextChoices):
    EDITED = "edited", _("Edited")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Scheduled again")


class InvitationStatus(models.TextChoices):
    """Where a group invited to co-host a proposed joint action stands. `not_taking_part` is
    set when the proposal is accepted after its deadline without the group's answer."""

    INVITED = "invited", pgettext_lazy("group invitation", "Not answered yet")
    JOINED = "joined", pgettext_lazy("group invitation", "Joined")
    DECLINED = "declined", pgettext_lazy("group invitation", "Declined")
    NOT_TAKING_PART = "not_taking_part", pgettext_lazy("group invitation", "Not taking part")
