"""Starting and ending one SCO session of an attempt (the server side of Initialize/Terminate).

A session that is never terminated (tab closed, crash) is ended at the SCO's next launch as if
the SCO had suspended, unless it set ``cmi.exit`` itself: a closed tab must not end an attempt.
Session times are checked for plausibility before they are added to the total: a session can
not have lasted longer than the wall clock since its launch (plus a minute of slack).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import select

from scorm.runtime import Credit, Entry, LaunchContext, Mode, export_rules, finish_session
from scorm.runtime import timing
from scorm.runtime.codes import parse_version
from scorm.runtime.errors import DurationFormatError
from scorm.runtime.launch import launch_values

from ..accounts.models import User
from ..db import db, utcnow
from .models import Attempt, ScoState
from .package import PackageItem, PackageLayout, launch_context, package_layout
from .shared_data.operations import shared_access, with_shared_stores

log = logging.getLogger(__name__)

SLACK = timedelta(seconds=60)
_SESSION_TIME = {"1.2": "cmi.core.session_time", "2004": "cmi.session_time"}
_TOTAL_TIME = {"1.2": "cmi.core.total_time", "2004": "cmi.total_time"}
_EXIT = {"1.2": "cmi.core.exit", "2004": "cmi.exit"}


@dataclass(frozen=True)
class SessionStart:
    """What the browser adapter needs to answer the SCO: values, rules, next sequence number."""

    version: str
    state: dict[str, str]
    base: dict[str, str]
    next_seq: int
    entry: str
    shared_data: tuple[dict[str, bool], ...] = ()  # per adl.data.n: readable, writable


@lru_cache(maxsize=2)
def rules_json(version: str) -> dict:
    return export_rules(version)


def context_for(layout: PackageLayout, item: PackageItem, user: User, mode: str,
                entry: Entry = Entry.AB_INITIO) -> LaunchContext:
    credit = Credit.CREDIT if mode == "normal" else Credit.NO_CREDIT
    return launch_context(layout, item, learner_id=str(user.id), learner_name=user.display_name,
                          credit=credit, mode=Mode(mode), entry=entry)


def sco_state_for(attempt: Attempt, identifier: str) -> ScoState:
    sco = db.session.scalar(select(ScoState).where(
        ScoState.attempt_id == attempt.id, ScoState.item_identifier == identifier))
    if sco is None:
        sco = ScoState(attempt_id=attempt.id, item_identifier=identifier, state={}, last_seq=0,
                       sessions=0, next_entry=Entry.AB_INITIO.value, total_centis=0,
                       updated_at=utcnow())
        db.session.add(sco)
        db.session.flush()
    return sco


def start_session(attempt: Attempt, identifier: str, user: User, mode: str) -> SessionStart:
    """Begin a session of one SCO; ends an abandoned previous one first. The caller commits."""
    layout = package_layout(attempt.package_version)
    item = layout.item(identifier)
    if mode != "normal":
        sco = db.session.scalar(select(ScoState).where(
            ScoState.attempt_id == attempt.id, ScoState.item_identifier == identifier))
        state = dict(sco.state) if sco else {}
        return SessionStart(layout.scorm_version, state,
                            _base(attempt, layout, item, user, mode, Entry.AB_INITIO), 1, "",
                            shared_access(item))
    sco = sco_state_for(attempt, identifier)
    if sco.session_started_at is not None:
        end_session(attempt, sco, layout, user, abandoned=True)
    sco.sessions += 1
    sco.session_started_at = utcnow()
    entry = Entry(sco.next_entry)
    return SessionStart(layout.scorm_version, dict(sco.state),
                        _base(attempt, layout, item, user, mode, entry),
                        sco.last_seq + 1, entry.value, shared_access(item))


def _base(attempt: Attempt, layout: PackageLayout, item: PackageItem, user: User, mode: str,
          entry: Entry) -> dict[str, str]:
    """The launch values of one session, the SCO's shared data stores read as they are now."""
    context = context_for(layout, item, user, mode, entry)
    context = with_shared_stores(db.session.connection(), context, layout,
                                 user_id=attempt.user_id, attempt_id=attempt.id)
    return launch_values(parse_version(layout.scorm_version), context)


def plausible_session_time(version: str, state: dict[str, str], sco: ScoState) -> None:
    """Clamp the reported session time to the wall-clock time since the launch."""
    element = _SESSION_TIME[version]
    if element not in state or sco.session_started_at is None:
        return
    parse, fmt = ((timing.parse_timespan, timing.format_timespan) if version == "1.2"
                  else (timing.parse_duration, timing.format_duration))
    try:
        reported = parse(state[element])
    except DurationFormatError:
        state.pop(element)
        return
    elapsed = utcnow() - sco.session_started_at + SLACK
    ceiling = int(elapsed.total_seconds() * timing.CENTIS_PER_SECOND)
    if reported > ceiling:
        log.warning("session time %s of SCO state %s exceeds the %ss since launch; clamped",
                    state[element], sco.id, int(elapsed.total_seconds()))
        state[element] = fmt(ceiling)


def end_session(attempt: Attempt, sco: ScoState, layout: PackageLayout, user: User,
                *, abandoned: bool = False) -> bool:
    """Apply the end-of-session rules to the SCO's state; return whether the attempt ended."""
    version = layout.scorm_version
    state = dict(sco.state)
    if abandoned and not state.get(_EXIT[version]):
        state[_EXIT[version]] = "suspend"
    plausible_session_time(version, state, sco)
    item = layout.item(sco.item_identifier)
    outcome = finish_session(parse_version(version), state, context_for(layout, item, user, "normal"))
    sco.state = outcome.state
    sco.next_entry = outcome.next_entry.value
    sco.session_started_at = None
    total = outcome.state.get(_TOTAL_TIME[version])
    if total:
        sco.total_centis = (timing.parse_timespan(total) if version == "1.2"
                            else timing.parse_duration(total))
    return outcome.ends_attempt and (len(layout.scos) <= 1 or outcome.nav_request == "exitAll")
