"""Real servers for the deployment tests: an instance with learners ready to commit, the
``lms-bridge`` and gunicorn processes, and raw HTTP to them."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = PROJECT / "deploy" / "gunicorn.conf.py"
COMMIT_PATH = "/player/runtime/commit"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(instance: Path, **settings: str) -> dict[str, str]:
    """The environment of a server process on ``instance`` (settings as LMS_BRIDGE_ names)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("LMS_BRIDGE_", "PROMETHEUS_"))}
    env.update(LMS_BRIDGE_INSTANCE_PATH=str(instance), PYTHONPATH=str(PROJECT),
               **{f"LMS_BRIDGE_{name}": value for name, value in settings.items()})
    return env


def lms_bridge(*args: str) -> list[str]:
    return [sys.executable, "-c", "from lms_bridge.cli import main; main()", *args]


def gunicorn(port: int, workers: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF),
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]


def wait_listening(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{process.args} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port} after {seconds} s")


def commit_body(token: str, seq: int) -> bytes:
    return json.dumps({"token": token, "seq": seq, "finish": False, "changes": {
        "cmi.core.lesson_location": f"page-{seq}", "cmi.core.lesson_status": "incomplete",
        "cmi.suspend_data": f"state after commit {seq}"}}).encode()


def request_head(port: int, length: int) -> bytes:
    return (f"POST {COMMIT_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {length}\r\n"
            "Connection: close\r\n\r\n").encode()


def read_reply(connection: socket.socket) -> tuple[int, dict]:
    raw = b""
    while chunk := connection.recv(65536):
        raw += chunk
    if not raw:
        raise ConnectionError("the connection was closed without a reply")
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body or b"{}")


def send_commit(port: int, token: str, seq: int) -> tuple[int, dict]:
    body = commit_body(token, seq)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request_head(port, len(body)) + body)
        return read_reply(connection)
