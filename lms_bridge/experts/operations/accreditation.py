"""Accreditation moves: confirm (pre-accredited -> accredited), lapse, withdraw, re-accredit.

Confirming a pre-accreditation needs the evidence: the number of positive co-facilitations the
workshop asks for (``queries.positive_missions``); the refusal says how many there are.
"""
from __future__ import annotations

from flask_babel import gettext as _, lazy_gettext as _l, ngettext

from ...accounts.models import User
from ...accounts.operations import record_audit
from ...accounts.permissions import Action, require
from ...db import db, utcnow
from ...errors import Conflict
from .. import queries
from ..labels import label
from ..models import Accreditation, AccreditationEvent, Expert
from ..sheets import LANGUAGES
from ..states import ACCREDITATION, AccreditationStatus

LANGUAGE_CODES = sorted(LANGUAGES)
from .common import get_or_404, invalid, tell_person_and_coordinators


def change_accreditation(actor: User, accreditation_id: int, target: AccreditationStatus,
                         reason: str) -> Accreditation:
    require(actor, Action.DECIDE_ACCREDITATION)
    accreditation = get_or_404(Accreditation, accreditation_id, _l("Accreditation"))
    if not reason.strip():
        raise invalid("reason", _("say why"), _("Say why the accreditation changes."))
    ACCREDITATION.check(accreditation.status, target)
    if (accreditation.status is AccreditationStatus.PRE_ACCREDITED
            and target is AccreditationStatus.ACCREDITED):
        done = queries.positive_missions(accreditation.user_id, accreditation.field)
        needed = queries.required_missions(accreditation)
        if done < needed:
            raise Conflict(ngettext(
                "%(name)s has %(num)d positive co-facilitation(s) in %(field)s; %(needed)d are "
                "needed before full accreditation.",
                "%(name)s has %(num)d positive co-facilitation(s) in %(field)s; %(needed)d are "
                "needed before full accreditation.", done, name=accreditation.user.display_name,
                field=label(accreditation.field), needed=needed),
                [{"field": "status", "problem": _("not enough missions"),
                  "positive_missions": done, "required": needed}])
    before = accreditation.status
    accreditation.status, accreditation.updated_at = target, utcnow()
    accreditation.events.append(AccreditationEvent(
        actor_id=actor.id, from_status=before, to_status=target, reason=reason.strip()[:2000],
        at=utcnow()))
    person = accreditation.user
    tell_person_and_coordinators(person, lambda: (
        _("Accreditation in %(field)s: %(status)s", field=label(accreditation.field),
          status=label(target)),
        _("%(name)s's accreditation in %(field)s is now '%(status)s'.\nWhy: %(reason)s",
          name=person.display_name, field=label(accreditation.field), status=label(target),
          reason=reason.strip())))
    record_audit(actor, "experts.accreditation", "accreditation", accreditation.id,
                 f"{person.display_name}, {accreditation.field.value}: {before.value} -> "
                 f"{target.value}", reason=reason.strip())
    db.session.commit()
    return accreditation


def set_languages(actor: User, user_id: int, codes: list[str]) -> Expert:
    """The expert (or a coordinator for them) says which languages they work in."""
    expert = get_or_404(Expert, user_id, _l("Expert"))
    if actor.id != user_id:
        require(actor, Action.DECIDE_ACCREDITATION)
    unknown = sorted(set(codes) - set(LANGUAGE_CODES))
    if unknown or not codes:
        codes = ", ".join(LANGUAGE_CODES)
        problem = (_("choose from %(codes)s (not %(unknown)s)", codes=codes,
                     unknown=", ".join(unknown)) if unknown else
                   _("choose from %(codes)s", codes=codes))
        raise invalid("languages", problem,
                      _("Working languages: %(problem)s.", problem=problem))
    expert.languages = ",".join(code for code in LANGUAGE_CODES if code in codes)
    record_audit(actor, "experts.languages", "user", user_id,
                 f"Working languages: {expert.languages}")
    db.session.commit()
    return expert
