from typing import Any

from django.db import transaction

from events.models import Topic
from events.services.fields import apply_fields


@transaction.atomic
def topic_save(*, topic: Topic | None, fields: dict[str, Any]) -> Topic:
    topic = topic or Topic()
    apply_fields(topic, fields)
    topic.full_clean()
    topic.save()
    return topic
