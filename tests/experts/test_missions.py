"""Missions: interest, proposal (overlap, pledge), release by the own NC only, results, and
full accreditation once the required co-facilitations are done."""
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from lms_bridge.db import db
from lms_bridge.errors import Conflict, Forbidden
from lms_bridge.experts import operations, queries
from lms_bridge.experts.errors import IllegalTransition, MissionOverlap, PledgeExceeded
from lms_bridge.experts.models import Accreditation, Assignment, Expert
from lms_bridge.experts.states import AccreditationStatus, AssignmentStatus
from lms_bridge.experts.vocabulary import Evaluation, MissionRole
from tests.experts import world
from tests.experts.world import user

TODAY = date.today()


@pytest.fixture
def expert(app, make_user, administrations):
    coordinator = make_user("coordinator")
    assessor = make_user("resource_person")
    nc_kr = make_user("national_coordinator", country="KR")
    nc_ke = make_user("national_coordinator", country="KE")
    person = make_user("learner", country="KR")
    with app.app_context():
        workshop_id = world.past_workshop(days_ago=60)
        world.set_up(coordinator, workshop_id, [assessor])
        accreditation = world.pre_accredit(coordinator, assessor,
                                           world.participant(person, workshop_id))
        return dict(coordinator=coordinator, nc_kr=nc_kr, nc_ke=nc_ke, person=person,
                    host=administrations["TH"], accreditation=accreditation.id)


def _propose(expert, first, days=5, title="Mission"):
    mission_id = world.mission(expert["coordinator"], expert["host"], first, days, title)
    return mission_id, operations.propose_expert(user(expert["coordinator"]), mission_id,
                                                 expert["person"]).id


def _held(expert, first, evaluation=Evaluation.POSITIVE):
    mission_id, assignment_id = _propose(expert, first)
    operations.release_expert(user(expert["nc_kr"]), assignment_id, True, "")
    operations.mark_held(user(expert["coordinator"]), mission_id, 30)
    operations.record_result(user(expert["coordinator"]), assignment_id, 5, evaluation, "good")
    return assignment_id


def test_interest_by_the_expert_or_their_own_nc(app, expert):
    with app.app_context():
        mission_id = world.mission(expert["coordinator"], expert["host"], TODAY + timedelta(30))
        row = operations.indicate_interest(user(expert["nc_kr"]), mission_id, expert["person"])
        assert row.status is AssignmentStatus.INTERESTED
        other = world.mission(expert["coordinator"], expert["host"], TODAY + timedelta(60))
        with pytest.raises(Forbidden):
            operations.indicate_interest(user(expert["nc_ke"]), other, expert["person"])
        operations.indicate_interest(user(expert["person"]), other, expert["person"])


def test_releasing_another_administrations_expert_is_403_and_changes_nothing(app, expert):
    with app.app_context():
        _, assignment_id = _propose(expert, TODAY + timedelta(30))
        with pytest.raises(Forbidden):
            operations.release_expert(user(expert["nc_ke"]), assignment_id, True, "")
        db.session.expire_all()
        assert db.session.get(Assignment, assignment_id).status is AssignmentStatus.PROPOSED


def test_overlapping_missions_are_refused_with_the_dates(app, expert):
    with app.app_context():
        _propose(expert, TODAY + timedelta(30), title="Bangkok")
        with pytest.raises(MissionOverlap, match="already on 'Bangkok'"):
            _propose(expert, TODAY + timedelta(33), title="Chiang Mai")


def test_a_pledge_exceeded_is_refused_with_the_numbers(app, expert):
    with app.app_context():
        db.session.get(Expert, expert["person"]).pledge_weeks = 2
        db.session.commit()
        _propose(expert, TODAY + timedelta(14), days=7)  # 5 working days
        with pytest.raises(PledgeExceeded, match=r"needs \d+ working days but only 5 are left"):
            _propose(expert, TODAY + timedelta(40), days=14)


def test_a_mission_past_the_pledge_period_is_refused(app, expert):
    with app.app_context(), pytest.raises(PledgeExceeded, match="outside"):
        _propose(expert, TODAY + timedelta(days=4 * 365))


def test_a_skipped_release_is_refused(app, expert):
    with app.app_context():
        mission_id, assignment_id = _propose(expert, TODAY - timedelta(10))
        operations.mark_held(user(expert["coordinator"]), mission_id, 10)
        with pytest.raises(IllegalTransition, match="proposed.*completed"):
            operations.record_result(user(expert["coordinator"]), assignment_id, 3,
                                     Evaluation.POSITIVE)


def test_full_accreditation_after_the_required_co_facilitations(app, expert):
    with app.app_context():
        coordinator = user(expert["coordinator"])
        _held(expert, TODAY - timedelta(40))
        with pytest.raises(Conflict, match="has 1 positive co-facilitation"):
            operations.change_accreditation(coordinator, expert["accreditation"],
                                            AccreditationStatus.ACCREDITED, "ready")
        _held(expert, TODAY - timedelta(20))
        accreditation = db.session.get(Accreditation, expert["accreditation"])
        assert accreditation.proposed_at is not None
        operations.change_accreditation(coordinator, accreditation.id,
                                        AccreditationStatus.ACCREDITED, "two positive missions")
        assert accreditation.status is AccreditationStatus.ACCREDITED
        assert [e.to_status for e in accreditation.events] == [
            AccreditationStatus.PRE_ACCREDITED, AccreditationStatus.ACCREDITED]
        balance = queries.pledge_balance(expert["person"])
        assert balance.given_days == 10 and balance.left_days == 50


def test_a_negative_evaluation_does_not_count(app, expert):
    with app.app_context():
        _held(expert, TODAY - timedelta(40), Evaluation.NEGATIVE)
        _held(expert, TODAY - timedelta(20))
        assert db.session.get(Accreditation, expert["accreditation"]).proposed_at is None


def test_proposing_someone_not_accredited_is_refused(app, expert, make_user):
    stranger = make_user("learner", country="KR")
    with app.app_context():
        mission_id = world.mission(expert["coordinator"], expert["host"], TODAY + timedelta(30))
        with pytest.raises(Conflict, match="no current accreditation"):
            operations.propose_expert(user(expert["coordinator"]), mission_id, stranger,
                                      MissionRole.LEAD)
        assert db.session.scalar(select(Assignment.id)) is None
