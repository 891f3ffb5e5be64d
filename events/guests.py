"""Guest tokens: the secret in a guest's link is never stored, only its SHA-256 digest."""

import hashlib
import secrets


def new_guest_token() -> tuple[str, str]:
    """Return (token for the link, digest for the database)."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
