from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from lms_bridge.catalog.models import Module
from lms_bridge.db import db
from lms_bridge.tracking.models import CompletionObservation
from lms_bridge.tracking.operations import Observation, RecordOutcome, record_completion
from lms_bridge.tracking.vocabulary import CompletionStatus as S
from lms_bridge.tracking.vocabulary import SourceKind

WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=timezone.utc)


@pytest.fixture
def ids(app, make_user):
    user_id = make_user("learner")
    with app.app_context():
        module = Module(slug="customs-valuation", title="Customs valuation")
        db.session.add(module)
        db.session.commit()
        return user_id, module.id


def _obs(ids, status, score=None, source="sync:1"):
    return Observation(ids[0], ids[1], SourceKind.MOODLE, source, "CLiKC!", status, score, WHEN,
                       {"remote": {"course": 7}})


# (first status, first score, second status, second score, outcome, stored status, stored score)
LADDER = [
    (S.INCOMPLETE, None, S.FAILED, 0.4, RecordOutcome.UPDATED, S.FAILED, 0.4),
    (S.FAILED, 0.55, S.PASSED, 0.8, RecordOutcome.UPDATED, S.PASSED, 0.8),
    (S.PASSED, 0.8, S.FAILED, 0.3, RecordOutcome.KEPT_BETTER, S.PASSED, 0.8),
    (S.PASSED, 0.8, S.INCOMPLETE, None, RecordOutcome.KEPT_BETTER, S.PASSED, 0.8),
    (S.PASSED, 0.8, S.PASSED, 0.9, RecordOutcome.UPDATED, S.PASSED, 0.9),
    (S.PASSED, 0.9, S.PASSED, 0.7, RecordOutcome.KEPT_BETTER, S.PASSED, 0.9),
    (S.COMPLETED, None, S.COMPLETED, None, RecordOutcome.UNCHANGED, S.COMPLETED, None),
    (S.COMPLETED, None, S.FAILED, 0.2, RecordOutcome.KEPT_BETTER, S.COMPLETED, None),
]


@pytest.mark.parametrize("s1, sc1, s2, sc2, outcome, stored, stored_score", LADDER)
def test_a_record_only_moves_up(app, ids, s1, sc1, s2, sc2, outcome, stored, stored_score):
    with app.app_context():
        assert record_completion(_obs(ids, s1, sc1))[0] is RecordOutcome.CREATED
        result, completion = record_completion(_obs(ids, s2, sc2))
        db.session.commit()
        assert result is outcome
        assert (completion.status, completion.score_scaled) == (stored, stored_score)
        observations = db.session.scalars(select(CompletionObservation)).all()
        expected_logged = 1 if outcome is RecordOutcome.UNCHANGED else 2
        assert len(observations) == expected_logged
        if outcome is RecordOutcome.KEPT_BETTER:
            assert observations[-1].applied is False and "kept the better" in observations[-1].note


def test_sources_are_kept_apart(app, ids):
    with app.app_context():
        record_completion(_obs(ids, S.FAILED, 0.5, source="sync:1"))
        outcome, local = record_completion(_obs(ids, S.PASSED, 0.9, source="local"))
        assert outcome is RecordOutcome.CREATED and local.source_key == "local"


def test_out_of_range_score_is_refused(app, ids):
    with app.app_context(), pytest.raises(ValueError, match="within 0..1"):
        record_completion(_obs(ids, S.PASSED, 1.5))


def test_a_remote_record_read_again_changes_nothing(app, ids):
    def seen(record_id, status, score):
        return record_completion(Observation(ids[0], ids[1], SourceKind.XAPI, "sync:1", "LRS",
                                             status, score, WHEN, {"record_id": record_id}))[0]
    with app.app_context():
        assert seen("s1", S.FAILED, 0.2) is RecordOutcome.CREATED
        assert seen("s2", S.PASSED, 0.9) is RecordOutcome.UPDATED
        assert seen("s3", S.FAILED, 0.3) is RecordOutcome.KEPT_BETTER
        # a full re-read: s1 was applied once then improved on, s3 was logged; both are known
        assert [seen(*r) for r in (("s1", S.FAILED, 0.2), ("s2", S.PASSED, 0.9),
                                   ("s3", S.FAILED, 0.3))] == [RecordOutcome.UNCHANGED] * 3
        # a source record that regresses is logged, once
        assert seen("s2", S.FAILED, 0.1) is RecordOutcome.KEPT_BETTER
        assert seen("s2", S.FAILED, 0.1) is RecordOutcome.UNCHANGED
        db.session.commit()
        assert len(db.session.scalars(select(CompletionObservation)).all()) == 4
