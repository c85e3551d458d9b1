"""The commit path's SQL (lms_bridge/player/runtime/commit_rows.py) and the runtime calls' sessions."""
import pytest

from tests.player.runtime_client import Learner


@pytest.fixture
def started(app, client, make_user, publish):
    publish("tiny", "1.2", mastery=80)
    make_user("learner", email="ana@example.org")
    learner = Learner(client, "ana@example.org")
    _, token = learner.launch("tiny")
    learner.start(token)
    return learner, token


def _target(app, token):
    from lms_bridge.db import db
    from lms_bridge.player.runtime.commit_rows import read_target
    from lms_bridge.player.tokens import read_launch_token

    grant = read_launch_token(token)
    return read_target(db.session.connection(), grant.attempt_id, grant.item_identifier)


def test_the_target_carries_the_attempt_version_and_module_settings(app, started):
    learner, token = started
    learner.commit(token, 1, {"cmi.core.lesson_location": "p1"})
    with app.test_request_context():
        target = _target(app, token)
    assert (target.last_seq, target.state["cmi.core.lesson_location"]) == (1, "p1")
    assert target.scorm_version == "1.2" and target.is_available
    assert target.attempt_state.value == "open" and target.grading_method.value == "highest"


@pytest.mark.parametrize("commits_in_between, stored", [(0, True), (1, False)])
def test_a_state_changed_since_it_was_read_is_not_overwritten(app, started, commits_in_between,
                                                              stored):
    from lms_bridge.db import db
    from lms_bridge.player.runtime.commit_rows import store_state

    learner, token = started
    with app.test_request_context():
        target = _target(app, token)
        db.session.rollback()
        for seq in range(1, commits_in_between + 1):
            learner.commit(token, seq, {"cmi.core.lesson_location": "other"})
        assert store_state(db.session.connection(), target, {"cmi.core.lesson_location": "x"},
                           5) is stored
        db.session.commit()


def test_runtime_calls_neither_read_nor_write_the_sign_in_session(started):
    learner, token = started
    response = learner.commit(token, 1, {"cmi.core.lesson_location": "p1"})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")


@pytest.mark.parametrize("changes, completion", [
    ({"cmi.core.lesson_location": "p2"}, None),                 # Core connection only
    ({"cmi.core.lesson_status": "failed"}, None),               # summary stored, no completion
    ({"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "90"}, "passed"),  # via the ORM
])
def test_a_commit_that_completes_the_attempt_records_it_without_finishing(app, started, changes,
                                                                          completion):
    from sqlalchemy import select

    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt, CommitLog
    from lms_bridge.tracking.models import Completion

    learner, token = started
    response = learner.commit(token, 1, changes)
    assert response.status_code == 200 and response.get_json()["outcome"] == "applied"
    with app.app_context():
        recorded = db.session.scalars(select(Completion)).one_or_none()
        assert (recorded.status.value if recorded else None) == completion
        assert db.session.scalars(select(Attempt)).one().state.value == "open"
        assert len(db.session.scalars(select(CommitLog)).all()) == 1  # the restart logs once
        assert _target(app, token).state == {**changes}


@pytest.mark.sqlite_only
def test_a_commit_overtaken_between_its_read_and_its_write_starts_over(app, started, monkeypatch):
    """SQLite reads without a lock: the guarded UPDATE finds the SCO changed, ConcurrentCommit
    starts the commit over. (PostgreSQL's row lock makes the other commit wait instead; in one
    test thread it would wait for ever.)"""
    from lms_bridge.player.runtime import operations

    learner, token = started
    read_target, reads = operations.read_target, []

    def read_then_get_overtaken(connection, attempt_id, item_identifier):
        target = read_target(connection, attempt_id, item_identifier)
        reads.append(target.last_seq)
        if len(reads) == 1:  # another commit of the same SCO is stored right after this read
            assert learner.commit(token, 1, {"cmi.core.lesson_location": "first"}).status_code == 200
        return target
    monkeypatch.setattr(operations, "read_target", read_then_get_overtaken)
    response = learner.commit(token, 2, {"cmi.core.lesson_location": "second"})
    assert response.status_code == 200 and response.get_json()["outcome"] == "applied"
    assert reads == [0, 0, 1]  # read; the other commit's read; ConcurrentCommit, read again
    sco = _sco_state(app)
    assert sco.last_seq == 2 and sco.state["cmi.core.lesson_location"] == "second"


def _sco_state(app):
    from sqlalchemy import select

    from lms_bridge.db import db
    from lms_bridge.player.models import ScoState

    with app.app_context():
        return db.session.scalars(select(ScoState)).one()
