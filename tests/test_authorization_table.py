"""Every role against every protected page and API route: allowed, or 401/403 (a table).

A new route must be added to ROUTES, or test_every_route_is_in_the_table fails.
"""
import pytest

from tests.conftest import PASSWORD, csrf_token, login

ROLES = ["anonymous", "pending", "learner", "national_coordinator", "coordinator", "admin"]
SIGNED_IN = {"learner", "national_coordinator", "coordinator", "admin"}
QUEUE = {"national_coordinator", "admin"}
ADMIN = {"admin"}

# (method, rule, allowed roles, status when allowed, form or JSON body)
DECISION = {"decision": "approve", "reason": "known official"}
ROUTES = [
    ("GET", "/", SIGNED_IN, 200, None),
    ("GET", "/approvals", QUEUE, 200, None),
    ("POST", "/approvals/<int:request_id>", QUEUE, 302, DECISION),
    ("GET", "/admin/users", ADMIN, 200, None),
    ("GET", "/admin/audit", ADMIN, 200, None),
    ("GET", "/account/tokens", SIGNED_IN, 200, None),
    ("POST", "/account/tokens", SIGNED_IN, 200, {"name": "laptop"}),
    ("POST", "/account/tokens/<int:token_id>/revoke", SIGNED_IN, 302, {}),
    ("POST", "/logout", SIGNED_IN, 302, {}),
    ("GET", "/api/v1/me", SIGNED_IN, 200, None),
    ("GET", "/api/v1/administrations", SIGNED_IN, 200, None),
    ("GET", "/api/v1/access-requests", QUEUE, 200, None),
    ("POST", "/api/v1/access-requests/<int:request_id>/decision", QUEUE, 200, DECISION),
    ("GET", "/api/v1/users", ADMIN, 200, None),
    ("GET", "/api/v1/audit-events", ADMIN, 200, None),
    ("GET", "/api/v1/tokens", SIGNED_IN, 200, None),
    ("POST", "/api/v1/tokens", SIGNED_IN, 201, {"name": "script"}),
    ("DELETE", "/api/v1/tokens/<int:token_id>", SIGNED_IN, 200, None),
    ("GET", "/modules/<slug>/launch", SIGNED_IN, 302, None),
    ("GET", "/attempts/<int:attempt_id>/play", ADMIN, 200, None),
    ("GET", "/attempts/<int:attempt_id>/results", ADMIN, 200, None),
    ("GET", "/content/<int:version_id>/<path:path>", SIGNED_IN, 200, None),
    ("GET", "/my/pre-learning", SIGNED_IN, 200, None),
]
PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/register"), ("POST", "/register"),
          ("GET", "/api/v1/openapi.json"), ("GET", "/static/<path:filename>"),
          ("GET", "/player/static/<path:filename>"),
          # authenticated by the launch token in the body (tests/player/test_commits.py)
          ("POST", "/player/runtime/start"), ("POST", "/player/runtime/commit")}


def test_every_route_is_in_the_table(app):
    listed = {(m, rule) for m, rule, *_ in ROUTES} | PUBLIC
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (method, rule.rule) in listed, f"{method} {rule.rule} is not in the table"


@pytest.fixture
def world(app, make_user, administrations, tmp_path):
    """A pending KR applicant and a user of the role under test; returns path parameters."""
    from lms_bridge.accounts import operations

    with app.app_context():
        request_id = operations.register("applicant@example.org", "Applicant", PASSWORD,
                                         administrations["KR"]).id
    return {"request_id": request_id, **_player_world(app, make_user, tmp_path)}


def _player_world(app, make_user, tmp_path):
    """A published one-SCO module and an attempt on it by another learner."""
    from lms_bridge.catalog.models import PackageVersion
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt
    from tests.player.conftest import publish_zip, tiny_package

    version_id = publish_zip(app, tiny_package(tmp_path / "tiny.zip"), "tiny")
    owner = make_user("learner", email="owner@example.org")
    with app.app_context():
        module_id = db.session.get(PackageVersion, version_id).module_id
        attempt = Attempt(user_id=owner, module_id=module_id, package_version_id=version_id,
                          number=1)
        db.session.add(attempt)
        db.session.commit()
        return {"slug": "tiny", "attempt_id": attempt.id, "version_id": version_id,
                "path": "one.html"}


def _actor(app, make_user, role):
    """Create the actor; return (user id or None, an API token or None)."""
    from lms_bridge.accounts.models import ApiToken, User
    from lms_bridge.accounts.operations import _hash_token, create_api_token
    from lms_bridge.db import db, utcnow

    if role == "anonymous":
        return None, None
    if role == "pending":
        user_id = make_user("learner", country="KR", email="pending@example.org", status="pending")
        with app.app_context():  # a token row made directly: the app would never issue one
            db.session.add(ApiToken(user_id=user_id, name="x", prefix="lmsb_pending",
                                    token_hash=_hash_token("lmsb_pending"), expires_at=utcnow().replace(year=2100)))
            db.session.commit()
        return user_id, "lmsb_pending"
    user_id = make_user(role, country="KR", email=f"{role}@example.org")
    with app.app_context():
        plain, _ = create_api_token(db.session.get(User, user_id), "table", 30)
    return user_id, plain


def _own_token_id(app, user_id):
    from sqlalchemy import select

    from lms_bridge.accounts.models import ApiToken
    from lms_bridge.db import db

    with app.app_context():
        return db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == user_id)) or 999


def _url(rule, params):
    for name, value in params.items():
        for placeholder in (f"<int:{name}>", f"<path:{name}>", f"<{name}>"):
            rule = rule.replace(placeholder, str(value))
    return rule


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, rule, allowed, ok_status, body", ROUTES,
                         ids=[f"{m} {r}" for m, r, *_ in ROUTES])
def test_role_against_route(app, client, make_user, world, role, method, rule, allowed, ok_status, body):
    user_id, token = _actor(app, make_user, role)
    params = dict(world, token_id=_own_token_id(app, user_id) if user_id else 999)
    url = _url(rule, params)
    if rule.startswith("/api/"):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = client.open(url, method=method, headers=headers,
                               json=body if method == "POST" else None)
        expected = ok_status if role in allowed else (401 if role in {"anonymous", "pending"} else 403)
    else:
        if role in SIGNED_IN:
            assert login(client, f"{role}@example.org").status_code == 302
        elif role == "pending":
            assert login(client, "pending@example.org").status_code == 401
        data = None
        if method == "POST":
            data = dict(body, csrf_token=csrf_token(client, "/login"))
        response = client.open(url, method=method, data=data)
        if role in allowed:
            expected = ok_status
        elif role in {"anonymous", "pending"}:
            expected = 302
            assert response.headers.get("Location", "").startswith("/login"), response.headers
        else:
            expected = 403
    assert response.status_code == expected, (role, method, url, response.get_data(as_text=True)[:300])
