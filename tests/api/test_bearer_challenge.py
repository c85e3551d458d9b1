"""A 401 from the API carries the Bearer challenge of RFC 6750 (section 3): without it a client
cannot tell which scheme to use; with a token present, ``error`` says what was wrong with it."""
from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import WWWAuthenticate

from tests.conftest import login

REALM = "LMS Bridge API"


def _challenge(response) -> WWWAuthenticate:
    assert response.status_code == 401
    challenge = WWWAuthenticate.from_header(response.headers.get("WWW-Authenticate"))
    assert challenge is not None and challenge.type == "bearer"
    assert challenge.parameters["realm"] == REALM
    return challenge


def test_no_token_is_asked_for_without_an_error_code(client):
    # RFC 6750 3.1: a request without credentials gets no error code.
    assert dict(_challenge(client.get("/api/v1/me")).parameters) == {"realm": REALM}


@pytest.mark.parametrize("header, error", [
    ("Basic abc", "invalid_request"),
    ("Bearer", "invalid_request"),
    ("Bearer lmsb_unknown", "invalid_token"),
])
def test_an_unusable_header_is_named_in_the_challenge(client, header, error):
    response = client.get("/api/v1/me", headers={"Authorization": header})
    challenge = _challenge(response)
    assert challenge.parameters["error"] == error
    assert challenge.parameters["error_description"] == response.get_json()["error"]["message"]


def test_revoked_and_expired_tokens_are_invalid_tokens(app, client, make_user, token_for):
    from lms_bridge.accounts.models import ApiToken
    from lms_bridge.db import db, utcnow

    token = token_for(make_user("learner"))
    with app.app_context():
        row = db.session.scalars(select(ApiToken)).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert _challenge(response).parameters["error"] == "invalid_token"
    assert "expired" in _challenge(response).parameters["error_description"]


def test_a_page_refusal_asks_for_no_bearer_token(client, make_user):
    make_user("learner", email="ana@example.org")
    response = login(client, "ana@example.org", "not-the-password")
    assert response.status_code == 401 and "WWW-Authenticate" not in response.headers


def test_the_document_names_the_challenge_header(client):
    unauthorized = client.get("/api/v1/openapi.json").get_json()["components"]["responses"][
        "Unauthorized"]
    header = unauthorized["headers"]["WWW-Authenticate"]
    assert header["required"] is True and "Bearer" in header["description"]
