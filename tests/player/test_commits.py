"""The commit endpoint: storage, idempotency, re-validation and refusals (tests/player/...)."""
import json

import pytest
from sqlalchemy import select

from tests.player.runtime_client import Learner


def _db(app, fn):
    from lms_bridge.db import db

    with app.app_context():
        return fn(db.session)


def _sco(app):
    from lms_bridge.player.models import ScoState

    return _db(app, lambda s: s.scalars(select(ScoState)).one())


def _log_outcomes(app):
    from lms_bridge.player.models import CommitLog

    return _db(app, lambda s: [(c.seq, c.outcome.value) for c in
                               s.scalars(select(CommitLog).order_by(CommitLog.id))])


@pytest.fixture
def learner(app, client, make_user, publish):
    publish("tiny", "1.2", mastery=80)
    make_user("learner", email="ana@example.org")
    return Learner(client, "ana@example.org")


def test_a_commit_is_stored_and_a_replay_changes_nothing(app, learner):
    _, token = learner.launch("tiny")
    started = learner.start(token)
    assert started["next_seq"] == 1 and started["base"]["cmi.core.entry"] == "ab-initio"
    changes = {"cmi.core.lesson_location": "page-3", "cmi.core.session_time": "00:00:30"}
    assert learner.commit(token, 1, changes).get_json()["outcome"] == "applied"
    assert learner.commit(token, 1, {"cmi.core.lesson_location": "other"}).get_json()["outcome"] == "replay"
    assert learner.commit(token, 2, {"cmi.core.lesson_location": "page-4"}).status_code == 200
    assert learner.commit(token, 1, changes).get_json()["outcome"] == "stale"
    sco = _sco(app)
    assert sco.state["cmi.core.lesson_location"] == "page-4" and sco.last_seq == 2
    assert _log_outcomes(app) == [(1, "applied"), (1, "replay"), (2, "applied"), (1, "stale")]


