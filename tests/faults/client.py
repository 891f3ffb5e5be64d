"""What the fault tests drive the site with: a browser that speaks to gunicorn as the TLS
proxy does, and SQL straight to the site's database."""

import http.client
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import psycopg
from django.utils.crypto import get_random_string

from tests import processes


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: str


@dataclass
class Browser:
    """A browser's requests through the TLS proxy (Host and X-Forwarded-Proto as nginx sends
    them), keeping its cookies; forms carry the CSRF token."""

    port: int
    cookies: dict = field(default_factory=dict)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Reply:
        return self.request("POST", path, data)

    def request(self, method: str, path: str, data: dict | None = None) -> Reply:
        origin = f"https://{processes.PUBLIC_HOST}"
        headers = {"Host": processes.PUBLIC_HOST, "X-Forwarded-Proto": "https"}
        body = None
        if data is not None:
            token = self.cookies.setdefault("csrftoken", get_random_string(32))
            body = urlencode({**data, "csrfmiddlewaretoken": token})
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Reply(response.status, response.headers, text)


def query(database_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    with psycopg.connect(database_url, autocommit=True) as connection:
        cursor = connection.execute(sql, params)
        return cursor.fetchall() if cursor.description else []
