from datetime import timedelta

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.digits import local_digits


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("Event reminder")
    RSVP_CONFIRMATION = "rsvp_confirmation", _("Answer confirmation")
    WAITLIST_PROMOTION = "waitlist_promotion", _("Place from the waitlist")
    EVENT_CHANGED = "event_changed", _("Event changed")
    EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
    EVENT_POSTPONED = "event_postponed", _("Event postponed")
    VENUE_RELEASE = "venue_release", _("Address of an event")
    PROPOSAL_DECISION = "proposal_decision", _("Decision on a proposal")
    PROPOSAL_COMMENT = "proposal_comment", _("Comment on a proposal")
    MEMBERSHIP_DECISION = "membership_decision", _("Membership decision")
    GROUP_MEMBERSHIP_DECISION = (
        "group_membership_decision",
        _("Answer to a request to join a group"),
    )
    GROUP_JOIN_REQUEST = "group_join_request", _("Request to join a group")
    GROUP_INVITATION = "group_invitation", _("Invitation to co-host a joint action")
    GROUP_INVITATION_ANSWER = "group_invitation_answer", _("A group's answer to an invitation")
    WEEKLY_DIGEST = "weekly_digest", _("Weekly digest")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent")


class ReminderOffset(models.TextChoices):
    """Reminder times before an event. The value names the member's and the event's flag."""

    WEEK = "week", _("7 days before")
    DAY = "day", _("24 hours before")
    HOUR = "hour", _("1 hour before")


OFFSET_DURATIONS = {
    ReminderOffset.WEEK: timedelta(days=7),
    ReminderOffset.DAY: timedelta(hours=24),
    ReminderOffset.HOUR: timedelta(hours=1),
}


def offset_label(offset: str) -> str:
    """When a reminder goes out, e.g. "7 days before", in the active language and the reader's
    digits: the number is no part of the translation, so it follows the member's digit setting.
    Each offset has its own sentence, so no plural forms are needed."""
    duration = OFFSET_DURATIONS[offset]
    if offset == ReminderOffset.WEEK:
        # Translators: %(count)s is always 7.
        return gettext("%(count)s days before") % {"count": local_digits(duration.days)}
    if offset == ReminderOffset.DAY:
        # Translators: %(count)s is always 24.
        hours = duration // timedelta(hours=1)
        return gettext("%(count)s hours before") % {"count": local_digits(hours)}
    return gettext("One hour before")


MEMBER_OFFSET_FIELDS = {
    ReminderOffset.WEEK: "remind_week_before",
    ReminderOffset.DAY: "remind_day_before",
    ReminderOffset.HOUR: "remind_hour_before",
}
