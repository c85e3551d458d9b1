"""SIGTERM lets a commit in progress finish: `lms-bridge serve` (waitress) stops accepting,
finishes the request it is receiving, answers it, and only then exits."""
import signal
import socket
import sqlite3
import subprocess
import time

import pytest

from bench.commit.run import prepare
from tests.deploy.servers import (
    commit_body, environment, free_port, lms_bridge, read_reply, request_head, wait_listening,
)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    """An instance (SQLite) with two learners, each in an open attempt: (path, tokens)."""
    path = tmp_path_factory.mktemp("graceful") / "instance"
    return path, prepare(path, 2)


def _serve(instance, port: int, *options: str) -> subprocess.Popen:
    server = subprocess.Popen(lms_bridge("serve", "--port", str(port), "--no-scheduler", *options),
                              env=environment(instance, LOG_FORMAT="json"),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wait_listening(port, server)
    return server


def _stored(instance, seq: int) -> list[tuple]:
    with sqlite3.connect(instance / "lms_bridge.sqlite3") as db:
        return db.execute("SELECT seq, outcome FROM player_commit_log WHERE seq = ?",
                          (seq,)).fetchall()


def test_a_commit_half_received_at_sigterm_is_stored_and_acknowledged(instance):
    path, tokens = instance
    port = free_port()
    server = _serve(path, port)
    body = commit_body(tokens[0], 1)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request_head(port, len(body)) + body[:40])
        time.sleep(0.3)  # the server has the head and part of the body
        server.send_signal(signal.SIGTERM)
        time.sleep(1.5)  # it has seen the signal (its loop wakes at least once a second)
        with pytest.raises(OSError):  # no new connections any more
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        assert server.poll() is None, "the server left before the commit in progress was done"
        connection.sendall(body[40:])
        status, reply = read_reply(connection)
    assert status == 200 and reply["outcome"] == "applied", reply
    output = server.communicate(timeout=20)[0].decode()
    assert server.returncode == 0, output
    assert _stored(path, 1) == [(1, "applied")]
    assert "finishing requests in progress" in output


def test_the_grace_period_bounds_the_wait(instance):
    path, tokens = instance
    port = free_port()
    server = _serve(path, port, "--graceful-timeout", "1")
    body = commit_body(tokens[1], 7)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request_head(port, len(body)) + body[:40])  # and never the rest
        time.sleep(0.3)
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        output = server.communicate(timeout=20)[0].decode()
    assert time.monotonic() - started < 6
    assert "1 request(s) unfinished" in output
    assert _stored(path, 7) == []  # never fully received: nothing stored, nothing acknowledged
