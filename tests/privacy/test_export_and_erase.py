"""Export of everything held about a person, erasure, and a sync after the erasure."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from lms_bridge.accounts.models import AuditEvent, LoginThrottle, User
from lms_bridge.db import db
from lms_bridge.eligibility.models import Application, ApplicationEvent
from lms_bridge.eligibility.states import ApplicationStatus
from lms_bridge.player.models import Attempt, AttemptState, CommitLog, ScoState
from lms_bridge.privacy.operations import erase
from lms_bridge.syncing.models import UnmatchedPerson
from lms_bridge.tracking.models import Completion, CompletionObservation
from tests.conftest import csrf_token

from .world import FORMULA_NAME, LATER, build, upload


@pytest.fixture
def world(app, client, make_user, tmp_path):
    return build(app, client, make_user, tmp_path)


def _matrix(client, workshop_id: int) -> list[list[str]]:
    response = client.get(f"/workshops/{workshop_id}/matrix.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_export_holds_every_kind_of_record_and_nobody_else(client, world):
    archive = _zip(client.get(f"/admin/users/{world['ana']}/export"))
    names = set(archive.namelist())
    for kind in ("user_account", "user_role", "application", "application_event", "completion",
                 "completion_observation", "player_attempt", "player_sco_state",
                 "player_commit_log", "audit_event"):
        assert f"json/{kind}.json" in names and f"csv/{kind}.csv" in names, kind
    everything = "".join(archive.read(n).decode() for n in names)
    assert "ana@example.org" in everything and "ana-secret" in everything
    assert "bo@example.org" not in everything and "Bo Other" not in everything
    assert "password_hash" not in everything
    applications = json.loads(archive.read("json/application.json"))
    assert [a["id"] for a in applications] == [world["ana_application"]]
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/user_account.csv").decode())))
    assert rows[0]["display_name"] == "'" + FORMULA_NAME  # not run as a formula


def test_erasure_removes_the_person_and_keeps_the_numbers(app, client, world):
    with app.app_context():
        completions_before = db.session.scalar(select(func.count()).select_from(Completion))
    matrix_before = _matrix(client, world["workshop"])
    with app.app_context():
        db.session.add(LoginThrottle(key="email:ana@example.org", failures=2))
        db.session.add(ApplicationEvent(application_id=world["ana_application"],
                                        actor_id=world["ana"], to_status=ApplicationStatus.WITHDRAWN,
                                        reason="my health, see my doctor's note"))
        db.session.commit()
    page = client.get(f"/admin/users/{world['ana']}/erase").get_data(as_text=True)
    assert "refused while they have a module attempt open" in page
    response = client.post(f"/admin/users/{world['ana']}/erase", data={
        "reason": "her e-mail of 1 Dec", "csrf_token": csrf_token(client, "/admin/users")})
    assert response.status_code == 302
    matrix_after = _matrix(client, world["workshop"])
    assert len(matrix_after) == len(matrix_before) == 3  # header, ana, bo
    # everything but who (name, e-mail) is unchanged: statuses, verdicts, pre-selection scores
    assert sorted(row[2:] for row in matrix_after) == sorted(row[2:] for row in matrix_before)
    assert not any("ana@example.org" in ",".join(row) for row in matrix_after)
    with app.app_context():
        ana = db.session.get(User, world["ana"])
        assert ana.display_name.startswith("Erased person ") and not ana.active
        assert ana.email.endswith("@erased.invalid") and "ana" not in ana.email
        assert ana.password_hash == "!erased"
        assert db.session.get(LoginThrottle, "email:ana@example.org") is None
        assert db.session.scalar(select(func.count()).select_from(ApplicationEvent).where(
            ApplicationEvent.reason.contains("doctor"))) == 0
        assert db.session.scalar(select(func.count()).select_from(ScoState)) == 0
        assert db.session.scalar(select(func.count()).select_from(CommitLog)) == 0
        attempt = db.session.get(Attempt, world["attempt"])
        assert attempt.grade == 80.0  # the grading summary stays for the reports
        assert db.session.scalar(select(func.count()).select_from(Completion)) == completions_before
        application = db.session.get(Application, world["ana_application"])
        assert application.motivation == "" and application.status is not None
        assert all(entry["note"] == "" for entry in application.criteria.values())
        assert db.session.get(Application, world["bo_application"]).motivation == "motivated"
        events = list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.target_type == "user", AuditEvent.target_id == str(world["ana"]))))
        assert any(e.action == "user.erased" and e.reason == "her e-mail of 1 Dec" for e in events)
        assert not any("ana@example.org" in e.summary for e in events)
        for completion in db.session.scalars(select(Completion).where(
                Completion.user_id == world["ana"])):
            assert "ana@example.org" not in json.dumps(completion.provenance)


def test_a_sync_after_the_erasure_records_nothing_about_the_person(app, client, world):
    with app.app_context():
        erase(None, world["ana"], "her request")
        observations = db.session.scalar(select(func.count()).select_from(CompletionObservation))
    assert upload(client, LATER).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(UnmatchedPerson)) == 0
        ana_scores = {c.score_scaled for c in db.session.scalars(
            select(Completion).where(Completion.user_id == world["ana"]))}
        assert 0.95 not in ana_scores
        bo = db.session.scalar(select(Completion).where(Completion.user_id == world["bo"]))
        assert bo.score_scaled == 0.9  # the other learner of the same source still syncs
        # only bo's new observation was recorded
        after = db.session.scalar(select(func.count()).select_from(CompletionObservation))
        assert after == observations + 1


def test_erasure_is_refused_while_an_attempt_is_open(app, client, world):
    with app.app_context():
        db.session.get(Attempt, world["attempt"]).state = AttemptState.OPEN
        db.session.commit()
    response = client.post(f"/admin/users/{world['ana']}/erase", data={
        "reason": "request", "csrf_token": csrf_token(client, "/admin/users")})
    assert response.status_code == 409
    assert "still open" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, world["ana"]).email == "ana@example.org"
        assert db.session.scalar(select(func.count()).select_from(ScoState)) == 1


def test_the_last_admin_cannot_be_erased(app, client, world):
    response = client.post(f"/admin/users/{world['admin']}/erase", data={
        "reason": "request", "csrf_token": csrf_token(client, "/admin/users")})
    assert response.status_code == 409 and "last active administrator" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, world["admin"]).active


def test_good_health_is_a_yes_or_no_only(app, client, make_user, world):
    from tests.conftest import login
    make_user("learner", country="KR", email="cleo@example.org")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/admin/users")})
    assert login(client, "cleo@example.org").status_code == 302
    url = f"/workshops/{world['workshop']}/apply"
    form = {f"rating_{c}": "2" for c in ("SUBJECT_EXPERTISE", "INTERNATIONAL_INSTRUMENTS",
                                          "TRAINING_EXPERIENCE", "MANAGEMENT_EXPERIENCE",
                                          "INTERNATIONAL_EXPERIENCE", "LANGUAGES")}
    refused = client.post(url, data={**form, "good_health": "asthma since 2019", "save": "y",
                                     "csrf_token": csrf_token(client, url)})
    assert refused.status_code == 400
    saved = client.post(url, data={**form, "good_health": "yes", "save": "y",
                                   "csrf_token": csrf_token(client, url)})
    assert saved.status_code == 302
    with app.app_context():
        application = db.session.scalar(select(Application).join(User).where(
            User.email == "cleo@example.org"))
        assert application.good_health is True
        erase(None, application.user_id, "request")
        assert db.session.get(Application, application.id).good_health is None
