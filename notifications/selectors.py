from django.db.models import QuerySet

from notifications.enums import DeliveryStatus
from notifications.models import Delivery


def inbox_of(member) -> QuerySet[Delivery]:
    """What was sent to the member, newest first."""
    return Delivery.objects.filter(recipient=member, status=DeliveryStatus.SENT).order_by(
        "-sent_at", "-pk"
    )


def unread_count(member) -> int:
    return inbox_of(member).filter(read_at__isnull=True).count()
