"""The schema only ever changes through a migration: models and migrations must agree."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from lms_bridge.migrate import current_revision, downgrade, head_revision, upgrade
from lms_bridge.models import metadata


def test_migrated_schema_matches_the_models(migrated_engine):
    with migrated_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), metadata)
    assert diff == [], f"models differ from migrations; write a migration: {diff}"
    assert current_revision(migrated_engine) == head_revision()


def test_sqlite_runs_with_wal_and_foreign_keys(app):
    from lms_bridge.db import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_downgrade_and_upgrade_round_trip(tmp_path):
    from lms_bridge.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}")
    upgrade(engine)
    downgrade(engine, "base")
    assert "user_account" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert "user_account" in inspect(engine).get_table_names()
    engine.dispose()
