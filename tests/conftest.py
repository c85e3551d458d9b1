"""Fixtures shared by the whole suite.

Third-party material (``../shared/``) is found relative to the project root; tests that need it
skip with a clear reason when it is absent. Under ``CI=true`` nothing may be skipped: a skip is
turned into a failure so that a missing browser or database cannot hide behind a green run.
"""
import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("LMS_BRIDGE_SHARED_DIR", PROJECT_ROOT.parent / "shared"))
SCORM_CORPUS = SHARED_DIR / "scorm-corpus"
MOODLE_WS = SHARED_DIR / "moodle-ws"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def scorm_corpus() -> Path:
    if not SCORM_CORPUS.is_dir():
        pytest.skip(f"third-party SCORM corpus not found at {SCORM_CORPUS}")
    return SCORM_CORPUS


@pytest.fixture(scope="session")
def moodle_ws() -> Path:
    if not MOODLE_WS.is_dir():
        pytest.skip(f"recorded Moodle Web Services responses not found at {MOODLE_WS}")
    return MOODLE_WS


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if _in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where nothing may be skipped: {reason}"
