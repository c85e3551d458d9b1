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


def test_editions_migration_gives_existing_versions_their_module_language(tmp_path):
    from datetime import datetime, timezone

    from sqlalchemy import MetaData, select

    from lms_bridge.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'editions.sqlite3'}")
    upgrade(engine, "privacy")
    tables = MetaData()
    tables.reflect(engine, only=["module", "package_version"])
    module, version = tables.tables["module"], tables.tables["package_version"]
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with engine.begin() as conn:
        for id_, language in ((1, "fr"), (2, "en")):
            conn.execute(module.insert().values(
                id=id_, slug=f"m{id_}", title="M", topic="", language=language, description="",
                completion_rule="CompletedAndPassed", created_at=now))
            conn.execute(version.insert().values(
                id=id_, module_id=id_, number=1, sha256=str(id_) * 64, scorm_version="1.2",
                title="M", state="published", report={}, size_bytes=1, unpacked_bytes=1,
                file_count=1, original_filename="m.zip", imported_at=now))
    upgrade(engine)
    tables = MetaData()
    tables.reflect(engine, only=["package_version"])
    version = tables.tables["package_version"]
    with engine.connect() as conn:
        assert dict(conn.execute(select(version.c.id, version.c.language)).all()) == {1: "fr", 2: "en"}
    assert version.c.language.nullable is False
    downgrade(engine, "privacy")
    engine.dispose()
