"""The demo's sync sources: the remote platforms its completion records cite (CLiKC!, a
regional LRS, a training centre's CSV reports), so that the Sync page lists each of them.

They point at addresses under ``.example`` that never answer, so they are created disabled
(never synced on schedule) and with private addresses allowed (no DNS lookup at creation).
"""
from __future__ import annotations

from sqlalchemy import select

from sync.records import SourceKind

from ..db import db
from . import operations
from .models import SyncSource

# short name used by the demo records: (kind, source name, address). No course mappings: the
# demo's records are written directly, and a mapping would create its module early.
DEMO_SOURCES = {
    "clikc": (SourceKind.MOODLE, "CLiKC!", "https://clikc.demo.lms-bridge.example"),
    "lrs": (SourceKind.XAPI, "ROCB Asia-Pacific LRS", "https://lrs.demo.lms-bridge.example/xAPI/"),
    "csv": (SourceKind.CSV, "RTC Seoul report", ""),
}


def load_sync_demo() -> dict[str, tuple[str, str, str]]:
    """Create the demo sources that are missing; returns, per short name, (kind value,
    ``Completion.source_key``, source name) for the records that cite it."""
    cited = {}
    for short, (kind, name, url) in DEMO_SOURCES.items():
        source = db.session.scalar(select(SyncSource).where(SyncSource.name == name))
        if source is None:
            source = operations.create_source(
                None, name, kind, url, secret="demo-token" if kind is SourceKind.MOODLE else None,
                username="demo" if kind is SourceKind.XAPI else "", allow_private=True)
            operations.update_source(None, source, enabled=False)
        cited[short] = (kind.value, source.source_key, source.name)
    return cited
