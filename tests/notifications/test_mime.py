"""The mass-mail shortcut: a reminder filled into its group's generated email must be the same
email Django would have generated for that recipient, in every language."""

from datetime import UTC, timedelta
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from events.models import Rsvp
from notifications.mime import (
    LINK_MARK,
    NAME_MARK,
    MimeTemplate,
    email_for,
    template_for,
)
from notifications.models import Delivery
from notifications.recipients import for_member
from notifications.rendering import render_message
from notifications.services.reminders import schedule_due_reminders
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory

pytestmark = pytest.mark.django_db


def parsed(raw: bytes):
    return message_from_bytes(raw, policy=policy.default)


def body(message, subtype: str) -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()


def a_reminder_for(**member_fields):
    event = EventFactory(
        title_en="Solidarity rally",
        title_ar="وقفة تضامن",
        title_fa="تجمع همبستگی",
        starts_at=timezone.now() + timedelta(hours=23),
    )
    member = ApprovedMemberFactory(**member_fields)
    rsvp = RsvpFactory(event=event, member=member)
    Rsvp.objects.filter(pk=rsvp.pk).update(created_at=timezone.now() - timedelta(days=30))
    schedule_due_reminders()
    delivery = Delivery.objects.select_related("recipient", "rsvp", "event").get(recipient=member)
    recipient = for_member(member)
    return recipient, render_message(delivery, recipient)


@pytest.mark.parametrize(
    ("language", "name"),
    [("ar", "ليلى <الحرة>"), ("fa", "شیرین & دوستان"), ("en", 'Ada "Lovelace"')],
)
def test_filled_reminder_is_the_email_django_would_generate(language, name):
    recipient, message = a_reminder_for(
        preferred_language=language, display_name=name, time_zone="Asia/Tehran"
    )
    assert message.mime is not None
    full = email_for(
        to=recipient.email,
        language=recipient.language,
        subject=message.subject,
        text=message.text,
        html=message.html,
        unsubscribe_url=message.unsubscribe_url,
    ).message()
    filled = parsed(
        message.mime.fill(to=recipient.email, name=recipient.name, link=message.unsubscribe_url)
    )
    reference = parsed(full.as_bytes(linesep="\r\n"))

    for header in (
        "Subject", "From", "To", "Content-Language", "List-Unsubscribe",
        "List-Unsubscribe-Post", "MIME-Version",
    ):  # fmt: skip
        assert filled[header] == reference[header], header
    assert filled.get_content_type() == reference.get_content_type() == "multipart/alternative"
    assert body(filled, "plain") == body(reference, "plain")
    assert body(filled, "html") == body(reference, "html")
    assert name in body(filled, "plain")
    assert message.unsubscribe_url in body(filled, "html")
    sent = parsedate_to_datetime(filled["Date"]).replace(tzinfo=UTC)  # "-0000": UTC
    assert abs((sent - timezone.now()).total_seconds()) < 60
    assert filled["Message-ID"].startswith("<")


def test_every_copy_gets_its_own_message_id():
    recipient, message = a_reminder_for(preferred_language="en")
    copies = [
        parsed(message.mime.fill(to=recipient.email, name="A", link="https://x.example/u/1/"))
        for _ in range(3)
    ]
    assert len({copy["Message-ID"] for copy in copies}) == 3


def test_no_marker_is_left_in_a_filled_copy():
    recipient, message = a_reminder_for(preferred_language="fa")
    raw = message.mime.fill(to=recipient.email, name="Nasrin", link=message.unsubscribe_url)
    assert b"@@tadamun-" not in raw


def test_line_breaks_in_a_name_cannot_start_new_lines():
    template = template_for(
        language="en", subject="Hello", text=f"Dear {NAME_MARK}\n", html=f"<p>{NAME_MARK}</p>"
    )
    raw = template.fill(to="a@example.org", name="Eve\r\nBcc: x@example.org", link="https://l/")
    assert b"\r\nBcc:" not in raw
    assert "Eve  Bcc: x@example.org" in body(parsed(raw), "plain")


@pytest.mark.parametrize(
    ("to", "name", "link"),
    [
        ("josé@example.org", "A", "https://l/"),  # needs encoding: generated in full instead
        ("a@example.org", "N" * 400, "https://l/"),  # could push a line past 998 octets
        ("a@example.org", "A", "https://l/" + "x" * 400),
    ],
)
def test_values_that_need_encoding_or_are_too_long_are_refused(to, name, link):
    template = template_for(
        language="en", subject="Hello", text=f"Dear {NAME_MARK} {LINK_MARK}\n", html="<p>x</p>"
    )
    assert template.fill(to=to, name=name, link=link) is None


def test_a_name_carrying_the_parts_boundary_is_generated_in_full():
    template = template_for(language="en", subject="Hi", text=f"{NAME_MARK}\n", html="<p/>")
    name = f"--{template.boundary}"
    assert template.fill(to="a@example.org", name=name, link="https://l/") is None


def test_text_that_the_generator_would_encode_gets_no_template():
    """A line over 998 octets makes Django switch to quoted-printable: markers would not
    survive, so there is no template and each message is generated in full."""
    long_line = "word " * 300
    assert (
        template_for(language="en", subject="Hi", text=f"{long_line}{NAME_MARK}\n", html="<p/>")
        is None
    )


def test_a_template_records_the_sender_it_was_built_for(settings):
    settings.DEFAULT_FROM_EMAIL = "Tadamun <mail@tadamun.example>"
    template = template_for(language="en", subject="Hi", text="x\n", html="<p>x</p>")
    assert isinstance(template, MimeTemplate)
    assert template.from_email == "Tadamun <mail@tadamun.example>"
