"""The login throttle under gunicorn behind a small reverse proxy that appends X-Forwarded-For.

The proxy does what README's nginx does (`$proxy_add_x_forwarded_for`); the owner and the
attacker reach it from two loopback addresses, 127.0.0.2 and 127.0.0.3.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest

from accounts.testing import PASSWORD
from tonghop.serving import free_port, running_gunicorn

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs 127.0.0.0/8 on loopback")

LOGIN = "/tai-khoan/dang-nhap/"
OWNER, ATTACKER = "127.0.0.2", "127.0.0.3"


def _proxy_to(upstream: int) -> ThreadingHTTPServer:
    class Forward(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
            prior = self.headers.get("X-Forwarded-For")
            peer = self.client_address[0]
            headers["X-Forwarded-For"] = f"{prior}, {peer}" if prior else peer
            upstream_connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=60)
            upstream_connection.request(self.command, self.path, body, headers)
            answer = upstream_connection.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in {"connection", "transfer-encoding", "content-length"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _forward

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Visitor:
    """A browser at one source address: keeps its cookies, posts the login form with its token."""

    def __init__(self, source: str, port: int) -> None:
        self.source, self.port, self.cookies = source, port, {}

    def request(self, method: str, path: str, fields=None, headers=None) -> tuple[int, str]:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, source_address=(self.source, 0), timeout=60
        )
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if fields is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(
            method, path, urlencode(fields) if fields else None, sent | (headers or {})
        )
        answer = connection.getresponse()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, value = cookie.split(";")[0].split("=", 1)
            self.cookies[name] = value
        return answer.status, answer.read().decode()

    def login(self, password: str, **headers: str) -> int:
        _, page = self.request("GET", LOGIN)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        fields = {"csrfmiddlewaretoken": token, "username": "bdt", "password": password}
        return self.request("POST", LOGIN, fields, headers)[0]


def _manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "-m", "tonghop.cli", "manage", *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_under_gunicorn_behind_a_proxy_the_attacker_waits_and_the_owner_gets_in(tmp_path):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"TONGHOP_PRODUCTION", "DATABASE_REPLICA_URL", "REDIS_URL"}
    }
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TONGHOP_TRUSTED_PROXY_COUNT": "1",
    }
    _manage(env, "migrate", "-v0")
    create = (
        f"from accounts.models import User; User.objects.create_user('bdt', password='{PASSWORD}')"
    )
    _manage(env, "shell", "-c", create)
    port = free_port()
    with running_gunicorn(env, port=port, workers=2):
        proxy = _proxy_to(port)
        try:
            owner = Visitor(OWNER, proxy.server_address[1])
            attacker = Visitor(ATTACKER, proxy.server_address[1])
            statuses = [attacker.login("sai-mat-khau-1") for _ in range(5)]
            assert statuses == [200, 200, 200, 200, 429]
            assert attacker.login(PASSWORD) == 429
            # The attacker writes the owner's address; the proxy appends the real one after it.
            assert attacker.login(PASSWORD, **{"X-Forwarded-For": OWNER}) == 429
            assert owner.login(PASSWORD) == 302
        finally:
            proxy.shutdown()
