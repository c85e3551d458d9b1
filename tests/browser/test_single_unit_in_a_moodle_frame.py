"""Every module, built single-unit for SCORM 1.2 and 2004 (HS classification in French too), run
in Chromium inside a stand-in for Moodle's player (tests/browser/moodle_frame.py): one 2004 API
object per page that refuses a second Initialize, no auto-continue, data kept only on Commit and
Terminate. A learner walks every lesson, leaves and comes back, answers part of the assessment,
leaves and comes back, fails, finishes the last lesson, then passes; the test asserts what the
platform stored at each step: completion only at the end, the score (none for the ungraded
module), the place and the answers restored, one Initialize and one Terminate per visit.
The per-lesson 2004 build, in the same frame, shows why: lesson 2 is refused with error 104, and
the package says so (instead of "no platform")."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from scorm.builder import build_package
from scorm.source import load_module_source
from tests.browser import course_learner as learner
from tests.browser.moodle_frame import ORIGIN, serve_package, stored
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

EDITIONS = [(slug, version, "en") for slug in ("hs-classification", "customs-valuation",
                                              "blended-prerequisites")
            for version in ("1.2", "2004")] + [("hs-classification", "1.2", "fr"),
                                               ("hs-classification", "2004", "fr")]
COMPLETED = {"1.2": ("cmi.core.lesson_status",), "2004": ("cmi.completion_status", "cmi.success_status")}


def _content(page):
    return page.frame_locator("#content")


def _open(page) -> None:
    page.goto(f"{ORIGIN}/frame.html")
    page.wait_for_function("""() => {
        const w = document.getElementById('content').contentWindow;
        return w && w.LmsBridgeContent && w.LmsBridgeModule !== undefined;
    }""")


def stored_in(context) -> dict:
    """What the stand-in platform stored, read from a fresh page of the same browser context."""
    reader = context.new_page()
    reader.goto(f"{ORIGIN}/elsewhere")
    data = stored(reader)
    reader.close()
    return data


def _leave(page) -> None:
    """The learner leaves the activity: the page goes away (Moodle's Exit, or another page)."""
    page.goto(f"{ORIGIN}/elsewhere")


def _module(page) -> dict:
    return stored(page)["scos"].get("index.html", {})


def _visible_title(page) -> str:
    return _content(page).locator(".lmsb-part:not([hidden]) h1").inner_text()


def _status(version: str, data: dict) -> tuple:
    """(lesson status) in 1.2, (completion, success) in 2004, as stored."""
    return tuple(data.get(element, "") for element in COMPLETED[version])


def _score(version: str, data: dict) -> float | None:
    raw = data.get("cmi.core.score.raw" if version == "1.2" else "cmi.score.raw")
    return None if raw is None else float(raw)


def _visits(log: list[str]) -> list[list[str]]:
    """The log split into visits, each from its Initialize, without the SetValue calls."""
    visits: list[list[str]] = []
    for call in log:
        if call == "Initialize":
            visits.append([])
        if not call.startswith("SetValue"):
            visits[-1].append(call)
    return visits


def _expect_unfinished(version: str, data: dict) -> None:
    assert _status(version, data) in {("incomplete",), ("incomplete", "unknown")}, data
    assert _score(version, data) is None, data


@pytest.mark.parametrize("slug, version, language", EDITIONS,
                         ids=[f"{s}-{v}-{lang}" for s, v, lang in EDITIONS])
def test_single_unit_build_records_everything_in_a_moodle_like_frame(
        page, tmp_path, slug, version, language):
    source_dir = PROJECT_ROOT / "packages" / slug
    edition = load_module_source(source_dir).edition(language)
    serve_package(page.context, build_package(source_dir, version, language=language,
                                              output_dir=tmp_path))
    lessons, assessment = edition.lessons, edition.assessment
    graded = assessment.is_graded
    _open(page)
    assert _visible_title(page) == lessons[0].title

    # every lesson but the last, leaving and coming back after the first
    for index, lesson in enumerate(lessons[:-1]):
        assert _visible_title(page) == lesson.title
        _content(page).locator(".lmsb-part:not([hidden]) .lmsb-complete").click()
        if index == 0:
            _leave(page)
            data = _module(page)
            _expect_unfinished(version, data)
            assert data["cmi.core.exit" if version == "1.2" else "cmi.exit"] == "suspend"
            if version == "2004":  # one part of the lessons and the assessment done
                assert float(data["cmi.progress_measure"]) == pytest.approx(1 / (len(lessons) + 1),
                                                                            abs=0.0001)
            _open(page)
            assert _visible_title(page) == lessons[1].title  # back at the place
            welcome = "Bon retour" if language == "fr" else "Welcome back"
            _content(page).locator("#lmsb-notice").filter(has_text=welcome).wait_for()
    _expect_unfinished(version, _module(page))

    # to the assessment through the table of contents: answer three questions, leave, come back
    _content(page).locator(f".lmsb-toc-link[data-part='{len(lessons)}']").click()
    assert _visible_title(page) == assessment.title
    form = _content(page)
    for question in assessment.questions[:3]:
        learner.answer(page, question, correctly=True, form=form)
    context = page.context
    page.close(run_before_unload=True)  # this time the learner closes the tab
    page = learner.eventually(lambda: stored_in(context)["scos"].get("index.html", {}).get(
        "cmi.suspend_data", "").count(assessment.questions[2].id) and context.new_page())
    _open(page)
    assert _visible_title(page) == assessment.title
    for question in assessment.questions[:3]:
        assert learner.shown_answer(page, question, form=_content(page)) == \
            learner.right_answer(question), question.id

    # fail (only the first answer right): not finished yet, the last lesson is missing
    first = assessment.questions[0]
    for question in assessment.questions:
        learner.answer(page, question, correctly=question is first, form=_content(page))
    _content(page).locator("#lmsb-submit").click()
    _content(page).locator("#lmsb-status").filter(has_text=lessons[-1].title).wait_for()
    _expect_unfinished(version, _module(page))

    # the last lesson: now the module is finished, failed when graded
    _content(page).locator(f".lmsb-toc-link[data-part='{len(lessons) - 1}']").click()
    _content(page).locator(".lmsb-part:not([hidden]) .lmsb-complete").click()
    data = learner.eventually(lambda: _status(version, _module(page))[0] != "incomplete"
                              and _module(page))
    failing = learner.expected_percent(assessment, {first.id})
    if graded:
        assert failing < edition.mastery_score
        assert _status(version, data) == (("failed",) if version == "1.2" else ("completed", "failed"))
        assert _score(version, data) == pytest.approx(failing, abs=0.01)
        # retake and pass
        assert _visible_title(page) == assessment.title
        _content(page).locator("#lmsb-retry").click()
        for question in assessment.questions:
            learner.answer(page, question, correctly=True, form=_content(page))
        _content(page).locator("#lmsb-submit").click()
        data = learner.eventually(lambda: _status(version, _module(page))[-1] == "passed" and _module(page))
        assert _status(version, data) == (("passed",) if version == "1.2" else ("completed", "passed"))
        assert _score(version, data) == 100.0
        if version == "2004":
            assert float(data["cmi.score.scaled"]) == 1.0
            assert (data["cmi.score.min"], data["cmi.score.max"]) == ("0", "100")
        else:
            assert (data["cmi.core.score.min"], data["cmi.core.score.max"]) == ("0", "100")
    else:
        assert _status(version, data) == (("completed",) if version == "1.2" else ("completed", "unknown"))
        assert not [key for key in data if ".score." in key or key.startswith("cmi.score")], data
    _content(page).locator("#lmsb-status").filter(has_text="module").wait_for()  # "completed the module"

    # what else was stored: one objective per lesson, all completed; 2004 progress measure 1
    data = _module(page)
    prefix = "cmi.objectives.{}."
    assert [data[prefix.format(i) + "id"] for i in range(len(lessons))] == [l.key for l in lessons]
    status = "status" if version == "1.2" else "completion_status"
    assert {data[prefix.format(i) + status] for i in range(len(lessons))} == {"completed"}
    if version == "2004":
        assert data["cmi.progress_measure"] == "1"
    assert len(data["cmi.suspend_data"]) <= (4096 if version == "1.2" else 64000)

    # leave and come back: still finished, the answers shown, one Initialize/Terminate per visit
    _leave(page)
    _open(page)
    assert _visible_title(page) == assessment.title
    assert learner.shown_answer(page, first, form=_content(page)) == learner.right_answer(first)
    _leave(page)
    visits = _visits(stored(page)["log"])
    assert len(visits) == 4
    for visit in visits:
        assert visit[0] == "Initialize" and visit.count("Initialize") == 1, visit
        assert visit[-2:] == ["Commit", "Terminate"] and visit.count("Terminate") == 1, visit


def test_per_lesson_2004_build_is_refused_after_the_first_lesson_and_says_so(page, tmp_path):
    """What Moodle does to the per-lesson 2004 build, and what the package now tells the learner."""
    source_dir = PROJECT_ROOT / "packages" / "hs-classification"
    edition = load_module_source(source_dir).edition("fr")
    serve_package(page.context, build_package(source_dir, "2004", language="fr",
                                              output_dir=tmp_path, units="per-lesson"))
    page.goto(f"{ORIGIN}/frame.html")
    _content(page).locator("#lmsb-complete").click()
    page.evaluate(f"loadSco('{edition.lessons[1].key}.html')")  # Moodle's Next
    notice = _content(page).locator("#lmsb-notice")
    notice.filter(has_text="erreur 104").wait_for()
    assert "a refusé de démarrer" in notice.inner_text()
    assert "coordinateur" in notice.inner_text()


@pytest.mark.parametrize("language, words", [("en", "No learning platform was found"),
                                             ("fr", "Aucune plateforme de formation")])
def test_without_a_platform_the_package_says_progress_is_not_recorded(page, tmp_path, language,
                                                                      words):
    source_dir = PROJECT_ROOT / "packages" / "hs-classification"
    serve_package(page.context, build_package(source_dir, "2004", language=language,
                                              output_dir=tmp_path))
    page.goto(f"{ORIGIN}/index.html")  # opened on its own: no API anywhere
    page.locator("#lmsb-notice").filter(has_text=words).wait_for()
    page.locator(".lmsb-part:not([hidden]) .lmsb-complete").click()  # still usable
    assert page.locator(".lmsb-part:not([hidden]) h1").count() == 1


def test_per_lesson_12_build_tells_the_learner_to_use_the_platforms_next(page, tmp_path):
    """Moodle's auto-continue is off by default: the lesson says how to go on, and the next SCO
    may initialize again in 1.2."""
    source_dir = PROJECT_ROOT / "packages" / "customs-valuation"
    edition = load_module_source(source_dir).edition("en")
    serve_package(page.context, build_package(source_dir, "1.2", output_dir=tmp_path,
                                              units="per-lesson"))
    page.goto(f"{ORIGIN}/frame.html")
    _content(page).locator("#lmsb-complete").click()
    _content(page).locator("#lmsb-status").filter(has_text='"Next" button').wait_for()
    assert page.evaluate("document.getElementById('content').src").endswith(
        f"{edition.lessons[0].key}.html")  # nothing moved by itself
    page.evaluate(f"loadSco('{edition.lessons[1].key}.html')")
    page.wait_for_function("""() => {
        const w = document.getElementById('content').contentWindow;
        return w.LmsBridgeContent && w.LmsBridgeContent.session.isConnected;
    }""")
    assert _content(page).locator("#lmsb-notice").is_hidden()
    assert stored(page)["scos"][f"{edition.lessons[0].key}.html"]["cmi.core.lesson_status"] == "completed"


def test_unreadable_saved_place_and_progress_start_afresh(page, tmp_path):
    source_dir = PROJECT_ROOT / "packages" / "blended-prerequisites"
    edition = load_module_source(source_dir).edition("en")
    serve_package(page.context, build_package(source_dir, "2004", output_dir=tmp_path))
    page.goto(f"{ORIGIN}/elsewhere")
    page.evaluate("""() => localStorage.setItem('moodle-frame', JSON.stringify({log: [], scos: {
        'index.html': {'cmi.suspend_data': '{"v":2,"d":"1"', 'cmi.location': '999#nowhere',
                       'cmi.exit': 'suspend', 'cmi.completion_status': 'incomplete'}}}))""")
    _open(page)
    assert _visible_title(page) == edition.lessons[0].title
    assert _content(page).locator(".lmsb-done-mark:visible").count() == 0
    _content(page).locator(".lmsb-part:not([hidden]) .lmsb-complete").click()
    _leave(page)
    data = _module(page)
    assert data["cmi.suspend_data"].startswith('{"v":2,"d":"10000"')
    assert data["cmi.location"] == "1"


def test_answers_that_do_not_fit_12_suspend_data_are_dropped_and_progress_kept(page, tmp_path):
    source_dir = PROJECT_ROOT / "packages" / "hs-classification"
    edition = load_module_source(source_dir).edition("en")
    typed = next(q for q in edition.assessment.questions if q.type.value == "fill_in")
    serve_package(page.context, build_package(source_dir, "1.2", output_dir=tmp_path))
    _open(page)
    _content(page).locator(".lmsb-part:not([hidden]) .lmsb-complete").click()
    _content(page).locator(f".lmsb-toc-link[data-part='{len(edition.lessons)}']").click()
    _content(page).locator(f"#lmsb-q-{typed.id}-input").fill("x" * 5000)
    assert _content(page).locator("#lmsb-notice").is_hidden()  # nothing refused
    _leave(page)
    data = _module(page)
    assert len(data["cmi.suspend_data"]) <= 4096
    assert data["cmi.suspend_data"].startswith('{"v":2,"d":"1000')
    _open(page)
    assert _visible_title(page) == edition.assessment.title
    expect(_content(page).locator(".lmsb-toc-link[data-part='0'] .lmsb-done-mark")).to_be_visible()


def test_the_module_page_works_with_the_keyboard(page, tmp_path):
    source_dir = PROJECT_ROOT / "packages" / "customs-valuation"
    edition = load_module_source(source_dir).edition("en")
    serve_package(page.context, build_package(source_dir, "2004", output_dir=tmp_path))
    _open(page)
    content = _content(page)
    levels = content.locator(".lmsb-part:not([hidden]) :is(h1, h2, h3, h4)").evaluate_all(
        "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    content.locator(".lmsb-toc-link[data-part='2']").focus()
    page.keyboard.press("Enter")  # a table-of-contents entry, from the keyboard
    assert _visible_title(page) == edition.lessons[2].title
    focused = content.locator("body").evaluate("() => document.activeElement.textContent")
    assert focused == edition.lessons[2].title  # the part's heading has the focus
    assert content.locator(".lmsb-toc-link[aria-current=step]").inner_text() == edition.lessons[2].title
    assert content.locator(".lmsb-position").inner_text() == f"Part 3 of {len(edition.lessons) + 1}"
    content.locator("#lmsb-previous").focus()
    page.keyboard.press("Enter")
    assert _visible_title(page) == edition.lessons[1].title
    assert page.evaluate("document.getElementById('content').contentDocument.title").startswith(
        edition.lessons[1].title)
