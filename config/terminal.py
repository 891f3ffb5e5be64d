"""What `make run` writes to its terminal (DEVELOPMENT in config/settings.py): one line a
request (none for a static file served), one line a mail, no timestamps (scripts/run.py puts
the time before every line)."""

import logging
import re
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

logger = logging.getLogger(__name__)

LINK = re.compile(r"https?://[^\s<>\"')\]]+")


class TerminalFormatter(logging.Formatter):
    """The message alone for INFO, "WARNING logger: message" above it. A traceback only for an
    error in the code (django.request's 500s, a task's failure): a refused request
    (django.security, e.g. a body over DATA_UPLOAD_MAX_MEMORY_SIZE) is one line, since its
    traceback would only show Django's own check."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno > logging.INFO:
            message = f"{record.levelname} {record.name}: {message}"
        if record.exc_info and not record.name.startswith("django.security"):
            message = f"{message}\n{self.formatException(record.exc_info)}"
        return message


class WithoutStaticFiles(logging.Filter):
    """Leaves out runserver's access line for a static file or /favicon.ico that was served:
    a page load asks for several, and their lines buried the page's own. One that failed (4xx,
    5xx) is kept, as that is worth seeing."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) >= 400:
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        request_line = args[0] if args and isinstance(args[0], str) else ""
        parts = request_line.split()
        path = parts[1] if len(parts) > 1 else ""
        return not (path.startswith(settings.STATIC_URL) or path == "/favicon.ico")


def _summary(message: EmailMessage) -> str:
    links = list(dict.fromkeys(LINK.findall(message.body or "")))
    subject = " ".join(str(message.subject).split())
    line = f"Mail to {', '.join(message.recipients())}: “{subject}”"
    return f"{line} {' '.join(links)}" if links else line


class TerminalEmailBackend(BaseEmailBackend):
    """`make run`'s mail: a line in the terminal (recipients, subject and the links in the
    text, ready to follow), and the whole message (HTML part and calendar file included)
    written to var/mail/ as a .eml file any mail program opens."""

    def send_messages(self, email_messages) -> int:
        folder = Path(settings.VAR_DIR) / "mail"
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")  # noqa: DTZ005 — a file name
            (folder / f"{stamp}.eml").write_bytes(message.message().as_bytes(linesep="\n"))
            logger.info("%s", _summary(message))
            sent += 1
        return sent
