"""The loopback Moodle of tests/sync, for the sync pages, API and CLI tests."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

SYNC_TESTS = Path(__file__).resolve().parents[1] / "sync"
sys.path.insert(0, str(SYNC_TESTS))

from moodle_server import FakeMoodle  # noqa: E402
from moodle_site import readme_site  # noqa: E402


@pytest.fixture
def moodle(moodle_ws: Path):
    with FakeMoodle(moodle_ws, readme_site()) as server:
        yield server
