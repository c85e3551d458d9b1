"""The deployment tests run real servers. Those marked ``postgres_only`` need the PostgreSQL
database of the suite's second pass (``LMS_BRIDGE_TEST_DATABASE_URL``, see
tests/tools/run_suite.sh): on the SQLite pass they are left out, not skipped (under CI=true a
skip fails the run), and the summary says so."""
import os

import pytest

_STASH_KEY = pytest.StashKey[list]()


def on_postgresql() -> bool:
    return os.environ.get("LMS_BRIDGE_TEST_DATABASE_URL", "").startswith("postgresql")


def pytest_collection_modifyitems(config, items):
    if on_postgresql():
        return
    left_out = [item for item in items if item.get_closest_marker("postgres_only")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]
        config.stash.setdefault(_STASH_KEY, []).extend(item.nodeid for item in left_out)


def pytest_terminal_summary(terminalreporter, config):
    left_out = config.stash.get(_STASH_KEY, [])
    if left_out:
        terminalreporter.write_line(
            f"{len(left_out)} test(s) marked postgres_only left out: no PostgreSQL database in "
            "LMS_BRIDGE_TEST_DATABASE_URL (the suite's PostgreSQL pass runs them): "
            + ", ".join(left_out))
