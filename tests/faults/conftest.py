"""Fault tests run the site as in production (gunicorn, DEBUG=0, a Celery worker) on a private
PostgreSQL and Redis of their own, which they stop and start: never the machine's shared ones.

The cluster starts once per session (scripts/with_services.py's PrivatePostgres), with a
template database migrated and seeded (tests/faults/seed.py); each test gets a copy of it.
"""

import json
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from scripts.with_services import PrivatePostgres, PrivateRedis
from tests import processes

TEMPLATE = "tadamun_template"


def site_env(*, database_url: str, redis_url: str, static_root: Path, smtp_port=None) -> dict:
    env = processes.production_env(static_root=static_root, smtp_port=smtp_port)
    env.update(DATABASE_URL=database_url, REDIS_URL=redis_url, CELERY_BROKER_URL=redis_url)
    return env


@dataclass
class Cluster:
    server: PrivatePostgres
    seed: dict
    static_root: Path

    def create_database(self, *, template: str | None = TEMPLATE) -> str:
        """A new database (a copy of the seeded template, or empty); returns its URL."""
        name = f"site_{uuid.uuid4().hex[:12]}"
        copy = f" TEMPLATE {template}" if template else ""
        with psycopg.connect(self.server.url("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}{copy}")
        return self.server.url(name)


def run_django(env: dict, *args: str) -> str:
    """Run the project's Python with `args`; its output, or the test fails with its errors."""
    done = subprocess.run(  # noqa: S603 — our own interpreter and project
        [sys.executable, *args], cwd=processes.ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        pytest.fail(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    server = PrivatePostgres()
    server.start()
    redis = PrivateRedis()
    redis.start()
    try:
        with psycopg.connect(server.url("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {TEMPLATE}")
        static_root = tmp_path_factory.mktemp("static")
        env = site_env(
            database_url=server.url(TEMPLATE), redis_url=redis.url(0), static_root=static_root
        )
        run_django(env, "manage.py", "migrate", "--noinput", "-v0")
        processes.collect_static(env)
        seeded = run_django(env, "-m", "tests.faults.seed")
        yield Cluster(server, json.loads(seeded.splitlines()[-1]), static_root)
    finally:
        redis.stop()
        server.remove()


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@dataclass
class Site:
    port: int
    server: subprocess.Popen
    log: Path
    env: dict

    def booted_workers(self) -> int:
        return self.log.read_text().count("Booting worker")


@pytest.fixture
def start_site(cluster, tmp_path):
    """Start the site (gunicorn, deploy/gunicorn.conf.py) on a database and Redis; stopped at
    the end of the test."""
    started = []

    def start(*, database_url: str, redis_url: str, smtp_port=None, name="web") -> Site:
        env = site_env(
            database_url=database_url,
            redis_url=redis_url,
            static_root=cluster.static_root,
            smtp_port=smtp_port,
        )
        port, log = processes.free_port(), tmp_path / f"{name}.log"
        server = processes.start_web(env, port=port, log=log, workers=2)
        started.append(server)
        processes.wait_until_serving(port, server, log)
        return Site(port, server, log, env)

    yield start
    processes.stop(*started)
