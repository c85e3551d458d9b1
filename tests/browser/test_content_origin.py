"""A real package played through the content-origin bridge in Chromium: the LMS on
http://127.0.0.1:PORT, package content on http://localhost:PORT (tests/browser/conftest.py)."""
from __future__ import annotations

import pytest

from tests.browser.course_learner import debug, eventually, states
from tests.conftest import PASSWORD
from tests.player.conftest import publish_zip

pytestmark = pytest.mark.browser
GOLF_2004 = "RuntimeBasicCalls_SCORM20043rdEdition"


@pytest.fixture
def origins(app, scorm_corpus, make_user, two_origin_server):
    publish_zip(app, scorm_corpus / "rustici-golf" / f"{GOLF_2004}.zip", "golf")
    make_user("learner", email="golfer@example.org")
    return two_origin_server


def _sign_in(page, lms):
    page.goto(f"{lms}/login")
    page.fill("input[name=email]", "golfer@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def _wrapper(page):
    return page.frame_locator("#player-content")


def _lesson(page):
    return _wrapper(page).frame_locator("#player-content")


def _sco_frame(page):
    """The lesson's own frame (the SCO page inside the wrapper)."""
    return next(f for f in page.frames if "/content/g/" in f.url)


def _launch(page, lms):
    page.goto(f"{lms}/modules/golf/launch")
    page.locator("#player-status").filter(has_text="Ready").wait_for()


def test_a_package_plays_through_the_bridge_and_resumes(app, page, origins):
    lms, content = origins
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, lms)
    _launch(page, lms)
    assert _wrapper(page).locator("#player").get_attribute("data-lms-origin") == lms
    assert _sco_frame(page).url.startswith(f"{content}/content/g/")
    assert _sco_frame(page).evaluate("typeof window.parent.API_1484_11.SetValue") == "function"
    for _ in range(3):
        _lesson(page).locator("#butNext").click()
    page.click("#player-exit")
    page.wait_for_url("**/my/pre-learning")
    state = eventually(lambda: next(iter(states(app).values()), {}).get("cmi.location") == "3"
                        and next(iter(states(app).values())))
    assert state and state["cmi.completion_status"] == "incomplete", debug(app)
    _launch(page, lms)
    assert "OtherScoring" in _lesson(page).locator("#contentFrame").get_attribute("src")


def _bridge_frame(page):
    return next(f for f in page.frames if "/content/bridge/" in f.url)


def test_content_cannot_reach_the_player_page_or_its_cookie(page, origins):
    lms, _ = origins
    _sign_in(page, lms)
    _launch(page, lms)
    assert any(c["name"] == "session" for c in page.context.cookies(lms))
    sco = _sco_frame(page)
    assert sco.evaluate("document.cookie") == ""
    for expression in ("window.top.document.title", "window.top.document.cookie",
                       "window.top.LMSBridgePlayer"):
        assert sco.evaluate(f"""() => {{ try {{ return String({expression}); }}
                                       catch (e) {{ return e.name; }} }}""") == "SecurityError"
    assert sco.evaluate(f"""() => fetch("{lms}/my/pre-learning", {{credentials: "include"}})
                               .then(() => "read", () => "blocked")""") == "blocked"


FLUSH = """() => new Promise(done => {   // every message posted before this one has been handled
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(true);
    channel.port2.postMessage(0);
})"""


