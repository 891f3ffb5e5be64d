"""Test settings: the real PostgreSQL and Redis, never SQLite.

`make test` (scripts/with_services.py) exports DATABASE_URL and REDIS_URL, starting private
instances when none answers; running pytest by hand needs both variables set the same way.
"""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
# Not the test client's host (testserver), so that a link built from a request shows; and set
# for the workers that tests and benchmarks start with production's DEBUG=0.
os.environ.setdefault("SITE_URL", "http://localhost:8000")
# Required with DEBUG=0 (a benchmark's worker); replaced below by the test mail backend.
os.environ.setdefault("EMAIL_URL", "memorymail://")

from config.settings import *

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "Tests run on PostgreSQL: set DATABASE_URL=postgres://… (make test)."
    )
if not REDIS_URL:
    raise ImproperlyConfigured("Tests run on Redis: set REDIS_URL=redis://… (make test).")

# Threads started by tests (a worker, the live server) must not keep connections past the test,
# or the test database cannot be dropped; a benchmark's worker process sets its own age.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not os.environ.get("TADAMUN_TEST_EMAIL_URL"):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:  # a worker process started by a test, sending to that test's SMTP server
    vars().update(env.email_url("TADAMUN_TEST_EMAIL_URL"))
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
CACHES["default"]["KEY_PREFIX"] = "tadamun-test"
SECURE_SSL_REDIRECT = False
LOGGING["root"]["level"] = "WARNING"
# Workers that tests start are followed by their log lines (a task received, retried, lost):
# Celery's own logging, as in production, not the quiet terminal of `make run` (DEVELOPMENT).
for _logger in ("celery", "kombu"):
    LOGGING["loggers"].pop(_logger, None)
CELERY_WORKER_HIJACK_ROOT_LOGGER = True
# Serve static files from the source folders, as in development: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Unit tests run task bodies in-process; the integration tests start a real worker on Redis
# and switch this off for themselves. A worker started as a separate process (the benchmark,
# the crash test) is told through the environment, or the tasks it enqueues would run inside it.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
