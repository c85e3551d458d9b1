"""/healthz and /readyz: which check fails is named, and the answer is 503 until ready."""
import pytest

from lms_bridge.ops import checks
from tests.conftest import build_app


def test_healthz_answers_without_touching_anything(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_ready_with_a_current_schema_and_a_scheduler_on_time(client, scheduler_job):
    scheduler_job(30)   # the re-read job, due in 30 s
    scheduler_job(-2)   # a job due two seconds ago, being picked up
    response = client.get("/readyz")
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "schema", "scheduler"}


def test_no_scheduler_ever_is_not_ready_and_says_so(client):
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failed"] == ["scheduler"]
    assert "lms-bridge scheduler" in body["checks"]["scheduler"]["detail"]
    assert body["checks"]["database"]["ok"] and body["checks"]["schema"]["ok"]


def test_a_scheduler_gone_longer_than_allowed_is_not_ready(app, client, scheduler_job):
    app.config["READY_SCHEDULER_MINUTES"] = 5
    scheduler_job(30)
    scheduler_job(-6 * 60)  # a job six minutes overdue: nobody runs the jobs
    body = client.get("/readyz").get_json()
    assert body["failed"] == ["scheduler"]
    assert "6.0 minutes" in body["checks"]["scheduler"]["detail"]
    app.config["READY_SCHEDULER_MINUTES"] = 7
    assert client.get("/readyz").status_code == 200


def test_the_scheduler_check_can_be_left_out(app, client):
    app.config["READY_SCHEDULER_MINUTES"] = 0
    response = client.get("/readyz")
    assert response.status_code == 200 and "scheduler" not in response.get_json()["checks"]


def test_a_schema_behind_the_code_is_not_ready(client, scheduler_job, monkeypatch):
    scheduler_job(30)
    monkeypatch.setattr(checks, "_expected_revision", lambda: "9999_future")
    body = client.get("/readyz").get_json()
    assert body["failed"] == ["schema"]
    assert "9999_future" in body["checks"]["schema"]["detail"]
    assert "lms-bridge db upgrade" in body["checks"]["schema"]["detail"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_an_unreachable_database_is_named(tmp_path, path):
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}"
    app = build_app(unreachable, tmp_path / "instance")
    response = app.test_client().get(path)
    if path == "/healthz":
        assert response.status_code == 200  # the process is up; readiness is another matter
        return
    body = response.get_json()
    assert response.status_code == 503 and body["failed"] == ["database"]
    assert body["checks"]["database"]["detail"] == "cannot reach the database (OperationalError)"
    app.extensions["lms_bridge.db"][0].dispose()
