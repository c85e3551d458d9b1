"""Real SCORM content in Debian's Chromium: Rustici's golf samples through the JS adapter."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.browser.course_learner import eventually
from tests.conftest import PASSWORD
from tests.player.conftest import publish_zip

pytestmark = pytest.mark.browser


def _states(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import ScoState

    with app.app_context():
        return {s.item_identifier: dict(s.state) for s in db.session.scalars(select(ScoState))}


def _applied(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import CommitLog, CommitOutcome

    with app.app_context():
        return [(c.seq, c.outcome) for c in db.session.scalars(select(CommitLog).order_by(CommitLog.id))]


def _debug(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import CommitLog

    with app.app_context():
        return [(c.seq, c.outcome.value, c.note, sorted(c.payload["changes"])) for c in db.session.scalars(select(CommitLog))]


@pytest.fixture
def golf(app, scorm_corpus, make_user):
    def load(name: str, slug: str) -> str:
        publish_zip(app, scorm_corpus / "rustici-golf" / f"{name}.zip", slug)
        return slug
    make_user("learner", email="golfer@example.org")
    return load


def _sign_in(page, base):
    page.goto(f"{base}/login")
    page.fill("input[name=email]", "golfer@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def _lesson(page):
    return page.frame_locator("#player-content")


def _next(page, times: int):
    for _ in range(times):
        _lesson(page).locator("#butNext").click()


def _wait_ready(page):
    page.locator("#player-status").filter(has_text="Ready").or_(
        page.locator("#player-status").filter(has_text="saved")).wait_for()


def _wait_started(page):
    page.locator("#player-status").filter(has_text="Loading the lesson").or_(
        page.locator("#player-status").filter(has_text="Ready")).wait_for()


@pytest.mark.parametrize("package, location, exit_element", [
    ("RuntimeBasicCalls_SCORM12", "cmi.core.lesson_location", "cmi.core.lesson_status"),
    ("RuntimeBasicCalls_SCORM20043rdEdition", "cmi.location", "cmi.completion_status"),
])
def test_play_exit_and_resume_where_the_learner_left_off(app, live_server, page, golf, package,
                                                        location, exit_element):
    slug = golf(package, "golf")
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    page.goto(f"{live_server}/modules/{slug}/launch")
    _wait_ready(page)
    _next(page, 3)
    page.click("#player-exit")
    page.wait_for_url("**/my/pre-learning")
    state = eventually(lambda: next(iter(_states(app).values()), {}).get(location) == "3"
                        and next(iter(_states(app).values())))
    assert state[location] == "3" and state[exit_element] == "incomplete"
    page.goto(f"{live_server}/modules/{slug}/launch")
    _wait_ready(page)
    assert "OtherScoring" in _lesson(page).locator("#contentFrame").get_attribute("src")


def test_answer_the_quiz_and_the_results_are_stored(app, live_server, page, golf):
    slug = golf("RuntimeBasicCalls_SCORM12", "golf")
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    page.goto(f"{live_server}/modules/{slug}/launch")
    _wait_ready(page)
    _next(page, 14)
    quiz = _lesson(page).frame_locator("#contentFrame")
    quiz.locator("input[type=button][value='Submit Answers']").click()
    page.click("#player-exit")
    page.wait_for_url("**/my/pre-learning")
    state = eventually(lambda: next(iter(_states(app).values()), {}).get("cmi.core.score.raw")
                        and next(iter(_states(app).values())))
    assert state["cmi.core.lesson_status"] in ("passed", "failed"), _debug(app)
    assert (state["cmi.core.score.min"], state["cmi.core.score.max"]) == ("0", "100")
    assert 0 <= float(state["cmi.core.score.raw"]) < 100  # nothing answered: not a full score
    assert "cmi.core.total_time" in state


def test_closing_the_tab_mid_lesson_delivers_the_last_change(app, live_server, browser, golf):
    slug = golf("RuntimeBasicCalls_SCORM12", "golf")
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    page.goto(f"{live_server}/modules/{slug}/launch")
    _wait_ready(page)
    _next(page, 2)
    page.close(run_before_unload=True)
    state = eventually(lambda: next(iter(_states(app).values()), {}).get(
        "cmi.core.lesson_location") == "2")
    context.close()
    assert state


def test_a_commit_made_offline_is_delivered_later_and_only_once(app, live_server, page, golf):
    from lms_bridge.player.models import CommitOutcome

    slug = golf("RuntimeBasicCalls_SCORM12", "golf")
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    page.goto(f"{live_server}/modules/{slug}/launch")
    _wait_ready(page)
    page.evaluate("window.LMSBridgePlayer.flush()")
    eventually(lambda: page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 0)
    page.context.set_offline(True)
    _next(page, 4)
    page.evaluate("window.API.LMSCommit('')")
    assert page.evaluate("window.LMSBridgePlayer.pendingCommits()") >= 1
    assert next(iter(_states(app).values())).get("cmi.core.lesson_location") != "4"
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    assert eventually(lambda: next(iter(_states(app).values())).get("cmi.core.lesson_location") == "4")
    assert eventually(lambda: page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 0)
    applied = [seq for seq, outcome in _applied(app) if outcome is CommitOutcome.APPLIED]
    assert len(applied) == len(set(applied))


def test_a_multi_sco_package_shows_contents_and_navigates(app, live_server, page, golf):
    slug = golf("ContentPackagingOneFilePerSCO_SCORM12", "golf-multi")
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    page.goto(f"{live_server}/modules/{slug}/launch")
    _wait_started(page)
    assert page.locator(".player-toc li").count() > 5
    page.click("#player-next")
    page.wait_for_url("**sco=*")
    _wait_started(page)
    assert eventually(lambda: len(_states(app)) == 2)
    assert 'aria-current="step"' in page.locator(".player-toc li").nth(1).inner_html()
