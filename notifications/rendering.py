"""Turn a delivery into an email in its recipient's language, time zone and digits."""

import zoneinfo
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from members.digits import override_digit_style
from members.links import absolute_url
from notifications.attachments import calendar_attachment
from notifications.composers import COMPOSERS
from notifications.enums import NoticeKind
from notifications.mime import LINK_MARK, NAME_MARK, MimeTemplate, template_for, tidy_text
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
    # The group's email with markers (reminders only): see notifications/mime.py.
    mime: MimeTemplate | None = None


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


_reminder_cache: OrderedDict[tuple, tuple[str, str, str, MimeTemplate | None]] = OrderedDict()
REMINDER_CACHE_SIZE = 256


def render_message(delivery: Delivery, recipient: Recipient) -> Message:
    """Everything inside runs in the recipient's language and zone, so titles fall back
    per field (modeltranslation), dates read as they expect and links carry their prefix.

    Reminders go out by the thousand with the same text for everyone who shares a language,
    zone and digits: those are rendered once per such group and only the name and the
    unsubscribe link are put in per person.
    """
    with (
        translation.override(recipient.language),
        timezone.override(_zone(recipient.time_zone)),
        override_digit_style(recipient.digit_style),
    ):
        context = COMPOSERS[delivery.kind](delivery)
        link = unsubscribe_url(delivery, recipient)
        if delivery.kind != NoticeKind.REMINDER:
            return _render(delivery, recipient, context, link)
        event, rsvp = context["event"], context["rsvp"]
        group = (
            event.pk, event.updated_at, event.sequence, delivery.context["offset"],
            recipient.language, recipient.time_zone, recipient.digit_style,
            rsvp.status, recipient.member_id is None, settings.DEFAULT_FROM_EMAIL,
            context["shows_venue"],
        )  # fmt: skip
        rendered = _reminder_cache.get(group)
        if rendered is None:
            anonymous = replace(recipient, name=NAME_MARK)
            sample = _render(delivery, anonymous, context, LINK_MARK)
            template = template_for(
                language=recipient.language,
                subject=sample.subject,
                text=sample.text,
                html=sample.html,
            )
            rendered = (sample.subject, sample.text, sample.html, template)
            _reminder_cache[group] = rendered
            while len(_reminder_cache) > REMINDER_CACHE_SIZE:
                _reminder_cache.popitem(last=False)
        subject, text, html, template = rendered
        return Message(
            subject=subject,
            text=text.replace(NAME_MARK, recipient.name).replace(LINK_MARK, link),
            html=html.replace(NAME_MARK, escape(recipient.name)).replace(LINK_MARK, link),
            unsubscribe_url=link,
            mime=template,
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
