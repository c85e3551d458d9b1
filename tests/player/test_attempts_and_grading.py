"""Attempts, grading and the local completion (tests/player/...)."""
import pytest
from sqlalchemy import select

from tests.player.runtime_client import Learner


def _q(app, fn):
    from lms_bridge.db import db

    with app.app_context():
        return fn(db.session)


def _attempts(app):
    from lms_bridge.player.models import Attempt

    return _q(app, lambda s: list(s.scalars(select(Attempt).order_by(Attempt.number))))


def _completion(app):
    from lms_bridge.tracking.models import Completion

    return _q(app, lambda s: s.scalars(select(Completion)).one_or_none())


def _settings(app, slug, **values):
    from lms_bridge.catalog.models import Module
    from lms_bridge.catalog.models import ModuleAttemptSettings

    def write(session):
        module = session.scalar(select(Module).where(Module.slug == slug))
        session.add(ModuleAttemptSettings(module_id=module.id, **values))
        session.commit()
    _q(app, write)


@pytest.fixture
def ana(client, make_user):
    make_user("learner", email="ana@example.org")
    return Learner(client, "ana@example.org")


def _finish(learner, slug, changes, seq=1, **params):
    _, token = learner.launch(slug, **params)
    learner.start(token)
    response = learner.commit(token, seq, changes, finish=True)
    assert response.status_code == 200, response.get_json()
    return token


def test_12_mastery_score_decides_passed_and_a_local_completion_is_written(app, publish, ana):
    from lms_bridge.catalog.models import ForceNewAttempt

    publish("m12", "1.2", mastery=80)
    _settings(app, "m12", force_new_attempt=ForceNewAttempt.ALWAYS, max_attempts=None)
    _finish(ana, "m12", {"cmi.core.score.raw": "70", "cmi.core.lesson_status": "completed"})
    assert _completion(app) is None  # failed: CompletedAndPassed is not met
    _finish(ana, "m12", {"cmi.core.score.raw": "90", "cmi.core.lesson_status": "completed"})
    attempts = _attempts(app)
    assert [(a.number, a.is_passed, a.grade) for a in attempts] == [(1, False, 70.0), (2, True, 90.0)]
    completion = _completion(app)
    assert (completion.status.value, completion.score_scaled, completion.source_key,
            completion.source_label) == ("passed", 0.9, "local", "LMS Bridge")


def test_2004_success_and_completion_map_to_the_attempt(app, publish, ana):
    publish("m04", "2004", mastery=0.6)
    _finish(ana, "m04", {"cmi.score.scaled": "0.75", "cmi.completion_status": "completed",
                         "cmi.exit": "normal"})
    attempt = _attempts(app)[0]
    assert (attempt.is_completed, attempt.is_passed, attempt.grade, attempt.state.value) == (
        True, True, 75.0, "closed")
    assert _completion(app).status.value == "passed"


@pytest.mark.parametrize("force, completed_first, expected_numbers", [
    ("never", True, [1]),
    ("when_completed", False, [1]),
    ("when_completed", True, [1, 2]),
    ("always", False, [1, 2]),
])
def test_force_new_attempt(app, publish, ana, force, completed_first, expected_numbers):
    from lms_bridge.catalog.models import ForceNewAttempt

    publish("ff", "1.2")
    _settings(app, "ff", force_new_attempt=ForceNewAttempt(force))
    status = "completed" if completed_first else "incomplete"
    _finish(ana, "ff", {"cmi.core.lesson_status": status, "cmi.core.exit": "suspend"})
    ana.launch("ff")
    assert [a.number for a in _attempts(app)] == expected_numbers


def test_lock_after_the_final_attempt(app, publish, ana):
    from lms_bridge.catalog.models import ForceNewAttempt

    publish("lock", "1.2")
    _settings(app, "lock", max_attempts=1, force_new_attempt=ForceNewAttempt.ALWAYS,
              lock_after_final=True)
    _finish(ana, "lock", {"cmi.core.lesson_status": "completed"})
    assert ana.client.get("/modules/lock/launch").status_code == 409


def test_without_lock_the_learner_reviews_the_last_attempt(app, publish, ana):
    from lms_bridge.catalog.models import ForceNewAttempt

    publish("nolock", "1.2")
    _settings(app, "nolock", max_attempts=1, force_new_attempt=ForceNewAttempt.ALWAYS,
              lock_after_final=False)
    _finish(ana, "nolock", {"cmi.core.lesson_status": "completed"})
    response = ana.client.get("/modules/nolock/launch")
    assert "mode=review" in response.headers["Location"]


