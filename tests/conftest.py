import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

from tests.factories import ApprovedMemberFactory, MemberFactory, OrganizerFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The cache is the real Redis: rate limits and cached pages must not leak between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def admin_user(db):
    # Replaces pytest-django's, which knows nothing of our required display name.
    admin = ApprovedMemberFactory(is_staff=True, is_superuser=True, display_name="Admin")
    TOTP.activate(admin, generate_totp_secret())  # the admin site requires two factors
    return admin


@pytest.fixture
def pending_member(db):
    return MemberFactory()


@pytest.fixture
def member(db):
    return ApprovedMemberFactory()


@pytest.fixture
def organizer(db):
    return OrganizerFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.fixture
def site_url(settings):
    """A public address unlike the test client's host, so a link built from a request shows."""
    settings.SITE_URL = "https://tadamun.example.org"
    return settings.SITE_URL
