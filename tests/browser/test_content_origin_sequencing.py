"""A Rustici SCORM 2004 sequencing sample played through the content-origin bridge in Chromium:
the player page (LMS origin) shows what the adapter in the bridge (content origin) learns from
the sequencer, and its buttons and contents reach the adapter by postMessage."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.browser.course_learner import debug, eventually, next_entry, states
from tests.browser.test_content_origin import FLUSH, _bridge_frame, _lesson, _sco_frame, _sign_in
from tests.browser.test_sequencing_play import attempt, choosable, current, global_objectives
from tests.player.conftest import publish_zip

pytestmark = pytest.mark.browser
FORCED = "SequencingForcedSequential_SCORM20043rdEdition"


@pytest.fixture
def origins(app, scorm_corpus, make_user, two_origin_server, page):
    publish_zip(app, scorm_corpus / "rustici-golf" / f"{FORCED}.zip", "golf")
    make_user("learner", email="golfer@example.org")
    page.on("dialog", lambda dialog: dialog.accept())
    return two_origin_server


def wait_running(page) -> None:
    page.locator("#player-status").filter(has_text="Ready").or_(
        page.locator("#player-status").filter(has_text="saved")).wait_for()


def launch(page, lms) -> None:
    page.goto(f"{lms}/modules/golf/launch")
    wait_running(page)


def read_to_the_end(page) -> None:
    button = _lesson(page).locator("#butNext")
    while not button.is_disabled():
        button.click()


def click_and_move(page, selector: str, sco: str) -> None:
    page.click(selector)
    page.wait_for_url(f"**sco={sco}")
    wait_running(page)


def last_move(app) -> dict:
    from lms_bridge.db import db
    from lms_bridge.player.sequencing.models import SequencingSession
    with app.app_context():
        return db.session.scalars(select(SequencingSession)).one().last_move


def test_a_sequenced_attempt_plays_through_the_bridge(app, page, origins):
    lms, content = origins
    _sign_in(page, lms)
    launch(page, lms)
    assert _sco_frame(page).url.startswith(f"{content}/content/g/")
    assert current(page) == "Playing the Game"
    assert page.locator("#player-next").is_disabled()
    assert not choosable(page, "Etiquette") and not choosable(page, "Handicapping")
    read_to_the_end(page)
    # the adapter's commit reply (in the bridge) enables Continue on the player page
    page.locator("#player-next:enabled").wait_for()
    assert not choosable(page, "Handicapping")
    # the content ends itself: the player page posts its own navigation form for Continue
    _sco_frame(page).evaluate("doUnload()")
    page.locator("#player-status").filter(has_text="Choose what to do next").wait_for()
    click_and_move(page, "#player-next", "etuqiette_item")
    assert current(page) == "Etiquette" and global_objectives(app)["playing_satisfied"] is True
    # a refused choice does nothing; an allowed one goes through the adapter's final commit
    url = page.url
    page.locator(".player-toc a", has_text="Having Fun").click()
    _bridge_frame(page).evaluate(FLUSH)
    page.wait_for_timeout(300)
    assert page.url == url and current(page) == "Etiquette"
    assert choosable(page, "Playing the Game")
    click_and_move(page, ".player-toc a:text-is('Playing the Game')", "playing_item")
    assert last_move(app)["kind"] == "deliver"
    # content-initiated navigation: the SCO asks for continue and terminates
    _sco_frame(page).evaluate("""() => { const api = window.parent.API_1484_11;
        api.SetValue("adl.nav.request", "continue"); api.Terminate(""); }""")
    page.wait_for_url("**sco=etuqiette_item")
    wait_running(page)
    assert current(page) == "Etiquette"
    # suspend all from the player page, then the next launch resumes where it was
    page.click("#player-suspend")
    page.wait_for_url("**/my/pre-learning")
    assert eventually(lambda: last_move(app).get("kind") == "suspend"), last_move(app)
    assert eventually(lambda: next_entry(app, "etuqiette_item") == "resume"), debug(app)
    assert attempt(app)[0] == "open"
    launch(page, lms)
    assert current(page) == "Etiquette" and "/content/g/" in _sco_frame(page).url
    assert states(app)["playing_item"]["cmi.completion_status"] == "completed"


def test_forged_sequencing_messages_are_ignored(app, page, origins):
    lms, _ = origins
    _sign_in(page, lms)
    launch(page, lms)
    player = page.url
    posted = []
    page.on("request", lambda r: r.method == "POST" and "/navigate" in r.url and posted.append(r.url))
    sco, bridge = _sco_frame(page), _bridge_frame(page)
    # the lesson (content origin, but not the bridge window) posing as the bridge or the page
    sco.evaluate("""() => {
        window.top.postMessage({type: 'lmsb:submit', request: 'continue'}, '*');
        window.top.postMessage({type: 'lmsb:navigation', controls: {continue: 'enabled'}}, '*');
        window.parent.postMessage({type: 'lmsb:request', request: 'suspendAll'}, '*'); }""")
    # the LMS origin's own window posing as the bridge
    page.evaluate("window.postMessage({type: 'lmsb:submit', request: 'continue'}, '*')")
    # the bridge itself: a submit the page never asked for, and a malformed navigation
    bridge.evaluate(f"""() => {{
        window.parent.postMessage({{type: 'lmsb:submit', request: 'continue'}}, '{lms}');
        window.parent.postMessage({{type: 'lmsb:submit', request: '{{target=x}}jump'}}, '{lms}');
        window.parent.postMessage({{type: 'lmsb:navigation', controls: {{continue: 'on'}},
                                     choosable: 'handicapping_item'}}, '{lms}'); }}""")
    bridge.evaluate(FLUSH)
    page.evaluate(FLUSH)
    page.wait_for_timeout(300)
    assert page.url == player and posted == []
    assert page.locator("#player-next").is_disabled()  # neither forged state enabled it
    assert not choosable(page, "Handicapping")
    # the bridge takes requests only from the page, and only SCORM navigation requests
    assert bridge.evaluate("document.getElementById('player-content').getAttribute('src')").startswith(
        "/content/g/")
    page.evaluate(f"""() => document.getElementById('player-content').contentWindow.postMessage(
        {{type: 'lmsb:request', request: 'abandonAll'}}, '*')""")
    bridge.evaluate(FLUSH)
    assert bridge.evaluate("document.getElementById('player-content').getAttribute('src')").startswith(
        "/content/g/")
    assert attempt(app)[0] == "open" and "suspend" not in str(last_move(app))
