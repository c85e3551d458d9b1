"""Privacy through the API and the command line, who may use it, and the retention rule."""
from __future__ import annotations

import io
import zipfile
from datetime import timedelta

from click.testing import CliRunner
from flask.cli import ScriptInfo

from lms_bridge.accounts.models import User
from lms_bridge.cli import cli
from lms_bridge.db import db, utcnow
from lms_bridge.privacy.models import Erasure, LastSignIn
from lms_bridge.privacy.retention import apply_retention
from tests.conftest import login

from .world import build


def test_api_export_and_erase_for_admins_only(app, client, make_user, token_for, tmp_path):
    world = build(app, client, make_user, tmp_path)
    admin = {"Authorization": f"Bearer {token_for(world['admin'])}"}
    coordinator = {"Authorization": f"Bearer {token_for(world['coordinator'])}"}
    ana_token_plain = token_for(world["ana"])
    assert client.get(f"/api/v1/users/{world['ana']}/export", headers=coordinator).status_code == 403
    refused = client.post(f"/api/v1/users/{world['ana']}/erase", json={"reason": "x"},
                          headers=coordinator)
    assert refused.status_code == 403
    with app.app_context():
        assert db.session.get(User, world["ana"]).email == "ana@example.org"
    assert client.get("/api/v1/users/999999/export", headers=admin).status_code == 404
    assert client.post("/api/v1/users/999999/erase", json={"reason": "x"},
                       headers=admin).status_code == 404
    blank = client.post(f"/api/v1/users/{world['ana']}/erase", json={"reason": "  "}, headers=admin)
    assert blank.status_code == 400 and "reason" in blank.get_data(as_text=True)
    exported = client.get(f"/api/v1/users/{world['ana']}/export", headers=admin)
    assert "json/player_sco_state.json" in zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    erased = client.post(f"/api/v1/users/{world['ana']}/erase", json={"reason": "request"},
                         headers=admin)
    assert erased.status_code == 200 and erased.get_json()["pseudonym"].startswith("Erased person")
    ana_token = {"Authorization": f"Bearer {ana_token_plain}"}
    assert client.get("/api/v1/me", headers=ana_token).status_code == 401  # tokens revoked
    again = client.post(f"/api/v1/users/{world['ana']}/erase", json={"reason": "request"},
                        headers=admin)
    assert again.status_code == 409
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "post" in paths["/api/v1/users/{user_id}/erase"]
    assert "get" in paths["/api/v1/users/{user_id}/export"]


def test_cli_export_and_erase(app, make_user, tmp_path):
    def invoke(args):
        return CliRunner().invoke(cli, args, obj=ScriptInfo(create_app=lambda: app))
    make_user("admin", email="admin@example.org")
    make_user("learner", email="cli@example.org", name="Cli Learner")
    target = tmp_path / "out.zip"
    result = invoke(["privacy", "export", "cli@example.org", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "cli@example.org" in zipfile.ZipFile(target).read("json/user_account.json").decode()
    result = invoke(["privacy", "erase", "cli@example.org", "--reason", "asked"])
    assert result.exit_code == 0 and "Erased person" in result.output
    result = invoke(["privacy", "erase", "admin@example.org", "--reason", "asked"])
    assert result.exit_code != 0 and "last active administrator" in result.output


def test_retention_erases_inactive_learners_only(app, client, make_user):
    old = make_user("learner", email="old@example.org")
    recent = make_user("learner", email="recent@example.org")
    old_admin = make_user("admin", email="oldadmin@example.org")
    make_user("admin", email="admin2@example.org")
    assert login(client, "recent@example.org").status_code == 302
    with app.app_context():
        long_ago = utcnow() - timedelta(days=4 * 365)
        for user_id in (old, recent, old_admin):
            db.session.get(User, user_id).created_at = long_ago
        db.session.commit()
        assert db.session.get(LastSignIn, recent) is not None
        assert apply_retention(0) == []  # off by default
        assert apply_retention(3) == [old]
        assert db.session.get(Erasure, old).reason.startswith("retention rule")
        assert db.session.get(User, recent).email == "recent@example.org"
        assert db.session.get(User, old_admin).email == "oldadmin@example.org"
        assert apply_retention(3) == []  # already erased


def test_the_notice_is_public_and_linked(client):
    page = client.get("/privacy")
    assert page.status_code == 200 and "For how long" in page.get_data(as_text=True)
    assert 'href="/privacy"' in client.get("/register").get_data(as_text=True)


def test_the_retention_job_has_a_fixed_id_and_runs_the_rule(app, make_user):
    from lms_bridge.scheduler import RETENTION_JOB, retention_job, start_scheduler, stop_scheduler

    scheduler = start_scheduler(app, reconcile_seconds=3600)
    try:
        job = scheduler.get_job(RETENTION_JOB)
        assert job.func_ref == "lms_bridge.scheduler:retention_job"
        assert (job.coalesce, job.max_instances, job.trigger.interval) == (True, 1, timedelta(days=1))
    finally:
        stop_scheduler(scheduler, app, wait=False)
    old = make_user("learner", email="old@example.org")
    with app.app_context():
        db.session.get(User, old).created_at = utcnow() - timedelta(days=3 * 366)
        db.session.commit()
        retention_job()  # RETENTION_YEARS is 0 by default: nothing happens
        assert db.session.get(Erasure, old) is None
        app.config["RETENTION_YEARS"] = 2
        retention_job()
        assert db.session.get(Erasure, old) is not None
