"""Shared set-up for the benchmarks: Django with the test settings on a throwaway database.

Run through `make bench` (or scripts/with_services.py), which provides PostgreSQL and Redis.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402


@contextmanager
def throwaway_database() -> Iterator[None]:
    config = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)


def measure(action: Callable[[], object], *, runs: int = 15, warmup: int = 2) -> tuple[float, int]:
    """Median wall time in milliseconds over `runs`, and the SQL query count of one run."""
    for _ in range(warmup):
        action()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper survives the reconnects that each request's signals may cause.
    with connection.execute_wrapper(count):
        action()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), len(queries)
