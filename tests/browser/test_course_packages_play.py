"""A module from packages/, built by scorm.builder in both SCORM versions, played like a learner
in Debian's Chromium: every lesson completed with its own button, the assessment failed then
passed, and the stored SCO states, attempt summary and local Completion checked at each step;
then a learner leaves mid-module and comes back to the same lesson and the same answers."""
from __future__ import annotations

import pytest

from scorm.builder import build_package
from scorm.source import CompletionRule, load_module_source
from tests.browser import course_learner as learner
from tests.browser.course_learner import LEARNER
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

SOURCE = PROJECT_ROOT / "packages" / "customs-valuation"


@pytest.fixture(scope="module")
def edition():
    source = load_module_source(SOURCE)
    return source.edition(source.default_language)


@pytest.fixture
def course(app, tmp_path, make_user):
    """course(version, rule) -> the slug of the module built and published for this test."""
    from lms_bridge.catalog.operations import import_package, publish_version
    from lms_bridge.db import db

    make_user("learner", email=LEARNER)

    def publish(version: str, rule: CompletionRule) -> str:
        source = load_module_source(SOURCE)
        built = build_package(SOURCE, version, output_dir=tmp_path, units="per-lesson")
        with app.app_context():
            imported = import_package(built, source.slug, None, original_filename=built.name)
            module = imported.version.module
            module.completion_rule, module.min_score = rule, source.mastery_score
            db.session.commit()
            publish_version(None, imported.version.id)
        return source.slug
    return publish


