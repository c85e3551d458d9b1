import pytest

from lms_bridge.catalog.content import CONTENT_SECURITY_POLICY, mime_type_of
from lms_bridge.catalog.operations import import_package, publish_version
from tests.catalog.packages import write_package
from tests.conftest import login

FILES = {
    "index.html": "<html><body>Hello</body></html>",
    "js/app.js": "var a = 1;",
    "css/site.css": "body{}",
    "media/clip.mp4": b"\x00" * 1000,
    "img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "data/blob.bin": b"\x01\x02",
    "notes.exe": b"MZ",
}


@pytest.fixture
def versions(app, tmp_path):
    """(draft id, published id)."""
    with app.app_context():
        draft = import_package(write_package(tmp_path / "a.zip", files=FILES), "draft-mod", None,
                               original_filename="a.zip").version.id
        published = import_package(write_package(tmp_path / "b.zip", files=FILES), "pub-mod", None,
                                   original_filename="b.zip").version.id
        publish_version(None, published)
    return draft, published


@pytest.mark.parametrize("path, mimetype", [
    ("index.html", "text/html"), ("a/B.HTM", "text/html"), ("js/app.js", "text/javascript"),
    ("s.css", "text/css"), ("x.woff2", "font/woff2"), ("v.mp4", "video/mp4"),
    ("d.json", "application/json"), ("m.xml", "application/xml"), ("f.pdf", "application/pdf"),
    ("old.swf", None), ("run.exe", None), ("noextension", None), (".htaccess", None),
])
def test_mime_allowlist(path, mimetype):
    assert mime_type_of(path) == mimetype


def _get(client, url, **headers):
    response = client.get(url, headers=headers, buffered=True)
    response.close()
    return response


def test_learner_reads_published_content_with_headers(client, make_user, versions):
    make_user("learner", email="l@example.org")
    login(client, "l@example.org")
    draft, published = versions
    response = _get(client, f"/content/{published}/index.html")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'self'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["ETag"]
    assert _get(client, f"/content/{draft}/index.html").status_code == 403


def test_coordinator_previews_a_draft(client, make_user, versions):
    make_user("coordinator", email="c@example.org")
    login(client, "c@example.org")
    assert _get(client, f"/content/{versions[0]}/js/app.js").mimetype == "text/javascript"


def test_anonymous_is_sent_to_sign_in(client, versions):
    response = _get(client, f"/content/{versions[1]}/index.html")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_unknown_types_are_downloads(client, make_user, versions):
    make_user("learner", email="l@example.org")
    login(client, "l@example.org")
    for path in ("data/blob.bin", "notes.exe"):
        response = _get(client, f"/content/{versions[1]}/{path}")
        assert response.mimetype == "application/octet-stream"
        assert response.headers["Content-Disposition"].startswith("attachment")


def test_conditional_get_and_ranges(client, make_user, versions):
    make_user("learner", email="l@example.org")
    login(client, "l@example.org")
    url = f"/content/{versions[1]}/media/clip.mp4"
    etag = _get(client, url).headers["ETag"]
    assert _get(client, url, **{"If-None-Match": etag}).status_code == 304
    partial = _get(client, url, Range="bytes=10-19")
    assert partial.status_code == 206 and partial.headers["Content-Range"] == "bytes 10-19/1000"
    assert len(partial.data) == 10
    assert _get(client, url, Range="bytes=5000-6000").status_code == 416


@pytest.mark.parametrize("path", ["../1/index.html", "..%2F..%2Fsecret_key", "%2e%2e/%2e%2e/secret_key",
                                  "js", "missing.html", "/etc/passwd"])
def test_nothing_outside_the_package(client, make_user, versions, path):
    make_user("admin", email="a@example.org")
    login(client, "a@example.org")
    response = client.get(f"/content/{versions[1]}/{path}", follow_redirects=True, buffered=True)
    assert response.status_code == 404  # a doubled slash is first merged by a redirect


def test_missing_version_is_404(client, make_user, versions):
    make_user("admin", email="a@example.org")
    login(client, "a@example.org")
    assert _get(client, "/content/9999/index.html").status_code == 404


def test_session_cookie_is_http_only(client, make_user):
    make_user("learner", email="l@example.org")
    response = login(client, "l@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
