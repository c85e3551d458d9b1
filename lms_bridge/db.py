"""The database: one engine per app, one session per application context.

SQLite gets WAL, foreign keys and a busy timeout on every connection, so that the embedded
default behaves like a real database under concurrent requests. The schema is only ever created
by Alembic (``lms_bridge.migrations``); nothing here calls ``create_all``.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone

from flask import Flask, current_app
from flask.globals import app_ctx
from sqlalchemy import DateTime, MetaData, create_engine, event
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC datetime is required")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


SQLITE_BUSY_TIMEOUT_MS = 10000


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """Flask extension holding the engine and an app-context-scoped session."""

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        session = scoped_session(factory, scopefunc=_context_key)
        app.extensions["lms_bridge.db"] = (engine, session)
        # SQLite has one writer at a time and its busy handler polls with sleeps of up to
        # 100 ms, so hot write paths queue on a lock in this process instead (``writing``).
        app.extensions["lms_bridge.db.writer"] = (
            threading.Lock() if engine.dialect.name == "sqlite" else nullcontext())

        @app.teardown_appcontext
        def _remove_session(_exc):
            session.remove()

    @property
    def engine(self) -> Engine:
        return current_app.extensions["lms_bridge.db"][0]

    @property
    def session(self) -> Session:
        return current_app.extensions["lms_bridge.db"][1]()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold this process's write lock (SQLite only) around a short write transaction.

        The block must end the transaction (commit); if it raises, it is rolled back before
        the lock is let go, so the next writer never waits on a transaction left open.
        """
        with current_app.extensions["lms_bridge.db.writer"]:
            try:
                yield
            except BaseException:
                self.session.rollback()
                raise


def _context_key() -> int:
    return id(app_ctx._get_current_object())


db = Database()


def enum_type(enum_cls) -> "SqlEnum":
    """Store an Enum by its value, as a checked string (portable across SQLite and PostgreSQL)."""
    return SqlEnum(enum_cls, native_enum=False, length=40, validate_strings=True,
                   values_callable=lambda members: [m.value for m in members],
                   name=enum_cls.__name__.lower())
