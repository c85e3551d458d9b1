"""URL imports against a real HTTP server on loopback."""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import select

from lms_bridge.catalog.jobs import recheck_url_imports_job
from lms_bridge.catalog.models import PackageVersion, UrlImport
from lms_bridge.catalog.url_import import UrlImportRefused, import_from_url, recheck_url_imports
from lms_bridge.cli import cli
from lms_bridge.db import db
from tests.catalog.packages import write_package


class Site:
    """What the server answers, by path: (status, headers, body)."""

    def __init__(self):
        self.routes = {}


@pytest.fixture
def site(tmp_path):
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
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
