"""Shared data (adl.data) through the browser adapter in Chromium: SCO A writes a store, SCO B
reads it, and the adapter answers a read-only or write-only store with SCORM's error codes."""
from __future__ import annotations

import re

import pytest

from tests.browser.course_learner import eventually
from tests.browser.test_player import _sign_in
from tests.player.test_shared_data import publish_shared  # noqa: F401

pytestmark = pytest.mark.browser


def _api(page, call: str, *args: str) -> str:
    return page.evaluate(f"window.API_1484_11.{call}({', '.join(map(repr, args))})")


def _open(page, url: str) -> None:
    page.goto(url)
    # polled from here: the player's CSP forbids the eval that wait_for_function needs
    assert eventually(lambda: page.evaluate("window.API_1484_11 !== undefined"))
    assert _api(page, "Initialize", "") == "true"


def test_two_scos_share_a_store_through_the_adapter(live_server, page, make_user, publish_shared):
    publish_shared("shared")
    make_user("learner", email="golfer@example.org")
    _sign_in(page, live_server)
    _open(page, f"{live_server}/modules/shared/launch")
    attempt = re.search(r"/attempts/(\d+)/play", page.url).group(1)
    assert _api(page, "GetValue", "adl.data.0.id") == "notes"
    assert _api(page, "SetValue", "adl.data.0.store", "from A") == "true"
    assert _api(page, "Commit", "") == "true"
    assert eventually(lambda: page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 0)

    _open(page, f"{live_server}/attempts/{attempt}/play?sco=B")
    assert _api(page, "GetValue", "adl.data.0.store") == "from A"
    assert _api(page, "SetValue", "adl.data.0.store", "from B") == "false"
    assert _api(page, "GetLastError") == "404"
    assert _api(page, "GetValue", "adl.data.2.store") == ""
    assert _api(page, "GetLastError") == "405"
    assert _api(page, "SetValue", "adl.data.2.store", "secret") == "true"
    assert _api(page, "GetValue", "adl.data.1.store") == ""
    assert _api(page, "GetLastError") == "403"  # never written: not initialized
