import pytest

from tests.conftest import PASSWORD, csrf_token, login


def test_sign_in_and_out(client, make_user):
    make_user("learner", country="KR", email="ji@example.org")
    response = login(client, "JI@example.org ", PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Welcome" in client.get("/").get_data(as_text=True)
    cookie = next(c for c in client._cookies.values() if c.key == "session")
    assert cookie.http_only and cookie.same_site == "Lax"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_without_saying_which_part(client, make_user):
    make_user("learner", email="a@example.org")
    page = login(client, "a@example.org", "not the password")
    assert page.status_code == 401
    assert "Wrong e-mail or password." in page.get_data(as_text=True)
    assert login(client, "nobody@example.org", "whatever12").status_code == 401


@pytest.mark.parametrize("status, message", [
    ("pending", "waiting for your national coordinator"),
    ("rejected", "was not approved"),
])
def test_pending_and_rejected_accounts_cannot_sign_in(client, make_user, status, message):
    make_user("learner", country="KE", email="p@example.org", status=status)
    page = login(client, "p@example.org")
    assert page.status_code == 401 and message in page.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_repeated_failures_pause_sign_in(app, client, make_user):
    make_user("learner", email="t@example.org")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert login(client, "t@example.org", "bad password").status_code == 401
    paused = login(client, "t@example.org", PASSWORD)
    assert paused.status_code == 429
    assert "Too many failed sign-ins" in paused.get_data(as_text=True)
    assert int(paused.headers["Retry-After"]) > 0


def test_success_clears_the_failure_count(app, client, make_user):
    make_user("learner", email="c@example.org")
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        login(client, "c@example.org", "bad password")
    assert login(client, "c@example.org").status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        assert login(client, "c@example.org", "bad password").status_code == 401


def test_login_without_csrf_token_is_refused(client, make_user):
    make_user("learner", email="x@example.org")
    response = client.post("/login", data={"email": "x@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_secure_cookie_when_configured(migrated_engine, database_url, tmp_path, administrations):
    from lms_bridge import create_app

    app = create_app({"INSTANCE_PATH": tmp_path / "i2", "DATABASE_URL": database_url,
                      "SECRET_KEY": "k", "SESSION_COOKIE_SECURE": True})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    app.extensions["lms_bridge.db"][0].dispose()
