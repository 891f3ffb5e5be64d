import logging

from celery import shared_task
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import Event, Rsvp
from events.selectors.retention import events_due_for_erasure
from events.services.retention import event_personal_data_erase
from members.links import absolute_url, links_override
from members.selectors import member_by_address
from notifications.email import Email, tidy_text
from notifications.retries import error_summary, mail_task_retry

logger = logging.getLogger(__name__)


# Tried again as every mail is (notifications/retries.py): an unreachable server is waited for
# however long it is away, so Celery sets no limit of its own.
MAIL_TASK = {"bind": True, "acks_late": True, "ignore_result": True, "max_retries": None}


def _send(template: str, context: dict, to: str) -> None:
    """Render `events/email/<template>` (subject, text, html) in the active language; send."""
    context["direction"] = "rtl" if translation.get_language_bidi() else "ltr"
    subject = render_to_string(f"events/email/{template}_subject.txt", context).strip()
    text = tidy_text(render_to_string(f"events/email/{template}.txt", context))
    html = render_to_string(f"events/email/{template}.html", context)
    message = Email(subject, text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


@shared_task(name="events.send_guest_link", **MAIL_TASK)
def send_guest_link(
    self, rsvp_id: int, token: str, refusals: int = 0, *, onion: bool = False
) -> None:
    """Email a guest the link that confirms (or later manages) their answer, in their language,
    on the onion address when `onion` (they registered through it), else on SITE_URL.
    A permanent refusal is logged by its SMTP code, without the address."""
    try:
        with links_override(onion=onion):
            _guest_link_send(rsvp_id, token)
    except Exception as error:  # a temporary error raises a retry here; the rest is logged
        mail_task_retry(self, error, refusals=refusals)
        logger.warning("Guest link for answer %s not sent: %s", rsvp_id, error_summary(error))


def _guest_link_send(rsvp_id: int, token: str) -> None:
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
            "link": absolute_url(path),
            "language": language,
        }
        _send("guest_link", context, rsvp.guest_email)


@shared_task(name="events.send_guest_account_hint", **MAIL_TASK)
def send_guest_account_hint(
    self, event_id: int, email: str, refusals: int = 0, *, onion: bool = False
) -> None:
    """Tell the owner of a member's address, in the member's language, that a guest answer
    with it was not taken, and where to sign in (or set a new password) to answer; its links on
    the address the guest answer came through (the onion one when `onion`)."""
    try:
        with links_override(onion=onion):
            _guest_account_hint_send(event_id, email)
    except Exception as error:  # a temporary error raises a retry here; the rest is logged
        mail_task_retry(self, error, refusals=refusals)
        logger.warning("Account hint for event %s not sent: %s", event_id, error_summary(error))


def _guest_account_hint_send(event_id: int, email: str) -> None:
    event = Event.objects.filter(pk=event_id).first()
    member = member_by_address(email)
    if event is None or member is None:
        logger.info("Event %s or the member with that address is gone; no hint sent", event_id)
        return
    language = member.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "event": event,
            "name": member.display_name,
            "event_link": absolute_url(reverse("events:detail", args=[event.pk])),
            "reset_link": absolute_url(reverse("account_reset_password")),
            "language": language,
        }
        _send("guest_account_hint", context, email.strip().lower())


# Enough for a backlog (the first run after an upgrade); the next hourly run takes the rest.
ERASURES_PER_RUN = 1_000


@shared_task(name="events.erase_due_personal_data", acks_late=True, ignore_result=True)
def erase_due_personal_data() -> None:
    """Hourly: one erasure task for each event whose retention period is over."""
    due = events_due_for_erasure().order_by("ends_at", "pk").values_list("pk", flat=True)
    for event_id in due[:ERASURES_PER_RUN]:
        erase_event_personal_data.delay(event_id)


@shared_task(name="events.erase_event_personal_data", acks_late=True, ignore_result=True)
def erase_event_personal_data(event_id: int) -> None:
    """Erase one event's attendees' personal data if it is (still) due. Running it twice, or
    after the event was deleted, does nothing; a failed run is retried by the next hourly one."""
    event = events_due_for_erasure().filter(pk=event_id).first()
    if event is None:
        logger.info("Event %s is gone, not due or already erased", event_id)
        return
    event_personal_data_erase(event=event)
