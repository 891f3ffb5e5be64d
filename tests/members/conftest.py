import pytest
from kombu import pools

from config.celery import app as celery_app
from tests.processes import free_port


@pytest.fixture
def broker_unreachable(settings, monkeypatch):
    """Tasks published to a port where no broker listens, so kombu raises its own
    OperationalError as with Redis stopped (tests/faults/ stop a real one)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.task_always_eager = False
    nowhere = celery_app.connection_for_write(f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setattr(celery_app.amqp, "_producer_pool", pools.producers[nowhere])
    yield
    celery_app.conf.task_always_eager = True
    nowhere.release()
