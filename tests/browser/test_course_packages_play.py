"""A module from packages/, built by scorm.builder in both SCORM versions, played like a learner
in Debian's Chromium: every lesson completed with its own button, the assessment failed then
passed, and the stored SCO states, attempt summary and local Completion checked at each step;
then a learner leaves mid-module and comes back to the same lesson and the same answers."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from scorm.builder import build_package
from scorm.source import load_module_source
from scorm.source_model import CompletionRule, QuestionType
from tests.conftest import PASSWORD, PROJECT_ROOT

pytestmark = pytest.mark.browser

SOURCE = PROJECT_ROOT / "packages" / "customs-valuation"
LEARNER = "valuer@example.org"


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
        built = build_package(SOURCE, version, output_dir=tmp_path)
        with app.app_context():
            imported = import_package(built, source.slug, None, original_filename=built.name)
            module = imported.version.module
            module.completion_rule, module.min_score = rule, source.mastery_score
            db.session.commit()
            publish_version(None, imported.version.id)
        return source.slug
    return publish


# ---- reading the database -------------------------------------------------------------------

def _eventually(check, seconds: float = 10.0):
    """Poll ``check`` until it returns something truthy (commits arrive asynchronously)."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def _states(app) -> dict[str, dict[str, str]]:
    from lms_bridge.db import db
    from lms_bridge.player.models import ScoState

    with app.app_context():
        return {s.item_identifier: dict(s.state) for s in db.session.scalars(select(ScoState))}


def _next_entry(app, item: str) -> str | None:
    """How the SCO starts next time: "resume" once it was left suspended."""
    from lms_bridge.db import db
    from lms_bridge.player.models import ScoState

    with app.app_context():
        sco = db.session.scalars(select(ScoState).where(ScoState.item_identifier == item)).one_or_none()
        return None if sco is None or sco.session_started_at is not None else sco.next_entry


def _debug(app):
    """The last commits and every SCO's entry, for assertion messages."""
    from lms_bridge.db import db
    from lms_bridge.player.models import CommitLog, ScoState

    with app.app_context():
        commits = [(c.seq, c.outcome.value, c.payload) for c in db.session.scalars(select(CommitLog))]
        scos = [(s.item_identifier, s.next_entry, s.session_started_at)
                for s in db.session.scalars(select(ScoState))]
        return commits[-4:], scos


