"""Where a learner's status on a module came from: this site's player, or a completion record
from any source (Moodle, an xAPI LRS, a CSV report), so that *My pre-learning* agrees with the
eligibility engine, which reads every source.

Statuses are compared on the tracking ladder (incomplete < failed < completed < passed); an
attempt in this site's player that wrote no completion yet ranks below every record.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..db import db
from ..tracking.vocabulary import SourceKind
from ..tracking.models import Completion
from ..tracking.operations import status_rank

# the player's own words for an attempt that has no completion record (yet)
_LOCAL_RANKS = {"passed": 3, "completed": 2, "failed": 1, "in progress": 0, "not started": -1}


@dataclass(frozen=True)
class SourcedStatus:
    """A status and where it came from, in the words the learner reads."""

    status: str
    score: float | None  # percent
    where: str
    at: datetime | None
    rank: int


def local_player() -> str:
    return _("in this site's player")


def where_from(completion: Completion) -> str:
    """"from Moodle (CLiKC!)", "from a CSV report (…)", "in this site's player"…, in the
    learner's language."""
    label = completion.source_label.strip()
    kind = completion.source_kind
    if kind is SourceKind.LOCAL:
        return local_player()
    if kind is SourceKind.MOODLE:
        return _("from Moodle (%(label)s)", label=label) if label else _("from Moodle")
    if kind is SourceKind.CSV:
        return (_("from a CSV report (%(label)s)", label=label) if label
                else _("from a CSV report"))
    return _("from %(label)s (xAPI)", label=label) if label else _("from an xAPI record store")


def _sourced(completion: Completion) -> SourcedStatus:
    score = None if completion.score_scaled is None else completion.score_scaled * 100
    return SourcedStatus(completion.status.value, score, where_from(completion),
                         completion.completed_at or completion.updated_at,
                         status_rank(completion.status))


def recorded_statuses(user_id: int, module_ids: Iterable[int]) -> dict[int, list[SourcedStatus]]:
    """Every completion record of the learner per module, the best first."""
    ids = list(module_ids)
    found: dict[int, list[SourcedStatus]] = {}
    if not ids:
        return found
    for completion in db.session.scalars(select(Completion).where(
            Completion.user_id == user_id, Completion.module_id.in_(ids))):
        found.setdefault(completion.module_id, []).append(_sourced(completion))
    for statuses in found.values():
        statuses.sort(key=lambda s: (s.rank, s.score or 0.0), reverse=True)
    return found


def best_status(local: str, local_score: float | None,
                recorded: list[SourcedStatus]) -> SourcedStatus:
    """The better of the player's own status and the best recorded one."""
    own = SourcedStatus(local, local_score, local_player() if local != "not started" else "",
                        None, _LOCAL_RANKS.get(local, 0))
    if recorded and recorded[0].rank > own.rank:
        return recorded[0]
    return own
