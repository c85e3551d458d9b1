"""One attempt's SCORM 2004 sequencer, rebuilt for each request from what is stored.

``open_run(attempt)`` builds a :class:`scorm.sequencing.Sequencer` from the version's manifest
(parsed once per version and cached: a stored version's files never change), imports the stored
activity tree and loads the learner's global objectives in the organization's scope;
``save_run(run)`` writes back the tree and the objectives that changed. The caller commits.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from scorm.manifest import Manifest, parse_manifest
from scorm.sequencing import GlobalObjective, Sequencer

from ...catalog.store import content_store
from ...db import db, utcnow
from ..models import Attempt
from ..package import PackageLayout
from .models import GlobalObjectiveRecord, SequencingSession

SYSTEM_SCOPE = "system"


def is_sequenced(layout: PackageLayout, mode: str = "normal") -> bool:
    """Whether a launch in ``mode`` is driven by the sequencer (SCORM 2004, normal mode)."""
    return layout.scorm_version == "2004" and mode == "normal"


@lru_cache(maxsize=64)
def _manifest(package_dir: Path) -> Manifest:
    return parse_manifest((package_dir / "imsmanifest.xml").read_bytes())


def manifest_for(version_id: int) -> Manifest:
    """The parsed manifest of package version ``version_id`` (cached)."""
    return _manifest(content_store().package_dir(version_id))


@dataclass
class SequencingRun:
    """A sequencer rebuilt for one request, with the rows it came from."""

    attempt: Attempt
    row: SequencingSession
    sequencer: Sequencer
    scope: str
    objectives: dict[str, GlobalObjective]
    loaded: dict[str, dict] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return not self.row.tree


def _scope(attempt: Attempt, sequencer: Sequencer) -> str:
    return SYSTEM_SCOPE if sequencer.organization.objectives_global_to_system \
        else f"attempt-{attempt.id}"


def _session_row(attempt: Attempt) -> SequencingSession:
    row = db.session.get(SequencingSession, attempt.id)
    if row is None:
        row = SequencingSession(attempt_id=attempt.id, tree={}, seed=secrets.token_hex(8), step=0,
                                delivery=0, started_delivery=0, last_move={}, updated_at=utcnow())
        db.session.add(row)
    return row


def has_run(attempt: Attempt) -> bool:
    """Whether the attempt's sequencing session was started (a row with a stored tree)."""
    row = db.session.get(SequencingSession, attempt.id)
    return row is not None and bool(row.tree)


def open_run(attempt: Attempt) -> SequencingRun:
    """The attempt's sequencer with its stored state and global objectives."""
    row = _session_row(attempt)
    rng = random.Random(f"{row.seed}:{row.step}")
    objectives: dict[str, GlobalObjective] = {}
    manifest = manifest_for(attempt.package_version_id)
    sequencer = Sequencer(manifest, global_store=objectives, rng=rng)
    scope = _scope(attempt, sequencer)
    for record in db.session.scalars(select(GlobalObjectiveRecord).where(
            GlobalObjectiveRecord.user_id == attempt.user_id,
            GlobalObjectiveRecord.scope == scope)):
        objectives[record.objective_id] = GlobalObjective.from_dict(record.data)
    if row.tree:
        sequencer.import_state(row.tree)
    return SequencingRun(attempt, row, sequencer, scope, objectives,
                         {key: value.to_dict() for key, value in objectives.items()})


def save_run(run: SequencingRun) -> None:
    """Store the tree and every global objective that changed; the caller commits."""
    run.row.tree = run.sequencer.export_state()
    run.row.step += 1
    run.row.updated_at = utcnow()
    changed = {key: value.to_dict() for key, value in run.objectives.items()
               if run.loaded.get(key) != value.to_dict()}
    if not changed:
        return
    records = {record.objective_id: record for record in db.session.scalars(
        select(GlobalObjectiveRecord).where(
            GlobalObjectiveRecord.user_id == run.attempt.user_id,
            GlobalObjectiveRecord.scope == run.scope,
            GlobalObjectiveRecord.objective_id.in_(changed)))}
    for key, data in changed.items():
        record = records.get(key)
        if record is None:
            db.session.add(GlobalObjectiveRecord(user_id=run.attempt.user_id, scope=run.scope,
                                                 objective_id=key, data=data, updated_at=utcnow()))
        else:
            record.data, record.updated_at = data, utcnow()
    run.loaded.update(changed)
