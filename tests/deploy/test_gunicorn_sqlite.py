"""gunicorn with the shipped configuration on SQLite: one worker runs, several are refused."""
import json
import subprocess
import urllib.request

import pytest

from tests.deploy.servers import environment, free_port, gunicorn, lms_bridge, wait_listening


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    path = tmp_path_factory.mktemp("gunicorn-sqlite") / "instance"
    subprocess.run(lms_bridge("db", "upgrade"), env=environment(path), check=True,
                   capture_output=True)
    return path


def test_several_workers_on_sqlite_are_refused_with_the_reason(instance):
    done = subprocess.run(gunicorn(free_port(), 2), env=environment(instance),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "LMS Bridge refuses to start: 2 gunicorn workers on SQLite" in done.stderr
    assert "LMS_BRIDGE_DATABASE_URL" in done.stderr


def test_one_worker_on_sqlite_serves_with_metrics_in_multiprocess_mode(instance, tmp_path):
    port = free_port()
    metrics_dir = tmp_path / "prometheus"
    env = dict(environment(instance, READY_SCHEDULER_MINUTES="0"),
               PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    server = subprocess.Popen(gunicorn(port, 1), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    try:
        wait_listening(port, server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as reply:
            assert json.load(reply)["status"] == "ready"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as reply:
            text = reply.read().decode()
        assert 'lms_bridge_http_requests_total{method="GET",route="/readyz",status="200"} 1.0' \
            in text
        assert list(metrics_dir.glob("*.db")), "the worker kept no metrics files"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert server.returncode == 0, output
