from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("Event reminder")
    RSVP_CONFIRMATION = "rsvp_confirmation", _("Answer confirmation")
    WAITLIST_PROMOTION = "waitlist_promotion", _("Place from the waitlist")
    EVENT_CHANGED = "event_changed", _("Event changed")
    EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
    EVENT_POSTPONED = "event_postponed", _("Event postponed")
    PROPOSAL_DECISION = "proposal_decision", _("Decision on a proposal")
    PROPOSAL_COMMENT = "proposal_comment", _("Comment on a proposal")
    MEMBERSHIP_DECISION = "membership_decision", _("Membership decision")
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
MEMBER_OFFSET_FIELDS = {
    ReminderOffset.WEEK: "remind_week_before",
    ReminderOffset.DAY: "remind_day_before",
    ReminderOffset.HOUR: "remind_hour_before",
}
