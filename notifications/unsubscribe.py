"""One-click unsubscribe links: encrypted, so they need no login and no stored token.

A link names who (member id or guest address) and which mail (reminders, digest, notices). Its
token is a Fernet token (AES-CBC with an HMAC, from `cryptography`) under a key derived from
SECRET_KEY: it cannot be forged, and it cannot be read either, so a guest's address never shows
in the URL a proxy writes to its log (docs/PRIVACY.md). It never expires: an old email's link
still works, also one sent before the tokens were encrypted (then only signed).
"""

import base64
import json

from cryptography.fernet import Fernet, InvalidToken
from django.core import signing
from django.db import transaction
from django.db.models import TextChoices
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from members.models import User
from notifications.enums import NoticeKind
from notifications.models import Suppression

SALT = "tadamun.unsubscribe"


class Scope(TextChoices):
    REMINDERS = "reminders", _("event reminders")
    DIGEST = "digest", _("the weekly digest")
    NOTICES = "notices", _("notices about events, proposals and your membership")


def scope_for(kind: str) -> str:
    if kind == NoticeKind.REMINDER:
        return Scope.REMINDERS
    if kind == NoticeKind.WEEKLY_DIGEST:
        return Scope.DIGEST
    return Scope.NOTICES


def _fernet() -> Fernet:
    key = salted_hmac(SALT, "fernet key", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(key))


def make_token(*, scope: str, member_id: int | None = None, email: str = "") -> str:
    payload = {"s": scope, "m": member_id} if member_id else {"s": scope, "e": email.lower()}
    return _fernet().encrypt(json.dumps(payload, separators=(",", ":")).encode()).decode()


def read_token(token: str) -> dict | None:
    try:
        payload = json.loads(_fernet().decrypt(token))
    except (InvalidToken, ValueError):
        try:
            payload = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            return None
    if not isinstance(payload, dict) or payload.get("s") not in Scope.values:
        return None
    return payload


MEMBER_FLAGS = {
    Scope.REMINDERS: "reminders_enabled",
    Scope.DIGEST: "weekly_digest",
    Scope.NOTICES: "email_notices",
}


@transaction.atomic
def unsubscribe(payload: dict) -> bool:
    """Apply a link's request. Returns False when the member no longer exists. Idempotent."""
    scope = payload["s"]
    if payload.get("m"):
        updated = User.objects.filter(pk=payload["m"], deleted_at__isnull=True).update(
            **{MEMBER_FLAGS[scope]: False}
        )
        return bool(updated)
    Suppression.objects.get_or_create(email=payload["e"], scope=scope)
    return True
