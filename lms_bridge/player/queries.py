"""Player reads, scoped to the asking learner (admins may read any attempt)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from scorm.runtime import Entry

from ..accounts.models import Role, User
from ..accounts.permissions import Action, require
from ..catalog.models import Module, PackageVersion, VersionState
from ..catalog.queries import published_editions
from ..catalog.settings import module_settings
from ..db import db
from ..errors import Conflict, Forbidden, NotFound
from ..tracking.models import Completion
from .attempts import attempts_left, attempts_of
from .editions import edition_for
from .grading import module_grade, sco_result
from .models import Attempt, AttemptState, ScoState
from .package import PackageLayout
from .sources import SourcedStatus, best_status, local_player, recorded_statuses
from .tokens import DEACTIVATED


@dataclass(frozen=True)
class ModuleRow:
    module: Module
    status: str
    best_score: float | None
    status_from: str  # where the status came from ("from Moodle (CLiKC!)"…); "" when not started
    other_sources: list[SourcedStatus]  # the other records, for "also recorded"
    attempts_used: int
    attempts_left: int | None
    can_launch: bool
    resumable: bool
    last_attempt: Attempt | None
    edition: str | None = None  # the edition a launch opens: the open attempt's, else theirs
    editions: tuple[str, ...] = ()  # every published edition
    title: str = ""  # the module's title in the edition a launch opens

    @property
    def other_editions(self) -> tuple[str, ...]:
        return tuple(code for code in self.editions if code != self.edition)


def attempts_status(attempts: list[Attempt]) -> str:
    """The learner's status from their attempts in this site's player."""
    if not attempts:
        return "not started"
    if any(a.is_passed for a in attempts):
        return "passed"
    if any(a.is_completed and a.is_passed is None for a in attempts):
        return "completed"
    if any(a.is_passed is False and a.is_completed for a in attempts):
        return "failed"
    return "in progress"


def module_result(user_id: int, module_id: int) -> float | None:
    """The module's grade for the learner by its "which attempt counts" setting."""
    return module_grade(module_settings(module_id).attempts_count, attempts_of(user_id, module_id))


def my_modules(user: User) -> list[ModuleRow]:
    """Every module with a published version, or that the learner has attempts on or a
    completion record of; each with the best status from every source."""
    published = select(PackageVersion.module_id).where(PackageVersion.state == VersionState.PUBLISHED)
    tried = select(Attempt.module_id).where(Attempt.user_id == user.id)
    with_records = select(Completion.module_id).where(Completion.user_id == user.id)
    modules = db.session.scalars(select(Module).where(
        Module.id.in_(published) | Module.id.in_(tried) | Module.id.in_(with_records))
        .order_by(Module.title))
    published_ids = set(db.session.scalars(published))
    modules = list(modules)
    recorded = recorded_statuses(user.id, [module.id for module in modules])
    rows = []
    for module in modules:
        attempts = attempts_of(user.id, module.id)
        left = attempts_left(module_settings(module.id), attempts)
        last = attempts[-1] if attempts else None
        resumable = last is not None and last.state is AttemptState.OPEN
        records = recorded.get(module.id, [])
        best = best_status(attempts_status(attempts), module_result(user.id, module.id), records)
        versions = published_editions(module)
        edition = _edition_to_open(user, module, last)
        title = versions[edition].title if edition in versions else module.title
        rows.append(ModuleRow(module, best.status, best.score, best.where,
                              _others(records, best), len(attempts), left,
                              module.id in published_ids and (resumable or left != 0),
                              resumable, last, edition, tuple(versions), title))
    return rows


def _edition_to_open(user: User, module: Module, last: Attempt | None) -> str | None:
    if last is not None and last.state is AttemptState.OPEN:
        return last.package_version.language
    version = edition_for(user, module)
    return version.language if version else None


def _others(records: list[SourcedStatus], shown: SourcedStatus) -> list[SourcedStatus]:
    """The records besides the one shown; this site's own record repeats the player's status."""
    return [r for r in records if r is not shown and r.where != local_player()]


def attempt_for(user: User, attempt_id: int) -> Attempt:
    """The attempt, if it is the user's own (or the user is an admin).

    Raises NotFound when it does not exist, Forbidden when it is someone else's."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None:
        raise NotFound(_("No such attempt."))
    if attempt.user_id != user.id and Role.ADMIN not in user.roles:
        raise Forbidden(_("This is another learner's attempt."))
    return attempt


def attempt_to_read(user: User, attempt_id: int) -> Attempt:
    """The attempt whose results ``user`` may read: their own; any learner's for coordinators
    and admins; their own administration's learners' for a national coordinator.

    Raises NotFound when it does not exist, Forbidden otherwise."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None:
        raise NotFound(_("No such attempt."))
    if attempt.user_id == user.id:
        require(user, Action.VIEW_OWN_LEARNING)
    else:
        require(user, Action.VIEW_LEARNER_RESULTS, attempt.user)
    return attempt


def sco_states(attempt: Attempt) -> dict[str, ScoState]:
    return {s.item_identifier: s for s in db.session.scalars(
        select(ScoState).where(ScoState.attempt_id == attempt.id))}


def last_suspended_sco(attempt: Attempt) -> str | None:
    """The item identifier of the SCO most recently left mid-way: its next session resumes
    (``next_entry`` "resume") or its session was never ended."""
    return db.session.scalar(
        select(ScoState.item_identifier)
        .where(ScoState.attempt_id == attempt.id,
               (ScoState.next_entry == Entry.RESUME.value) | ScoState.session_started_at.is_not(None))
        .order_by(ScoState.updated_at.desc(), ScoState.id.desc()).limit(1))


@dataclass(frozen=True)
class TocEntry:
    identifier: str
    title: str
    status: str
    is_current: bool


def table_of_contents(attempt: Attempt, layout: PackageLayout, current: str) -> list[TocEntry]:
    states = sco_states(attempt)
    entries = []
    for item in layout.items:
        sco = states.get(item.identifier)
        result = sco_result(layout.scorm_version, sco.state) if sco else None
        status = "not attempted" if result is None else (
            "passed" if result.is_passed else "failed" if result.is_passed is False
            else "completed" if result.is_completed else "incomplete")
        entries.append(TocEntry(item.identifier, item.title, status, item.identifier == current))
    return entries


_RECORD = re.compile(r"^cmi\.(interactions|objectives)\.(\d+)\.(.+)$")


def collection_records(state: dict[str, str], name: str) -> list[dict[str, str]]:
    """``cmi.<name>.n.*`` as one dict per record, in index order (nested keys kept dotted)."""
    records: dict[int, dict[str, str]] = {}
    for key, value in state.items():
        match = _RECORD.match(key)
        if match and match.group(1) == name:
            records.setdefault(int(match.group(2)), {})[match.group(3)] = value
    return [records[i] for i in sorted(records)]


def attempt_for_grant(grant) -> Attempt:
    """The attempt a launch token names, if it belongs to the token's learner; else Forbidden."""
    attempt = db.session.get(Attempt, grant.attempt_id)
    if attempt is None or attempt.user_id != grant.user_id:
        raise Forbidden(_("This launch token does not belong to that attempt."))
    if not attempt.user.active:
        raise Forbidden(DEACTIVATED)
    if grant.is_stored and attempt.state is AttemptState.CLOSED:
        raise Conflict(_("This attempt is closed."))
    return attempt
