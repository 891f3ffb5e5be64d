from django.utils import timezone

from notifications.enums import DeliveryStatus
from notifications.models import Delivery


def inbox_mark_read(*, member, delivery_id: int | None = None) -> int:
    """Mark one message (or, without an id, all) as read; only the member's own."""
    unread = Delivery.objects.filter(
        recipient=member, status=DeliveryStatus.SENT, read_at__isnull=True
    )
    if delivery_id is not None:
        unread = unread.filter(pk=delivery_id)
    return unread.update(read_at=timezone.now())
