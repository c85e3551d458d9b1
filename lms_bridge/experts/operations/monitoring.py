"""Monitoring sheets: training delivered at home, recorded one by one or by CSV, validated by
the trainer's national coordinator. The same session sent twice is stored once."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy import select

from ...accounts.models import User
from ...accounts.operations import record_audit
from ...accounts.permissions import Action, require
from ...db import db, utcnow
from ...errors import Conflict, InvalidInput
from ..errors import UploadRejected
from ..models import TrainingRecord
from ..sheets import Session, parse_sheet, problems_of
from ..states import TRAINING, TrainingStatus
from .common import get_or_404, invalid


# The page's words for the columns a session's problems name (the form's fields); the CSV's
# own column names stay as typed in the file, but its markers for the whole file or row read.
COLUMN_WORDS = {"date": _l("Date"), "participants": _l("Participants"),
                "women": _l("of whom women (if known)"), "men": _l("of whom men (if known)"),
                "place": _l("Place"), "language": _l("Language"), "(file)": _l("(file)"),
                "(row)": _l("(row)")}


def _column_word(column: str) -> str:
    return str(COLUMN_WORDS[column]) if column.startswith("(") else column


def _row(trainer: User, session: Session) -> TrainingRecord:
    return TrainingRecord(trainer_id=trainer.id, fingerprint=session.fingerprint,
                          created_at=utcnow(), status=TrainingStatus.SUBMITTED,
                          **{k: v for k, v in vars(session).items()})


def _stored_fingerprints(trainer_id: int) -> set[str]:
    return set(db.session.scalars(select(TrainingRecord.fingerprint).where(
        TrainingRecord.trainer_id == trainer_id)))


def record_training(actor: User, session: Session, confirmed: bool = False) -> TrainingRecord:
    require(actor, Action.RECORD_TRAINING)
    problems = problems_of(session, date.today(), confirmed)
    if problems:
        column, problem = problems[0]
        raise InvalidInput(_("%(field)s: %(problem)s", field=COLUMN_WORDS[column], problem=problem),
                           [{"field": c, "problem": p} for c, p in problems])
    if session.fingerprint in _stored_fingerprints(actor.id):
        raise Conflict(_("This session is already recorded."))
    row = _row(actor, session)
    db.session.add(row)
    db.session.flush()
    record_audit(actor, "experts.training_recorded", "training", row.id,
                 f"{session.participants} trained on {session.held_on} in {session.place}")
    db.session.commit()
    return row


def upload_training(actor: User, raw: bytes, confirm_all: bool = False) -> tuple[int, int]:
    """Store every new session of a CSV, or nothing; returns (added, already recorded)."""
    require(actor, Action.RECORD_TRAINING)
    sheet = parse_sheet(raw, date.today(), confirm_all)
    if sheet.problems:
        first = sheet.problems[0]
        raise UploadRejected(ngettext(
            "Nothing was stored: %(num)d problem(s), the first on row %(row)s, column "
            "%(column)s: %(problem)s.",
            "Nothing was stored: %(num)d problem(s), the first on row %(row)s, column "
            "%(column)s: %(problem)s.", len(sheet.problems), row=first["row"],
            column=_column_word(first["column"]), problem=first["problem"]), sheet.problems)
    if not sheet.sessions:
        raise invalid("file", _("has no sessions"), _("The file has no sessions."))
    stored = _stored_fingerprints(actor.id)
    new = [s for s in sheet.sessions if s.fingerprint not in stored]
    db.session.add_all([_row(actor, s) for s in new])
    record_audit(actor, "experts.training_uploaded", "user", actor.id,
                 f"Monitoring sheet: {len(new)} session(s) added, "
                 f"{len(sheet.sessions) - len(new)} already recorded")
    db.session.commit()
    return len(new), len(sheet.sessions) - len(new)


def validate_training(actor: User, record_id: int, accepted: bool,
                      reason: str = "") -> TrainingRecord:
    """The trainer's own national coordinator validates (or rejects, saying why) a session."""
    row = get_or_404(TrainingRecord, record_id, _l("Training record"))
    require(actor, Action.VALIDATE_TRAINING, row.trainer)
    target = TrainingStatus.VALIDATED if accepted else TrainingStatus.REJECTED
    if not accepted and not reason.strip():
        raise invalid("reason", _("say why the session is rejected"),
                      _("Say why the session is rejected."))
    TRAINING.check(row.status, target)
    row.status, row.reason = target, reason.strip()[:2000]
    row.decided_by_id, row.decided_at = actor.id, utcnow()
    record_audit(actor, "experts.training_validation", "training", row.id,
                 f"{row.trainer.display_name}, {row.held_on}: {target.value}", reason=row.reason)
    db.session.commit()
    return row
