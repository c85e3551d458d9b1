"""Hostile requests at the web edge: out-of-range ids and control characters in paths are a
clear 404, never a 500."""
import re

import pytest
from flask import url_for

from lms_bridge.converters import LARGEST_ID
from tests.catalog.packages import write_package
from tests.conftest import csrf_token, login

INT_PARAMETER = re.compile(r"<int(?:\([^)]*\))?:(\w+)>")
OTHER_PARAMETER = re.compile(r"<(?:(?:path|string|any\([^)]*\)):)?(\w+)>")
TOO_LARGE = [str(LARGEST_ID + 1), "9" * 19, "1" * 5000]


def _id_routes(app):
    """(method, rule) of every route with an integer id in its path."""
    return sorted((method, rule.rule) for rule in app.url_map.iter_rules()
                  if INT_PARAMETER.search(rule.rule)
                  for method in rule.methods - {"HEAD", "OPTIONS"})


def _url(rule: str, id_value: str) -> str:
    url = INT_PARAMETER.sub(id_value, rule)
    return OTHER_PARAMETER.sub("x", url)


@pytest.fixture
def admin_client(client, make_user, token_for):
    """A client signed in as an admin (pages), with that admin's API token and a CSRF token."""
    user_id = make_user("admin", email="admin@example.org")
    login(client, "admin@example.org")
    client.api_token = token_for(user_id)
    client.csrf = csrf_token(client, "/account/tokens")
    return client


def _send(client, method: str, url: str):
    if url.startswith("/api/"):
        return client.open(url, method=method, json={},
                           headers={"Authorization": f"Bearer {client.api_token}"})
    data = {"csrf_token": client.csrf} if method != "GET" else None
    return client.open(url, method=method, data=data)


def test_every_id_route_answers_404_beyond_what_an_id_column_holds(app, admin_client):
    routes = _id_routes(app)
    assert len(routes) > 30, "the route walk found too few id routes"
    wrong = []
    for method, rule in routes:
        for value in TOO_LARGE:
            response = _send(admin_client, method, _url(rule, value))
            # 405: the same address matches a route for another method (by a name, not an id)
            if response.status_code not in (404, 405):
                wrong.append(f"{method} {_url(rule, value)[:80]} -> {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_the_largest_id_still_reaches_the_view(app, admin_client):
    response = _send(admin_client, "GET", f"/api/v1/sync/runs/{LARGEST_ID}")
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == f"No sync run {LARGEST_ID}."


def test_url_for_builds_id_routes(app):
    with app.test_request_context():
        assert url_for("content.serve", version_id=LARGEST_ID, path="a.html") == \
            f"/content/{LARGEST_ID}/a.html"
        assert url_for("accounts.revoke_token", token_id=7) == "/account/tokens/7/revoke"


@pytest.mark.parametrize("url", ["/admin/users", "/admin/audit"])
@pytest.mark.parametrize("page", [str(LARGEST_ID + 1), "1" * 5000, "-3", "x"])
def test_a_page_number_out_of_range_is_a_page_not_a_500(admin_client, url, page):
    assert admin_client.get(f"{url}?page={page}").status_code == 200


@pytest.fixture
def published_version(app, tmp_path):
    from lms_bridge.catalog.operations import import_package, publish_version

    with app.app_context():
        zip_path = write_package(tmp_path / "p.zip", files={"index.html": "<p>hi</p>"})
        version_id = import_package(zip_path, "hostile-mod", None,
                                    original_filename="p.zip").version.id
        publish_version(None, version_id)
    return version_id


@pytest.mark.parametrize("path", ["index.html%00", "a%00b/index.html", "index%0a.html",
                                  "index.html%0d%0aX-Injected:%201", "%7f", "%1b[31m.html"])
def test_control_characters_in_a_content_path_are_404(admin_client, published_version, path):
    response = admin_client.get(f"/content/{published_version}/{path}")
    assert response.status_code == 404
    # a newline never matches the route's path pattern; the others reach the view, which names why
    assert "%0a" in path or "control character" in response.get_data(as_text=True)


def test_the_content_route_still_serves_the_file(admin_client, published_version):
    response = admin_client.get(f"/content/{published_version}/index.html")
    assert response.status_code == 200 and response.get_data() == b"<p>hi</p>"


@pytest.mark.parametrize("method, url, allowed", [
    ("PUT", "/api/v1/me", {"GET"}),
    ("DELETE", "/api/v1/tokens", {"GET", "POST"}),
    ("GET", "/logout", {"POST"}),
    ("DELETE", "/login", {"GET", "POST"}),
])
def test_a_405_says_which_methods_are_allowed(admin_client, method, url, allowed):
    response = _send(admin_client, method, url)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) - {"HEAD", "OPTIONS"} == allowed
    assert response.mimetype == ("application/json" if url.startswith("/api/") else "text/html")


@pytest.mark.parametrize("body, problem", [
    ('{"name": NaN}', "NaN is not JSON"),
    ('{"name": -Infinity}', "-Infinity is not JSON"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_a_json_body_python_reads_but_json_does_not_have_is_400(admin_client, body, problem):
    response = admin_client.post("/api/v1/tokens", data=body, content_type="application/json",
                                 headers={"Authorization": f"Bearer {admin_client.api_token}"})
    assert response.status_code == 400, response.get_data(as_text=True)
    assert problem in response.get_json()["error"]["message"]


def test_a_nul_character_in_an_api_body_is_refused_on_its_field(admin_client):
    """PostgreSQL cannot store NUL in text: the API refuses it (400) instead of a 500."""
    response = admin_client.post("/api/v1/tokens", json={"name": "laptop\x00"},
                                 headers={"Authorization": f"Bearer {admin_client.api_token}"})
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["error"]["details"][0]["field"] == "name"


@pytest.mark.parametrize("url", ["/admin/users?q=a%00b", "/workshops?x%00=1"])
def test_a_nul_character_in_a_query_is_a_400(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


def test_a_nul_character_in_a_form_is_a_400_and_nothing_is_stored(app, admin_client):
    from lms_bridge.accounts.models import ApiToken
    from lms_bridge.db import db

    with app.app_context():
        before = db.session.query(ApiToken).count()
    response = admin_client.post("/account/tokens", data={"name": "a\x00b", "days": "30",
                                                          "csrf_token": admin_client.csrf})
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(ApiToken).count() == before
