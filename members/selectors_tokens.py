"""Reads behind personal API tokens (issue 15): whose a token is, and a member's list."""

from typing import Any

from django.db.models import QuerySet

from members.models import ApiToken, User
from members.models_tokens import TOKEN_SHAPE, api_token_digest


def api_token_found(secret: str) -> ApiToken | None:
    """The token whose secret this is, with its member, if the member's account still works
    (active, not deleted); None for anything else. Whether the member may use it (approved)
    is the caller's question, so that it can say why not."""
    if not TOKEN_SHAPE.fullmatch(secret):
        return None
    return (
        ApiToken.objects.select_related("member")
        .filter(
            digest=api_token_digest(secret),
            member__is_active=True,
            member__deleted_at__isnull=True,
        )
        .first()
    )


def api_tokens_of(member: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(member=member).order_by("-created_at", "-pk")


def api_tokens_export(*, member: User) -> list[dict[str, Any]]:
    """The member's tokens for their data download: name, start, dates; never a secret (none is
    kept) nor its digest, which is a key to the account."""
    return [
        {
            "name": token.label,
            "starts_with": token.prefix,
            "created_at": token.created_at.isoformat(),
            "last_used_on": token.last_used_on.isoformat() if token.last_used_on else None,
        }
        for token in api_tokens_of(member)
    ]
