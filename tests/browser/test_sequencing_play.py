"""Rustici's SCORM 2004 sequencing samples played in Chromium: the player's buttons and table
of contents follow the sequencer, and what the database holds follows the rolled-up course."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.browser.course_learner import eventually
from tests.conftest import PASSWORD
from tests.player.conftest import publish_zip

pytestmark = pytest.mark.browser

EMAIL = "sequenced@example.org"


@pytest.fixture
def sample(app, scorm_corpus, make_user, live_server, page):
    """sample(name) -> the player page with that golf sample launched by a signed-in learner."""
    make_user("learner", email=EMAIL)
    page.on("dialog", lambda dialog: dialog.accept())

    def launch(name: str):
        publish_zip(app, scorm_corpus / "rustici-golf" / f"{name}.zip", "golf")
        page.goto(f"{live_server}/login")
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit]")
        page.goto(f"{live_server}/modules/golf/launch")
        wait_running(page)
        return page
    return launch


def wait_running(page) -> None:
    """Wait until the delivered SCO has initialized (the adapter then says so)."""
    page.locator("#player-status").filter(has_text="Ready").or_(
        page.locator("#player-status").filter(has_text="saved")).wait_for()


def current(page) -> str:
    return page.locator(".player-toc [aria-current=step]").inner_text()


def choosable(page, title: str) -> bool:
    link = page.locator(".player-toc a", has_text=title)
    return link.get_attribute("aria-disabled") is None and link.get_attribute("href") is not None


def sco(page):
    return page.frame_locator("#player-content")


def read_to_the_end(page) -> None:
    """Page through a golf SCO to its last page (which marks it completed and passed)."""
    button = sco(page).locator("#butNext")
    while not button.is_disabled():
        button.click()


def record_test(page, percent: int) -> None:
    """Answer a golf test with ``percent`` as its score (the test page's own RecordTest)."""
    sco(page).locator("#contentFrame").wait_for()
    page.locator("#player-content").element_handle().content_frame().evaluate(
        f"RecordTest({percent})")


def go(page, button_id: str) -> None:
    """Press a player button and wait for the next delivery to be running."""
    before = page.url
    page.click(f"#{button_id}")
    page.wait_for_url(lambda url: url != before)
    wait_running(page)


def attempt(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt
    with app.app_context():
        row = db.session.scalars(select(Attempt).order_by(Attempt.id.desc())).first()
        return row.state.value, row.is_completed, row.is_passed


def completion(app):
    from lms_bridge.db import db
    from lms_bridge.tracking.models import Completion
    with app.app_context():
        row = db.session.scalars(select(Completion)).first()
        return None if row is None else row.status.value


def global_objectives(app) -> dict[str, bool | None]:
    from lms_bridge.db import db
    from lms_bridge.player.sequencing.models import GlobalObjectiveRecord
    with app.app_context():
        return {r.objective_id.rsplit(".", 1)[-1]: r.data["satisfied"] if r.data["satisfied_known"]
                else None for r in db.session.scalars(select(GlobalObjectiveRecord))}


def test_forced_sequential_only_flows_to_the_next_sco(app, sample):
    page = sample("SequencingForcedSequential_SCORM20043rdEdition")
    assert current(page) == "Playing the Game"
    assert page.locator("#player-next").is_disabled()  # not satisfied yet: nothing to flow to
    assert not choosable(page, "Etiquette") and not choosable(page, "Handicapping")
    read_to_the_end(page)
    # the SCO's commit says it is satisfied: Continue opens, skipping ahead still does not
    page.locator("#player-next:enabled").wait_for()
    assert not choosable(page, "Handicapping")
    # the content ends itself without a navigation request: the learner then chooses (the
    # player's form, processed by the server as no SCO is open any more)
    page.locator("#player-content").element_handle().content_frame().evaluate("doUnload()")
    page.locator("#player-status").filter(has_text="Choose what to do next").wait_for()
    go(page, "player-next")
    assert current(page) == "Etiquette" and "sco=etuqiette_item" in page.url
    assert global_objectives(app)["playing_satisfied"] is True
    assert not choosable(page, "Having Fun") and choosable(page, "Playing the Game")
    page.goto(page.url.replace("etuqiette_item", "havingfun_item"))  # typed into the address bar
    assert "can not be chosen now" in page.locator(".flash").inner_text()
    assert current(page) == "Etiquette"
    assert attempt(app)[0] == "open"


def test_failing_a_quiz_sends_the_learner_back_through_its_content(app, sample):
    page = sample("SequencingSimpleRemediation_SCORM20043rdEdition")
    assert page.locator(".player-toc a[href]").count() == 0  # flow only: nothing to choose
    assert page.locator("#player-previous").is_disabled()
    delivered = [current(page)]
    for _ in range(3):
        go(page, "player-next")
        delivered.append(current(page))
    for score in (0, 100, 100, 100):  # fail the playing quiz, pass the three others
        go(page, "player-next")
        delivered.append(current(page))
        record_test(page, score)
    assert delivered == ["Playing the Game", "Etiquette", "Handicapping", "Having Fun",
                         "Playing Quiz", "Etiquette Quiz", "Handicapping Quiz", "Having Fun Quiz"]
    # the end of the loop: only the failed objective's content and quiz come back
    go(page, "player-next")
    assert current(page) == "Playing the Game"
    objectives = global_objectives(app)
    assert objectives["playing_satisfied"] is False and objectives["havingfun_satisfied"] is True
    assert attempt(app)[0] == "open"
    go(page, "player-next")
    assert current(page) == "Playing Quiz"
    record_test(page, 100)
    # the loop ends on its last quiz: its own sequencingRules replace the collection's (no
    # skip rule) and its exitParent post condition closes the loop, so it comes once more
    go(page, "player-next")
    assert current(page) == "Having Fun Quiz"
    page.click("#player-next")
    page.wait_for_url("**/results")
    assert eventually(lambda: attempt(app) == ("closed", True, True)), attempt(app)
    assert completion(app) == "passed"


def test_passing_the_post_test_completes_the_course(app, sample):
    # the 4th edition sample loads jQuery from a public CDN, which the content policy (and an
    # offline machine) refuses: its SCOs never initialize, so the 3rd edition one is played
    page = sample("SequencingPostTestRollup_SCORM20043rdEdition")
    assert not choosable(page, "Quiz")
    for title in ("Playing the Game", "Etiquette", "Handicapping", "Having Fun"):
        assert current(page) == title
        read_to_the_end(page)
        page.locator("#player-next:enabled").wait_for()
        go(page, "player-next")
    assert "sco=assessment_item" in page.url
    assert attempt(app) == ("open", False, None)
    record_test(page, 85)
    page.click("#player-next")  # continuing past the last activity ends the course
    page.wait_for_url("**/results")
    assert eventually(lambda: attempt(app) == ("closed", True, True)), attempt(app)
    assert completion(app) == "passed"


def test_passing_the_pre_test_tests_out_of_the_course(app, sample):
    page = sample("SequencingPreOrPostTestRollup_SCORM20043rdEdition")
    assert current(page) == "Pre Test"
    record_test(page, 100)
    page.locator("#player-exit-all").click()
    page.wait_for_url("**/results")
    assert eventually(lambda: attempt(app) == ("closed", True, True)), attempt(app)
    assert global_objectives(app)["assessment_satisfied"] is True
    assert completion(app) == "passed"


def test_the_randomly_chosen_test_is_kept_when_the_learner_comes_back(app, live_server, sample):
    page = sample("SequencingRandomTest_SCORM20043rdEdition")
    for _ in range(4):
        read_to_the_end(page)
        page.locator("#player-next:enabled").wait_for()
        go(page, "player-next")
    assert "sco=test_" in page.url
    test = page.locator("#player-content").get_attribute("title")
    assert page.locator("#player-suspend").count() == 0  # the tests hide Suspend all
    assert page.locator(".player-toc a", has_text=re.compile(r"^Test \d")).count() == 0  # invisible
    page.click("#player-exit")
    page.wait_for_url("**/my/pre-learning")
    page.goto(f"{live_server}/modules/golf/launch")
    wait_running(page)
    assert page.locator("#player-content").get_attribute("title") == test
    record_test(page, 0)
    go(page, "player-next")  # failed: straight into another attempt of the post test
    assert "sco=test_" in page.url and attempt(app)[0] == "open"
