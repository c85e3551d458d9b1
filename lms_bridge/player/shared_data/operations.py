"""SCORM 2004 shared data (``adl.data``) in the player: reading stores at launch, writing them
at commit.

A SCO's ``adlcp:map`` elements become its ``adl.data.n`` records (``PackageItem.shared_data``).
At session start :func:`with_shared_stores` fills in the current value of every readable store
(a store never written reads as not initialized). A commit that writes ``adl.data.n.store`` is
validated against the same maps (:func:`commit_launch`: write permission, the runtime's rules)
and :func:`store_shared_data` then upserts the written values into the learner's stores in the
commit's own transaction, so a refused or rolled-back commit stores nothing. The values are
kept out of the SCO's own state: the store is the one place they live, and another SCO (or
package) launched later reads them from there.

Scope (``PackageLayout.shares_data_globally``, the organization's
``adlcp:sharedDataGlobalToSystem``): true keeps a store per learner and targetID across every
package and version; false keeps it per attempt, so a new attempt starts with empty stores.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import replace

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from scorm.runtime import LaunchContext

from ...db import utcnow
from ..package import PackageItem, PackageLayout, layout_for
from .models import AttemptSharedData, SystemSharedData

_PREFIX = "adl.data."
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def target_key(target_id: str) -> str:
    """The key a store is indexed by: the SHA-256 of its targetID (see the models module)."""
    return hashlib.sha256(target_id.encode()).hexdigest()


def _owner(layout_global: bool, user_id: int, attempt_id: int):
    """(table, owner column name, owner id) of the stores one launch uses."""
    if layout_global:
        return SystemSharedData.__table__, "user_id", user_id
    return AttemptSharedData.__table__, "attempt_id", attempt_id


def read_stores(conn: Connection, *, is_global: bool, user_id: int, attempt_id: int,
                target_ids: Iterable[str]) -> dict[str, str]:
    """The current values of the named stores, by targetID (missing: never written)."""
    table, owner, owner_id = _owner(is_global, user_id, attempt_id)
    keys = {target_key(target): target for target in target_ids}
    if not keys:
        return {}
    rows = conn.execute(select(table.c.target_key, table.c.value).where(
        table.c[owner] == owner_id, table.c.target_key.in_(list(keys))))
    return {keys[key]: value for key, value in rows}


def with_shared_stores(conn: Connection, context: LaunchContext, layout: PackageLayout, *,
                       user_id: int, attempt_id: int) -> LaunchContext:
    """``context`` with the current value of each readable store of its ``adl.data`` maps."""
    if not context.shared_data:
        return context
    stores = read_stores(conn, is_global=layout.shares_data_globally, user_id=user_id,
                         attempt_id=attempt_id,
                         target_ids=[m.target_id for m in context.shared_data if m.readable])
    maps = tuple(replace(m, store=stores.get(m.target_id) if m.readable else None)
                 for m in context.shared_data)
    return replace(context, shared_data=maps)


def shared_access(item: PackageItem) -> tuple[dict[str, bool], ...]:
    """Per ``adl.data.n`` record, what the browser adapter may let the SCO do with its store."""
    return tuple({"readable": m.readable, "writable": m.writable} for m in item.shared_data)


def commit_launch(version_id: int, item_identifier: str,
                  changes: Mapping[str, str]) -> LaunchContext | None:
    """The launch context to validate a commit with when it touches ``adl.data``; else None.

    Only the SCO's maps matter to the writes (record ids and write permissions), so the other
    launch values are left out; commits without ``adl.data`` elements cost nothing here.
    """
    if not any(name.startswith(_PREFIX) for name in changes):
        return None
    return LaunchContext(shared_data=layout_for(version_id).item(item_identifier).shared_data)


def store_shared_data(conn: Connection, *, user_id: int, attempt_id: int, version_id: int,
                      item_identifier: str, applied: Mapping[str, str],
                      state: dict[str, str]) -> dict[str, str]:
    """Upsert the stores a validated commit wrote (``applied``); return ``state`` without them.

    Call it inside the commit's write transaction, before the SCO state is stored. A commit
    that writes no ``adl.data`` element costs one scan of ``applied`` and gets ``state`` back.
    """
    if not any(name.startswith(_PREFIX) for name in applied):
        return state
    layout = layout_for(version_id)
    written = {}
    for index, shared in enumerate(layout.item(item_identifier).shared_data):
        value = applied.get(f"{_PREFIX}{index}.store")
        if value is not None and shared.writable:
            written[shared.target_id] = value
    _upsert(conn, layout.shares_data_globally, user_id, attempt_id, written)
    return {name: value for name, value in state.items() if not name.startswith(_PREFIX)}


def _upsert(conn: Connection, is_global: bool, user_id: int, attempt_id: int,
            written: dict[str, str]) -> None:
    if not written:
        return
    table, owner, owner_id = _owner(is_global, user_id, attempt_id)
    now = utcnow()
    statement = _INSERTS[conn.dialect.name](table)
    statement = statement.on_conflict_do_update(
        index_elements=[owner, "target_key"],
        set_={"value": statement.excluded.value, "updated_at": statement.excluded.updated_at})
    conn.execute(statement, [{owner: owner_id, "target_key": target_key(target),
                              "target_id": target, "value": value, "updated_at": now}
                             for target, value in written.items()])