def test_forged_messages_are_ignored(page, origins):
    lms, _ = origins
    _sign_in(page, lms)
    _launch(page, lms)
    player = page.url
    visited = []
    page.on("request", lambda r: r.is_navigation_request() and r.frame == page.main_frame
            and visited.append(r.url))
    sco, bridge = _sco_frame(page), _bridge_frame(page)
    # another origin than the content origin (here the LMS's own) asking the page to navigate
    page.evaluate("window.postMessage({type: 'lmsb:navigate', url: '/my/pre-learning?forged=1'}, '*')")
    # the lesson is on the content origin, but it is not the bridge window
    sco.evaluate("window.top.postMessage({type: 'lmsb:navigate', url: '/my/pre-learning?forged=2'}, '*')")
    # the bridge takes the launch and the toolbar from the LMS page only, not from the lesson
    sco.evaluate("window.parent.postMessage({type: 'lmsb:control', control: 'exit'}, '*')")
    # even the bridge is never followed to a full URL or another host
    for url in ("http://evil.test/?forged=3", "//evil.test/?forged=4", "/\\\\evil.test/?forged=5"):
        bridge.evaluate(f"url => window.parent.postMessage({{type: 'lmsb:navigate', url}}, '{lms}')", url)
    bridge.evaluate(FLUSH)
    page.evaluate(FLUSH)
    assert bridge.evaluate("document.getElementById('player-content').getAttribute('src')").startswith(
        "/content/g/")  # the forged exit did not end the lesson
    page.wait_for_timeout(500)  # a followed navigation would have started by now
    assert page.url == player and visited == []
    bridge.evaluate(f"window.parent.postMessage({{type: 'lmsb:navigate', url: '/my/pre-learning?via=bridge'}}, '{lms}')")
    page.wait_for_url("**/my/pre-learning?via=bridge")
    assert not any("forged" in url for url in visited)


def test_closing_the_tab_mid_lesson_delivers_the_last_change_by_beacon(app, browser, origins):
    lms, _ = origins
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, lms)
    _launch(page, lms)
    for _ in range(2):
        _lesson(page).locator("#butNext").click()
    page.close(run_before_unload=True)
    state = eventually(lambda: next(iter(states(app).values()), {}).get("cmi.location") == "2")
    context.close()
    assert state, debug(app)


def test_the_toolbar_moves_between_scos_through_the_bridge(app, page, origins, scorm_corpus):
    lms, _ = origins
    publish_zip(app, scorm_corpus / "rustici-golf" / "ContentPackagingOneFilePerSCO_SCORM12.zip",
                "golf-multi")
    page.on("dialog", lambda dialog: dialog.accept())
    _sign_in(page, lms)
    page.goto(f"{lms}/modules/golf-multi/launch")
    page.locator("#player-status").filter(has_text="Loading the lesson").or_(
        page.locator("#player-status").filter(has_text="Ready")).wait_for()
    page.click("#player-next")
    page.wait_for_url("**sco=*")
    assert eventually(lambda: len(states(app)) == 2), debug(app)
    assert 'aria-current="step"' in page.locator(".player-toc li").nth(1).inner_html()
    page.click("#player-suspend")
    page.wait_for_url("**/my/pre-learning")


def test_a_sco_navigation_request_moves_the_player_page(app, page, origins, tmp_path):
    """The project's own 2004 module: a lesson's button sets adl.nav.request=continue and ends
    the SCO; the adapter in the bridge asks the player page to go on to the next SCO."""
    from lms_bridge.catalog.operations import import_package, publish_version
    from scorm.builder import build_package
    from tests.conftest import PROJECT_ROOT

    lms, _ = origins
    built = build_package(PROJECT_ROOT / "packages" / "customs-valuation", "2004",
                          output_dir=tmp_path, units="per-lesson")
    with app.app_context():
        version = import_package(built, "valuation", None, original_filename=built.name).version
        publish_version(None, version.id)
    _sign_in(page, lms)
    page.goto(f"{lms}/modules/valuation/launch")
    page.locator("#player-status").filter(has_text="Ready").wait_for()
    first = page.url
    _lesson(page).locator("#lmsb-complete").click()
    page.wait_for_url(lambda url: url != first and "sco=" in url)
    page.locator("#player-status").filter(has_text="Ready").wait_for()
    done = eventually(lambda: [s.get("cmi.completion_status") for s in states(app).values()])
    assert "completed" in done, debug(app)
    assert page.locator(".player-toc [aria-current=step]").count() == 1
