"""/metrics: guarded; requests by route (the URL rule), commits by outcome, sync runs, lag."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.player.runtime_client import Learner

PROJECT = Path(__file__).resolve().parents[2]


def _samples(client, **kwargs) -> dict:
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.get_data(as_text=True))
            for sample in family.samples}


def _value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.mark.parametrize("remote, headers, allowed", [
    ("127.0.0.1", {}, True),
    ("203.0.113.9", {}, False),
    ("203.0.113.9", {"Authorization": "Bearer s3cret-metrics"}, True),
    ("203.0.113.9", {"Authorization": "Bearer wrong"}, False),
    # relayed by a proxy the app was not told about: the loopback address proves nothing
    ("127.0.0.1", {"X-Forwarded-For": "198.51.100.7"}, False),
])
def test_metrics_are_open_to_the_allowed_networks_or_the_token(app, client, remote, headers,
                                                                allowed):
    app.config["METRICS_TOKEN"] = "s3cret-metrics"
    response = client.get("/metrics", headers=headers, environ_base={"REMOTE_ADDR": remote})
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert "METRICS_NETWORKS" in response.get_json()["message"]


def test_behind_a_trusted_proxy_the_forwarded_client_is_checked(tmp_path, database_url,
                                                                 migrated_engine):
    from lms_bridge import create_app
    from tests.conftest import release_app

    # PROXY_COUNT is applied when the app is created (ProxyFix wraps it)
    proxied = create_app({"INSTANCE_PATH": tmp_path / "p", "DATABASE_URL": database_url,
                          "SECRET_KEY": "k", "PROXY_COUNT": 1, "METRICS_NETWORKS": ("10.0.0.0/8",)})
    client = proxied.test_client()
    assert client.get("/metrics", headers={"X-Forwarded-For": "10.1.2.3"}).status_code == 200
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403
    release_app(proxied, migrated_engine)


def test_requests_are_counted_by_url_rule_not_raw_path(client):
    before = _samples(client)
    for path in ("/login", "/login", "/api/v1/modules/some-slug", "/api/v1/modules/other",
                 "/no/such/page"):
        client.get(path)
    after = _samples(client)
    count = "lms_bridge_http_requests_total"
    assert _value(after, count, method="GET", route="/login", status="200") \
        - _value(before, count, method="GET", route="/login", status="200") == 2
    by_slug = [value - before.get(key, 0) for key, value in after.items()
               if key[0] == count and ("route", "/api/v1/modules/<slug>") in key[1]]
    assert sum(by_slug) == 2
    assert not any("some-slug" in str(key) for key in after), "a raw path became a label"
    assert _value(after, count, method="GET", route="<unmatched>", status="404") \
        - _value(before, count, method="GET", route="<unmatched>", status="404") == 1
    assert _value(after, "lms_bridge_http_request_duration_seconds_count", method="GET",
                  route="/login") - _value(before, "lms_bridge_http_request_duration_seconds_count",
                                           method="GET", route="/login") == 2


def test_commits_are_counted_by_outcome_at_the_entrance(app, client, make_user, publish):
    publish("tiny")
    make_user("learner", email="ana@example.org")
    learner = Learner(client, "ana@example.org")
    _, token = learner.launch("tiny")
    learner.start(token)
    before = _samples(client)
    assert learner.commit(token, 1, {"cmi.core.lesson_location": "p1"}).status_code == 200
    assert learner.commit(token, 1, {"cmi.core.lesson_location": "p1"}).status_code == 200
    refused = learner.commit(token, 2, {"cmi.core.lesson_status": "not a status"})
    assert refused.status_code == 422
    after = _samples(client)
    delta = {outcome: _value(after, "lms_bridge_runtime_commits_total", outcome=outcome)
             - _value(before, "lms_bridge_runtime_commits_total", outcome=outcome)
             for outcome in ("applied", "replay", "refused", "failed")}
    assert delta == {"applied": 1, "replay": 1, "refused": 1, "failed": 0}
    assert _value(after, "lms_bridge_http_requests_total", method="POST",
                  route="/player/runtime/commit", status="200") >= 2


def test_sync_runs_and_scheduler_lag_come_from_the_database(app, client, scheduler_job):
    from lms_bridge.db import db
    from lms_bridge.syncing.models import RunStatus, RunTrigger, SyncRun, SyncSource

    samples = _samples(client)
    assert not any(name == "lms_bridge_scheduler_lag_seconds" for name, _ in samples)
    scheduler_job(-90)
    scheduler_job(40)
    with app.app_context():
        source = SyncSource(name="csv", kind=next(iter(SyncSource.kind.type.enum_class)))
        db.session.add(source)
        db.session.flush()
        for status in (RunStatus.SUCCEEDED, RunStatus.SUCCEEDED, RunStatus.FAILED):
            db.session.add(SyncRun(source_id=source.id, trigger=next(iter(RunTrigger)),
                                   status=status))
        db.session.commit()
    samples = _samples(client)
    assert 89 <= _value(samples, "lms_bridge_scheduler_lag_seconds") <= 120
    assert _value(samples, "lms_bridge_sync_runs_total", outcome="succeeded") == 2
    assert _value(samples, "lms_bridge_sync_runs_total", outcome="failed") == 1


def test_multiprocess_mode_adds_up_every_process(tmp_path, database_url, migrated_engine):
    """Two processes count requests into PROMETHEUS_MULTIPROC_DIR; a third one's /metrics
    shows their sum (what gunicorn's workers do)."""
    folder = tmp_path / "prometheus"
    folder.mkdir()
    env = dict(os.environ, PROMETHEUS_MULTIPROC_DIR=str(folder), PYTHONPATH=str(PROJECT))
    script = (
        "import sys\n"
        "from tests.conftest import build_app\n"
        "app = build_app(sys.argv[1], __import__('pathlib').Path(sys.argv[2]))\n"
        "client = app.test_client()\n"
        "for _ in range(int(sys.argv[3])): client.get('/healthz')\n"
        "if sys.argv[3] == '0': sys.stdout.write(client.get('/metrics').get_data(as_text=True))\n")
    run = [sys.executable, "-c", script, database_url]
    for n, count in ((1, "3"), (2, "4")):
        subprocess.run(run + [str(tmp_path / f"i{n}"), count], env=env, check=True, cwd=PROJECT)
    shown = subprocess.run(run + [str(tmp_path / "i3"), "0"], env=env, check=True, cwd=PROJECT,
                           capture_output=True, text=True).stdout
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for f in text_string_to_metric_families(shown) for s in f.samples}
    assert _value(samples, "lms_bridge_http_requests_total", method="GET", route="/healthz",
                  status="200") == 7
