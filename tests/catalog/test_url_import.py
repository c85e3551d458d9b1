"""URL imports against a real HTTP server on loopback."""
import html
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import select

from lms_bridge.catalog.jobs import recheck_url_imports_job
from lms_bridge.catalog.models import PackageVersion, UrlImport
from lms_bridge.catalog import url_import
from lms_bridge.catalog.url_import import UrlImportRefused, import_from_url, recheck_url_imports
from lms_bridge.cli import cli
from lms_bridge.db import db
from tests.catalog.packages import write_package
from tests.conftest import csrf_token, login

TRICKLE_INTERVAL, TRICKLE_BYTES = 0.05, 600  # 30 s in all, each byte well inside a read timeout


class Site:
    """What the server answers, by path: (status, headers, body); ``trickles`` maps a path to
    the part ("headers", "body" or "unsized body") sent one byte at a time."""

    def __init__(self):
        self.routes = {}
        self.trickles = {}
        self.stop = threading.Event()


def _trickle(handler, part, stop):
    if part == "headers":
        slow = b"X-Padding: " + b"a" * TRICKLE_BYTES + b"\r\n\r\n"
    else:
        slow = bytes(TRICKLE_BYTES)
    head = b"HTTP/1.1 200 OK\r\nConnection: close\r\n"
    if part == "body":
        head += b"Content-Length: %d\r\n" % TRICKLE_BYTES
    if part != "headers":
        head += b"\r\n"
    try:
        handler.wfile.write(head)
        for byte in slow:
            if stop.wait(TRICKLE_INTERVAL):
                return
            handler.wfile.write(bytes([byte]))
    except OSError:
        pass  # the client hung up: what the deadline is for


@pytest.fixture
def site(tmp_path):
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path in state.trickles:
                _trickle(self, state.trickles[self.path], state.stop)
                return
            status, headers, body = state.routes.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers and status != 302:
                self.send_header("Connection", "close")  # unknown length: read to the end
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_port}"
    state.port = server.server_port
    yield state
    state.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def allowed(app):
    app.config.update(IMPORT_URL_HOSTS=("127.0.0.1",), IMPORT_URL_ALLOW_PRIVATE=True)
    return app


def _package(tmp_path, text="one"):
    data = write_package(tmp_path / f"{text}.zip", files={"index.html": text}).read_bytes()
    return (200, {"Content-Length": str(len(data))}, data)


def test_import_and_recheck_imports_changed_bytes(allowed, site, tmp_path):
    site.routes["/course.zip"] = _package(tmp_path, "one")
    with allowed.app_context():
        first = import_from_url(f"{site.base}/course.zip", "remote", None)
        assert first.created and first.version.original_filename == "course.zip"
        assert [o.new_version for o in recheck_url_imports()] == [None]  # same bytes
        site.routes["/course.zip"] = _package(tmp_path, "two")
        outcomes = recheck_url_imports()
        assert [(o.slug, o.new_version, o.error) for o in outcomes] == [("remote", 2, "")]
        source = db.session.scalar(select(UrlImport))
        assert source.last_sha256 == db.session.scalar(
            select(PackageVersion.sha256).where(PackageVersion.number == 2))


def test_same_host_redirect_is_followed(allowed, site, tmp_path):
    site.routes["/course.zip"] = _package(tmp_path)
    site.routes["/latest"] = (302, {"Location": "/course.zip", "Content-Length": "0"}, b"")
    with allowed.app_context():
        assert import_from_url(f"{site.base}/latest", "remote", None).created


def test_redirect_to_another_host_is_refused(allowed, site, tmp_path):
    site.routes["/course.zip"] = _package(tmp_path)
    site.routes["/elsewhere"] = (302, {"Location": f"http://localhost:{site.port}/course.zip",
                                       "Content-Length": "0"}, b"")
    with allowed.app_context(), pytest.raises(UrlImportRefused, match="another host"):
        import_from_url(f"{site.base}/elsewhere", "remote", None)


