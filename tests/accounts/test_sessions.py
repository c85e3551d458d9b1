"""A sign-in session ends everywhere: a cookie saved before sign-out, a password change or a
deactivation is refused, in any browser."""
import subprocess
import sys

import pytest

from lms_bridge.accounts import operations
from lms_bridge.accounts.models import User
from lms_bridge.db import db
from tests.conftest import csrf_token, login


def _saved_cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(app, cookie: str):
    """A second browser that only has a copy of the cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other.get("/")


def _signed_in(response) -> bool:
    return response.status_code == 200 and "Welcome" in response.get_data(as_text=True)


@pytest.fixture
def signed_in(app, client, make_user):
    """(client, user id, saved cookie) for a learner signed in with ``client``."""
    user_id = make_user("learner", email="s@example.org")
    login(client, "s@example.org")
    cookie = _saved_cookie(client)
    assert _signed_in(_replay(app, cookie))
    return client, user_id, cookie


def test_a_cookie_saved_before_sign_out_is_refused_after(app, signed_in):
    client, _, cookie = signed_in
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    replayed = _replay(app, cookie)
    assert replayed.status_code == 302 and replayed.headers["Location"].startswith("/login")


def test_signing_out_in_one_browser_ends_the_others(app, signed_in, make_user):
    client, _, _ = signed_in
    second = app.test_client()
    login(second, "s@example.org")
    assert _signed_in(second.get("/"))
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert second.get("/").status_code == 302


def test_signing_in_again_after_sign_out_works(app, signed_in):
    client, _, _ = signed_in
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, "s@example.org")
    assert _signed_in(client.get("/"))


def test_a_new_password_ends_the_sessions(app, signed_in):
    client, user_id, cookie = signed_in
    with app.app_context():
        operations.set_password(db.session.get(User, user_id), "another long password")
        db.session.commit()
    assert client.get("/").status_code == 302
    assert _replay(app, cookie).status_code == 302
    assert login(client, "s@example.org", "another long password").status_code == 302


def test_a_deactivated_account_is_refused_at_once(app, signed_in):
    client, user_id, cookie = signed_in
    with app.app_context():
        db.session.get(User, user_id).active = False
        db.session.commit()
    assert client.get("/").status_code == 302
    assert _replay(app, cookie).status_code == 302


@pytest.mark.parametrize("stored_id", ["{id}", "{id}.7", "{id}.0.0", "x.0", "{id}.-1",
                                       "9223372036854775808.0", "1" * 5000 + ".0", ""])
def test_a_cookie_that_names_no_current_session_is_refused(app, make_user, stored_id):
    """Forged with the app's own key: what a cookie from before the upgrade, or a stale one, holds."""
    user_id = make_user("learner", email="f@example.org")
    serializer = app.session_interface.get_signing_serializer(app)
    cookie = serializer.dumps({"_user_id": stored_id.format(id=user_id), "_fresh": True})
    assert _replay(app, cookie).status_code == 302


def test_security_imports_no_domain():
    """Security is infrastructure: accounts uses it, never the reverse (issue: import cycle)."""
    probe = ("import sys, lms_bridge.security; "
             "print(sorted(m for m in sys.modules if m.startswith('lms_bridge.accounts')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
