"""Module completion and attempt settings on the module page (lms_bridge/catalog/settings.py,
operations.configure_module, views.configure)."""
import re

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token, login
from tests.player.conftest import publish_zip, tiny_package
from tests.player.runtime_client import Learner

VALID = {"completion_rule": "CompletedAndPassed", "min_score": "80", "max_attempts": "2",
         "force_new_attempt": "always", "lock_after_final": "y",
         "grading_method": "average", "attempts_count": "last_completed", "auto_continue": "y"}


@pytest.fixture
def module_slug(app, tmp_path):
    publish_zip(app, tiny_package(tmp_path / "tiny.zip"), "tiny")
    return "tiny"


@pytest.fixture
def coordinator(app, make_user):
    make_user("coordinator", email="coord@example.org")
    client = app.test_client()
    assert login(client, "coord@example.org").status_code == 302
    return client


def _post(client, slug, **changes):
    data = {k: v for k, v in dict(VALID, **changes).items() if v is not None}
    data["csrf_token"] = csrf_token(client, f"/catalog/modules/{slug}")
    return client.post(f"/catalog/modules/{slug}/settings", data=data)


def _stored(app, slug):
    from lms_bridge.catalog.models import Module
    from lms_bridge.catalog.settings import settings_of
    from lms_bridge.db import db

    with app.app_context():
        return settings_of(db.session.scalar(select(Module).where(Module.slug == slug)))


def _audit(app):
    from lms_bridge.accounts.models import AuditEvent
    from lms_bridge.db import db

    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "module.configured")))


def test_page_shows_defaults_and_the_form(coordinator, module_slug):
    page = coordinator.get(f"/catalog/modules/{module_slug}").get_data(as_text=True)
    assert "Completion and attempts" in page
    assert "unlimited" in page and 'name="max_attempts"' in page
    assert "are not rewritten" in page and "SCORM 1.2" in page


def test_saving_stores_every_value_and_audits_old_and_new(app, coordinator, module_slug):
    from lms_bridge.catalog.models import AttemptsCount, ForceNewAttempt, GradingMethod
    from scorm.source import CompletionRule

    response = _post(coordinator, module_slug)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    stored = _stored(app, module_slug)
    assert (stored.completion_rule, stored.min_score, stored.max_attempts) == (
        CompletionRule.COMPLETED_AND_PASSED, 80.0, 2)
    assert stored.force_new_attempt is ForceNewAttempt.ALWAYS and stored.lock_after_final
    assert stored.grading_method is GradingMethod.AVERAGE
    assert stored.attempts_count is AttemptsCount.LAST_COMPLETED and stored.auto_continue
    [event] = _audit(app)
    assert event.details["old"]["max_attempts"] is None
    assert event.details["new"]["max_attempts"] == 2
    assert event.details["new"]["grading_method"] == "average"
    assert "lock_after_final" not in event.details["new"]  # unchanged: the default was locked
    page = coordinator.get(f"/catalog/modules/{module_slug}").get_data(as_text=True)
    assert '<option selected value="average">' in page
    assert re.search(r'name="min_score"[^>]*value="80(\.0)?"', page)
    assert re.search(r'name="max_attempts"[^>]*value="2"', page)


