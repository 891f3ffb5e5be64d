"""Turn a delivery into an email in its recipient's language, time zone and digits."""

import zoneinfo
from dataclasses import dataclass, field, replace

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from members.digits import override_digit_style
from members.links import absolute_url, links_override
from notifications.attachments import calendar_attachment
from notifications.composers import COMPOSERS
from notifications.email import tidy_text
from notifications.enums import NoticeKind
from notifications.models import Delivery
from notifications.recipients import Recipient
from notifications.unsubscribe import make_token, scope_for


@dataclass
class Message:
    subject: str
    text: str
    html: str
    unsubscribe_url: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def unsubscribe_url(delivery: Delivery, recipient: Recipient) -> str:
    token = make_token(
        scope=scope_for(delivery.kind), member_id=recipient.member_id, email=recipient.email
    )
    return absolute_url(reverse("notifications:unsubscribe", args=[token]))


# Where a reminder's reader and link go in its text rendered once for a group of readers.
NAME_MARK = "@@tadamun-recipient-name@@"
LINK_MARK = "@@tadamun-unsubscribe-link@@"


def render_message(delivery: Delivery, recipient: Recipient, *, rendered=None) -> Message:
    """Everything inside runs in the recipient's language and zone, so titles fall back
    per field (modeltranslation), dates read as they expect and links carry their prefix; and
    on the recipient's address, web or onion (members/links.py), whatever request is running.

    `rendered` (a dict, one per batch) keeps a reminder's texts for the batch's readers who share
    its language, zone, digits and answer, with markers where each reader's name and link go.
    Measured for issue 14 (1,000 reminders sent in batches of 100, in one process): rendering
    the three templates for every reader cost 0.8 ms a reminder, a fifth of the send path's
    2.5 ms of CPU; with the batch's texts kept, 0.3 ms.
    """
    with (
        translation.override(recipient.language),
        timezone.override(_zone(recipient.time_zone)),
        override_digit_style(recipient.digit_style),
        links_override(onion=recipient.onion),
    ):
        context = COMPOSERS[delivery.kind](delivery)
        link = unsubscribe_url(delivery, recipient)
        if rendered is None or delivery.kind != NoticeKind.REMINDER:
            return _render(delivery, recipient, context, link)
        group = (
            delivery.event_id, delivery.context["offset"], recipient.language,
            recipient.time_zone, recipient.digit_style, context["rsvp"].status,
            recipient.member_id is None, context["shows_venue"], recipient.onion,
        )  # fmt: skip
        if group not in rendered:
            anonymous = replace(recipient, name=NAME_MARK)
            rendered[group] = _render(delivery, anonymous, context, LINK_MARK)
        sample = rendered[group]
        return Message(
            subject=sample.subject,
            text=sample.text.replace(NAME_MARK, recipient.name).replace(LINK_MARK, link),
            html=sample.html.replace(NAME_MARK, escape(recipient.name)).replace(LINK_MARK, link),
            unsubscribe_url=link,
        )


def _render(delivery: Delivery, recipient: Recipient, context: dict, link: str) -> Message:
    """Render the three templates; the caller has set the language and zone."""
    context = dict(context)
    context.update(
        {
            "recipient": recipient,
            "digit_style": recipient.digit_style,
            "language": recipient.language,
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
            "time_zone_name": recipient.time_zone,
            "unsubscribe_url": link,
            "preferences_url": absolute_url(reverse("members:notifications")),
        }
    )
    prefix = f"notifications/email/{delivery.kind}"
    subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
    message = Message(
        subject=subject,
        text=tidy_text(render_to_string(f"{prefix}.txt", context)),
        html=render_to_string(f"{prefix}.html", context),
        unsubscribe_url=link,
    )
    if context.get("attach_calendar"):
        message.attachments.append(
            calendar_attachment(
                context["event"], context.get("rsvp"), recipient_email=recipient.email
            )
        )
    return message
