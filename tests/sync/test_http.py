"""URL policy, redirects, backoff, Retry-After and the rate cap of sync.http."""
from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from moodle_server import Fault

from sync.errors import (SourceNeedsAttention, SourceResponseError, SourceUnavailable,
                         UnsafeSourceURL)
from sync.http import (HttpOptions, RateLimiter, RetryPolicy, Secret, SourceHttpClient,
                       parse_retry_after)
from sync.url_policy import check_source_url, public_url


def resolving_to(address):
    def resolver(host, port, *args):
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]
    return resolver


@pytest.mark.parametrize("url, address", [
    ("http://lms.example.org/", "127.0.0.1"),
    ("https://lms.example.org/", "10.1.2.3"),
    ("https://lms.example.org/", "192.168.0.10"),
    ("https://lms.example.org/", "169.254.169.254"),
    ("https://lms.example.org/", "::1"),
    ("https://lms.example.org/", "::ffff:127.0.0.1"),
    ("https://lms.example.org/", "fd00::1"),
    ("https://lms.example.org/", "0.0.0.0"),
])
def test_internal_addresses_are_refused_unless_allowed(url, address):
    with pytest.raises(UnsafeSourceURL, match="internal address"):
        check_source_url(url, resolver=resolving_to(address))
    assert check_source_url(url, allow_private=True, resolver=resolving_to(address)) == url


@pytest.mark.parametrize("url, message", [
    ("ftp://lms.example.org/", "http or https"),
    ("file:///etc/passwd", "http or https"),
    ("https:///path", "no host"),
    ("https://user:pw@lms.example.org/", "must not carry credentials"),
    ("http://lms.example.org:99999/", "not a valid URL: Port out of range"),
    ("http://lms.example.org:0/", "not a valid URL: port 0"),
    ("http://lms.example.org:http/", "not a valid URL"),
    ("http://[::1/", "not a valid URL: Invalid IPv6 URL"),
])
def test_bad_urls_are_refused(url, message):
    with pytest.raises(UnsafeSourceURL, match=message):
        check_source_url(url, allow_private=True)


def test_public_address_is_accepted():
    url = "https://lms.example.org/moodle"
    assert check_source_url(url, resolver=resolving_to("93.184.216.34")) == url


def test_unresolvable_host_is_unavailable():
    def failing(*args):
        raise socket.gaierror("no such host")
    with pytest.raises(SourceUnavailable, match="cannot resolve"):
        check_source_url("https://nowhere.invalid/", resolver=failing)


def client(server, session, sleeps, **options):
    opts = HttpOptions(allow_private=True, max_requests_per_second=None,
                       retry=RetryPolicy(attempts=3, backoff_base=1.0, backoff_cap=1.5), **options)
    return SourceHttpClient(session, server.base_url, opts, sleep=sleeps, jitter=lambda: 0.0)


PATH = "/webservice/rest/server.php"


def test_redirect_to_another_host_is_refused(moodle, http_session, sleeps):
    moodle.faults.append(Fault("redirect", None, status=302, body="http://evil.example.net/x"))
    with pytest.raises(UnsafeSourceURL, match="another host"):
        client(moodle, http_session, sleeps).send("GET", moodle.base_url + PATH, label="probe")


def test_redirect_on_the_same_host_is_followed(moodle, http_session, sleeps):
    moodle.faults.append(Fault("redirect", None, status=307, body=PATH + "?again=1"))
    response = client(moodle, http_session, sleeps).send(
        "POST", moodle.base_url + PATH, label="probe", data={"wsfunction": "x"})
    assert response.status_code == 200 and moodle.count() == 2


def test_redirect_to_loopback_is_refused_when_private_is_not_allowed(moodle, http_session, sleeps):
    moodle.faults.append(Fault("redirect", None, status=302,
                               body=f"http://localhost:{moodle.server_address[1]}{PATH}"))
    http = SourceHttpClient(http_session, moodle.base_url, HttpOptions(allow_private=True),
                            sleep=sleeps)
    with pytest.raises(UnsafeSourceURL):
        http.send("GET", moodle.base_url + PATH, label="probe")
    strict = SourceHttpClient(http_session, moodle.base_url, HttpOptions(), sleep=sleeps)
    with pytest.raises(UnsafeSourceURL, match="internal address"):
        strict.send("GET", moodle.base_url + PATH, label="probe")
    assert moodle.count() == 1


