from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import User
from members.tasks import purge_unverified_signups
from tests.factories import MemberFactory


@pytest.mark.django_db
def test_old_unverified_signups_are_forgotten_and_others_kept(settings):
    settings.UNVERIFIED_SIGNUP_RETENTION_DAYS = 7
    old = timezone.now() - timedelta(days=8)
    stale = MemberFactory(verified_email=False, date_joined=old)
    verified = MemberFactory(date_joined=old)
    recent = MemberFactory(verified_email=False)
    purge_unverified_signups.apply().get()
    remaining = set(User.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining
    assert {verified.pk, recent.pk} <= remaining
    purge_unverified_signups.apply().get()  # a second run is harmless
    assert set(User.objects.values_list("pk", flat=True)) == remaining
