"""Recompute triggers: a completion re-evaluates exactly the affected candidates, with history."""
import pytest
from sqlalchemy import func, select

from lms_bridge.db import db
from lms_bridge.eligibility.models import Application, DecisionChange
from lms_bridge.eligibility.states import ApplicationStatus as S
from lms_bridge.eligibility.vocabulary import Outcome
from lms_bridge.tracking.vocabulary import CompletionStatus, SourceKind
from tests.eligibility import world


@pytest.fixture
def setup(app, make_user):
    coordinator = make_user("coordinator")
    nc_kr = make_user("national_coordinator", country="KR")
    nc_ke = make_user("national_coordinator", country="KE")
    learners = {name: make_user("learner", country=country, name=name)
                for name, country in [("ana", "KR"), ("ben", "KR"), ("cai", "KE")]}
    with app.app_context():
        modules = world.modules()
        hs = world.workshop(coordinator)
        other = world.workshop(coordinator, title="Valuation only")
        apps = {name: world.apply(uid, hs) for name, uid in learners.items()}
        apps["ana-other"] = world.apply(learners["ana"], other)
        for name in ("ana", "ben", "ana-other"):
            world.nominate(nc_kr, apps[name])
        world.nominate(nc_ke, apps["cai"])
    return {"learners": learners, "modules": modules, "apps": apps, "hs": hs}


def _statuses(apps):
    return {name: world.status_of(app_id) for name, app_id in apps.items()}


def test_nominated_candidates_without_records_are_not_yet_eligible(app, setup):
    with app.app_context():
        assert set(_statuses(setup["apps"]).values()) == {S.NOT_YET_ELIGIBLE}


def test_a_completion_flips_only_the_affected_candidate_with_history(app, setup):
    learners, modules, apps = setup["learners"], setup["modules"], setup["apps"]
    with app.app_context():
        world.complete(learners["ana"], modules["customs-valuation"], CompletionStatus.COMPLETED)
        db.session.commit()
        before = _statuses(apps)
        world.complete(learners["ana"], modules["hs-classification"], score=0.82,
                       source=SourceKind.MOODLE, label="CLiKC!", key="sync:1")
        db.session.commit()
        after = _statuses(apps)
        # Ana's applications to both workshops naming the module flip; nobody else's moves.
        affected = {"ana", "ana-other"}
        assert {n for n in apps if before[n] is not after[n]} == affected
        assert {after[n] for n in affected} == {S.ELIGIBLE}
        change = db.session.scalars(select(DecisionChange).where(
            DecisionChange.application_id == apps["ana"]).order_by(DecisionChange.id.desc())).first()
        assert change.outcome_before is Outcome.NOT_YET and change.outcome_after is Outcome.ELIGIBLE
        assert "CLiKC!" in change.cause and "passed" in change.cause
        application = db.session.get(Application, apps["ana"])
        assert [cell["met"] for cell in application.results] == [True, True]
        assert application.results[0]["source"] == "CLiKC!"


def test_tracking_alone_records_without_a_hidden_reevaluation(app, setup):
    """Re-evaluation is the explicit ``record_and_reevaluate``, never a side effect of the upsert."""
    from lms_bridge.tracking.operations import Observation, record_completion

    learners, modules, apps = setup["learners"], setup["modules"], setup["apps"]
    with app.app_context():
        for module in ("customs-valuation", "hs-classification"):
            record_completion(Observation(learners["ana"], modules[module], SourceKind.LOCAL,
                                          "local", "LMS Bridge", CompletionStatus.PASSED, 0.9))
        db.session.commit()
        assert world.status_of(apps["ana"]) is S.NOT_YET_ELIGIBLE
        world.complete(learners["ana"], modules["hs-classification"], score=0.95)
        db.session.commit()
        assert world.status_of(apps["ana"]) is S.ELIGIBLE


def test_a_record_on_an_unrelated_module_changes_nothing(app, setup, make_user):
    with app.app_context():
        other = world.Module(slug="other", title="Other")
        db.session.add(other)
        db.session.commit()
        changes = db.session.scalar(select(func.count(DecisionChange.id)))
        world.complete(setup["learners"]["ben"], other.id)
        db.session.commit()
        assert db.session.scalar(select(func.count(DecisionChange.id))) == changes


def test_a_below_minimum_score_is_recorded_but_does_not_count(app, setup):
    with app.app_context():
        world.complete(setup["learners"]["ben"], setup["modules"]["hs-classification"], score=0.6)
        db.session.commit()
        application = db.session.get(Application, setup["apps"]["ben"])
        cell = application.results[0]
        assert not cell["met"] and cell["score"] == "60"
        assert "score >= 70" in cell["message"]


def test_a_sync_like_batch_flips_each_completed_candidate_once(app, setup):
    learners, modules, apps = setup["learners"], setup["modules"], setup["apps"]
    with app.app_context():
        for name in ("ana", "cai"):
            world.complete(learners[name], modules["hs-classification"], source=SourceKind.CSV,
                           label="Regional report", key="sync:csv")
            world.complete(learners[name], modules["blended-prerequisites"],
                           CompletionStatus.FAILED, score=0.3, source=SourceKind.CSV,
                           label="Regional report", key="sync:csv")
        world.complete(learners["ben"], modules["hs-classification"], CompletionStatus.INCOMPLETE,
                       score=None, source=SourceKind.CSV, label="Regional report", key="sync:csv")
        db.session.commit()
        statuses = _statuses(apps)
        assert statuses["ana"] is S.ELIGIBLE and statuses["cai"] is S.ELIGIBLE
        assert statuses["ben"] is S.NOT_YET_ELIGIBLE
        assert statuses["ana-other"] is S.ELIGIBLE  # same modules, another workshop
        flips = db.session.scalars(select(DecisionChange).where(
            DecisionChange.application_id == apps["ana"],
            DecisionChange.outcome_after == Outcome.ELIGIBLE)).all()
        assert len(flips) == 1
