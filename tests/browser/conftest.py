"""A real server on loopback and Debian's Chromium driven by Playwright (no browser download)."""
import gc
import threading
import time
import warnings
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    _wait_for_requests_in_flight(app)
    _collect_abandoned_connections()


def _collect_abandoned_connections() -> None:
    """A page's last beacon can be cut off with the server: its request thread never gives its
    database connection back. Collect such a connection here, quietly, rather than let the
    garbage collector raise its ResourceWarning inside a later test (seen on PostgreSQL)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def _wait_for_requests_in_flight(app, seconds: float = 10.0) -> None:
    """Let requests still being handled (a page's last beacons) give their database connection
    back, so that the app's teardown closes it instead of leaving it to the garbage collector."""
    pool = app.extensions["lms_bridge.db"][0].pool
    deadline = time.monotonic() + seconds
    while getattr(pool, "checkedout", lambda: 0)() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def two_origin_server(app):
    """One live app reached on two origins: the LMS at http://127.0.0.1:PORT and, configured as
    its content origin, http://localhost:PORT (another host, so another origin and site)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    port = server.server_port
    app.config["CONTENT_ORIGIN"] = f"http://localhost:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}", f"http://localhost:{port}"
    server.shutdown()
    thread.join(timeout=10)
    _wait_for_requests_in_flight(app)
