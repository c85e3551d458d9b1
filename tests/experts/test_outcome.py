"""Workshop outcome: draw, attendance, assessment by assigned resource persons, outcome."""
import pytest
from sqlalchemy import select

from lms_bridge.accounts.models import AuditEvent
from lms_bridge.db import db
from lms_bridge.eligibility.models import Notification
from lms_bridge.eligibility.states import ApplicationStatus
from lms_bridge.errors import Conflict, Forbidden, InvalidInput
from lms_bridge.experts import operations
from lms_bridge.experts.models import Expert, Participation
from lms_bridge.experts.operations.outcome import draw_plan
from lms_bridge.experts.states import AccreditationStatus
from lms_bridge.experts.vocabulary import ParticipantOutcome
from tests.experts import world
from tests.experts.world import GOOD, user


@pytest.fixture
def workshop(app, make_user):
    coordinator = make_user("coordinator")
    assessor = make_user("resource_person")
    nc = make_user("national_coordinator", country="KR")
    people = [make_user("learner", country="KR") for _ in range(3)]
    with app.app_context():
        workshop_id = world.past_workshop()
        world.set_up(coordinator, workshop_id, [assessor])
        applications = [world.participant(p, workshop_id) for p in people]
        refused = world.participant(make_user("learner", country="KR"), workshop_id,
                                    ApplicationStatus.NOT_SELECTED)
    return dict(coordinator=coordinator, assessor=assessor, nc=nc, people=people,
                workshop_id=workshop_id, applications=applications, refused=refused)


def test_the_draw_is_reproducible_from_its_seed_and_audited(app, workshop):
    with app.app_context():
        coordinator = user(workshop["coordinator"])
        operations.set_subjects(coordinator, workshop["workshop_id"],
                                ["GIR 1", "GIR 3 (b)", "Chapter 84", "Heading 8471"])
        plan = operations.draw_subjects(coordinator, workshop["workshop_id"], seed="seoul-2026")
        setup = operations.outcome.db.session.get(operations.outcome.WorkshopSetup,
                                                  workshop["workshop_id"])
        again = draw_plan("seoul-2026", [s.id for s in setup.subjects], workshop["applications"])
        assert plan == again and len(set(plan.values())) == 3
        assert isinstance(plan, dict)
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "experts.subjects_drawn"))
        assert event.details["seed"] == "seoul-2026"
        with pytest.raises(Conflict, match="already drawn"):
            operations.draw_subjects(coordinator, workshop["workshop_id"])
        with pytest.raises(Conflict, match="cannot change"):
            operations.set_subjects(coordinator, workshop["workshop_id"], ["other"])


def test_absent_participants_draw_nothing(app, workshop):
    with app.app_context():
        coordinator = user(workshop["coordinator"])
        operations.record_attendance(coordinator, workshop["applications"][0], False)
        operations.set_subjects(coordinator, workshop["workshop_id"], ["A", "B"])
        plan = operations.draw_subjects(coordinator, workshop["workshop_id"], seed="x")
        assert set(plan) == set(workshop["applications"][1:])


def test_assessing_someone_not_selected_is_refused(app, workshop):
    with app.app_context():
        with pytest.raises(Conflict, match="was not selected"):
            operations.assess(user(workshop["assessor"]), workshop["refused"], GOOD)
        assert db.session.scalar(select(operations.outcome.Assessment.id)) is None


def test_only_the_workshops_resource_persons_assess(app, workshop, make_user):
    other = make_user("resource_person")
    learner = make_user("learner")
    with app.app_context():
        with pytest.raises(Forbidden, match="not a resource person of this workshop"):
            operations.assess(user(other), workshop["applications"][0], GOOD)
        with pytest.raises(Forbidden):
            operations.assess(user(learner), workshop["applications"][0], GOOD)


@pytest.mark.parametrize("scores", [operations.Scores(0, 3, 3), operations.Scores(3, 6, 3)])
def test_scores_outside_the_scale_are_refused(app, workshop, scores):
    with app.app_context(), pytest.raises(InvalidInput, match="between 1 and 5"):
        operations.assess(user(workshop["assessor"]), workshop["applications"][0], scores)


def test_successful_means_pre_accredited_with_a_pledge(app, workshop):
    with app.app_context():
        accreditation = world.pre_accredit(workshop["coordinator"], workshop["assessor"],
                                           workshop["applications"][0])
        assert accreditation.status is AccreditationStatus.PRE_ACCREDITED
        assert accreditation.events[0].from_status is None
        expert = db.session.get(Expert, workshop["people"][0])
        assert expert.pledge_weeks == 12
        assert (expert.pledge_ends_on - expert.pledge_starts_on).days in (1094, 1095)
        with pytest.raises(Conflict, match="already decided"):
            operations.decide_outcome(user(workshop["coordinator"]), workshop["applications"][0],
                                      ParticipantOutcome.NOT_SUCCESSFUL, "late change")


def test_not_successful_sends_guidance_to_person_and_national_coordinator(app, workshop):
    application = workshop["applications"][1]
    with app.app_context():
        coordinator = user(workshop["coordinator"])
        operations.assess(user(workshop["assessor"]), application, operations.Scores(2, 3, 2))
        with pytest.raises(InvalidInput, match="guidance"):
            operations.decide_outcome(coordinator, application, ParticipantOutcome.NOT_SUCCESSFUL, " ")
        operations.decide_outcome(coordinator, application, ParticipantOutcome.NOT_SUCCESSFUL,
                                  "Lead a national course on GIR before the next workshop.")
        to = {n.user_id for n in db.session.scalars(select(Notification))
              if "Lead a national course" in n.body}
        assert to == {workshop["people"][1], workshop["nc"]}
        assert db.session.get(Participation, application).outcome is ParticipantOutcome.NOT_SUCCESSFUL
        assert db.session.get(Expert, workshop["people"][1]) is None


def test_no_outcome_without_an_assessment(app, workshop):
    with app.app_context(), pytest.raises(Conflict, match="assessed"):
        operations.decide_outcome(user(workshop["coordinator"]), workshop["applications"][2],
                                  ParticipantOutcome.SUCCESSFUL)
