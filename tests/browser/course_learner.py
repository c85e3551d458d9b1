"""Driving LMS Bridge's player like a learner, and reading what it stored, for the browser tests
of the modules built from packages/ (tests/browser/test_course_packages_play.py)."""
from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from scorm.builder.text import INTERFACE_TEXT
from scorm.source import QuestionType
from tests.conftest import PASSWORD

LEARNER = "valuer@example.org"


# ---- reading the database -------------------------------------------------------------------

def eventually(check, seconds: float = 10.0):
    """Poll ``check`` until it returns something truthy (commits arrive asynchronously)."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


def states(app) -> dict[str, dict[str, str]]:
    from lms_bridge.db import db
    from lms_bridge.player.models import ScoState

    with app.app_context():
        return {s.item_identifier: dict(s.state) for s in db.session.scalars(select(ScoState))}


def next_entry(app, item: str) -> str | None:
    """How the SCO starts next time: "resume" once it was left suspended."""
    from lms_bridge.db import db
    from lms_bridge.player.models import ScoState

    with app.app_context():
        sco = db.session.scalars(select(ScoState).where(ScoState.item_identifier == item)).one_or_none()
        return None if sco is None or sco.session_started_at is not None else sco.next_entry


def debug(app):
    """The last commits and every SCO's entry, for assertion messages."""
    from lms_bridge.db import db
    from lms_bridge.player.models import CommitLog, ScoState

    with app.app_context():
        commits = [(c.seq, c.outcome.value, c.payload) for c in db.session.scalars(select(CommitLog))]
        scos = [(s.item_identifier, s.next_entry, s.session_started_at)
                for s in db.session.scalars(select(ScoState))]
        return commits[-4:], scos


def attempt(app):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt

    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        return attempt.is_completed, attempt.is_passed, attempt.grade, attempt.score_scaled


def module_result(app) -> float | None:
    from lms_bridge.db import db
    from lms_bridge.player.queries import module_result
    from lms_bridge.player.models import Attempt

    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        return module_result(attempt.user_id, attempt.module_id)


def completion(app):
    from lms_bridge.db import db
    from lms_bridge.tracking.models import Completion

    with app.app_context():
        row = db.session.scalars(select(Completion)).one_or_none()
        return None if row is None else (row.status.value, row.score_scaled)


# ---- publishing a module built from packages/ -------------------------------------------------

def publish_build(app, tmp_path, slug: str, version: str, language: str = "en",
                  units: str = "single"):
    """Build ``slug`` from packages/, import and publish it with its source's completion rule
    and pass mark; return the edition that was built."""
    from lms_bridge.catalog.operations import import_package, publish_version
    from lms_bridge.db import db
    from scorm.builder import build_package
    from scorm.source import load_module_source
    from tests.conftest import PROJECT_ROOT

    source_dir = PROJECT_ROOT / "packages" / slug
    source = load_module_source(source_dir)
    built = build_package(source_dir, version, language=language, output_dir=tmp_path,
                          units=units)
    with app.app_context():
        imported = import_package(built, slug, None, original_filename=built.name)
        module = imported.version.module
        module.completion_rule, module.min_score = source.completion_rule, source.mastery_score
        db.session.commit()
        publish_version(None, imported.version.id)
    return source.edition(language)


# ---- driving the player like a learner ------------------------------------------------------

def sign_in(page, base: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", LEARNER)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def content(page):
    return page.frame_locator("#player-content")


def wait_content(page) -> None:
    """Wait until the SCO in the iframe is running and connected to the player's API."""
    page.wait_for_function("""() => {
        const w = document.getElementById('player-content').contentWindow;
        return w && w.LmsBridgeContent && w.LmsBridgeContent.session.isConnected;
    }""")


def open(page, base: str, slug: str) -> None:
    page.goto(f"{base}/modules/{slug}/launch")
    page.wait_for_url("**/play**")
    wait_content(page)


def exit(page) -> None:
    """Leave with the player's Exit button, which waits until every commit is delivered (so that
    no request still uses the database when the test's server and database go away)."""
    page.click("#player-exit")
    page.wait_for_url("**/my/pre-learning")


def current_title(page) -> str:
    return page.locator(".player-toc [aria-current=step]").inner_text()


# "Lesson completed." in whichever language the built page speaks.
LESSON_DONE = re.compile("|".join(re.escape(words["lesson_done"].rstrip("."))
                                  for words in INTERFACE_TEXT.values()))


def complete_lesson(page, version: str) -> None:
    """Press the button at the end of the lesson and go on to the next SCO."""
    before = page.url
    content(page).locator("#lmsb-complete").click()
    if version == "1.2":  # no navigation request in 1.2: the learner uses the player's Next
        content(page).locator("#lmsb-status").filter(has_text=LESSON_DONE).wait_for()
        page.click("#player-next")
    page.wait_for_url(lambda url: url != before)
    wait_content(page)


def answer(page, question, correctly: bool, form=None) -> None:
    """Answer ``question`` in the player's content frame (or in ``form``, a frame locator)."""
    form = form or content(page)
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


def right_answer(question) -> list[str]:
    if question.type is QuestionType.MATCHING:
        return [pair.target for pair in question.pairs]
    if question.type in (QuestionType.NUMERIC, QuestionType.FILL_IN):
        return [question.accepted[0] if question.accepted else f"{question.numeric_answer:g}"]
    if question.type is QuestionType.TRUE_FALSE:
        return [str(question.true_false_answer).lower()]
    return [c.id for c in question.choices if c.is_correct]


def shown_answer(page, question, form=None) -> list[str]:
    """What the assessment form shows as the learner's answer to ``question``."""
    return (form or content(page)).locator(f"#lmsb-q-{question.id}").evaluate("""q => {
        const selects = [...q.querySelectorAll('select')];
        if (selects.length) { return selects.map(s => s.selectedOptions[0].textContent); }
        const text = q.querySelector('input[type=text], input[type=number], input:not([type])');
        if (text) { return [text.value]; }
        return [...q.querySelectorAll('input:checked')].map(i => i.value);
    }""")


def expected_percent(assessment, right: set[str]) -> float:
    total = sum(q.points for q in assessment.questions)
    return sum(q.points for q in assessment.questions if q.id in right) * 100 / total


# ---- the checks -----------------------------------------------------------------------------

def assert_sco(version: str, state: dict[str, str], status: str, score: float | None = None):
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


# ---- reading the content frame ----------------------------------------------------------------

def location(version: str) -> str:
    return "cmi.core.lesson_location" if version == "1.2" else "cmi.location"


def api_value(page, version: str, element: str) -> str:
    call = "window.API.LMSGetValue" if version == "1.2" else "window.API_1484_11.GetValue"
    return page.evaluate(f"{call}({element!r})")


def heading_top(page, heading_id: str) -> float:
    return content(page).locator(f"#{heading_id}").evaluate("e => e.getBoundingClientRect().top")


def active(page) -> str:
    """What has the keyboard focus inside the content frame: tag#id.class text."""
    return content(page).locator("body").evaluate("""() => {
        const e = document.activeElement;
        return e.tagName.toLowerCase() + '#' + e.id + '.' + e.className + ' ' + e.textContent.trim();
    }""")


def heading_levels(page) -> list[int]:
    return content(page).locator("h1, h2, h3, h4, h5, h6").evaluate_all(
        "hs => hs.map(h => Number(h.tagName[1]))")
