"""Missions of the experts' requirement matrix: need, interest, proposal, release, result.

Proposing checks, in this order, that the person holds a current accreditation in the
mission's field, that the mission's dates do not overlap another mission that holds their days,
and that it fits their pledge (``pledge.check_mission_fits``); each refusal gives the numbers.
Releasing is for the expert's own national coordinator (403 for any other administration's).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date, gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy import select

from ...accounts.models import Administration, User
from ...accounts.operations import record_audit
from ...accounts.permissions import Action, require
from ...db import db, utcnow
from ...errors import Conflict
from ...i18n import format_number
from .. import queries
from ..errors import MissionOverlap
from ..labels import label
from ..models import Assignment, Mission
from ..pledge import check_mission_fits
from ..sheets import REFUSE_ABOVE
from ..states import ASSIGNMENT, MISSION, AssignmentStatus, MissionStatus
from ..vocabulary import Evaluation, Field, MissionRole
from .common import get_or_404, get_user, invalid, tell, tell_person_and_coordinators

A = AssignmentStatus


@dataclass(frozen=True)
class MissionSpec:
    title: str
    host_administration_id: int
    field: Field
    starts_on: date
    ends_on: date
    language: str = "en"
    experts_needed: int = 1


def create_mission(actor: User, spec: MissionSpec) -> Mission:
    require(actor, Action.MANAGE_MISSIONS)
    get_or_404(Administration, spec.host_administration_id, _l("Administration"))
    if spec.ends_on < spec.starts_on:
        raise invalid("ends_on", _("before the first day"), _("The mission ends before it starts."))
    if (spec.ends_on - spec.starts_on).days > 90:
        raise invalid("ends_on", _("a mission lasts at most 90 days"),
                      _("A mission lasts at most 90 days."))
    if not 1 <= spec.experts_needed <= 20:
        raise invalid("experts_needed", _("between 1 and 20"),
                      _("Experts needed: between 1 and 20."))
    values = dict(vars(spec), title=spec.title.strip()[:300])
    if not values["title"]:
        raise invalid("title", _("is empty"), _("The mission needs a title."))
    mission = Mission(**values, created_by_id=actor.id, created_at=utcnow())
    db.session.add(mission)
    db.session.flush()
    record_audit(actor, "experts.mission_created", "mission", mission.id,
                 f"Mission '{mission.title}' ({spec.starts_on} to {spec.ends_on})")
    db.session.commit()
    return mission


def _planned(mission_id: int) -> Mission:
    mission = get_or_404(Mission, mission_id, _l("Mission"))
    if mission.status is not MissionStatus.PLANNED:
        raise Conflict(_("The mission is %(status)s; it no longer takes experts.",
                         status=label(mission.status)))
    return mission


def _assignment(mission_id: int, user_id: int) -> Assignment | None:
    return db.session.scalar(select(Assignment).where(
        Assignment.mission_id == mission_id, Assignment.user_id == user_id))


def _require_accredited(person: User, field: Field) -> None:
    if queries.current_accreditation(person.id, field) is None:
        raise Conflict(_("%(name)s holds no current accreditation in %(field)s.",
                         name=person.display_name, field=label(field)),
                       [{"field": "expert_id", "problem": _("not accredited in the field")}])


def indicate_interest(actor: User, mission_id: int, expert_id: int) -> Assignment:
    """The expert, or their national coordinator for them, offers to take part."""
    expert = get_user(expert_id)
    if expert.id != actor.id:
        require(actor, Action.ACT_FOR_EXPERT, expert)
    mission = _planned(mission_id)
    _require_accredited(expert, mission.field)
    if _assignment(mission_id, expert_id) is not None:
        raise Conflict(_("%(name)s is already on this mission's list.", name=expert.display_name))
    row = Assignment(mission_id=mission_id, user_id=expert_id, status=A.INTERESTED,
                     updated_by_id=actor.id, updated_at=utcnow())
    db.session.add(row)
    db.session.flush()
    record_audit(actor, "experts.interest", "mission", mission_id,
                 f"{expert.display_name} is interested in '{mission.title}'")
    db.session.commit()
    return row


def _check_overlap(expert: User, mission: Mission) -> None:
    clash = queries.overlapping_mission(expert.id, mission)
    if clash is not None:
        raise MissionOverlap(
            _("%(name)s is already on '%(other)s' from %(first)s to %(last)s, which overlaps "
              "this mission (%(starts)s to %(ends)s).", name=expert.display_name,
              other=clash.title, first=format_date(clash.starts_on),
              last=format_date(clash.ends_on), starts=format_date(mission.starts_on),
              ends=format_date(mission.ends_on)),
            [{"field": "dates", "problem": _("overlaps another mission"), "mission_id": clash.id,
              "starts_on": str(clash.starts_on), "ends_on": str(clash.ends_on)}])


def propose_expert(actor: User, mission_id: int, expert_id: int,
                   role: MissionRole = MissionRole.CO_FACILITATOR) -> Assignment:
    require(actor, Action.MANAGE_MISSIONS)
    mission, expert = _planned(mission_id), get_user(expert_id)
    _require_accredited(expert, mission.field)
    row = _assignment(mission_id, expert_id)
    if row is not None:
        ASSIGNMENT.check(row.status, A.PROPOSED)
    _check_overlap(expert, mission)
    balance = queries.pledge_balance(expert.id)
    if balance is None:
        raise Conflict(_("%(name)s has no availability pledge on record.",
                         name=expert.display_name))
    needed = check_mission_fits(balance, mission.starts_on, mission.ends_on)
    row = row or Assignment(mission_id=mission_id, user_id=expert_id, status=A.PROPOSED)
    row.status, row.role, row.updated_by_id, row.updated_at = A.PROPOSED, role, actor.id, utcnow()
    db.session.add(row)
    db.session.flush()
    tell_person_and_coordinators(expert, lambda: (
        _("Proposed for the mission '%(title)s'", title=mission.title),
        ngettext("%(name)s is proposed as %(role)s for '%(title)s' in %(host)s, %(first)s to "
                 "%(last)s (%(num)d working days). Their national coordinator is asked to "
                 "release them.",
                 "%(name)s is proposed as %(role)s for '%(title)s' in %(host)s, %(first)s to "
                 "%(last)s (%(num)d working days). Their national coordinator is asked to "
                 "release them.", needed, name=expert.display_name, role=label(role),
                 title=mission.title, host=mission.host.name,
                 first=format_date(mission.starts_on), last=format_date(mission.ends_on))))
    record_audit(actor, "experts.proposed", "mission", mission_id,
                 f"{expert.display_name} proposed as {role.value}", needed_days=needed)
    db.session.commit()
    return row


def release_expert(actor: User, assignment_id: int, released: bool, reason: str) -> Assignment:
    """The expert's own national coordinator releases them for the mission, or does not."""
    row = get_or_404(Assignment, assignment_id, _l("Mission assignment"))
    require(actor, Action.RELEASE_EXPERT, row.user)
    target = A.RELEASED if released else A.NOT_RELEASED
    if not released and not reason.strip():
        raise invalid("reason", _("say why the expert is not released"),
                      _("Say why the expert is not released."))
    ASSIGNMENT.check(row.status, target)
    row.status, row.reason = target, reason.strip()[:2000]
    row.updated_by_id, row.updated_at = actor.id, utcnow()
    tell(row.user, lambda: (
        _("%(title)s: %(status)s", title=row.mission.title, status=label(target)),
        (_("Your administration has released you for '%(title)s'.", title=row.mission.title)
         if released else
         _("Your administration has not released you for '%(title)s'.", title=row.mission.title))
        + ("\n" + _("Why: %(reason)s", reason=row.reason) if row.reason else "")))
    record_audit(actor, "experts.release", "mission", row.mission_id,
                 f"{row.user.display_name}: {target.value}", reason=row.reason)
    db.session.commit()
    return row


