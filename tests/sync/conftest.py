"""Fixtures for the connector tests: a Moodle on loopback and a source pointed at it.

The helper modules beside this file (moodle_site, moodle_server, ralph_lrs, ...) are imported by
plain name; this directory is put on sys.path so that works under any pytest import mode.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from moodle_server import TOKEN, FakeMoodle  # noqa: E402
from moodle_site import readme_site  # noqa: E402

from source_options import TEST_OPTIONS  # noqa: E402

from sync.http import HttpOptions  # noqa: E402
from sync.moodle import MoodleSource  # noqa: E402


class SleepRecorder:
    """Stands in for time.sleep: records the delays, sleeps for none of them."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def http_session():
    with requests.Session() as session:
        yield session


@pytest.fixture
def moodle(moodle_ws: Path):
    with FakeMoodle(moodle_ws, readme_site()) as server:
        yield server


@pytest.fixture
def make_source(http_session, sleeps):
    def make(server: FakeMoodle, courses=("HSCLASS-PRE", "CUSTVAL-PRE"), token: str = TOKEN,
             options: HttpOptions = TEST_OPTIONS, **kwargs) -> MoodleSource:
        return MoodleSource(http_session, server.base_url, token, courses, options=options,
                            sleep=sleeps, jitter=lambda: 0.5, **kwargs)
    return make


@pytest.fixture(scope="session")
def ralph_lrs(tmp_path_factory):
    """A real Ralph LRS on loopback, holding the statements of xapi_statements.STATEMENTS."""
    from ralph_lrs import post_statements, ralph_executable, start_ralph, stop_ralph
    from xapi_statements import STATEMENTS

    executable = ralph_executable()
    if executable is None:
        pytest.skip("third-party LRS not installed: pip install 'ralph-malph[lrs,cli]'")
    lrs = start_ralph(executable, tmp_path_factory.mktemp("ralph"))
    try:
        post_statements(lrs, STATEMENTS)
        yield lrs
    finally:
        stop_ralph(lrs)