def test_backoff_is_exponential_capped_and_jittered(moodle, http_session, sleeps):
    moodle.faults.append(Fault("status", None, status=500, times=3))
    with pytest.raises(SourceUnavailable, match="HTTP 500 after 3 attempts"):
        client(moodle, http_session, sleeps).send("GET", moodle.base_url + PATH, label="probe")
    assert sleeps.delays == [0.5, 0.75]  # base 1 then 2 capped at 1.5, jitter factor 0.5


@pytest.mark.parametrize("status", [401, 403, 404])
def test_client_errors_need_attention_without_retry(moodle, http_session, sleeps, status):
    moodle.faults.append(Fault("status", None, status=status))
    with pytest.raises(SourceNeedsAttention, match=f"HTTP {status}"):
        client(moodle, http_session, sleeps).send("GET", moodle.base_url + PATH, label="probe")
    assert moodle.count() == 1


def test_retry_after_accepts_seconds_and_http_dates():
    now = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True),
                             now=now) == 30.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_rate_limiter_spaces_calls():
    clock, slept = [100.0], []
    limiter = RateLimiter(4.0, clock=lambda: clock[0], sleep=slept.append)
    for _ in range(3):
        limiter.wait()
    assert slept == [0.25, 0.5]


def test_secret_hides_itself():
    secret = Secret("s3cr3t-token")
    assert "s3cr3t" not in repr(secret) and "s3cr3t" not in f"{secret}"


@pytest.mark.parametrize("url, shown", [
    ("https://ana:p@lms.example.org/moodle/x?wstoken=t", "https://***@lms.example.org/moodle/x"),
    ("http://h:80/p", "http://h:80/p"),
    ("http://[::1]:8080/xAPI/", "http://[::1]:8080/xAPI/"),
    ("http://h:99999/", "(an invalid URL)"),
])
def test_urls_in_messages_are_masked_by_position(url, shown):
    assert public_url(url) == shown


def test_a_one_letter_secret_does_not_mangle_messages(moodle, http_session, sleeps):
    """Masking by search turned "http" into "htt***" for the password "p"."""
    from sync.moodle import MoodleSource
    moodle.faults.append(Fault("status", None, status=500, times=3))
    source = MoodleSource(http_session, moodle.base_url, "p", ["HSCLASS-PRE"], options=HttpOptions(
        allow_private=True, retry=RetryPolicy(attempts=1)), sleep=sleeps)
    with pytest.raises(SourceUnavailable) as failure:
        source.check()
    assert f"at {moodle.base_url.rstrip('/')}" in str(failure.value) and "***" not in str(failure.value)


class _EndlessBody:
    """A loopback HTTP/1.0 server whose answer has no Content-Length and goes on and on."""

    def __init__(self, size: int) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                sent = 0
                try:
                    while sent < size:
                        self.wfile.write(b" " * 65536)
                        sent += 65536
                except OSError:  # the client hung up once it had enough
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_streamed_answer_beyond_the_cap_is_refused_before_it_is_all_read(http_session, sleeps):
    server = _EndlessBody(64 * 1024 * 1024)
    try:
        http = SourceHttpClient(http_session, server.base_url, HttpOptions(
            allow_private=True, max_response_bytes=256 * 1024), sleep=sleeps)
        with pytest.raises(SourceResponseError, match="larger than the 262144-byte limit"):
            http.send("GET", server.base_url + "statements", label="probe")
    finally:
        server.close()


def test_a_retry_log_line_escapes_a_remote_link(moodle, http_session, sleeps, caplog):
    # A link handed over by a remote server (an xAPI "more" path) can carry control characters;
    # nothing listens on port 1, so every attempt fails and is logged with that link.
    caplog.set_level("INFO", logger="sync.http")
    with pytest.raises(SourceUnavailable) as refused:
        client(moodle, http_session, sleeps).send(
            "GET", "http://127.0.0.1:1/more\x1b[2J\u2028forged", label="probe")
    lines = [record.getMessage() for record in caplog.records] + [str(refused.value)]
    assert len(lines) == 3 and all("/more\\x1b[2J\\u2028forged" in line for line in lines)