def mark_held(actor: User, mission_id: int, people_trained: int, report: str = "") -> Mission:
    require(actor, Action.MANAGE_MISSIONS)
    mission = get_or_404(Mission, mission_id, _l("Mission"))
    MISSION.check(mission.status, MissionStatus.HELD)
    if mission.starts_on > date.today():
        raise Conflict(_("The mission starts on %(first)s; it cannot be held yet.",
                         first=format_date(mission.starts_on)))
    if not 0 <= people_trained <= REFUSE_ABOVE:
        problem = _("between 0 and %(most)s", most=format_number(REFUSE_ABOVE))
        raise invalid("people_trained", problem,
                      _("People trained: %(problem)s.", problem=problem))
    mission.status, mission.people_trained = MissionStatus.HELD, people_trained
    mission.report = report.strip()[:8000]
    record_audit(actor, "experts.mission_held", "mission", mission_id,
                 f"'{mission.title}' held, {people_trained} people trained")
    db.session.commit()
    return mission


def record_result(actor: User, assignment_id: int, days_given: int, evaluation: Evaluation,
                  note: str = "") -> Assignment:
    """After the mission: days given and the evaluation; may make the expert due for full
    accreditation (``queries.is_due_for_accreditation``), which a coordinator then confirms."""
    require(actor, Action.MANAGE_MISSIONS)
    row = get_or_404(Assignment, assignment_id, _l("Mission assignment"))
    if row.mission.status is not MissionStatus.HELD:
        raise Conflict(_("Record results once the mission is marked as held."))
    ASSIGNMENT.check(row.status, A.COMPLETED)
    longest = (row.mission.ends_on - row.mission.starts_on).days + 1
    if not 1 <= days_given <= longest:
        problem = _("between 1 and %(longest)d (the mission's length)", longest=longest)
        raise invalid("days_given", problem, _("Days given: %(problem)s.", problem=problem))
    row.status, row.days_given, row.evaluation = A.COMPLETED, days_given, evaluation
    row.evaluation_note, row.updated_by_id, row.updated_at = note.strip()[:4000], actor.id, utcnow()
    db.session.flush()
    accreditation = queries.current_accreditation(row.user_id, row.mission.field)
    if accreditation is not None and accreditation.proposed_at is None \
            and queries.is_due_for_accreditation(accreditation):
        accreditation.proposed_at = utcnow()
        tell_person_and_coordinators(row.user, lambda: (
            _("Proposed for full accreditation in %(field)s", field=label(accreditation.field)),
            _("%(name)s completed the co-facilitations required and is proposed for full "
              "accreditation; a training coordinator will confirm it.",
              name=row.user.display_name)))
    record_audit(actor, "experts.mission_result", "mission", row.mission_id,
                 f"{row.user.display_name}: {days_given} day(s), {evaluation.value}")
    db.session.commit()
    return row
