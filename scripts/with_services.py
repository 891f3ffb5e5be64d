#!/usr/bin/env python
"""Run a command (the test suite) with PostgreSQL and Redis reachable.

DATABASE_URL and REDIS_URL name the servers to use (defaults: the local ones on their standard
ports). When one does not answer, a private throwaway instance is started on a free port for the
length of the command, installing Debian's `postgresql` / `redis-server` package first when the
binaries are missing and we run as root. It never falls back to SQLite and never skips tests.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tadamun"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def log(message: str) -> None:
    print(f"[with_services] {message}", file=sys.stderr, flush=True)


def answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 3
        ):
            return True
    except OSError:
        return False


def postgres_answers(url: str) -> bool:
    if not answers(url, 5432):
        return False
    import psycopg

    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, connect_timeout=5):
            return True
    except psycopg.Error as error:
        log(f"PostgreSQL at {url} refused us: {error}")
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def apt_install(package: str) -> None:
    if os.geteuid() != 0:
        sys.exit(
            f"{package} is missing and we are not root: install it or point the URL at a server."
        )
    log(f"installing the {package} package")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-q", package], check=True, env=env)


def postgres_bin_dir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if candidates:
        return Path(candidates[-1])
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free port, in a temporary folder. It can be stopped
    and started again on the same port (the fault tests do); remove() stops it for good."""

    def __init__(self):
        self.bin_dir = postgres_bin_dir()
        if self.bin_dir is None:
            apt_install("postgresql")
            self.bin_dir = postgres_bin_dir()
        self.workdir = Path(tempfile.mkdtemp(prefix="tadamun-test-pg-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root.
            shutil.chown(self.workdir, user="postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.workdir / "data"
        self.port = free_port()
        self._pg_ctl = [*self.as_user, self.bin_dir / "pg_ctl", "-D", self.data]
        initdb = [self.bin_dir / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust"]
        subprocess.run([*self.as_user, *initdb], check=True, stdout=subprocess.DEVNULL)

    def url(self, name: str = "tadamun") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*self._pg_ctl, "-l", self.workdir / "log", "-w", "start", "-o", options],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends open sessions and shuts down cleanly; `immediate` is a crash."""
        subprocess.run(
            [*self._pg_ctl, "-m", mode, "-w", "stop"], check=False, stdout=subprocess.DEVNULL
        )

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.workdir, ignore_errors=True)


@contextlib.contextmanager
def private_postgres():
    server = PrivatePostgres()
    server.start()
    log(f"started a private PostgreSQL on port {server.port}")
    try:
        yield server.url()
    finally:
        server.remove()


class PrivateRedis:
    """A throwaway Redis on a free port that keeps nothing on disk: stopped and started again
    (same port) it comes back empty, as a restarted broker without persistence does."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            apt_install("redis-server")
            self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 15) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        for _attempt in range(100):
            if answers(self.url(), self.port):
                return
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@contextlib.contextmanager
def private_redis():
    server = PrivateRedis()
    server.start()
    log(f"started a private Redis on port {server.port}")
    try:
        yield server.url()
    finally:
        server.stop()


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit("usage: with_services.py COMMAND [ARGS...]")
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    with contextlib.ExitStack() as stack:
        if not postgres_answers(database_url):
            log(f"no PostgreSQL answers at {database_url}")
            database_url = stack.enter_context(private_postgres())
        if not answers(redis_url, 6379):
            log(f"no Redis answers at {redis_url}")
            redis_url = stack.enter_context(private_redis())
        env = dict(os.environ, DATABASE_URL=database_url, REDIS_URL=redis_url)
        env.setdefault("CELERY_BROKER_URL", redis_url)
        return subprocess.run(sys.argv[1:], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
