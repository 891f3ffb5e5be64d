"""The data the fault tests find on their site: `python -m tests.faults.seed` prints what they
need to know of it (addresses, ids, the private calendar token) as JSON.

Run once per test session, with the site's production settings, into the template database
each test's database is copied from. Answers are written without their notices (RsvpFactory),
so no test starts with mail waiting to be sent.
"""

import json
from datetime import timedelta

import django

django.setup()

from django.utils import timezone  # noqa: E402

from events.services.feed_tokens import feed_token_create  # noqa: E402
from tests.factories import ApprovedMemberFactory, EventFactory, RsvpFactory  # noqa: E402


def seed() -> dict:
    soon = timezone.now().replace(second=0, microsecond=0) + timedelta(days=3)
    member = ApprovedMemberFactory(email="amina@tadamun.example", display_name="Amina")
    reader = ApprovedMemberFactory(
        email="reza@tadamun.example", preferred_language="fa", time_zone="Asia/Tehran"
    )
    events = [
        EventFactory(
            title_en="Solidarity rally", title_ar="وقفة تضامن", title_fa="تجمع همبستگی",
            starts_at=soon, ends_at=soon + timedelta(hours=2), guest_registration=True,
        ),
        EventFactory(
            title_en="Workers' assembly", title_fa="مجمع کارگران",
            starts_at=soon + timedelta(days=1), ends_at=soon + timedelta(days=1, hours=3),
            time_zone="Asia/Tehran",
        ),
        EventFactory(
            title_en="Members' meeting", title_ar="اجتماع الأعضاء", visibility="members",
            starts_at=soon + timedelta(days=2), ends_at=soon + timedelta(days=2, hours=1),
        ),
        EventFactory(title_en="Open assembly", starts_at=soon + timedelta(days=5)),
    ]  # fmt: skip
    for event, answers in zip(
        events, [["going", "going"], ["maybe", "going"], ["going", "not_going"], []], strict=True
    ):
        for person, status in zip([member, reader], answers, strict=False):
            RsvpFactory(event=event, member=person, status=status)
    return {
        "member": member.email,
        "reader": reader.email,
        "events": [event.pk for event in events],
        "open_event": events[3].pk,
        "guest_event": events[0].pk,
        "feed_token": feed_token_create(member=member),
    }


if __name__ == "__main__":
    print(json.dumps(seed()))