@pytest.mark.parametrize("changes, field, problem", [
    ({"max_attempts": "0"}, "max_attempts", "Enter 1 or more"),
    ({"max_attempts": "-3"}, "max_attempts", "Enter 1 or more"),
    ({"max_attempts": "many"}, "max_attempts", "Not a valid integer"),
    ({"min_score": "101"}, "min_score", "from 0 to 100"),
    ({"min_score": "-1"}, "min_score", "from 0 to 100"),
    ({"min_score": "lots"}, "min_score", "Not a valid decimal"),
    ({"completion_rule": "Completed"}, "min_score", "only applies to rules that involve passing"),
    ({"completion_rule": "NotApplicable"}, "min_score", "only applies"),
    ({"grading_method": "median"}, "grading_method", "Not a valid choice"),
])
def test_each_invalid_value_is_refused_on_its_field(app, coordinator, module_slug, changes,
                                                     field, problem):
    response = _post(coordinator, module_slug, **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="{field}-error"' in page and problem in page and "were not saved" in page
    assert _stored(app, module_slug).max_attempts is None and not _audit(app)


@pytest.mark.parametrize("changes", [{"max_attempts": ""}, {"min_score": ""},
                                     {"completion_rule": "Completed", "min_score": ""}])
def test_empty_means_unlimited_or_no_minimum(app, coordinator, module_slug, changes):
    assert _post(coordinator, module_slug, **changes).status_code == 302
    stored = _stored(app, module_slug)
    assert (stored.max_attempts is None) == ("max_attempts" in changes)
    assert (stored.min_score is None) == ("min_score" in changes)


def test_without_csrf_nothing_is_saved(app, coordinator, module_slug):
    response = coordinator.post(f"/catalog/modules/{module_slug}/settings", data=VALID)
    assert response.status_code == 400 and not _audit(app)


@pytest.mark.parametrize("role", ["learner", "national_coordinator"])
def test_other_roles_are_refused(app, make_user, module_slug, role):
    make_user(role, country="KR", email="other@example.org")
    client = app.test_client()
    assert login(client, "other@example.org").status_code == 302
    token = csrf_token(client, "/account/tokens")
    response = client.post(f"/catalog/modules/{module_slug}/settings",
                           data=dict(VALID, csrf_token=token))
    assert response.status_code == 403 and not _audit(app)


LAUNCH = {"min_score": None, "completion_rule": "Completed", "force_new_attempt": "never"}


def test_a_new_max_attempts_and_lock_apply_to_the_next_launch(app, make_user, coordinator,
                                                               module_slug):
    make_user("learner", email="ana@example.org")
    ana = Learner(app.test_client(), "ana@example.org")
    ana.launch(module_slug)  # attempt 1, before any settings were stored
    assert _post(coordinator, module_slug, max_attempts="1", **LAUNCH).status_code == 302
    assert ana.client.get(f"/modules/{module_slug}/launch").status_code == 302  # continues 1
    assert ana.start_new_attempt(module_slug).status_code == 409
    unlocked = dict(LAUNCH, lock_after_final=None)
    assert _post(coordinator, module_slug, max_attempts="1", **unlocked).status_code == 302
    review = ana.start_new_attempt(module_slug)
    assert review.status_code == 302 and "mode=review" in review.headers["Location"]
    assert _post(coordinator, module_slug, max_attempts="", **LAUNCH).status_code == 302
    assert "mode=normal" in ana.start_new_attempt(module_slug).headers["Location"]


def _completion(app):
    from lms_bridge.db import db
    from lms_bridge.tracking.models import Completion

    with app.app_context():
        return db.session.scalars(select(Completion)).one_or_none()


def test_new_rules_grade_later_commits_and_keep_the_stored_completion(app, make_user,
                                                                      coordinator, module_slug):
    from lms_bridge.tracking.vocabulary import CompletionStatus

    make_user("learner", email="ana@example.org")
    ana = Learner(app.test_client(), "ana@example.org")
    assert _post(coordinator, module_slug, **LAUNCH).status_code == 302
    _, token = ana.launch(module_slug)
    ana.start(token)
    completed = {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "70"}
    assert ana.commit(token, 1, completed).status_code == 200
    assert _completion(app).status is CompletionStatus.COMPLETED
    assert _post(coordinator, module_slug, completion_rule="Passed", min_score="80",
                 force_new_attempt="never").status_code == 302
    assert _completion(app).status is CompletionStatus.COMPLETED  # not rewritten
    assert ana.commit(token, 2, {"cmi.core.score.raw": "90"}).status_code == 200
    completion = _completion(app)
    assert completion.status is CompletionStatus.PASSED and completion.score_scaled == 0.9


@pytest.mark.parametrize("typed", [str(2**63), "1001", "9" * 40])
def test_a_max_attempts_beyond_the_limit_is_refused_and_kept_on_the_form(app, coordinator,
                                                                         module_slug, typed):
    # 2**63 does not fit the column: it was an OverflowError (500) when saving.
    response = _post(coordinator, module_slug, max_attempts=typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="max_attempts-error"' in page and "at most 1000" in page
    assert re.search(rf'name="max_attempts"[^>]*value="{typed}"', page)
    assert _stored(app, module_slug).max_attempts is None and not _audit(app)


def test_the_limit_itself_is_accepted(app, coordinator, module_slug):
    assert _post(coordinator, module_slug, max_attempts="1000").status_code == 302
    assert _stored(app, module_slug).max_attempts == 1000


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "Infinity", "1e999999999"])
def test_a_min_score_that_is_not_a_percentage_is_refused(app, coordinator, module_slug, typed):
    response = _post(coordinator, module_slug, min_score=typed)
    assert response.status_code == 400
    assert 'id="min_score-error"' in response.get_data(as_text=True) and not _audit(app)


def test_the_check_refuses_a_max_attempts_beyond_the_limit():
    from lms_bridge.catalog.models import AttemptsCount, ForceNewAttempt, GradingMethod
    from lms_bridge.catalog.settings import ModuleSettings, settings_problems
    from scorm.source import CompletionRule

    values = ModuleSettings(completion_rule=CompletionRule.COMPLETED, min_score=None,
                            max_attempts=2**63, force_new_attempt=ForceNewAttempt.NEVER,
                            lock_after_final=True, grading_method=GradingMethod.HIGHEST,
                            attempts_count=AttemptsCount.HIGHEST, auto_continue=False)
    assert [p["field"] for p in settings_problems(values)] == ["max_attempts"]
