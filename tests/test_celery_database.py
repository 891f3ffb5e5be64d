"""Celery workers keep their database connection from task to task, as a web server keeps it
from request to request: opening one per task cost more than sending a reminder."""

import time

import pytest
from celery.fixups.django import DjangoWorkerFixup
from django.db import connection

from config.celery import _database_connections_like_a_request as between_tasks
from config.celery import app as celery_app
from notifications.tasks import send_deliveries


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.fixture
def kept_connections():
    """Production's connection age (the test settings use 0), restored afterwards."""
    original = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.close()
    yield
    connection.settings_dict["CONN_MAX_AGE"] = original
    connection.close()


@pytest.fixture
def in_worker():
    send_deliveries.push_request(is_eager=False)
    yield send_deliveries
    send_deliveries.pop_request()


@pytest.mark.django_db(transaction=True)
def test_celerys_own_django_support_leaves_the_connection_open(kept_connections):
    before = backend_pid()
    DjangoWorkerFixup(celery_app).close_database()  # what Celery runs around every task
    assert connection.connection is not None
    assert backend_pid() == before


@pytest.mark.django_db(transaction=True)
def test_the_connection_survives_from_task_to_task(kept_connections, in_worker):
    before = backend_pid()
    between_tasks(task=in_worker)
    between_tasks(task=in_worker)
    assert backend_pid() == before


@pytest.mark.django_db(transaction=True)
def test_a_connection_past_its_age_is_closed_between_tasks(kept_connections, in_worker):
    backend_pid()
    connection.close_at = time.monotonic() - 1
    between_tasks(task=in_worker)
    assert connection.connection is None


@pytest.mark.django_db
def test_a_task_run_in_place_leaves_its_callers_transaction_alone():
    """Eager tasks (tests, `make run` without a broker) share the caller's connection and
    transaction: closing it would break the caller."""
    before = backend_pid()
    send_deliveries.push_request(is_eager=True)
    try:
        between_tasks(task=send_deliveries)
    finally:
        send_deliveries.pop_request()
    assert not connection.needs_rollback
    assert backend_pid() == before


def test_a_waiting_retry_is_never_handed_to_a_second_worker(settings):
    # Redis redelivers unacknowledged tasks after the visibility timeout; retries wait up to
    # NOTIFICATIONS_RETRY_MAX_SECONDS before they run.
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout > settings.NOTIFICATIONS_RETRY_MAX_SECONDS
