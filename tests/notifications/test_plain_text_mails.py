"""The plain-text part reads as the HTML part does, and the Subject header reads back exactly
as rendered — in Arabic and Persian too."""

import re
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.utils.html import strip_tags

from events.services.events import event_cancel, event_postpone
from notifications.email import Email, tidy_text
from tests.factories import ApprovedMemberFactory, EventFactory, OrganizerFactory, RsvpFactory

MESSAGE = "القاعة مغلقة للصيانة.\nنلتقي قريبًا."
PLACE = {"venue": "Oranienplatz", "city": "Berlin", "country": "DE"}


def sent_subject(message) -> str:
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    return parsed["subject"]


@pytest.mark.parametrize(
    ("text", "tidied"),
    [
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("a\n \n\t\n\nb", "a\n\nb"),
        ("a\n\nb\nc\n", "a\n\nb\nc\n"),
    ],
)
def test_tidy_text_keeps_at_most_one_blank_line(text, tidied):
    assert tidy_text(text) == tidied


@pytest.mark.django_db
@pytest.mark.parametrize("action", [event_cancel, event_postpone])
@pytest.mark.parametrize("message", [MESSAGE, ""])
def test_cancel_and_postpone_mails_leave_one_blank_line_after_the_organizers_words(
    django_capture_on_commit_callbacks, action, message
):
    event = EventFactory(title_en="Solidarity meeting", title_ar="لقاء التضامن")
    RsvpFactory(event=event, member=ApprovedMemberFactory(preferred_language="ar"))
    with django_capture_on_commit_callbacks(execute=True):
        action(event=event, editor=OrganizerFactory(), message=message)
    [sent] = mail.outbox
    assert "\n\n\n" not in sent.body
    before_the_event = message or "."  # the words, or the notice's own sentence
    assert f"{before_the_event}\n\nلقاء التضامن\n" in sent.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "place"),
    [
        ("ar", "Oranienplatz، Berlin، ألمانيا"),
        ("fa", "Oranienplatz، Berlin، آلمان"),
        ("en", "Oranienplatz, Berlin, Germany"),
    ],
)
def test_the_text_part_names_the_place_as_the_html_part_does(
    django_capture_on_commit_callbacks, language, place
):
    event = EventFactory(**PLACE)
    RsvpFactory(event=event, member=ApprovedMemberFactory(preferred_language=language))
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, editor=OrganizerFactory())
    [sent] = mail.outbox
    html = sent.alternatives[0][0]
    assert f"\n{place}\n" in sent.body
    html_place = re.search(r"<td[^>]*>(<bdi>Oranienplatz</bdi>.*?)</td>", html).group(1)
    assert strip_tags(html_place) == place


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
@pytest.mark.parametrize(
    "title",
    ["لقاء", "لقاء التضامن بين الاشتراكيين السوريين والإيرانيين من أجل الحرية والعدالة"],
)
def test_a_notice_subject_reads_back_exactly_as_rendered(
    django_capture_on_commit_callbacks, language, title
):
    event = EventFactory(title_en="Meeting", title_ar=title, title_fa=title)
    RsvpFactory(event=event, member=ApprovedMemberFactory(preferred_language=language))
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, editor=OrganizerFactory())
    [sent] = mail.outbox
    assert title in sent.subject
    assert sent_subject(sent) == sent.subject


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa"])
def test_a_guests_link_mail_subject_reads_back_exactly_as_rendered(
    client, django_capture_on_commit_callbacks, language
):
    event = EventFactory(
        guest_registration=True,
        title_ar="لقاء التضامن بين الاشتراكيين السوريين والإيرانيين من أجل الحرية",
        title_fa="نشست همبستگی سوسیالیست‌های سوری و ایرانی برای آزادی و عدالت",
    )
    data = {"guest_name": "Nasrin", "guest_email": "nasrin@example.org", "answer": "going"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{language}/events/{event.pk}/guest/", data)
    [sent] = mail.outbox
    assert not sent.subject.isascii()
    assert sent_subject(sent) == sent.subject


def test_the_sites_email_subject_reads_back_exactly_as_written():
    subject = "یادآوری: نشست همبستگی سوسیالیست‌های سوری و ایرانی برای آزادی و عدالت"
    email = Email(subject, "متن", to=["reader@example.org"])
    email.attach_alternative("<p>متن</p>", "text/html")

    raw = email.message().as_bytes()

    assert message_from_bytes(raw, policy=policy.default)["subject"] == subject
