import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import Event, Rsvp
from members.selectors import member_by_address

logger = logging.getLogger(__name__)


MAIL_TASK = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": (smtplib.SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


def _send(template: str, context: dict, to: str) -> None:
    """Render `events/email/<template>` (subject, text, html) in the active language; send."""
    context["direction"] = "rtl" if translation.get_language_bidi() else "ltr"
    subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
    text = render_to_string(f"events/email/{template}.txt", context)
    html = render_to_string(f"events/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


@shared_task(name="events.send_guest_link", **MAIL_TASK)
def send_guest_link(rsvp_id: int, token: str) -> None:
    """Email a guest the link that confirms (or later manages) their answer, in their language."""
    rsvp = Rsvp.objects.select_related("event").filter(pk=rsvp_id, member__isnull=True).first()
    if rsvp is None or not rsvp.guest_email:
        logger.info("Guest answer %s is gone; no link sent", rsvp_id)
        return
    language = rsvp.guest_language or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("events:guest_answer", args=[rsvp.event_id, token])
        context = {
            "rsvp": rsvp,
            "event": rsvp.event,
            "link": settings.SITE_URL.rstrip("/") + path,
            "language": language,
        }
        _send("guest_link", context, rsvp.guest_email)


@shared_task(name="events.send_guest_account_hint", **MAIL_TASK)
def send_guest_account_hint(event_id: int, email: str) -> None:
    """Tell the owner of a member's address, in the member's language, that a guest answer
    with it was not taken, and where to sign in (or set a new password) to answer."""
    event = Event.objects.filter(pk=event_id).first()
    member = member_by_address(email)
    if event is None or member is None:
        logger.info("Event %s or the member with that address is gone; no hint sent", event_id)
        return
    language = member.preferred_language or settings.LANGUAGE_CODE
    site = settings.SITE_URL.rstrip("/")
    with translation.override(language):
        context = {
            "event": event,
            "name": member.display_name,
            "event_link": site + reverse("events:detail", args=[event.pk]),
            "reset_link": site + reverse("account_reset_password"),
            "language": language,
        }
        _send("guest_account_hint", context, email.strip().lower())
