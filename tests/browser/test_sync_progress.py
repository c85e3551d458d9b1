"""An admin presses "Sync now" on a Moodle source and watches sync-progress.js report the run.

The loopback Moodle holds its answers until the page has shown the run as running, so the
live progress is seen for certain; then the run finishes and the script reloads the page
with the result.
"""
from __future__ import annotations

import re
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from tests.browser.test_access_journey import _sign_in
from tests.conftest import PASSWORD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from moodle_server import FakeMoodle  # noqa: E402
from moodle_site import readme_site  # noqa: E402
from source_options import TEST_OPTIONS  # noqa: E402
from sync_world import add_moodle_source  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def gated_moodle(moodle_ws: Path):
    """The loopback Moodle; each call waits until ``server.gate`` is set (at most 20 s)."""
    with FakeMoodle(moodle_ws, readme_site()) as server:
        server.gate = threading.Event()
        answer = server.answer

        def held(function, params):
            server.gate.wait(20)
            return answer(function, params)
        server.answer = held
        yield server
        server.gate.set()


def test_sync_now_shows_live_progress_then_the_result(app, live_server, page, make_user,
                                                       gated_moodle):
    app.config["SYNC_HTTP_OPTIONS"] = replace(TEST_OPTIONS, read_timeout=30.0)
    app.config["SYNC_HTTP_HOOKS"] = {"sleep": lambda s: None, "jitter": lambda: 0.5}
    make_user("admin", email="admin@example.org")
    for n in range(1, 6):
        make_user("learner", email=f"learner{n}@example.com")
    with app.app_context():
        source_id = add_moodle_source(gated_moodle)
    _sign_in(page, live_server, "admin@example.org", PASSWORD)
    page.goto(f"{live_server}/admin/sync/{source_id}")
    progress = page.locator("#sync-progress")
    assert "No run yet." in progress.inner_text()

    page.get_by_role("button", name="Sync now").click()
    page.wait_for_url(re.compile(r".*/admin/sync/\d+\?after=0$"))
    progress.get_by_text(re.compile(r"Run \d+: running \(pulling\)")).wait_for()

    gated_moodle.gate.set()
    page.wait_for_url(f"{live_server}/admin/sync/{source_id}")  # the script reloads when done
    progress.get_by_text(re.compile(r"Run \d+: succeeded \(done\), \d+ calls — 30 of 30 records\. "
                                    r"15 created")).wait_for()
    history = page.get_by_role("table").last.inner_text()
    assert "manual" in history and "succeeded" in history
