import secrets

from django.db import transaction
from django.utils import timezone

from events.models import CalendarFeedToken
from events.models.feed_token import token_digest
from members.models import User


@transaction.atomic
def feed_token_create(*, member: User) -> str:
    """Give the member a new private-calendar token and return it; it is stored only as a
    digest, so this is the one time it can be shown. Any earlier token stops working at once
    (the row is replaced under the lock `update_or_create` takes)."""
    token = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.update_or_create(
        member=member,
        defaults={"digest": token_digest(token), "created_at": timezone.now()},
    )
    return token


def feed_token_revoke(*, member: User) -> bool:
    """Turn the member's private calendar off; True if there was one."""
    deleted, _by_model = CalendarFeedToken.objects.filter(member=member).delete()
    return deleted > 0
