"""Small helpers shared by the people tests: read an account, its audit events."""
from sqlalchemy import select

from lms_bridge.accounts.models import AuditEvent, User
from lms_bridge.db import db


def person(app, user_id: int) -> dict:
    with app.app_context():
        user = db.session.get(User, user_id)
        return {"active": user.active, "roles": sorted(r.value for r in user.roles),
                "administration": user.administration.country_code if user.administration else None,
                "session_version": user.session_version}


def events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        rows = list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
        db.session.expunge_all()
        return rows


def call(app, function, actor_id, *args):
    """Run an operation as the account ``actor_id`` (None: the command line)."""
    with app.app_context():
        actor = db.session.get(User, actor_id) if actor_id else None
        return function(actor, *args)
