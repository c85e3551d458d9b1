"""What a client sends cannot forge or break a log line: checked on a real `lms-bridge serve`."""
import logging
import socket
import subprocess
import sys
import time

import pytest

from lms_bridge.access_log import MAX_LOGGED_CHARACTERS, printable

FORGED = "2026-01-01 00:00:00,000 INFO lms_bridge.access: GET /admin/users 200"


@pytest.mark.parametrize("text, shown", [
    ("/login", "/login"),
    ("/a\nb", "/a\\nb"),
    ("/a\r\nb", "/a\\r\\nb"),
    ("/a\x00b", "/a\\x00b"),
    ("/a\x1b[31mred", "/a\\x1b[31mred"),
    ("/a\x7f\x85b", "/a\\x7f\\x85b"),
    ("/a\u2028b", "/a\\u2028b"),
    ("/a\\nb", "/a\\\\nb"),  # a backslash the client typed cannot pass for our escape
    ("/é", "/é"),
    (None, ""),
])
def test_printable(text, shown):
    assert printable(text) == shown


def test_printable_cuts_long_text():
    shown = printable("x" * (MAX_LOGGED_CHARACTERS + 50))
    assert len(shown) < MAX_LOGGED_CHARACTERS + 20 and shown.endswith("...(cut)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _raw_request(port: int, request_line: bytes, user_agent: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(request_line + b"\r\nHost: 127.0.0.1\r\nUser-Agent: " + user_agent
                           + b"\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.fixture
def served(tmp_path):
    """A real `lms-bridge serve` on loopback: (port, function returning its output so far)."""
    port = _free_port()
    env = {"LMS_BRIDGE_INSTANCE_PATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-c", "from lms_bridge.cli import main; main()"]
    subprocess.run(command + ["db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(command + ["serve", "--port", str(port), "--no-scheduler"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("lms-bridge serve did not answer")
        yield port, server
    finally:
        server.terminate()
        server.communicate(timeout=10)


def test_a_forged_line_in_the_path_or_user_agent_stays_one_escaped_line(served):
    port, server = served
    answer = _raw_request(port, b"GET /login%0a" + FORGED.replace(" ", "%20").encode()
                          + b"%00%1b[2J HTTP/1.1", b"curl/8 \\n " + FORGED.encode())
    assert answer.startswith(b"HTTP/1.1 404")
    _raw_request(port, b"GET /login HTTP/1.1", b"end-marker")
    server.terminate()
    output = server.communicate(timeout=10)[0].decode("utf-8", errors="replace")
    access = [line for line in output.splitlines() if "lms_bridge.access" in line]
    assert not [line for line in output.splitlines() if line.startswith(FORGED[:10])], output
    assert "\x00" not in output and "\x1b" not in output
    forged = next(line for line in access if "404" in line)
    assert f"GET /login\\n{FORGED}\\x00\\x1b[2J 404" in forged, forged
    assert f'"curl/8 \\\\n {FORGED}"' in forged, forged  # waitress refuses raw controls there
    assert any('GET /login 200' in line and '"end-marker"' in line for line in access), output


def test_the_unexpected_error_log_escapes_the_path(app, client, caplog):
    @app.before_request
    def boom():  # before routing's 404: no route pattern matches a newline
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="lms_bridge.errors"):
        assert client.get("/boom/x%0aFORGED%00").status_code == 500
    errors = [record for record in caplog.records if record.name == "lms_bridge.errors"]
    assert errors[-1].getMessage() == "unhandled error on GET /boom/x\\nFORGED\\x00"
