"""The results report, the questions page and an attempt's results in a browser, at a desktop
width and at a phone's 390 px: nothing scrolls sideways (a wide table scrolls in its own box),
and the raw SCORM data opens from its disclosure."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.player.conftest import publish  # noqa: F401  (the fixture)
from tests.reports import world as results_world
from tests.browser.menu import menu_link

pytestmark = pytest.mark.browser
FITS = "document.scrollingElement.scrollWidth <= window.innerWidth"


def _sign_in(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _first_attempt(app, user_id):
    from lms_bridge.db import db
    from lms_bridge.player.models import Attempt

    with app.app_context():
        return db.session.scalar(select(Attempt.id).where(Attempt.user_id == user_id)
                                 .order_by(Attempt.number))


@pytest.mark.parametrize("width", [1280, 390])
def test_results_pages_fit_the_screen(app, live_server, page, make_user,
                                      publish, width):  # noqa: F811
    world = results_world.build(app, make_user, publish)
    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page, live_server, "coord@example.org")
    menu_link(page, "Results").click()
    page.get_by_role("link", name=re.compile("^Learners of")).click()
    expect(page.get_by_role("heading", name="Results: ")).to_be_visible()
    expect(page.get_by_text("3 learner(s)")).to_be_visible()
    assert page.evaluate(FITS), f"the results report scrolls sideways at {width} px"

    page.get_by_role("link", name="How each question was answered").click()
    expect(page.get_by_role("img", name="Share of right answers per question")).to_be_visible()
    assert page.evaluate(FITS), f"the questions page scrolls sideways at {width} px"

    page.goto(f"{live_server}/attempts/{_first_attempt(app, world.kim)}/results")
    expect(page.get_by_text("did not pass")).to_be_visible()
    assert page.evaluate(FITS), f"the attempt page scrolls sideways at {width} px"
    raw = page.get_by_text("cmi.interactions.0.learner_response")
    expect(raw).to_be_hidden()
    page.get_by_text("The raw SCORM data behind these results").click()
    expect(raw).to_be_visible()
    assert page.evaluate(FITS), f"the opened raw data scrolls sideways at {width} px"
