import pytest
from sqlalchemy import func, select

from lms_bridge.accounts.models import AccessRequest, AccessStatus, ApiToken, AuditEvent
from lms_bridge.db import db
from tests.conftest import PASSWORD


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


def _error(response, status, code):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    return body["error"]


@pytest.fixture
def pending_request(app, administrations):
    from lms_bridge.accounts import operations

    with app.app_context():
        return operations.register("applicant@example.org", "Applicant", PASSWORD,
                                   administrations["KR"]).id


def test_me(client, make_user, token_for):
    token = token_for(make_user("learner", country="KR", email="me@example.org"))
    body = client.get("/api/v1/me", headers=_auth(token)).get_json()
    assert body["email"] == "me@example.org" and body["roles"] == ["learner"]
    assert body["administration"]["region"] == "Asia/Pacific"


@pytest.mark.parametrize("header, message", [
    (None, "Send a personal API token"),
    ("Basic abc", "must be 'Bearer <token>'"),
    ("Bearer lmsb_unknown", "not known"),
])
def test_missing_or_unknown_token(client, header, message):
    headers = {"Authorization": header} if header else {}
    assert message in _error(client.get("/api/v1/me", headers=headers), 401, "unauthorized")["message"]


def test_revoked_and_expired_tokens(app, client, make_user, token_for):
    from datetime import timedelta

    from lms_bridge.db import utcnow

    user = make_user("learner")
    token, other = token_for(user), token_for(user)
    token_id = client.get("/api/v1/tokens", headers=_auth(other)).get_json()[-1]["id"]
    assert client.delete(f"/api/v1/tokens/{token_id}", headers=_auth(other)).status_code == 200
    assert "revoked" in _error(client.get("/api/v1/me", headers=_auth(token)), 401, "unauthorized")["message"]
    with app.app_context():
        row = db.session.scalars(select(ApiToken).where(ApiToken.revoked_at.is_(None))).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert "expired" in _error(client.get("/api/v1/me", headers=_auth(other)), 401, "unauthorized")["message"]


def test_token_is_shown_once_and_stored_hashed(app, client, make_user, token_for):
    token = token_for(make_user("learner"))
    created = client.post("/api/v1/tokens", json={"name": "sync script"}, headers=_auth(token))
    assert created.status_code == 201
    plain = created.get_json()["token"]
    assert plain.startswith("lmsb_")
    listed = client.get("/api/v1/tokens", headers=_auth(plain)).get_json()
    assert all("token" not in row for row in listed)
    with app.app_context():
        hashes = db.session.scalars(select(ApiToken.token_hash)).all()
        assert plain not in hashes and all(len(h) == 64 for h in hashes)


def test_cannot_revoke_someone_elses_token(client, make_user, token_for):
    mine, theirs = token_for(make_user("learner")), token_for(make_user("learner"))
    their_id = client.get("/api/v1/tokens", headers=_auth(theirs)).get_json()[0]["id"]
    _error(client.delete(f"/api/v1/tokens/{their_id}", headers=_auth(mine)), 404, "not_found")


def test_decision_through_the_api(app, client, make_user, token_for, pending_request):
    token = token_for(make_user("national_coordinator", country="KR"))
    queue = client.get("/api/v1/access-requests", headers=_auth(token)).get_json()
    assert [r["id"] for r in queue] == [pending_request]
    response = client.post(f"/api/v1/access-requests/{pending_request}/decision",
                           json={"decision": "approve", "reason": "Known to us"}, headers=_auth(token))
    assert response.status_code == 200 and response.get_json()["status"] == "approved"
    assert client.get("/api/v1/access-requests?status=all", headers=_auth(token)).get_json()[0]["reason"] == "Known to us"


def test_other_administrations_coordinator_gets_403_and_nothing_changes(
        app, client, make_user, token_for, pending_request):
    token = token_for(make_user("national_coordinator", country="KE"))
    assert client.get("/api/v1/access-requests", headers=_auth(token)).get_json() == []
    _error(client.post(f"/api/v1/access-requests/{pending_request}/decision",
                       json={"decision": "approve", "reason": "x"}, headers=_auth(token)),
           403, "forbidden")
    with app.app_context():
        assert db.session.get(AccessRequest, pending_request).status is AccessStatus.PENDING
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action.like("access.%"), AuditEvent.action != "access.requested")) == 0


@pytest.mark.parametrize("kwargs, status, code, field", [
    ({"data": "{not json", "content_type": "application/json"}, 400, "invalid_input", "(body)"),
    ({"data": "decision=approve", "content_type": "text/plain"}, 415, "unsupported_media_type", None),
    ({"json": {"decision": "approve"}}, 400, "invalid_input", "reason"),
    ({"json": {"decision": "maybe", "reason": "x"}}, 400, "invalid_input", "decision"),
    ({"json": {"decision": "approve", "reason": "x" * 2001}}, 400, "invalid_input", "reason"),
    ({"json": {"decision": "approve", "reason": "x", "extra": 1}}, 400, "invalid_input", "extra"),
    ({"json": ["approve"]}, 400, "invalid_input", "(body)"),
])
def test_bad_bodies_are_refused_in_the_error_shape(app, client, make_user, token_for,
                                                   pending_request, kwargs, status, code, field):
    token = token_for(make_user("admin"))
    response = client.post(f"/api/v1/access-requests/{pending_request}/decision",
                           headers=_auth(token), **kwargs)
    error = _error(response, status, code)
    if field:
        assert field in [d["field"] for d in error["details"]], error
    with app.app_context():
        assert db.session.get(AccessRequest, pending_request).status is AccessStatus.PENDING


def test_oversized_request_body_is_413_in_the_error_shape(app, client, make_user, token_for):
    token = token_for(make_user("learner"))
    body = '{"name": "' + "x" * (app.config["MAX_REQUEST_BYTES"] + 10) + '"}'
    _error(client.post("/api/v1/tokens", data=body, content_type="application/json",
                       headers=_auth(token)), 413, "request_entity_too_large")
    with app.app_context():
        assert db.session.scalar(select(func.count(ApiToken.id))) == 1


def test_unknown_api_route_and_wrong_method_use_the_error_shape(client, make_user, token_for):
    token = token_for(make_user("learner"))
    _error(client.get("/api/v1/nothing-here", headers=_auth(token)), 404, "not_found")
    _error(client.put("/api/v1/me", headers=_auth(token)), 405, "method_not_allowed")


def test_bad_query_parameters(client, make_user, token_for):
    token = token_for(make_user("admin"))
    error = _error(client.get("/api/v1/users?page=0", headers=_auth(token)), 400, "invalid_input")
    assert error["details"][0]["field"] == "page"
