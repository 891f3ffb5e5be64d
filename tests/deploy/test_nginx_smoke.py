"""`make serve` behind Debian's nginx with deploy/nginx.conf, checked over real HTTPS.

One server as docs/DEPLOY.md sets it up: nginx terminates TLS (a self-signed certificate made
here) and forwards to the gunicorn that `make serve` starts, beside a Celery worker and beat, on
this run's PostgreSQL database and Redis. Only what a test cannot do in a real deployment
differs: ports, log directory, certificate (see `site_config`).
"""

import gzip
import os
import re
import secrets
import signal
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.factories import PASSWORD, ApprovedMemberFactory, EventFactory
from tests.processes import database_url, free_port

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX = "/usr/sbin/nginx"
IP_ADDRESS = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b|::1\b")
# A gunicorn access-log line in `make serve`'s output, whatever deploy/gunicorn.conf.py's format.
GUNICORN_ACCESS = re.compile(r'^\S+ web\.1 +\| .*"(GET|POST) /')
# Variables of the test run that must not reach the production processes.
TEST_ONLY = (
    "DATABASE_",
    "REDIS_",
    "CELERY_",
    "DJANGO_",
    "TADAMUN_",
    "EMAIL_",
    "DEBUG",
    "MAKE",
    "MFLAGS",
)

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.timeout(120)]


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for `localhost`, valid for a day; returns (certificate, key) paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "localhost.crt", directory / "localhost.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def site_config(*, https_port: int, http_port: int, upstream: str, logs: Path, cert, key) -> str:
    """deploy/nginx.conf with its placeholders filled, and this test's ports, log directory and
    loopback-only addresses in place of the standard ones."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    fill = {
        "@SERVER_NAME@": "localhost",
        "@CERTIFICATE@": str(cert),
        "@CERTIFICATE_KEY@": str(key),
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "server 127.0.0.1:8001;": f"server {upstream};",
        "/var/log/nginx/": f"{logs}/",
    }
    for placeholder, value in fill.items():
        assert placeholder in site, f"deploy/nginx.conf no longer has {placeholder!r}"
        site = site.replace(placeholder, value)
    site = "\n".join(line for line in site.splitlines() if "listen [::]:" not in line)
    assert "@" not in site.replace("@%", "")
    return site


def nginx_main_config(directory: Path, site: str) -> Path:
    """A private nginx: its pid file, temporary files and logs in `directory`."""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {directory}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    config = directory / "nginx.conf"
    config.write_text(
        f"""{user}
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/nginx.error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{temp_paths}
{site}
}}
"""
    )
    return config


class Client:
    """An HTTPS client that keeps cookies, shows redirects instead of following them and trusts
    only the given certificate."""

    def __init__(self, base: str, certificate: Path):
        context = ssl.create_default_context(cafile=str(certificate))
        context.verify_flags &= ~ssl.VERIFY_X509_STRICT  # a bare self-signed test certificate

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect(),
        )

    def fetch(self, url: str, *, data: dict | None = None, headers: dict | None = None):
        """(status, headers, body) of one request; `url` may be a path under the base."""
        if url.startswith("/"):
            url = self.base + url
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def cookie(self, name: str):
        return next((cookie for cookie in self.cookies if cookie.name == name), None)


def serve_env(tmp_path: Path, *, site_url: str, gunicorn_port: int) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(TEST_ONLY)}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL=site_url,
        DATABASE_URL=database_url(),
        REDIS_URL=settings.REDIS_URL,
        EMAIL_URL="dummymail://",
        BEHIND_TLS_PROXY="1",
        GUNICORN_BIND=f"127.0.0.1:{gunicorn_port}",
        GUNICORN_WORKERS="2",
        CELERY_WORKER_CONCURRENCY="1",
        CELERY_BEAT_SCHEDULE_FILENAME=str(tmp_path / "celerybeat-schedule"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    return env


def wait_until_up(
    client: Client, processes: list, logs: Callable[[], str], timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            break
        try:
            if client.fetch("/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"no answer through nginx:{logs()}")


def said(log: Path, pattern: str, timeout: float = 30) -> bool:
    """Whether a line matching `pattern` shows up in `log` within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not re.search(pattern, log.read_text()):
        if time.monotonic() > deadline:
            print(log.read_text()[-3000:])
            return False
        time.sleep(0.3)
    return True


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a process started in its own session, with everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def test_make_serve_behind_nginx_answers_over_https(transactional_db, tmp_path):
    member = ApprovedMemberFactory(display_name="Layla Serve")
    # The production settings know PBKDF2, not the tests' fast hasher.
    member.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    member.save(update_fields=["password"])
    EventFactory(title_en="Served over HTTPS")

    https_port, http_port, gunicorn_port = free_port(), free_port(), free_port()
    cert, key = self_signed_certificate(tmp_path)
    site = site_config(
        https_port=https_port,
        http_port=http_port,
        upstream=f"127.0.0.1:{gunicorn_port}",
        logs=tmp_path,
        cert=cert,
        key=key,
    )
    base = f"https://localhost:{https_port}"
    serve_log, nginx_log = tmp_path / "serve.log", tmp_path / "nginx.out"
    with serve_log.open("w") as output:
        serve = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],  # noqa: S607 — the command people run
            cwd=ROOT, env=serve_env(tmp_path, site_url=base, gunicorn_port=gunicorn_port),
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    with nginx_log.open("w") as output:
        nginx = subprocess.Popen(  # noqa: S603 — Debian's nginx with our configuration
            [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "nginx.error.log"),
             "-c", str(nginx_main_config(tmp_path, site)), "-g", "daemon off;"],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    client = Client(base, cert)

    def logs() -> str:
        """What the servers said, for a failure's message."""
        shown = (serve_log, nginx_log, tmp_path / "nginx.error.log")
        return "".join(f"\n--- {log.name}:\n{log.read_text()[-2000:]}" for log in shown)

    try:
        started = time.monotonic()
        wait_until_up(client, [serve, nginx], logs)
        print(f"make serve answered through nginx after {time.monotonic() - started:.1f} s")

        # Plain HTTP is sent to HTTPS.
        status, headers, _ = client.fetch(f"http://localhost:{http_port}/en/")
        assert status == 301, logs()
        assert headers["Location"] == "https://localhost/en/"

        # Pages in each language, in its direction, over HTTPS with HSTS.
        for language, direction in (("ar", "rtl"), ("fa", "rtl"), ("en", "ltr")):
            status, headers, body = client.fetch(f"/{language}/")
            page = body.decode()
            assert status == 200, logs()
            assert f'<html lang="{language}" dir="{direction}">' in page
            assert headers["Content-Language"] == language
            assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
            stylesheet = re.search(r'href="(/static/css/tadamun\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "pages link the hashed static files of the manifest"

        # A calendar feed and the health check.
        status, headers, body = client.fetch("/en/calendar/events.ics")
        assert status == 200, logs()
        assert headers["Content-Type"].startswith("text/calendar")
        assert b"Served over HTTPS" in body
        status, headers, body = client.fetch("/healthz")
        assert (status, body) == (200, b'{"status": "ok", "database": "ok", "broker": "ok"}')

        # Static files: cached for ever (their names change with their content), compressed.
        bootstrap = re.search(
            r'href="(/static/vendor/bootstrap/bootstrap\.trimmed\.min\.[0-9a-f]{12}\.css)"', page
        )
        for path in (stylesheet.group(1), bootstrap.group(1)):
            status, headers, plain = client.fetch(path)
            assert status == 200, logs()
            assert "max-age=315360000" in headers["Cache-Control"]
            assert "immutable" in headers["Cache-Control"]
            assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        status, headers, gzipped = client.fetch(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200, logs()
        assert headers["Content-Encoding"] == "gzip"
        assert len(gzipped) < len(plain) / 3
        # Pages too, by Django (nginx compresses nothing itself).
        status, headers, gzipped = client.fetch("/en/", headers={"Accept-Encoding": "gzip"})
        assert (status, headers["Content-Encoding"]) == (200, "gzip"), logs()
        assert b'<html lang="en" dir="ltr">' in gzip.decompress(gzipped)

        # A member signs in: the session and CSRF cookies are Secure and HttpOnly.
        status, headers, body = client.fetch("/en/accounts/login/")
        assert status == 200, logs()
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        status, headers, body = client.fetch(
            "/en/accounts/login/",
            data={"login": member.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/en/accounts/login/", "Origin": base},
        )
        assert status == 302, body.decode()[:3000] + logs()
        assert headers["Location"] == "/en/"
        set_cookies = {line.split("=", 1)[0]: line for line in headers.get_all("Set-Cookie")}
        for name in ("sessionid", "csrftoken"):
            attributes = [part.strip().lower() for part in set_cookies[name].split(";")]
            assert "secure" in attributes, set_cookies[name]
            assert "httponly" in attributes, set_cookies[name]
        status, headers, body = client.fetch("/en/")
        assert status == 200, logs()
        assert "<bdi>Layla Serve</bdi>" in body.decode()

        # The worker and beat run beside the web server.
        assert said(serve_log, r"worker\.1 .*celery@\S+ ready")
        assert said(serve_log, r"beat\.1 .*beat: Starting")
    finally:
        stop(nginx, signal.SIGQUIT)
        stop(serve)

    # Neither server wrote a client address down, and both did write the requests.
    nginx_access = (tmp_path / "tadamun.access.log").read_text()
    gunicorn_access = [
        line for line in serve_log.read_text().splitlines() if GUNICORN_ACCESS.match(line)
    ]
    assert nginx_access.count("\n") >= 12
    assert len(gunicorn_access) >= 12
    for log in (
        nginx_access,
        "\n".join(gunicorn_access),
        (tmp_path / "tadamun.error.log").read_text(),
    ):
        assert not IP_ADDRESS.search(log), log