@pytest.mark.parametrize("declare_length", [True, False])
def test_oversized_body_is_refused(allowed, site, declare_length):
    body = b"x" * 5000
    site.routes["/big.zip"] = (200, {"Content-Length": str(len(body))} if declare_length else {}, body)
    allowed.config["MAX_UPLOAD_BYTES"] = 4000
    with allowed.app_context(), pytest.raises(UrlImportRefused, match="larger than"):
        import_from_url(f"{site.base}/big.zip", "remote", None)


def test_policy_refusals(app, site, tmp_path):
    site.routes["/course.zip"] = _package(tmp_path)
    url = f"{site.base}/course.zip"
    with app.app_context():
        with pytest.raises(UrlImportRefused, match="allowed hosts: none"):
            import_from_url(url, "remote", None)
        app.config["IMPORT_URL_HOSTS"] = ("127.0.0.1",)
        with pytest.raises(UrlImportRefused, match="internal address"):
            import_from_url(url, "remote", None)
        with pytest.raises(UrlImportRefused, match="http or https"):
            import_from_url("ftp://127.0.0.1/course.zip", "remote", None)


def test_failed_recheck_is_recorded_and_skipped(allowed, site, tmp_path):
    site.routes["/course.zip"] = _package(tmp_path)
    with allowed.app_context():
        import_from_url(f"{site.base}/course.zip", "remote", None)
        site.routes["/course.zip"] = (200, {"Content-Length": "9"}, b"not a zip")
        outcome, = recheck_url_imports()
        assert outcome.new_version is None and "not a zip" in outcome.error
        assert "not a zip" in db.session.scalar(select(UrlImport.last_error))


def test_cli_and_job(allowed, site, tmp_path):
    site.routes["/course.zip"] = _package(tmp_path)
    invoke = lambda *a: CliRunner().invoke(cli, list(a), obj=ScriptInfo(create_app=lambda: allowed))
    result = invoke("import-url", f"{site.base}/course.zip", "--module", "remote")
    assert result.exit_code == 0 and "imported as remote v1" in result.output
    site.routes["/course.zip"] = _package(tmp_path, "three")
    recheck_url_imports_job(allowed)
    assert invoke("recheck-urls").output == "remote: unchanged\n"
    with allowed.app_context():
        assert db.session.scalar(select(PackageVersion.number).order_by(PackageVersion.number.desc())) == 2


@pytest.mark.parametrize("part", ["headers", "body", "unsized body"])
def test_a_trickling_server_is_cut_off_at_the_deadline(allowed, site, part):
    site.trickles["/slow.zip"] = part
    allowed.config["IMPORT_URL_DEADLINE_SECONDS"] = 1
    started = time.monotonic()
    with allowed.app_context():
        with pytest.raises(UrlImportRefused, match="within the 1-second limit") as caught:
            import_from_url(f"{site.base}/slow.zip", "remote", None)
        assert time.monotonic() - started < 10  # the server would trickle for 30 s
        assert caught.value.details == [{"field": "url", "problem": "download deadline exceeded"}]
        assert db.session.scalar(select(UrlImport)) is None
        assert db.session.scalar(select(PackageVersion)) is None


BAD_URLS = [
    ("http://example.org:99999/x.zip", "its port must be a number from 1 to 65535"),
    ("http://example.org:0/x.zip", "its port must be a number from 1 to 65535"),
    ("http://example.org:http/x.zip", "its port must be a number from 1 to 65535"),
    ("http://[::1/x.zip", "its host is neither a name nor a well-formed [IPv6] address"),
]


