"""Reminder times ("7 days before") carry the reader's digits, not the translator's."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Rsvp
from notifications.services.reminders import schedule_due_reminders
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory


def labels(response, names) -> list[str]:
    form = response.context["form"]
    return [str(form.fields[name].label) for name in names]


MEMBER_FIELDS = ("remind_week_before", "remind_day_before", "remind_hour_before")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "expected"),
    [
        (
            "ar",
            "",
            [
                "قبل الموعد بـ٧ أيام",
                "قبل الموعد بـ٢٤ ساعة",
                "قبل الموعد بساعة (للفعاليات عبر الإنترنت)",
            ],
        ),
        (
            "fa",
            "",
            ["۷ روز پیش از شروع", "۲۴ ساعت پیش از شروع", "یک ساعت پیش از شروع (رویدادهای آنلاین)"],
        ),
        (
            "fa",
            "latn",
            ["7 روز پیش از شروع", "24 ساعت پیش از شروع", "یک ساعت پیش از شروع (رویدادهای آنلاین)"],
        ),
        ("en", "arabext", ["۷ days before", "۲۴ hours before", "One hour before (online events)"]),
    ],
)
def test_notification_settings_name_reminder_times_in_the_members_digits(
    client, language, digit_style, expected
):
    member = ApprovedMemberFactory(preferred_language=language, digit_style=digit_style)
    client.force_login(member)
    response = client.get(f"/{language}/members/notifications/")
    assert labels(response, MEMBER_FIELDS) == expected
    for label in expected:
        assert label in response.content.decode()


@pytest.mark.django_db
def test_reminder_plan_names_reminder_times_in_the_organizers_digits(client):
    event = EventFactory()
    organizer = OrganizerFactory(preferred_language="ar")
    client.force_login(organizer)
    response = client.get(f"/ar/notifications/events/{event.pk}/reminders/")
    assert labels(response, ("week", "day", "hour")) == [
        "قبل الموعد بـ٧ أيام",
        "قبل الموعد بـ٢٤ ساعة",
        "قبل الموعد بساعة",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "digit_style", "when"),
    [
        ("ar", "", "قبل الموعد بـ٢٤ ساعة"),
        ("fa", "latn", "24 ساعت پیش از شروع"),
        ("fa", "", "۲۴ ساعت پیش از شروع"),
    ],
)
def test_reminder_email_names_its_time_in_the_recipients_digits(
    language, digit_style, when, django_capture_on_commit_callbacks
):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=23))
    member = ApprovedMemberFactory(preferred_language=language, digit_style=digit_style)
    rsvp = RsvpFactory(event=event, member=member)
    Rsvp.objects.filter(pk=rsvp.pk).update(created_at=timezone.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        schedule_due_reminders()
    [message] = mail.outbox
    assert f"({when})" in message.subject
    assert f"({when})" in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        (
            "ar",
            "تذكير (قبل الموعد بـ٧ أيام): لقاء",
            "تذكير (قبل الموعد بـ٧ أيام) بالفعالية التي أجبت عنها:",
        ),
        (
            "fa",
            "یادآوری (۷ روز پیش از شروع): دیدار",
            "یادآوری (۷ روز پیش از شروع) برای رویدادی که برای آن اعلام حضور کرده‌اید:",
        ),
    ],
)
def test_reminder_says_how_long_before_the_event_not_how_long_ago(
    language, subject, body, django_capture_on_commit_callbacks
):
    """«قبل ٧ أيام» and «۷ روز قبل» alone read as "7 days ago"."""
    event = EventFactory(
        starts_at=timezone.now() + timedelta(days=6, hours=12), title_ar="لقاء", title_fa="دیدار"
    )
    member = ApprovedMemberFactory(preferred_language=language)
    rsvp = RsvpFactory(event=event, member=member)
    Rsvp.objects.filter(pk=rsvp.pk).update(created_at=timezone.now() - timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        schedule_due_reminders()
    [message] = mail.outbox
    assert message.subject == subject
    assert body in message.body