def test_a_replayed_final_commit_counts_the_session_time_once(app, learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    final = {"cmi.core.session_time": "00:00:20", "cmi.core.exit": "suspend"}
    assert learner.commit(token, 1, final, finish=True).status_code == 200
    assert learner.commit(token, 1, final, finish=True).get_json()["outcome"] == "replay"
    sco = _sco(app)
    assert sco.state["cmi.core.total_time"] == "0000:00:20.00" and sco.total_centis == 2000
    assert "cmi.core.session_time" not in sco.state


def test_an_implausible_session_time_is_clamped_to_the_wall_clock(app, learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    learner.commit(token, 1, {"cmi.core.session_time": "9999:00:00"}, finish=True)
    assert _sco(app).total_centis <= 61 * 100 + 100


@pytest.mark.parametrize("changes, scorm_error", [
    ({"cmi.core.student_id": "me"}, "403"),                # read-only
    ({"cmi.core.score.raw": "lots"}, "405"),               # wrong type
    ({"cmi.core.score.raw": "101"}, "405"),                # out of range (1.2 reports 405)
    ({"cmi.suspend_data": "x" * 4097}, "405"),             # over 1.2's CMIString4096
    ({"cmi.core.lesson_location": "ok", "cmi.core.exit": "bye"}, "405"),
    ({"cmi.nonsense": "1"}, "201"),
])
def test_a_refused_write_stores_nothing(app, learner, changes, scorm_error):
    _, token = learner.launch("tiny")
    learner.start(token)
    response = learner.commit(token, 1, changes)
    assert response.status_code == 422
    detail = response.get_json()["error"]["details"][0]
    assert detail["scorm_error"] == scorm_error
    sco = _sco(app)
    assert sco.state == {} and sco.last_seq == 0
    assert _log_outcomes(app) == [(1, "rejected")]
    assert learner.commit(token, 1, {"cmi.core.lesson_location": "p1"}).status_code == 200


@pytest.mark.parametrize("changes, scorm_error", [
    ({"cmi.learner_id": "x"}, "404"),
    ({"cmi.score.scaled": "1.5"}, "407"),
    ({"cmi.completion_status": "done"}, "406"),
    ({"cmi.suspend_data": "x" * 262145}, "406"),
])
def test_2004_refusals_use_2004_codes(app, client, make_user, publish, changes, scorm_error):
    publish("tiny4", "2004")
    make_user("learner", email="bo@example.org")
    learner = Learner(client, "bo@example.org")
    _, token = learner.launch("tiny4")
    learner.start(token)
    response = learner.commit(token, 1, changes)
    assert response.status_code == 422
    assert response.get_json()["error"]["details"][0]["scorm_error"] == scorm_error
    assert _sco(app).state == {}


def test_commits_without_a_valid_token_are_forbidden(app, client, learner, make_user):
    _, token = learner.launch("tiny")
    learner.start(token)
    assert learner.commit(None, 1, {"cmi.core.lesson_location": "x"}).status_code == 403
    assert learner.commit(token[:-2] + "xx", 1, {"cmi.core.lesson_location": "x"}).status_code == 403
    beacon = client.post("/player/runtime/commit", data=json.dumps({"seq": 1, "changes": {}}),
                         content_type="text/plain")
    assert beacon.status_code == 403
    assert _sco(app).last_seq == 0


def test_another_learners_attempt_is_forbidden(app, client, learner, make_user):
    from lms_bridge.player.tokens import LaunchGrant, issue_launch_token

    _, token = learner.launch("tiny")
    learner.start(token)
    other = make_user("learner", email="eve@example.org")
    attempt_id = _sco(app).attempt_id
    with app.test_request_context():
        forged = issue_launch_token(LaunchGrant(other, attempt_id, "one", "normal"))
    assert learner.commit(forged, 1, {"cmi.core.lesson_location": "x"}).status_code == 403
    assert _sco(app).state == {}


def test_a_beacon_as_text_plain_is_accepted(app, client, learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    body = {"token": token, "seq": 1, "changes": {"cmi.core.lesson_location": "b"}}
    client.cookie_jar.clear() if hasattr(client, "cookie_jar") else None
    response = client.post("/player/runtime/commit", data=json.dumps(body), content_type="text/plain")
    assert response.status_code == 200
    assert _sco(app).state["cmi.core.lesson_location"] == "b"


def test_a_commit_to_a_closed_attempt_gets_409(app, learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    assert learner.commit(token, 1, {"cmi.core.exit": "logout", "cmi.core.lesson_status": "completed"},
                          finish=True).get_json()["attempt_open"] is False
    response = learner.commit(token, 2, {"cmi.core.lesson_location": "late"})
    assert response.status_code == 409
    assert "cmi.core.lesson_location" not in _sco(app).state


def test_review_mode_stores_nothing(app, learner):
    url, token = learner.launch("tiny")
    learner.start(token)
    learner.commit(token, 1, {"cmi.core.lesson_location": "p2"})
    _, review = learner.open(url.replace("mode=normal", "mode=review"))
    assert learner.start(review)["base"]["cmi.core.lesson_mode"] == "review"
    assert learner.commit(review, 2, {"cmi.core.lesson_location": "p9"}).get_json()["outcome"] == "not_stored"
    assert _sco(app).state["cmi.core.lesson_location"] == "p2"


def test_malformed_commits_are_refused(learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    assert learner.commit(token, 0, {}).status_code == 400
    assert learner.commit(token, 1, {"a": ["list"]}).status_code == 400
    assert learner.client.post("/player/runtime/commit", data="x", content_type="image/png").status_code == 415


def test_a_sequence_number_beyond_what_the_database_holds_is_a_400(app, learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    for seq in (2**63, 2**53, 2**31):
        response = learner.commit(token, seq, {"cmi.core.lesson_location": "p"})
        assert response.status_code == 400, response.get_json()
        assert response.get_json()["error"]["details"][0]["field"] == "seq"
    assert learner.commit(token, 2**31 - 1, {}).status_code == 200
    assert _sco(app).last_seq == 2**31 - 1


def test_a_deeply_nested_body_is_a_400(learner):
    _, token = learner.launch("tiny")
    learner.start(token)
    response = learner.client.post("/player/runtime/commit", data="[" * 100_000,
                                   content_type="application/json")
    assert response.status_code == 400
    assert "nests" in response.get_json()["error"]["message"]


def test_a_deactivated_learners_token_records_nothing(app, learner):
    from lms_bridge.accounts.models import User

    _, token = learner.launch("tiny")
    learner.start(token)
    assert learner.commit(token, 1, {"cmi.core.lesson_location": "p1"}).status_code == 200

    def deactivate(session):
        session.scalars(select(User).where(User.email == "ana@example.org")).one().active = False
        session.commit()
    _db(app, deactivate)
    refused = learner.commit(token, 2, {"cmi.core.lesson_status": "completed"}, finish=True)
    assert refused.status_code == 403 and "deactivated" in refused.get_json()["error"]["message"]
    start = learner.client.post("/player/runtime/start", json={"token": token})
    assert start.status_code == 403
    sco = _sco(app)
    assert sco.last_seq == 1 and "cmi.core.lesson_status" not in sco.state
    assert _log_outcomes(app) == [(1, "applied")]


def test_a_commit_past_the_record_cap_stores_nothing(app, learner):
    from scorm.runtime.datatypes import MAX_RECORDS

    _, token = learner.launch("tiny")
    learner.start(token)
    assert learner.commit(token, 1, {"cmi.core.lesson_location": "p1"}).status_code == 200
    flood = {f"cmi.interactions.{i}.id": f"q{i}" for i in range(MAX_RECORDS + 1)}
    refused = learner.commit(token, 2, {"cmi.core.lesson_location": "p2", **flood})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["details"][0]["scorm_error"] == "201"
    sco = _sco(app)
    assert sco.last_seq == 1 and sco.state["cmi.core.lesson_location"] == "p1"
    assert not any(key.startswith("cmi.interactions") for key in sco.state)
