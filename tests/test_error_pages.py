"""handler500 (config/views.py): an unreachable database is a 503, anything else stays a 500.
tests/faults/test_database_restart.py stops a real PostgreSQL under a real server."""

import pytest
from django.db import InterfaceError, OperationalError
from django.utils import translation

from config.views import server_error


def answer_to(error: Exception, request):
    try:
        raise error
    except Exception:  # as Django calls handler500: while the exception is handled
        return server_error(request)


@pytest.mark.parametrize(
    "error", [OperationalError("connection refused"), InterfaceError("connection already closed")]
)
def test_unreachable_database_is_a_503_in_the_readers_language(rf, error):
    with translation.override("ar"):
        response = answer_to(error, rf.get("/ar/events/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert 'lang="ar" dir="rtl"' in response.content.decode()
    assert "الموقع غير متاح لبرهة" in response.content.decode()


def test_other_errors_keep_the_500_page(rf):
    response = answer_to(ValueError("a bug"), rf.get("/en/events/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_a_silent_database_host_is_given_up_on_within_seconds():
    # Without a connect timeout a host that drops packets holds the worker for minutes and the
    # proxy answers 502 instead of the 503 page above.
    from django.db import connection

    assert connection.get_connection_params()["connect_timeout"] == 5


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_503_page_is_true_for_any_request_and_its_retry_after(rf, method):
    response = answer_to(OperationalError("connection refused"), getattr(rf, method)("/en/"))
    html = response.content.decode()
    assert "minute" not in html  # Retry-After is RETRY_AFTER_SECONDS, 30
    assert "Please try again in a moment. If you were sending a form, it was not saved" in html
    with translation.override("fa"):
        persian = answer_to(OperationalError("connection refused"), rf.get("/fa/"))
    assert "لحظاتی دیگر" in persian.content.decode()
