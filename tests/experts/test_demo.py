"""The experts demo: the Korea HS workshop with both outcomes, missions held and planned, a
full accreditation, one due for it, and a master trainer's monitoring sheet."""
from datetime import date

from sqlalchemy import func, select

from lms_bridge.db import db
from lms_bridge.demo import load_demo
from lms_bridge.experts.models import (Accreditation, Assignment, Mission, Participation,
                                       TrainingRecord)
from lms_bridge.experts.report import programme_report
from lms_bridge.experts.states import AccreditationStatus, AssignmentStatus, MissionStatus, \
    TrainingStatus
from lms_bridge.experts.vocabulary import ParticipantOutcome


def test_the_demo_shows_every_step_and_is_idempotent(app):
    with app.app_context():
        load_demo()
        outcomes = list(db.session.scalars(select(Participation.outcome)))
        assert outcomes.count(ParticipantOutcome.SUCCESSFUL) == 4 and outcomes.count(ParticipantOutcome.NOT_SUCCESSFUL) == 2
        statuses = {a.user.display_name: (a.status, a.proposed_at is not None)
                    for a in db.session.scalars(select(Accreditation))}
        assert statuses["Ji-woo Kim"][0] is AccreditationStatus.ACCREDITED
        assert statuses["Seo-jun Lim"] == (AccreditationStatus.PRE_ACCREDITED, True)
        missions = {m.status for m in db.session.scalars(select(Mission))}
        assert missions == {MissionStatus.HELD, MissionStatus.PLANNED}
        waiting = {a.status for a in db.session.scalars(select(Assignment))}
        assert {AssignmentStatus.PROPOSED, AssignmentStatus.INTERESTED,
                AssignmentStatus.COMPLETED} <= waiting
        records = list(db.session.scalars(select(TrainingRecord)))
        assert {r.status for r in records} == {TrainingStatus.VALIDATED, TrainingStatus.SUBMITTED}
        report = programme_report(date(2026, 1, 1), date(2026, 12, 31))
        assert report.totals["pre_accredited"] == 4 and report.totals["missions_held"] == 3
        assert report.totals["trained_at_home"] > 0
        count = db.session.scalar(select(func.count(Mission.id)))
        load_demo()
        assert db.session.scalar(select(func.count(Mission.id))) == count
