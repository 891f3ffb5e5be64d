import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def production_env() -> dict[str, str]:
    """Everything production requires (.env.example), and nothing from this test run."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "tadamun.example.org",
        "SITE_URL": "https://tadamun.example.org",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        "EMAIL_URL": "smtp+tls://user:password@smtp.example.org:587",
    }


def test_production_settings_pass_check_deploy_without_warnings():
    env = production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = production_env()
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_refuse_to_start_without_the_sites_address():
    # Without it every link in every mail would point at a development address.
    env = production_env()
    env.pop("SITE_URL")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


# Run by the production process itself: the headers of an answer that needs neither the
# database nor collected static files (the API's JSON answer for an address it does not have),
# as JSON.
ANSWER_HEADERS = """
import json
from django.test import Client
response = Client().get(
    "/api/v1/no-such-thing/", secure=True, headers={"host": "tadamun.example.org"}
)
print(json.dumps({"status": response.status_code, **response.headers}))
"""


def test_production_settings_send_the_security_headers():
    env = production_env()
    result = subprocess.run(  # noqa: S603 — the script just above
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", ANSWER_HEADERS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.splitlines()[-1])
    assert headers["status"] == 404
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


ONION_URL = "http://" + "tadamun2" * 7 + ".onion"


def test_production_settings_with_an_onion_service_pass_check_deploy():
    env = {**production_env(), "ONION_URL": ONION_URL}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "onion_url",
    [
        "https://" + "tadamun2" * 7 + ".onion",  # the onion service serves plain http
        "http://tadamun.onion",  # a v2 address, gone since 2021
        ONION_URL + "/en/",  # a path
        "http://" + "tadamun1" * 7 + ".onion",  # 1 is no base32 digit
        "tadamun2" * 7 + ".onion",
    ],
)
def test_production_settings_refuse_an_onion_address_of_another_shape(onion_url):
    env = {**production_env(), "ONION_URL": onion_url}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ONION_URL must be a v3 onion service's address" in result.stderr


# Through the onion host, as the onion service's nginx server passes it on (plain http).
ONION_HEADERS = """
import json
from django.test import Client
response = Client().get("/api/v1/no-such-thing/", headers={"host": "%s"})
print(json.dumps({"status": response.status_code, **response.headers}))
"""


def test_production_settings_serve_the_onion_host_over_http_without_hsts():
    env = {**production_env(), "ONION_URL": ONION_URL}
    script = ONION_HEADERS % ONION_URL.removeprefix("http://")
    result = subprocess.run(  # noqa: S603 — the script just above
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.splitlines()[-1])
    assert headers["status"] == 404  # answered, not redirected to https
    assert "Strict-Transport-Security" not in headers
    assert "Onion-Location" not in headers
    assert headers["X-Content-Type-Options"] == "nosniff"
