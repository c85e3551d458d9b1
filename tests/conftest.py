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


# --- the application on a real database -------------------------------------------------------
#
# SQLite file by default; PostgreSQL when LMS_BRIDGE_TEST_DATABASE_URL names one (make test does
# both). The schema is built once per run by the Alembic migrations, never by create_all, and
# every table is emptied after each test.

import re  # noqa: E402

from sqlalchemy import text  # noqa: E402


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("LMS_BRIDGE_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def migrated_engine(database_url):
    from lms_bridge.db import make_engine
    from lms_bridge.migrate import upgrade

    engine = make_engine(database_url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    yield engine
    engine.dispose()


def _empty_all_tables(engine) -> None:
    from lms_bridge.models import metadata

    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


def build_app(database_url: str, instance_path: Path):
    """The application as every test sees it (the ``app`` fixture; also for wider scopes)."""
    from lms_bridge import create_app

    return create_app({"INSTANCE_PATH": instance_path, "DATABASE_URL": database_url,
                       "TESTING": True, "SECRET_KEY": "test-secret-key",
                       # a cheap hash: the suite creates hundreds of accounts
                       "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})


def release_app(application, migrated_engine) -> None:
    """Close the application's connections and empty every table it wrote."""
    application.extensions["lms_bridge.db"][0].dispose()
    _empty_all_tables(migrated_engine)


@pytest.fixture
def app(migrated_engine, database_url, tmp_path):
    application = build_app(database_url, tmp_path / "instance")
    yield application
    release_app(application, migrated_engine)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def add_administrations(app) -> dict[str, int]:
    """Store the demo administrations; return {country code: id}."""
    from lms_bridge.accounts.models import Administration
    from lms_bridge.db import db
    from lms_bridge.demo import ADMINISTRATIONS

    with app.app_context():
        rows = [Administration(name=n, country_code=c, region=r) for n, c, r in ADMINISTRATIONS]
        db.session.add_all(rows)
        db.session.commit()
        return {row.country_code: row.id for row in rows}


@pytest.fixture
def administrations(app):
    """The demo administrations: {country code: id}."""
    return add_administrations(app)


PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(app, administrations):
    """make_user("admin", country="KR", email=None) -> the user's id; password is PASSWORD."""
    return user_maker(app, administrations)


def user_maker(app, administrations):
    """A make_user function for ``app`` (the fixture; also for wider scopes)."""
    from lms_bridge.accounts import operations
    from lms_bridge.accounts.models import AccessStatus, Role
    from lms_bridge.db import db

    counter = iter(range(1, 10_000))

    def make(*roles: str, country: str | None = None, email: str | None = None,
             status: str = "approved", name: str | None = None) -> int:
        n = next(counter)
        with app.app_context():
            user = operations.create_user(
                email or f"user{n}@example.org", name or f"User {n}", PASSWORD,
                [Role(r) for r in roles or ("learner",)],
                administration_id=administrations[country] if country else None,
                access_status=AccessStatus(status))
            db.session.commit()
            return user.id
    return make


CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url: str = "/login") -> str:
    page = client.get(url).get_data(as_text=True)
    match = CSRF_FIELD.search(page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def login(client, email: str, password: str = PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def token_for(app):
    """token_for(user_id) -> a fresh personal API token for that user."""
    from lms_bridge.accounts import operations
    from lms_bridge.accounts.models import User
    from lms_bridge.db import db

    def make(user_id: int) -> str:
        with app.app_context():
            plain, _ = operations.create_api_token(db.session.get(User, user_id), "test", 30)
            return plain
    return make


_LEFT_OUT = pytest.StashKey[list]()


def pytest_collection_modifyitems(config, items):
    """Choose the tests of this pass, deselecting (never skipping: CI may skip nothing) the rest.

    On the PostgreSQL pass (LMS_BRIDGE_TEST_DB_ONLY=1) only the tests that touch a database run,
    less those marked ``sqlite_only`` and the browser tests: a browser walk sends the same SQL as
    the request tests of its pages, which do run there, and running them twice would put CI over
    its 30 minutes. On the SQLite pass, the ``postgres_only`` ones are left out (the summary names
    them).
    """
    on_postgres = os.environ.get("LMS_BRIDGE_TEST_DB_ONLY") == "1"
    keep, dropped = [], []
    for item in items:
        if on_postgres:
            wanted = ("migrated_engine" in getattr(item, "fixturenames", ())
                      and item.get_closest_marker("sqlite_only") is None
                      and item.get_closest_marker("browser") is None)
        else:
            wanted = item.get_closest_marker("postgres_only") is None
        (keep if wanted else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = keep
    if not on_postgres:
        config.stash[_LEFT_OUT] = [item.nodeid for item in dropped]


def pytest_terminal_summary(terminalreporter, config):
    left_out = config.stash.get(_LEFT_OUT, [])
    if left_out:
        terminalreporter.write_line(
            f"{len(left_out)} test(s) marked postgres_only left out of this SQLite pass (the "
            "PostgreSQL pass of tests/tools/run_suite.sh runs them): " + ", ".join(left_out))
