import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import Rsvp

logger = logging.getLogger(__name__)


@shared_task(
    name="events.send_guest_link",
    acks_late=True,
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
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
            "direction": "rtl" if translation.get_language_bidi() else "ltr",
        }
        subject = render_to_string("events/email/guest_link_subject.txt", context).strip()
        text = render_to_string("events/email/guest_link.txt", context)
        html = render_to_string("events/email/guest_link.html", context)
    message = EmailMultiAlternatives(subject, text, to=[rsvp.guest_email])
    message.attach_alternative(html, "text/html")
    message.send()
