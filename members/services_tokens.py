"""Personal API tokens (issue 15): making, revoking and marking them used.

The reads (whose a token is, a member's list) are in members/selectors_tokens.py.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.digits import local_digits
from members.models import ApiToken, User
from members.models_tokens import PREFIX_LENGTH, TOKEN_START, api_token_digest
from members.services import locked_member
from members.validators import clean_visible_name

# How many tokens one member may hold at once: enough for a few scripts and devices, few
# enough that a forgotten one is noticed in the list.
MAX_API_TOKENS = 10


class ApiTokenRefused(ValidationError):
    pass


@transaction.atomic
def api_token_create(*, member: User, label: str) -> tuple[ApiToken, str]:
    """Make a token named `label` for an approved member; return it with its secret, which is
    stored only as a digest, so this is the one time it can be shown.

    Locks the member's row, so that tokens made at once are counted one at a time and never
    exceed MAX_API_TOKENS.
    """
    name = clean_visible_name(label, blank_message=_("Please give the token a name."))
    locked = locked_member(member.pk)
    if not (locked.is_approved and locked.is_active):
        raise ApiTokenRefused(
            _(
                "API tokens are for approved members. You can make one once your membership "
                "has been approved."
            ),
            code="not_approved",
        )
    if ApiToken.objects.filter(member=locked).count() >= MAX_API_TOKENS:
        raise ApiTokenRefused(
            ngettext(
                "You already have %(count_shown)s API token, the most you can have. Revoke one "
                "you no longer use to make a new one.",
                "You already have %(count_shown)s API tokens, the most you can have. Revoke "
                "one you no longer use to make a new one.",
                MAX_API_TOKENS,
            )
            % {"count_shown": local_digits(MAX_API_TOKENS)},
            code="too_many",
        )
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(
        member=locked, label=name, prefix=secret[:PREFIX_LENGTH], digest=api_token_digest(secret)
    )
    token.full_clean(exclude=["member"], validate_constraints=False)  # the label's length
    token.save()
    return token, secret


def api_token_revoke(*, member: User, token_id: int) -> bool:
    """Revoke one of the member's tokens: it stops working at once. True if there was one."""
    deleted, _by_model = ApiToken.objects.filter(member=member, pk=token_id).delete()
    return deleted > 0


def api_token_mark_used(*, token: ApiToken) -> None:
    """Note today (the date only) as the token's last use: at most one write a day."""
    today = timezone.now().date()  # in UTC, whatever the member's zone
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).exclude(last_used_on=today).update(last_used_on=today)
        token.last_used_on = today