def _attempt(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt

    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        return attempt.is_completed, attempt.is_passed, attempt.grade, attempt.score_scaled


def _module_result(app) -> float | None:
    from lms_bridge.db import db
    from lms_bridge.player.commits import module_result
    from lms_bridge.player.models import Attempt

    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        return module_result(attempt.user_id, attempt.module_id)


def _completion(app):
    from lms_bridge.db import db
    from lms_bridge.tracking.models import Completion

    with app.app_context():
        row = db.session.scalars(select(Completion)).one_or_none()
        return None if row is None else (row.status.value, row.score_scaled)


# ---- driving the player like a learner ------------------------------------------------------

def _sign_in(page, base: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", LEARNER)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def _content(page):
    return page.frame_locator("#player-content")


def _wait_content(page) -> None:
    """Wait until the SCO in the iframe is running and connected to the player's API."""
    page.wait_for_function("""() => {
        const w = document.getElementById('player-content').contentWindow;
        return w && w.LmsBridgeContent && w.LmsBridgeContent.session.isConnected;
    }""")


def _open(page, base: str, slug: str) -> None:
    page.goto(f"{base}/modules/{slug}/launch")
    page.wait_for_url("**/play**")
    _wait_content(page)


def _exit(page) -> None:
    """Leave with the player's Exit button, which waits until every commit is delivered (so that
    no request still uses the database when the test's server and database go away)."""
    page.click("#player-exit")
    page.wait_for_url("**/my/pre-learning")


def _current_title(page) -> str:
    return page.locator(".player-toc [aria-current=step]").inner_text()


def _complete_lesson(page, version: str) -> None:
    """Press the button at the end of the lesson and go on to the next SCO."""
    before = page.url
    _content(page).locator("#lmsb-complete").click()
    if version == "1.2":  # no navigation request in 1.2: the learner uses the player's Next
        _content(page).locator("#lmsb-status").filter(has_text="completed").wait_for()
        page.click("#player-next")
    page.wait_for_url(lambda url: url != before)
    _wait_content(page)


def _answer(page, question, correctly: bool) -> None:
    form = _content(page)
    base = f"#lmsb-q-{question.id}"
    kind = question.type
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        right = [c.id for c in question.choices if c.is_correct]
        wrong = [c.id for c in question.choices if not c.is_correct][:1]
        for choice in right if correctly else wrong:
            form.locator(f"{base}-{choice}").check()
    elif kind is QuestionType.TRUE_FALSE:
        form.locator(f"{base}-{str(question.true_false_answer == correctly).lower()}").check()
    elif kind is QuestionType.NUMERIC:
        value = question.numeric_answer if correctly else question.numeric_answer + question.tolerance + 1000
        form.locator(f"{base}-input").fill(f"{value:g}")
    elif kind is QuestionType.FILL_IN:
        form.locator(f"{base}-input").fill(question.accepted[0] if correctly else "no idea")
    else:
        targets = [pair.target for pair in question.pairs]
        if not correctly:
            targets = targets[1:] + targets[:1]
        for number, target in enumerate(targets, start=1):
            form.locator(f"{base}-{number}").select_option(label=target)


def _right_answer(question) -> list[str]:
    if question.type is QuestionType.MATCHING:
        return [pair.target for pair in question.pairs]
    if question.type in (QuestionType.NUMERIC, QuestionType.FILL_IN):
        return [question.accepted[0] if question.accepted else f"{question.numeric_answer:g}"]
    if question.type is QuestionType.TRUE_FALSE:
        return [str(question.true_false_answer).lower()]
    return [c.id for c in question.choices if c.is_correct]


def _shown_answer(page, question) -> list[str]:
    """What the assessment form shows as the learner's answer to ``question``."""
    return _content(page).locator(f"#lmsb-q-{question.id}").evaluate("""q => {
        const selects = [...q.querySelectorAll('select')];
        if (selects.length) { return selects.map(s => s.selectedOptions[0].textContent); }
        const text = q.querySelector('input[type=text], input[type=number], input:not([type])');
        if (text) { return [text.value]; }
        return [...q.querySelectorAll('input:checked')].map(i => i.value);
    }""")


def _expected_percent(assessment, right: set[str]) -> float:
    total = sum(q.points for q in assessment.questions)
    return sum(q.points for q in assessment.questions if q.id in right) * 100 / total


# ---- the checks -----------------------------------------------------------------------------

def _assert_sco(version: str, state: dict[str, str], status: str, score: float | None = None):
    if version == "1.2":
        assert state["cmi.core.lesson_status"] == status, state
        if score is not None:
            assert float(state["cmi.core.score.raw"]) == pytest.approx(score, abs=0.01)
        return
    completion, success = {"completed": ("completed", "unknown"), "incomplete": ("incomplete", "unknown"),
                           "passed": ("completed", "passed"), "failed": ("completed", "failed")}[status]
    assert state["cmi.completion_status"] == completion, state
    assert state.get("cmi.success_status", "unknown") == success, state
    if score is not None:
        assert float(state["cmi.score.scaled"]) == pytest.approx(score / 100, abs=0.0001)


@pytest.mark.parametrize("version, rule, completion_after_failing", [
    ("1.2", CompletionRule.COMPLETED_AND_PASSED, None),   # the module's own rule: failing is not done
    ("2004", CompletionRule.COMPLETED, "failed"),          # completing is enough: a failed Completion
])
def test_complete_every_lesson_fail_then_pass_the_assessment(
        app, live_server, page, course, edition, version, rule, completion_after_failing):
    slug = course(version, rule)
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    _open(page, live_server, slug)
    lessons = [f"item-{lesson.key}" for lesson in edition.lessons]
    for lesson in edition.lessons:
        assert _current_title(page) == lesson.title
        _complete_lesson(page, version)
    assessment = edition.assessment
    assert _current_title(page) == assessment.title

    first = assessment.questions[0]
    for question in assessment.questions:
        _answer(page, question, correctly=question is first)
    _content(page).locator("#lmsb-submit").click()
    failing = _expected_percent(assessment, {first.id})
    assert failing < edition.mastery_score
    _content(page).locator("#lmsb-result").filter(has_text="did not pass").wait_for()
    state = _eventually(lambda: _states(app).get("item-assessment", {}).get(
        "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status") == "failed"
        and _states(app)["item-assessment"])
    _assert_sco(version, state, "failed", failing)
    states = _states(app)
    for item in lessons:
        _assert_sco(version, states[item], "completed")
    # the package reports raw scores rounded to 0.01 (and 2004's scaled to 0.0001)
    assert _attempt(app) == (True, False, pytest.approx(failing, abs=0.01),
                             pytest.approx(failing / 100, abs=0.0001))
    assert _module_result(app) == pytest.approx(failing, abs=0.01)
    expected = None if completion_after_failing is None else (
        completion_after_failing, pytest.approx(failing / 100, abs=0.0001))
    assert _completion(app) == expected

    _content(page).locator("#lmsb-retry").click()
    for question in assessment.questions:
        _answer(page, question, correctly=True)
    _content(page).locator("#lmsb-submit").click()
    _content(page).locator("#lmsb-result").filter(has_text="passed").wait_for()
    assert _eventually(lambda: _completion(app) == ("passed", 1.0)), _completion(app)
    _assert_sco(version, _states(app)["item-assessment"], "passed", 100)
    assert _attempt(app) == (True, True, 100.0, 1.0)
    assert _module_result(app) == 100.0
    _exit(page)
    row = page.locator("tr", has_text=edition.title)
    assert "passed" in row.inner_text() and "100 %" in row.inner_text()


def _location(version: str) -> str:
    return "cmi.core.lesson_location" if version == "1.2" else "cmi.location"


def _api_value(page, version: str, element: str) -> str:
    call = "window.API.LMSGetValue" if version == "1.2" else "window.API_1484_11.GetValue"
    return page.evaluate(f"{call}({element!r})")


def _heading_top(page, heading_id: str) -> float:
    return _content(page).locator(f"#{heading_id}").evaluate("e => e.getBoundingClientRect().top")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_leave_mid_module_and_resume_where_you_were(app, live_server, page, course, edition, version):
    slug = course(version, edition.completion_rule)
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, live_server)
    _open(page, live_server, slug)
    _complete_lesson(page, version)
    second = edition.lessons[1]
    assert _current_title(page) == second.title
    section = _content(page).locator(".lmsb-lesson h2[id]").nth(2)
    heading_id = section.get_attribute("id")
    section.evaluate("e => e.scrollIntoView()")  # the learner reads on to the third section
    assert _eventually(lambda: _api_value(page, version, _location(version)) == f"#{heading_id}")
    page.click("#player-suspend")
    page.wait_for_url("**/my/pre-learning")
    state = _eventually(lambda: _states(app).get(f"item-{second.key}", {}).get(
        _location(version)) == f"#{heading_id}" and _states(app)[f"item-{second.key}"])
    assert state and _eventually(lambda: _next_entry(app, f"item-{second.key}") == "resume")
    _assert_sco(version, state, "incomplete")

    page.click("text=Resume")  # back from "My pre-learning": the same lesson, the same section
    page.wait_for_url("**/play**")
    _wait_content(page)
    assert _current_title(page) == second.title
    _content(page).locator("#lmsb-notice").filter(has_text="where you left off").wait_for()
    # the lesson scrolls (smoothly, unless reduced motion is asked for) to the saved section
    assert _eventually(lambda: abs(_heading_top(page, heading_id)) < 80), _heading_top(page, heading_id)

    # on to the assessment, answer three questions, then close the tab without submitting
    assessment = edition.assessment
    page.click(f".player-toc a[data-sco=item-assessment]")
    page.wait_for_url("**sco=item-assessment**")
    _wait_content(page)
    answered = assessment.questions[:3]
    for question in answered:
        _answer(page, question, correctly=True)
    context = page.context
    page.close(run_before_unload=True)
    saved = _eventually(lambda: all(q.id in _states(app).get("item-assessment", {}).get(
        "cmi.suspend_data", "") for q in answered) and _states(app)["item-assessment"])
    assert saved and _eventually(lambda: _next_entry(app, "item-assessment") == "resume"), _debug(app)

    again = context.new_page()
    _open(again, live_server, slug)
    assert _current_title(again) == assessment.title
    _content(again).locator("#lmsb-notice").filter(has_text="where you left off").wait_for()
    for question in answered:
        assert _shown_answer(again, question) == _right_answer(question), question.id
    assert _shown_answer(again, assessment.questions[3]) in ([], [""])  # never answered
    _exit(again)


def _active(page) -> str:
    """What has the keyboard focus inside the content frame: tag#id.class text."""
    return _content(page).locator("body").evaluate("""() => {
        const e = document.activeElement;
        return e.tagName.toLowerCase() + '#' + e.id + '.' + e.className + ' ' + e.textContent.trim();
    }""")


def _heading_levels(page) -> list[int]:
    return _content(page).locator("h1, h2, h3, h4, h5, h6").evaluate_all(
        "hs => hs.map(h => Number(h.tagName[1]))")


def test_the_pages_work_with_the_keyboard_and_have_a_heading_outline(
        app, live_server, page, course, edition):
    slug = course("2004", edition.completion_rule)
    _sign_in(page, live_server)
    _open(page, live_server, slug)
    first = edition.lessons[0]
    assert page.locator("h1").count() == 1
    assert page.locator("#player-content").get_attribute("title") == first.title
    levels = _heading_levels(page)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels  # no skipped level
    assert _content(page).locator("h1").inner_text() == first.title

    # Tab from the player's last link goes into the lesson: first its skip link, then its main
    page.locator(".player-toc a").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "player-content"
    assert _active(page).startswith("a#.lmsb-skip Skip to content")
    page.keyboard.press("Enter")
    assert _active(page).startswith("main#lmsb-main")
    before = page.url
    _content(page).locator("#lmsb-complete").focus()
    page.keyboard.press("Enter")  # complete and continue, from the keyboard
    page.wait_for_url(lambda url: url != before)
    _wait_content(page)
    assert _current_title(page) == edition.lessons[1].title

    page.click(".player-toc a[data-sco=item-assessment]")
    page.wait_for_url("**sco=item-assessment**")
    _wait_content(page)
    assert _content(page).locator("fieldset legend").count() == len(edition.assessment.questions)
    unlabelled = _content(page).locator("input:not([type=hidden]), select").evaluate_all(
        "cs => cs.filter(c => !c.labels || !c.labels.length).map(c => c.id)")
    assert unlabelled == []
    _content(page).locator("#lmsb-submit").focus()
    page.keyboard.press("Enter")  # nothing answered: told so, and taken to the first question
    _content(page).locator("#lmsb-form-error").filter(has_text="Please answer").wait_for()
    assert _active(page).startswith(f"input#lmsb-q-{edition.assessment.questions[0].id}-")
    _exit(page)


def test_commits_sent_while_leaving_each_carry_everything_before_them(
        app, live_server, page, course, edition):
    """Beacons may arrive in any order, and the server ignores a commit older than one it has
    applied: so each beacon sent while the page goes away must carry every earlier change."""
    slug = course("2004", edition.completion_rule)
    _sign_in(page, live_server)
    _open(page, live_server, slug)
    page.evaluate("window.LMSBridgePlayer.flush()")
    assert _eventually(lambda: page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 0)
    page.context.set_offline(True)
    page.evaluate("""() => {
        API_1484_11.SetValue('cmi.location', '#second-section'); API_1484_11.Commit('');
        API_1484_11.SetValue('cmi.suspend_data', '{"v":1}'); API_1484_11.Commit('');
        window.sentBeacons = [];
        navigator.sendBeacon = (url, blob) => { blob.text().then(t => sentBeacons.push(JSON.parse(t))); return true; };
        window.dispatchEvent(new PageTransitionEvent('pagehide'));
    }""")
    assert page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 2
    beacons = _eventually(lambda: page.evaluate("window.sentBeacons"))
    latest = max(beacons, key=lambda body: body["seq"])
    assert {"cmi.location", "cmi.suspend_data"} <= set(latest["changes"]), beacons
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    assert _eventually(lambda: page.evaluate("window.LMSBridgePlayer.pendingCommits()") == 0)
    _exit(page)
