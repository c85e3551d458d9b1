"""Content on its own origin: grant-authorised content route, origins kept apart."""
import time

import pytest

from lms_bridge.catalog.grants import GRANT_SECONDS, ContentGrant, issue_content_grant
from lms_bridge.catalog.operations import import_package, publish_version
from tests.catalog.packages import write_package
from tests.conftest import login

CONTENT = "http://content.test"
LMS = "http://localhost"
FILES = {"index.html": "<html><body>Hello</body></html>", "media/clip.mp4": b"\x00" * 1000,
         "notes.exe": b"MZ"}


@pytest.fixture
def versions(app, tmp_path):
    """(draft id, published id, other published id), with a content origin configured."""
    app.config["CONTENT_ORIGIN"] = CONTENT
    ids = []
    with app.app_context():
        for n, slug in enumerate(("draft-mod", "pub-mod", "other-mod")):
            zip_path = write_package(tmp_path / f"{n}.zip", files=FILES)
            ids.append(import_package(zip_path, slug, None, original_filename="p.zip").version.id)
        publish_version(None, ids[1])
        publish_version(None, ids[2])
    return tuple(ids)


@pytest.fixture
def learner(make_user):
    return make_user("learner", email="l@example.org")


def grant(app, version_id, user_id, issued_at=None, monkeypatch=None):
    with app.app_context():
        if issued_at is None:
            return issue_content_grant(ContentGrant(version_id, user_id, LMS))
        with monkeypatch.context() as patch:
            patch.setattr(time, "time", lambda: issued_at)
            return issue_content_grant(ContentGrant(version_id, user_id, LMS))


def on_content(client, url, **headers):
    response = client.get(url, base_url=CONTENT, headers=headers, buffered=True)
    response.close()
    return response


def test_a_valid_grant_serves_the_file_with_the_content_headers(app, client, versions, learner):
    published = versions[1]
    url = f"/content/g/{published}/{grant(app, published, learner)}/index.html"
    response = on_content(client, url)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].endswith(f"frame-ancestors 'self' {LMS}")
    assert "script-src" not in response.headers["Content-Security-Policy"]  # default-src 'self' rules
    assert on_content(client, url, **{"If-None-Match": response.headers["ETag"]}).status_code == 304
    clip = url.replace("index.html", "media/clip.mp4")
    assert on_content(client, clip, Range="bytes=10-19").status_code == 206
    download = on_content(client, url.replace("index.html", "notes.exe"))
    assert download.mimetype == "application/octet-stream"


@pytest.mark.parametrize("case", ["expired", "other version", "tampered", "garbage", "draft",
                                  "unknown user"])
def test_a_bad_grant_is_refused(app, client, versions, learner, monkeypatch, case):
    draft, published, other = versions
    version, given = published, grant(app, published, learner)
    if case == "expired":
        given = grant(app, published, learner, time.time() - GRANT_SECONDS - 5, monkeypatch)
    elif case == "other version":
        version = other
    elif case == "tampered":
        given = given[:-3] + ("AAA" if given[-3:] != "AAA" else "BBB")
    elif case == "garbage":
        given = "not-a-grant"
    elif case == "draft":  # a learner may not preview a draft, grant or not
        version, given = draft, grant(app, draft, learner)
    elif case == "unknown user":
        given = grant(app, published, 9999)
    assert on_content(client, f"/content/g/{version}/{given}/index.html").status_code == 403


def test_a_fresh_grant_is_accepted_until_it_expires(app, client, versions, learner, monkeypatch):
    published = versions[1]
    almost = grant(app, published, learner, time.time() - GRANT_SECONDS + 60, monkeypatch)
    assert on_content(client, f"/content/g/{published}/{almost}/index.html").status_code == 200


@pytest.mark.parametrize("path", ["../1/index.html", "..%2F..%2Fsecret_key",
                                  "%2e%2e/%2e%2e/secret_key", "media", "missing.html"])
def test_nothing_outside_the_package_under_a_grant(app, client, versions, learner, path):
    published = versions[1]
    url = f"/content/g/{published}/{grant(app, published, learner)}/{path}"
    response = client.get(url, base_url=CONTENT, follow_redirects=True, buffered=True)
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/content/{id}/index.html", "/content/g/{id}/index.html",
                                  "/login", "/my/pre-learning", "/api/v1/openapi.json"])
def test_the_content_origin_serves_nothing_without_a_grant(client, versions, learner, path):
    assert on_content(client, path.format(id=versions[1])).status_code == 404


def test_the_lms_origin_refuses_content_once_a_content_origin_is_set(app, client, versions, learner):
    login(client, "l@example.org")
    published = versions[1]
    assert client.get(f"/content/{published}/index.html").status_code == 404
    granted = f"/content/g/{published}/{grant(app, published, learner)}/index.html"
    assert client.get(granted).status_code == 404
    app.config["CONTENT_ORIGIN"] = None
    response = client.get(f"/content/{published}/index.html", buffered=True)
    response.close()
    assert response.status_code == 200


def test_content_url_points_to_the_content_origin_under_a_grant(app, versions, learner):
    from lms_bridge.catalog.content import content_url

    with app.test_request_context("/", base_url=LMS):
        url = content_url(versions[1], "index.html", "GRANT")
        assert url == f"{CONTENT}/content/g/{versions[1]}/GRANT/index.html"
        app.config["CONTENT_ORIGIN"] = None
        assert content_url(versions[1], "index.html") == f"/content/{versions[1]}/index.html"


def test_the_version_page_links_to_content_under_a_grant(app, client, versions, make_user):
    make_user("coordinator", email="c@example.org")
    login(client, "c@example.org")
    html = client.get(f"/catalog/versions/{versions[0]}").get_data(as_text=True)
    assert f'href="{CONTENT}/content/g/{versions[0]}/' in html
    link = html.split(f'href="{CONTENT}', 1)[1].split('"', 1)[0]
    assert on_content(client, link).status_code == 200  # the coordinator previews the draft