@pytest.mark.parametrize("url, problem", BAD_URLS)
def test_a_malformed_url_is_refused_by_the_api_naming_the_field(app, client, make_user,
                                                                token_for, url, problem):
    app.config["IMPORT_URL_HOSTS"] = ("example.org",)
    token = token_for(make_user("coordinator"))
    response = client.post("/api/v1/modules/remote/url-imports", json={"url": url},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "url_import_refused" and url in error["message"]
    assert error["details"] == [{"field": "url", "problem": problem}]


@pytest.mark.parametrize("url, problem", BAD_URLS)
def test_a_malformed_url_is_refused_on_the_page_which_keeps_what_was_typed(
        app, client, make_user, url, problem):
    app.config["IMPORT_URL_HOSTS"] = ("example.org",)
    make_user("coordinator", email="c@example.org")
    login(client, "c@example.org")
    token = csrf_token(client, "/catalog/import")
    response = client.post("/catalog/import-url",
                           data={"csrf_token": token, "module": "+new", "new_title": "Remote",
                                 "url": url})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<p class="field-error" id="url-error">This URL cannot be used: {problem}.' in page
    assert f'value="{html.escape(url)}"' in page and 'value="Remote"' in page


def test_a_stored_malformed_url_fails_its_recheck_without_stopping_the_others(
        allowed, site, tmp_path):
    site.routes["/course.zip"] = _package(tmp_path, "one")
    with allowed.app_context():
        for slug in ("good", "ipv6", "port"):
            import_from_url(f"{site.base}/course.zip", slug, None)
        stored = {source.module.slug: source for source in db.session.scalars(select(UrlImport))}
        stored["ipv6"].url = "http://[::1/x.zip"  # as saved by an older version, or by hand
        stored["port"].url = "http://127.0.0.1:99999/x.zip"
        db.session.commit()
        site.routes["/course.zip"] = _package(tmp_path, "two")
        outcomes = {outcome.slug: outcome for outcome in recheck_url_imports()}
        assert outcomes["good"].new_version == 2
        assert "[IPv6] address" in outcomes["ipv6"].error
        assert "port must be a number" in outcomes["port"].error
        errors = dict(db.session.execute(select(UrlImport.url, UrlImport.last_error)).all())
        assert "[IPv6] address" in errors["http://[::1/x.zip"]
    recheck_url_imports_job(allowed)  # the scheduled job runs through them too


def test_an_unexpected_failure_of_one_recheck_is_logged_and_the_others_still_run(
        allowed, site, tmp_path, monkeypatch, caplog):
    site.routes["/course.zip"] = _package(tmp_path, "one")
    with allowed.app_context():
        for slug in ("first", "second"):
            import_from_url(f"{site.base}/course.zip", slug, None)
        site.routes["/course.zip"] = _package(tmp_path, "two")
        real_import = url_import.import_package

        def failing_for_first(path, slug, *args, **kwargs):
            if slug == "first":
                raise RuntimeError("a defect")
            return real_import(path, slug, *args, **kwargs)

        monkeypatch.setattr(url_import, "import_package", failing_for_first)
        outcomes = {outcome.slug: outcome for outcome in recheck_url_imports()}
        assert outcomes["first"].error == "unexpected error (see the server log)"
        assert outcomes["second"].new_version == 2
        assert "a defect" in caplog.text


def test_a_failed_recheck_logs_the_stored_url_and_the_error_as_one_printable_line(
        allowed, site, tmp_path, caplog):
    # A URL saved by hand or an older version can carry control characters; written as it is,
    # \u2028 or an escape sequence forges or rewrites log lines.
    site.routes["/course.zip"] = _package(tmp_path)
    with allowed.app_context():
        import_from_url(f"{site.base}/course.zip", "remote", None)
        source = db.session.scalar(select(UrlImport))
        # (no NUL: PostgreSQL cannot store one in text, so no stored URL holds it)
        source.url = f"{site.base}/gone\x1b[2J\u2028\x07forged.zip"
        db.session.commit()
        caplog.set_level("WARNING", logger="lms_bridge.catalog.url_import")
        outcome, = recheck_url_imports()
    assert outcome.error
    [line] = [r.getMessage() for r in caplog.records if "re-check of remote" in r.getMessage()]
    assert "/gone\\x1b[2J\\u2028\\x07forged.zip" in line
    assert not any(ch in line for ch in "\x1b\u2028\x07\n")
