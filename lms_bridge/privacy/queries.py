"""Everything held about one person, read from every table of every domain.

The tables are found from the schema rather than listed by hand, so a new domain's table is
exported without a change here: a table is the person's when a ``user_id`` (or ``trainer_id``)
column points at their account; a row of another table is theirs when it belongs (a cascading
foreign key) to one of their rows (an application's events, an attempt's SCORM data, a
completion's observations). Audit events about them and the sync rows that name them are added.
Columns holding secrets (password and token hashes) are left out.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Table, or_, select

from ..accounts.models import AuditEvent, User
from ..db import Base, db

from ..spreadsheets import neutralise
from ..syncing.models import PersonLink, UnmatchedPerson

metadata = Base.metadata
OWNER_COLUMNS = ("user_id", "trainer_id")
SECRET_COLUMNS = frozenset({"password_hash", "token_hash"})
ACCOUNT_TABLE = "user_account"


def _owner_column(table: Table):
    for name in OWNER_COLUMNS:
        column = table.columns.get(name)
        if column is not None and any(fk.column.table.name == ACCOUNT_TABLE
                                      for fk in column.foreign_keys):
            return column
    return None


def _parent_links(table: Table, collected: dict[str, set]) -> list:
    """(column, ids) pairs: the table's cascading keys to rows already collected."""
    links = []
    for fk in table.foreign_keys:
        parent = fk.column.table.name
        if parent != ACCOUNT_TABLE and parent in collected and fk.ondelete == "CASCADE":
            links.append((fk.parent, collected[parent]))
    return links


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _rows(table: Table, condition) -> list[dict[str, Any]]:
    columns = [c for c in table.columns if c.name not in SECRET_COLUMNS]
    result = db.session.execute(select(*columns).where(condition))
    return [{k: _plain(v) for k, v in row._mapping.items()} for row in result]


def person_data(user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Table name -> the person's rows (only tables with rows)."""
    collected: dict[str, set] = {ACCOUNT_TABLE: {user_id}}
    data: dict[str, list[dict[str, Any]]] = {
        ACCOUNT_TABLE: _rows(metadata.tables[ACCOUNT_TABLE],
                             metadata.tables[ACCOUNT_TABLE].c.id == user_id)}
    for table in metadata.sorted_tables:
        if table.name == ACCOUNT_TABLE:
            continue
        owner = _owner_column(table)
        links = _parent_links(table, collected) if owner is None else []
        if owner is not None:
            condition = owner == user_id
        elif links:
            condition = or_(*(column.in_(ids) for column, ids in links))
        else:
            continue
        rows = _rows(table, condition)
        if rows:
            data[table.name] = rows
            if "id" in table.columns:
                collected[table.name] = {row["id"] for row in rows}
    data.update(_records_naming(user_id))
    return {name: rows for name, rows in data.items() if rows}


def _records_naming(user_id: int) -> dict[str, list[dict[str, Any]]]:
    """Audit events about the person and sync rows waiting under their identifiers."""
    audit = metadata.tables[AuditEvent.__tablename__]
    identities = list(db.session.scalars(select(PersonLink.identity)
                                         .where(PersonLink.user_id == user_id)))
    email = db.session.scalar(select(User.email).where(User.id == user_id)) or ""
    unmatched = metadata.tables[UnmatchedPerson.__tablename__]
    return {
        "audit_event": _rows(audit, (audit.c.target_type == "user")
                             & (audit.c.target_id == str(user_id))),
        "sync_unmatched_person": _rows(unmatched, or_(
            unmatched.c.identity.in_(identities), unmatched.c.email == email)
            if email else unmatched.c.identity.in_(identities)),
    }


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header = list(rows[0])
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(json.dumps(v, ensure_ascii=False)
                                    if isinstance(v, (dict, list)) else v) for v in
                         (row[k] for k in header)])
    return out.getvalue()


def export_zip(user_id: int) -> bytes:
    """A zip with one JSON file and one CSV file per kind of record held about the person."""
    data = person_data(user_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(kinds="\n".join(f"- {n}" for n in data)))
        for name, rows in data.items():
            archive.writestr(f"json/{name}.json",
                             json.dumps(rows, ensure_ascii=False, indent=2, default=str))
            archive.writestr(f"csv/{name}.csv", _csv(rows))
    return buffer.getvalue()


README = """Everything LMS Bridge holds about one person.

json/ has every record as it is stored; csv/ has the same records as tables (cells a spreadsheet
would run as a formula start with an apostrophe). Password and token hashes are left out.

Kinds of record:
{kinds}
"""