@pytest.mark.parametrize("version, rule, completion_after_failing", [
    ("1.2", CompletionRule.COMPLETED_AND_PASSED, None),   # the module's own rule: failing is not done
    ("2004", CompletionRule.COMPLETED, "failed"),          # completing is enough: a failed Completion
])
def test_complete_every_lesson_fail_then_pass_the_assessment(
        app, live_server, page, course, edition, version, rule, completion_after_failing):
    slug = course(version, rule)
    page.on("dialog", lambda dialog: dialog.accept())
    learner.sign_in(page, live_server)
    learner.open(page, live_server, slug)
    lessons = [f"item-{lesson.key}" for lesson in edition.lessons]
    for lesson in edition.lessons:
        assert learner.current_title(page) == lesson.title
        learner.complete_lesson(page, version)
    assessment = edition.assessment
    assert learner.current_title(page) == assessment.title

    first = assessment.questions[0]
    for question in assessment.questions:
        learner.answer(page, question, correctly=question is first)
    learner.content(page).locator("#lmsb-submit").click()
    failing = learner.expected_percent(assessment, {first.id})
    assert failing < edition.mastery_score
    learner.content(page).locator("#lmsb-result").filter(has_text="did not pass").wait_for()
    state = learner.eventually(lambda: learner.states(app).get("item-assessment", {}).get(
        "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status") == "failed"
        and learner.states(app)["item-assessment"])
    learner.assert_sco(version, state, "failed", failing)
    states = learner.states(app)
    for item in lessons:
        learner.assert_sco(version, states[item], "completed")
    # the package reports raw scores rounded to 0.01 (and 2004's scaled to 0.0001)
    assert learner.attempt(app) == (True, False, pytest.approx(failing, abs=0.01),
                             pytest.approx(failing / 100, abs=0.0001))
    assert learner.module_result(app) == pytest.approx(failing, abs=0.01)
    expected = None if completion_after_failing is None else (
        completion_after_failing, pytest.approx(failing / 100, abs=0.0001))
    assert learner.completion(app) == expected

    learner.content(page).locator("#lmsb-retry").click()
    for question in assessment.questions:
        learner.answer(page, question, correctly=True)
    learner.content(page).locator("#lmsb-submit").click()
    learner.content(page).locator("#lmsb-result").filter(has_text="passed").wait_for()
    assert learner.eventually(lambda: learner.completion(app) == ("passed", 1.0)), learner.completion(app)
    learner.assert_sco(version, learner.states(app)["item-assessment"], "passed", 100)
    assert learner.attempt(app) == (True, True, 100.0, 1.0)
    assert learner.module_result(app) == 100.0
    learner.exit(page)
    row = page.locator("tr", has_text=edition.title)
    assert "passed" in row.inner_text() and "100%" in row.inner_text()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_leave_mid_module_and_resume_where_you_were(app, live_server, page, course, edition, version):
    slug = course(version, edition.completion_rule)
    page.on("dialog", lambda dialog: dialog.accept())
    learner.sign_in(page, live_server)
    learner.open(page, live_server, slug)
    learner.complete_lesson(page, version)
    second = edition.lessons[1]
    assert learner.current_title(page) == second.title
    section = learner.content(page).locator(".lmsb-lesson h2[id]").nth(2)
    heading_id = section.get_attribute("id")
    section.evaluate("e => e.scrollIntoView()")  # the learner reads on to the third section
    assert learner.eventually(lambda: learner.api_value(page, version, learner.location(version)) == f"#{heading_id}")
    page.click("#player-suspend")
    page.wait_for_url("**/my/pre-learning")
    state = learner.eventually(lambda: learner.states(app).get(f"item-{second.key}", {}).get(
        learner.location(version)) == f"#{heading_id}" and learner.states(app)[f"item-{second.key}"])
    assert state and learner.eventually(lambda: learner.next_entry(app, f"item-{second.key}") == "resume")
    learner.assert_sco(version, state, "incomplete")

    page.click("text=Resume")  # back from "My pre-learning": the same lesson, the same section
    page.wait_for_url("**/play**")
    learner.wait_content(page)
    assert learner.current_title(page) == second.title
    learner.content(page).locator("#lmsb-notice").filter(has_text="where you left off").wait_for()
    # the lesson scrolls (smoothly, unless reduced motion is asked for) to the saved section
    assert learner.eventually(lambda: abs(learner.heading_top(page, heading_id)) < 80), learner.heading_top(page, heading_id)

    # on to the assessment, answer three questions, then close the tab without submitting
    assessment = edition.assessment
    page.click(f".player-toc a[data-sco=item-assessment]")
    page.wait_for_url("**sco=item-assessment**")
    learner.wait_content(page)
    answered = assessment.questions[:3]
    for question in answered:
        learner.answer(page, question, correctly=True)
    context = page.context
    page.close(run_before_unload=True)
    saved = learner.eventually(lambda: all(q.id in learner.states(app).get("item-assessment", {}).get(
        "cmi.suspend_data", "") for q in answered) and learner.states(app)["item-assessment"])
    assert saved and learner.eventually(lambda: learner.next_entry(app, "item-assessment") == "resume"), learner.debug(app)

    again = context.new_page()
    learner.open(again, live_server, slug)
    assert learner.current_title(again) == assessment.title
    learner.content(again).locator("#lmsb-notice").filter(has_text="where you left off").wait_for()
    for question in answered:
        assert learner.shown_answer(again, question) == learner.right_answer(question), question.id
    assert learner.shown_answer(again, assessment.questions[3]) in ([], [""])  # never answered
    learner.exit(again)