def test_resume_gives_entry_resume_location_and_suspend_data(app, publish, ana):
    publish("res", "1.2")
    _finish(ana, "res", {"cmi.core.lesson_location": "p7", "cmi.suspend_data": "abc",
                         "cmi.core.exit": "suspend", "cmi.core.session_time": "00:01:00"})
    _, token = ana.launch("res")
    started = ana.start(token)
    assert started["base"]["cmi.core.entry"] == "resume"
    assert started["state"]["cmi.core.lesson_location"] == "p7"
    assert started["state"]["cmi.suspend_data"] == "abc"
    assert started["next_seq"] == 2
    assert len(_attempts(app)) == 1


def test_an_abandoned_session_is_ended_as_suspended_at_the_next_launch(app, publish, ana):
    publish("ab", "2004")
    _, token = ana.launch("ab")
    ana.start(token)
    ana.commit(token, 1, {"cmi.location": "q3", "cmi.session_time": "PT30S"})
    _, token = ana.launch("ab")
    started = ana.start(token)
    assert started["base"]["cmi.entry"] == "resume" and started["state"]["cmi.location"] == "q3"
    assert started["state"]["cmi.total_time"] == "PT0H0M30S"
    assert _attempts(app)[0].state.value == "open"


@pytest.mark.parametrize("method, count, expected", [
    ("highest", "highest", 80.0), ("highest", "average", 60.0), ("highest", "first", 40.0),
    ("highest", "last_completed", 80.0),
])
def test_which_attempt_counts(app, publish, ana, method, count, expected):
    from lms_bridge.player.queries import module_result
    from lms_bridge.catalog.models import AttemptsCount, ForceNewAttempt, GradingMethod

    publish("gg", "1.2")
    _settings(app, "gg", force_new_attempt=ForceNewAttempt.ALWAYS,
              grading_method=GradingMethod(method), attempts_count=AttemptsCount(count))
    _finish(ana, "gg", {"cmi.core.score.raw": "40", "cmi.core.lesson_status": "completed"})
    _finish(ana, "gg", {"cmi.core.score.raw": "80", "cmi.core.lesson_status": "completed"})
    attempt = _attempts(app)[0]
    assert _q(app, lambda s: module_result(attempt.user_id, attempt.module_id)) == expected


@pytest.mark.parametrize("method, expected", [
    ("learning_objects", 50.0), ("highest", 90.0), ("average", 55.0), ("sum", 110.0)])
def test_grading_methods_over_scos(app, publish, ana, method, expected):
    from lms_bridge.catalog.models import GradingMethod

    publish("multi", "1.2", scos=("a", "b"))
    _settings(app, "multi", grading_method=GradingMethod(method))
    url, _ = ana.launch("multi")
    for seq_sco, changes in (("a", {"cmi.core.score.raw": "90", "cmi.core.lesson_status": "passed"}),
                             ("b", {"cmi.core.score.raw": "20", "cmi.core.lesson_status": "incomplete"})):
        _, token = ana.open(url.split("?")[0] + f"?sco={seq_sco}")
        ana.start(token)
        ana.commit(token, 1, changes, finish=True)
    assert _attempts(app)[0].grade == expected


def test_a_get_with_new_changes_nothing_and_a_post_starts_the_new_attempt(app, publish, ana):
    from lms_bridge.player.models import Attempt

    publish("fresh", "1.2")
    url, _ = ana.launch("fresh")
    confirm = ana.client.get("/modules/fresh/launch?new=1")
    assert confirm.status_code == 200 and "Start a new attempt" in confirm.get_data(as_text=True)
    assert ana.client.post("/modules/fresh/attempts", data={}).status_code == 400  # no CSRF
    with app.app_context():
        from lms_bridge.db import db
        assert [(a.number, a.state.value) for a in db.session.query(Attempt)] == [(1, "open")]
    assert "Start a new attempt" in ana.client.get("/my/pre-learning").get_data(as_text=True)
    new_url, _ = ana.launch_new("fresh")
    assert new_url != url
    with app.app_context():
        from lms_bridge.db import db
        assert sorted((a.number, a.state.value) for a in db.session.query(Attempt)) == [
            (1, "closed"), (2, "open")]
