import pytest

from tests.factories import EventFactory


@pytest.fixture
def event(db):
    return EventFactory()
