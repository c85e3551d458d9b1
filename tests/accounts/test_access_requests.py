from sqlalchemy import func, select

from lms_bridge.accounts.models import AccessRequest, AccessStatus, AuditEvent, User
from lms_bridge.db import db
from tests.conftest import PASSWORD, csrf_token, login


def _register(client, administrations, email="new@example.org", name="New Person", country="KR"):
    return client.post("/register", data={
        "csrf_token": csrf_token(client, "/register"), "display_name": name, "email": email,
        "administration": administrations[country], "job_title": "Officer", "message": "hello",
        "language": "en", "password": PASSWORD, "confirm": PASSWORD})


def _decide(client, request_id, decision, reason):
    return client.post(f"/approvals/{request_id}", data={
        "csrf_token": csrf_token(client, "/approvals"), "decision": decision, "reason": reason})


def _request_id(app, email):
    with app.app_context():
        return db.session.scalar(select(AccessRequest.id).join(User, AccessRequest.user_id == User.id)
                                 .where(User.email == email))


def test_registration_creates_a_pending_account_and_a_request(app, client, administrations):
    page = _register(client, administrations)
    assert page.status_code == 200 and "Request sent" in page.get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new@example.org"))
        assert user.access_status is AccessStatus.PENDING
        request = db.session.scalar(select(AccessRequest))
        assert request.administration_id == administrations["KR"] and request.job_title == "Officer"
        assert db.session.scalar(select(AuditEvent.action)) == "access.requested"


def test_duplicate_email_is_a_clear_error(client, administrations, make_user):
    make_user("learner", email="dup@example.org")
    page = _register(client, administrations, email="DUP@example.org")
    assert page.status_code == 409
    assert "An account with the e-mail dup@example.org already exists." in page.get_data(as_text=True)


def test_national_coordinator_approves_own_administration(app, client, administrations, make_user):
    _register(client, administrations, country="KR")
    make_user("national_coordinator", country="KR", email="nc@example.org")
    login(client, "nc@example.org")
    queue = client.get("/approvals").get_data(as_text=True)
    assert "New Person" in queue
    response = _decide(client, _request_id(app, "new@example.org"), "approve", "Known official")
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new@example.org"))
        assert user.access_status is AccessStatus.APPROVED
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "access.approved"))
        assert event.reason == "Known official" and event.actor.email == "nc@example.org"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert login(client, "new@example.org").status_code == 302


def test_coordinator_of_another_administration_gets_403_and_nothing_changes(
        app, client, administrations, make_user):
    _register(client, administrations, country="KE")
    make_user("national_coordinator", country="KR", email="nc@example.org")
    login(client, "nc@example.org")
    assert "New Person" not in client.get("/approvals").get_data(as_text=True)
    response = _decide(client, _request_id(app, "new@example.org"), "approve", "sure")
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(AccessRequest.status)) is AccessStatus.PENDING
        assert db.session.scalar(select(func.count(AuditEvent.id))) == 1  # only the request itself


def test_rejection_needs_a_reason_and_blocks_sign_in(app, client, administrations, make_user):
    _register(client, administrations, country="KR")
    make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    request_id = _request_id(app, "new@example.org")
    assert _decide(client, request_id, "reject", "").status_code == 400
    assert _decide(client, request_id, "reject", "Not an official of this administration").status_code == 302
    assert _decide(client, request_id, "approve", "changed my mind").status_code == 409
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert login(client, "new@example.org").status_code == 401


def test_script_in_names_and_reasons_is_escaped(app, client, administrations, make_user):
    script = "<script>alert(1)</script>"
    _register(client, administrations, name=f"Eve {script}", country="KR")
    make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    assert script not in client.get("/approvals").get_data(as_text=True)
    _decide(client, _request_id(app, "new@example.org"), "reject", f"because {script}")
    for page in ("/admin/audit", "/admin/users"):
        html = client.get(page).get_data(as_text=True)
        assert script not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page


def test_oversized_fields_are_refused_and_nothing_is_stored(app, client, administrations):
    page = _register(client, administrations, name="x" * 201)
    assert page.status_code == 400 and "Field cannot be longer than 200 characters." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 0


def test_decision_without_csrf_token_changes_nothing(app, client, administrations, make_user):
    _register(client, administrations, country="KR")
    make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    response = client.post(f"/approvals/{_request_id(app, 'new@example.org')}",
                           data={"decision": "approve", "reason": "ok"})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(AccessRequest.status)) is AccessStatus.PENDING
