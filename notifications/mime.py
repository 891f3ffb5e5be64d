"""From a rendered message to the email that goes out, and the shortcut for mass mail.

Reminders go out by the thousand with the same text for everyone who shares a language, zone
and digits; Python's email generator costs more than handing the result to the SMTP server. So a
group's email is generated once with markers where the address, name, unsubscribe link, date
and Message-ID go, and each recipient's copy is made by replacing the markers in the bytes.

This is safe because Django sends bodies with short lines as 8bit UTF-8, so the markers come
out of the generator verbatim; the template is refused (and every copy generated in full) when
they do not, and a copy is refused when a value would need encoding or folding.
"""

import re
from dataclasses import dataclass
from email.header import Header
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.utils.html import escape

TO_MARK = "@@tadamun-to@@"
DATE_MARK = "@@tadamun-date@@"
MESSAGE_ID_MARK = "@@tadamun-message-id@@"
NAME_MARK = "@@tadamun-recipient-name@@"
HTML_NAME_MARK = "@@tadamun-recipient-name-html@@"
LINK_MARK = "@@tadamun-unsubscribe-link@@"
# In the header the marker is as long as a real link, so that the generator folds the header
# line exactly as it folds it for the real, signed link.
HEADER_LINK_MARK = "@@tadamun-unsubscribe-link-in-the-list-unsubscribe-header-as-long-as-a-link@@"
# SMTP's limit on a line; Django encodes a body with a longer line as quoted-printable.
LONGEST_LINE = 998
# Values longer than this could push a line past SMTP's 998 octets; such a copy is generated
# in full instead.
LONGEST_FILLED_VALUE = 320


_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")


def tidy_text(text: str) -> str:
    """A plain-text part as a mail reader shows it: at most one blank line in a row (optional
    template blocks, such as the organizers' message, leave their line breaks behind)."""
    return _BLANK_LINES.sub("\n\n", text)


class Email(EmailMultiAlternatives):
    """Django's email with a Subject that reads back exactly as written.

    Django encodes a non-ASCII subject without knowing the header's name, so the generator
    folded it right after "Subject:", leaving an empty first line that parsers read as a
    leading space (every Arabic and Persian subject). A Header that knows its name folds from
    the first line. Every mail the site sends is built from this class.
    """

    def message(self, *args, **kwargs):
        message = super().message(*args, **kwargs)
        subject = str(self.subject)
        if not subject.isascii():
            charset = self.encoding or settings.DEFAULT_CHARSET
            message.replace_header("Subject", Header(subject, charset, header_name="Subject"))
        return message


def email_for(
    *,
    to: str,
    language: str,
    subject: str,
    text: str,
    html: str,
    unsubscribe_url: str,
    attachments: list[tuple[str, bytes, str]] = (),
    extra_headers: dict[str, str] | None = None,
) -> Email:
    """The one place that decides what every notification email carries."""
    email = Email(
        subject,
        text,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
            **(extra_headers or {}),
        },
    )
    email.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        email.attach(name, content, mimetype)
    return email


@dataclass(frozen=True)
class MimeTemplate:
    raw: bytes
    from_email: str
    # The group's copies share the MIME boundary; a value containing it would break the parts.
    boundary: str

    def fill(self, *, to: str, name: str, link: str) -> bytes | None:
        """One recipient's copy, or None when it must be generated in full."""
        name = name.replace("\r", " ").replace("\n", " ")
        html_name = escape(name)
        values = (to, html_name, link)
        if not to.isascii() or " " in to:
            return None
        if any(len(value) > LONGEST_FILLED_VALUE or self.boundary in value for value in values):
            return None
        message_id = make_msgid(domain=DNS_NAME)
        return (
            self.raw.replace(TO_MARK.encode(), to.encode())
            .replace(
                DATE_MARK.encode(), formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode()
            )
            .replace(MESSAGE_ID_MARK.encode(), message_id.encode())
            .replace(HTML_NAME_MARK.encode(), html_name.encode())
            .replace(NAME_MARK.encode(), name.encode())
            .replace(LINK_MARK.encode(), link.encode())
            .replace(HEADER_LINK_MARK.encode(), link.encode())
        )


def template_for(*, language: str, subject: str, text: str, html: str) -> MimeTemplate | None:
    """Generate the group's email once, with markers; None when a marker did not survive.

    `text` and `html` carry NAME_MARK and LINK_MARK where the recipient's name and link go.
    """
    if any(len(line.encode()) > LONGEST_LINE for line in (text + "\n" + html).splitlines()):
        return None
    html = html.replace(NAME_MARK, HTML_NAME_MARK)
    email = email_for(
        to=TO_MARK,
        language=language,
        subject=subject,
        text=text,
        html=html,
        unsubscribe_url=HEADER_LINK_MARK,
        extra_headers={"Date": DATE_MARK, "Message-ID": MESSAGE_ID_MARK},
    )
    generated = email.message()
    raw = generated.as_bytes(linesep="\r\n")
    expected = {
        TO_MARK: 1,
        DATE_MARK: 1,
        MESSAGE_ID_MARK: 1,
        NAME_MARK: text.count(NAME_MARK),
        HTML_NAME_MARK: html.count(HTML_NAME_MARK),
        LINK_MARK: text.count(LINK_MARK) + html.count(LINK_MARK),
        HEADER_LINK_MARK: 1,
    }
    for mark, count in expected.items():
        if raw.count(mark.encode()) != count:
            return None
    return MimeTemplate(raw=raw, from_email=email.from_email, boundary=generated.get_boundary())
