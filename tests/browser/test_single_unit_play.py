"""The single-unit build in LMS Bridge's own player, played like a learner in Chromium: one SCO
(item-module) that moves through its lessons itself; the player stores "incomplete" until every
lesson is done and the assessment submitted, then failed, then passed with the score; a learner
who leaves mid-module comes back to the same part, and to the same answers."""
from __future__ import annotations

import pytest

from tests.browser import course_learner as learner
from tests.browser.course_learner import LEARNER

pytestmark = pytest.mark.browser

ITEM = "item-module"


def _part_title(page) -> str:
    return learner.content(page).locator(".lmsb-part:not([hidden]) h1").inner_text()


def _complete_shown_lesson(page) -> None:
    learner.content(page).locator(".lmsb-part:not([hidden]) .lmsb-complete").click()


def _sco(app) -> dict:
    return learner.states(app).get(ITEM, {})


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_single_unit_module_plays_through_in_the_own_player(app, live_server, page, tmp_path,
                                                            make_user, version):
    make_user("learner", email=LEARNER)
    edition = learner.publish_build(app, tmp_path, "customs-valuation", version)
    lessons, assessment = edition.lessons, edition.assessment
    page.on("dialog", lambda dialog: dialog.accept())
    learner.sign_in(page, live_server)
    learner.open(page, live_server, edition.slug)
    # one unit: the package navigates itself, with its own table of contents
    assert learner.content(page).locator(".lmsb-toc-link").count() == len(lessons) + 1

    _complete_shown_lesson(page)
    assert _part_title(page) == lessons[1].title
    page.click("#player-suspend")  # leave after the first lesson
    page.wait_for_url("**/my/pre-learning")
    state = learner.eventually(lambda: _sco(app).get("cmi.suspend_data") and _sco(app))
    learner.assert_sco(version, state, "incomplete")
    assert learner.eventually(lambda: learner.next_entry(app, ITEM) == "resume"), learner.debug(app)

    page.click("text=Resume")
    page.wait_for_url("**/play**")
    learner.wait_content(page)
    assert _part_title(page) == lessons[1].title  # back at the same part
    learner.content(page).locator("#lmsb-notice").filter(has_text="where you left off").wait_for()
    for lesson in lessons[1:]:
        assert _part_title(page) == lesson.title
        _complete_shown_lesson(page)
    assert _part_title(page) == assessment.title
    learner.assert_sco(version, learner.eventually(lambda: _sco(app)), "incomplete")

    first = assessment.questions[0]
    for question in assessment.questions:
        learner.answer(page, question, correctly=question is first)
    learner.content(page).locator("#lmsb-submit").click()
    failing = learner.expected_percent(assessment, {first.id})
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"
    state = learner.eventually(lambda: _sco(app).get(status) == "failed" and _sco(app))
    learner.assert_sco(version, state, "failed", failing)
    assert learner.completion(app) is None  # the module's rule: failing is not done

    learner.content(page).locator("#lmsb-retry").click()
    for question in assessment.questions:
        learner.answer(page, question, correctly=True)
    learner.content(page).locator("#lmsb-submit").click()
    assert learner.eventually(lambda: learner.completion(app) == ("passed", 1.0)), learner.completion(app)
    learner.assert_sco(version, learner.states(app)[ITEM], "passed", 100)
    assert learner.attempt(app) == (True, True, 100.0, 1.0)
    learner.exit(page)
    row = page.locator("tr", has_text=edition.title)
    assert "passed" in row.inner_text() and "100%" in row.inner_text()


def test_single_unit_french_edition_in_the_own_player(app, live_server, page, tmp_path, make_user):
    make_user("learner", email=LEARNER)
    edition = learner.publish_build(app, tmp_path, "hs-classification", "2004", "fr")
    learner.sign_in(page, live_server)
    learner.open(page, live_server, edition.slug)
    for lesson in edition.lessons:
        assert _part_title(page) == lesson.title
        _complete_shown_lesson(page)
    for question in edition.assessment.questions:
        learner.answer(page, question, correctly=True)
    learner.content(page).locator("#lmsb-submit").click()
    learner.content(page).locator("#lmsb-status").filter(has_text="Vous avez terminé le module").wait_for()
    assert learner.eventually(lambda: learner.completion(app) == ("passed", 1.0)), learner.completion(app)
    learner.exit(page)


def test_single_unit_ungraded_module_completes_without_a_score(app, live_server, page, tmp_path,
                                                               make_user):
    make_user("learner", email=LEARNER)
    edition = learner.publish_build(app, tmp_path, "blended-prerequisites", "2004")
    learner.sign_in(page, live_server)
    learner.open(page, live_server, edition.slug)
    for lesson in edition.lessons:
        _complete_shown_lesson(page)
    for question in edition.assessment.questions:
        learner.answer(page, question, correctly=False)
    learner.content(page).locator("#lmsb-submit").click()
    learner.content(page).locator("#lmsb-status").filter(has_text="completed the module").wait_for()
    state = learner.eventually(lambda: _sco(app).get("cmi.completion_status") == "completed" and _sco(app))
    learner.assert_sco("2004", state, "completed")
    assert not [key for key in state if key.startswith("cmi.score")], state
    # no score anywhere: not in the SCO, not in the attempt, not in the local Completion (whose
    # status comes from the player's sequencing rollup, left to the player's own tests)
    assert learner.eventually(lambda: learner.completion(app) is not None), learner.debug(app)
    assert learner.attempt(app)[2:] == (None, None) and learner.completion(app)[1] is None
    learner.exit(page)