def test_the_pages_work_with_the_keyboard_and_have_a_heading_outline(
        app, live_server, page, course, edition):
    slug = course("2004", edition.completion_rule)
    learner.sign_in(page, live_server)
    learner.open(page, live_server, slug)
    first = edition.lessons[0]
    assert page.locator("h1").count() == 1
    assert page.locator("#player-content").get_attribute("title") == first.title
    levels = learner.heading_levels(page)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels  # no skipped level
    assert learner.content(page).locator("h1").inner_text() == first.title

    # Tab from the player's last link goes into the lesson: first its skip link, then its main
    page.locator(".player-toc a").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "player-content"
    assert learner.active(page).startswith("a#.lmsb-skip Skip to content")
    page.keyboard.press("Enter")
    assert learner.active(page).startswith("main#lmsb-main")
    before = page.url
    learner.content(page).locator("#lmsb-complete").focus()
    page.keyboard.press("Enter")  # complete and continue, from the keyboard
    page.wait_for_url(lambda url: url != before)
    learner.wait_content(page)
    assert learner.current_title(page) == edition.lessons[1].title

    page.click(".player-toc a[data-sco=item-assessment]")
    page.wait_for_url("**sco=item-assessment**")
    learner.wait_content(page)
    assert learner.content(page).locator("fieldset legend").count() == len(edition.assessment.questions)
    unlabelled = learner.content(page).locator("input:not([type=hidden]), select").evaluate_all(
        "cs => cs.filter(c => !c.labels || !c.labels.length).map(c => c.id)")
    assert unlabelled == []
    learner.content(page).locator("#lmsb-submit").focus()
    page.keyboard.press("Enter")  # nothing answered: told so, and taken to the first question
    learner.content(page).locator("#lmsb-form-error").filter(has_text="Please answer").wait_for()
    assert learner.active(page).startswith(f"input#lmsb-q-{edition.assessment.questions[0].id}-")
    learner.exit(page)


def test_commits_sent_while_leaving_each_carry_everything_before_them(
        app, live_server, page, course, edition):
    """Beacons may arrive in any order, and the server ignores a commit older than one it has
    applied: so each beacon sent while the page goes away must carry every earlier change."""
    slug = course("2004", edition.completion_rule)
    learner.sign_in(page, live_server)
    learner.open(page, live_server, slug)
    page.evaluate("window.LMSBridgePlayer.flush()")
    assert learner.eventually(lambda: page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 0)
    page.context.set_offline(True)
    page.evaluate("""() => {
        API_1484_11.SetValue('cmi.location', '#second-section'); API_1484_11.Commit('');
        API_1484_11.SetValue('cmi.suspend_data', '{"v":1}'); API_1484_11.Commit('');
        window.sentBeacons = [];
        navigator.sendBeacon = (url, blob) => { blob.text().then(t => sentBeacons.push(JSON.parse(t))); return true; };
        window.dispatchEvent(new PageTransitionEvent('pagehide'));
    }""")
    assert page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 2
    beacons = learner.eventually(lambda: page.evaluate("window.sentBeacons"))
    latest = max(beacons, key=lambda body: body["seq"])
    assert {"cmi.location", "cmi.suspend_data"} <= set(latest["changes"]), beacons
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    assert learner.eventually(lambda: page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 0)
    learner.exit(page)


# The other modules (and the French edition) played through once each: every lesson completed,
# the assessment answered right; a graded module ends passed, the ungraded self-check completed.
OTHER_EDITIONS = [("hs-classification", "2004", "fr", ("passed", 1.0)),
                  ("hs-classification", "1.2", "en", ("passed", 1.0)),
                  ("blended-prerequisites", "2004", "en", ("completed", None))]


@pytest.mark.parametrize("slug, version, language, expected", OTHER_EDITIONS,
                         ids=[f"{s}-{v}-{lang}" for s, v, lang, _ in OTHER_EDITIONS])
def test_every_module_plays_through(app, live_server, page, tmp_path, make_user, slug, version,
                                    language, expected):
    make_user("learner", email=LEARNER)
    edition = learner.publish_build(app, tmp_path, slug, version, language, units="per-lesson")
    page.on("dialog", lambda dialog: dialog.accept())
    learner.sign_in(page, live_server)
    learner.open(page, live_server, slug)
    for lesson in edition.lessons:
        assert learner.current_title(page) == lesson.title
        learner.complete_lesson(page, version)
    assert learner.current_title(page) == edition.assessment.title
    for question in edition.assessment.questions:
        learner.answer(page, question, correctly=True)
    learner.content(page).locator("#lmsb-submit").click()
    assert learner.eventually(lambda: learner.completion(app) == expected), learner.completion(app)
    learner.exit(page)
