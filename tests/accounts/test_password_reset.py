"""Password reset by a one-time e-mailed link, and the signed-in change."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from lms_bridge.passwords.models import PasswordReset
from lms_bridge.db import db, utcnow
from lms_bridge.eligibility.models import Notification
from tests.conftest import PASSWORD, csrf_token, login

NEW = "a much better passphrase"
LINK = re.compile(r"http://localhost(/password/reset/[\w-]+)")


def _ask(client, email):
    return client.post("/password/forgot", data={
        "email": email, "csrf_token": csrf_token(client, "/password/forgot")})


def _link(app) -> str:
    with app.app_context():
        bodies = list(db.session.scalars(select(Notification.body).order_by(Notification.id)))
    return LINK.search(bodies[-1]).group(1)


def _reset(client, path, password=NEW, confirm=None):
    return client.post(path, data={"new_password": password, "confirm": confirm or password,
                                   "csrf_token": csrf_token(client, "/password/forgot")})


@pytest.fixture
def learner(make_user):
    return make_user("learner", email="known@example.org")


def test_an_unknown_email_gets_the_same_answer_as_a_known_one(app, client, learner):
    known, unknown = _ask(client, "known@example.org"), _ask(client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    same = [r.get_data(as_text=True).replace(e, "E") for r, e in
            ((known, "known@example.org"), (unknown, "nobody@example.org"))]
    assert same[0] == same[1]
    with app.app_context():
        assert db.session.scalar(select(func.count(Notification.id))) == 1


def test_the_link_works_once_and_ends_every_session(app, client, learner):
    signed_in = app.test_client()
    login(signed_in, "known@example.org")
    _ask(client, "known@example.org")
    path = _link(app)
    with app.app_context():
        stored = db.session.scalar(select(PasswordReset.token_hash))
    assert path.rsplit("/", 1)[1] not in stored  # only the hash is kept
    assert client.get(path).status_code == 200
    done = _reset(client, path)
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert signed_in.get("/").status_code == 302  # the session from before has ended
    assert login(client, "known@example.org", NEW).status_code == 302
    again = _reset(app.test_client(), path, "yet another passphrase")
    assert again.status_code == 400 and "no longer valid" in again.get_data(as_text=True)
    assert login(app.test_client(), "known@example.org", NEW).status_code == 302


def test_an_expired_link_is_refused(app, client, learner):
    _ask(client, "known@example.org")
    path = _link(app)
    with app.app_context():
        db.session.execute(update(PasswordReset).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert client.get(path).status_code == 400
    assert _reset(client, path).status_code == 400
    assert login(app.test_client(), "known@example.org").status_code == 302  # old password kept


def test_a_new_link_cancels_the_older_one(app, client, learner):
    _ask(client, "known@example.org")
    first = _link(app)
    _ask(client, "known@example.org")
    assert client.get(first).status_code == 400
    assert client.get(_link(app)).status_code == 200


def test_a_refused_new_password_keeps_the_link_usable(app, client, learner):
    _ask(client, "known@example.org")
    path = _link(app)
    short = _reset(client, path, "short")
    assert short.status_code == 400 and "at least 10 characters" in short.get_data(as_text=True)
    assert _reset(client, path).status_code == 302


def test_a_deactivated_account_gets_no_link(app, client, make_user):
    make_user("learner", email="gone@example.org")
    with app.app_context():
        from lms_bridge.accounts.models import User
        db.session.execute(update(User).values(active=False))
        db.session.commit()
    assert _ask(client, "gone@example.org").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count(Notification.id))) == 0


@pytest.mark.parametrize("token", ["x", "a" * 500, "%3Cscript%3E"])
def test_a_made_up_link_is_refused_plainly(client, token):
    answer = client.get(f"/password/reset/{token}")
    assert answer.status_code == 400 and "no longer valid" in answer.get_data(as_text=True)


def _change(client, current, new=NEW, confirm=None):
    return client.post("/account/password", data={
        "current_password": current, "new_password": new, "confirm": confirm or new,
        "csrf_token": csrf_token(client, "/account/password")})


def test_a_signed_in_change_needs_the_current_password(app, client, learner):
    other = app.test_client()
    login(other, "known@example.org")
    login(client, "known@example.org")
    wrong = _change(client, "not my password")
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and 'id="current_password-error"' in page
    assert "The current password is not right." in page
    changed = _change(client, PASSWORD)
    assert changed.status_code == 302
    assert client.get("/").status_code == 200  # this browser stays signed in
    assert other.get("/").status_code == 302  # the other session ended
    assert login(app.test_client(), "known@example.org", NEW).status_code == 302


def test_a_change_with_differing_passwords_says_so_beside_the_field(client, learner):
    login(client, "known@example.org")
    answer = _change(client, PASSWORD, NEW, "something else entirely")
    assert answer.status_code == 400 and "The two passwords differ." in answer.get_data(as_text=True)


def test_the_link_uses_public_url_whatever_host_the_request_names(app, client, learner):
    app.config["PUBLIC_URL"] = "https://lms.example.org"
    evil = "http://evil.example.com"
    form = client.get("/password/forgot", base_url=evil).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    sent = client.post("/password/forgot", base_url=evil,
                       data={"email": "known@example.org", "csrf_token": token})
    assert sent.status_code == 200
    with app.app_context():
        body = db.session.scalar(select(Notification.body))
    assert "https://lms.example.org/password/reset/" in body and "evil" not in body
