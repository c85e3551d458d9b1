"""The demo data: candidates of several administrations, and every application status."""
from sqlalchemy import func, select

from lms_bridge.db import db
from lms_bridge.demo import load_demo
from lms_bridge.eligibility.models import Application
from lms_bridge.eligibility.states import ApplicationStatus as S

# Two statuses last no time: a submitted application goes straight to its national
# coordinator, a nominated one straight to the rule engine's verdict.
TRANSIENT = {S.SUBMITTED, S.NOMINATED}


def test_the_demo_has_every_status_from_several_administrations_and_is_idempotent(app):
    with app.app_context():
        load_demo()
        rows = db.session.execute(select(Application.status, Application.administration_id)).all()
        assert {status for status, _ in rows} == set(S) - TRANSIENT
        assert len({administration for _, administration in rows}) >= 6
        for status in (S.INELIGIBLE, S.WITHDRAWN):
            assert len({a for s, a in rows if s is status}) >= 2, status
        count = db.session.scalar(select(func.count(Application.id)))
        load_demo()
        assert db.session.scalar(select(func.count(Application.id))) == count
