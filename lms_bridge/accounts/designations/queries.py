"""Designation reads: who is designated where, and the history."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from ...db import db
from ...errors import NotFound
from .models import Designation


def active_designations_of(user_id: int) -> list[Designation]:
    return list(db.session.scalars(select(Designation).where(
        Designation.user_id == user_id, Designation.ended_at.is_(None))))


def coordinators_of(administration_id: int | None) -> list[Designation]:
    """The active designations of one administration (what a learner sees as their coordinators)."""
    if administration_id is None:
        return []
    return list(db.session.scalars(
        select(Designation).where(Designation.administration_id == administration_id,
                                  Designation.ended_at.is_(None))
        .order_by(Designation.letter_date, Designation.id)))


def designations(administration_id: int | None = None, *, active_only: bool = False
                 ) -> list[Designation]:
    """Designations, the active ones first, newest letters first (the history)."""
    query = select(Designation)
    if administration_id is not None:
        query = query.where(Designation.administration_id == administration_id)
    if active_only:
        query = query.where(Designation.ended_at.is_(None))
    return list(db.session.scalars(query.order_by(
        Designation.ended_at.is_not(None), Designation.letter_date.desc(), Designation.id.desc())))


def designation(designation_id: int) -> Designation:
    found = db.session.get(Designation, designation_id)
    if found is None:
        raise NotFound(_("There is no designation %(id)s.", id=designation_id))
    return found
