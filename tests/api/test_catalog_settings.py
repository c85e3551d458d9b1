"""GET/PUT /api/v1/modules/<slug>/settings (lms_bridge/api/catalog.py)."""
import pytest
from sqlalchemy import select

from tests.player.conftest import publish_zip, tiny_package

BODY = {"completion_rule": "Passed", "min_score": 75, "max_attempts": 3,
        "force_new_attempt": "when_completed", "lock_after_final": False,
        "grading_method": "learning_objects", "attempts_count": "first", "auto_continue": True}


@pytest.fixture
def slug(app, tmp_path):
    publish_zip(app, tiny_package(tmp_path / "tiny.zip"), "tiny")
    return "tiny"


@pytest.fixture
def call(client, make_user, token_for):
    tokens = {}

    def call(method, url, role="coordinator", **kwargs):
        if role not in tokens:
            tokens[role] = token_for(make_user(role, country="KR"))
        headers = {"Authorization": f"Bearer {tokens[role]}"}
        response = client.open(url, method=method, headers=headers, buffered=True, **kwargs)
        response.close()
        return response
    return call


def _events(app):
    from lms_bridge.accounts.models import AuditEvent
    from lms_bridge.db import db

    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "module.configured")))


def test_get_gives_the_defaults_then_put_replaces_them(app, call, slug):
    got = call("GET", f"/api/v1/modules/{slug}/settings")
    assert got.status_code == 200
    assert got.json["max_attempts"] is None and got.json["grading_method"] == "highest"
    put = call("PUT", f"/api/v1/modules/{slug}/settings", json=BODY)
    assert put.status_code == 200, put.json
    assert put.json == dict(BODY, slug=slug, min_score=75.0)
    assert call("GET", f"/api/v1/modules/{slug}/settings").json == put.json
    [event] = _events(app)
    assert event.details["old"]["completion_rule"] == "CompletedAndPassed"
    assert event.details["new"] == BODY  # every value differs from the defaults


@pytest.mark.parametrize("changes, field", [
    ({"max_attempts": 0}, "max_attempts"),
    ({"max_attempts": 1.5}, "max_attempts"),
    ({"max_attempts": 1001}, "max_attempts"),
    ({"max_attempts": 2**63}, "max_attempts"),
    ({"min_score": 100.5}, "min_score"),
    ({"min_score": -1}, "min_score"),
    ({"completion_rule": "Completed"}, "min_score"),
    ({"completion_rule": "NotApplicable"}, "min_score"),
    ({"completion_rule": "Done"}, "completion_rule"),
    ({"grading_method": "median"}, "grading_method"),
    ({"colour": "red"}, "colour"),
])
def test_each_invalid_value_is_a_400_naming_its_field(app, call, slug, changes, field):
    response = call("PUT", f"/api/v1/modules/{slug}/settings", json=dict(BODY, **changes))
    assert response.status_code == 400, response.json
    assert response.json["error"]["code"] == "invalid_input"
    assert field in [d["field"] for d in response.json["error"]["details"]]
    assert not _events(app)


def test_every_field_is_required(call, slug):
    body = {k: v for k, v in BODY.items() if k != "max_attempts"}
    response = call("PUT", f"/api/v1/modules/{slug}/settings", json=body)
    assert response.status_code == 400
    assert [d["field"] for d in response.json["error"]["details"]] == ["max_attempts"]


@pytest.mark.parametrize("role", ["learner", "national_coordinator"])
def test_other_roles_are_refused(app, call, slug, role):
    assert call("GET", f"/api/v1/modules/{slug}/settings", role=role).status_code == 403
    assert call("PUT", f"/api/v1/modules/{slug}/settings", role=role,
                json=BODY).status_code == 403
    assert not _events(app)


def test_unknown_module_is_404(call):
    assert call("PUT", "/api/v1/modules/nope/settings", json=BODY).status_code == 404
