"""Second journey: a national coordinator nominates; the coordinator sees it in the matrix."""
import pytest
from playwright.sync_api import expect

from lms_bridge.db import db
from tests.conftest import PASSWORD
from tests.eligibility import world
from tests.browser.menu import menu_link, sign_out

pytestmark = pytest.mark.browser


def _sign_in(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_nominate_then_read_the_matrix(app, live_server, page, make_user):
    coordinator = make_user("coordinator", email="coord@example.org")
    make_user("national_coordinator", country="KR", email="nc@example.org")
    learner = make_user("learner", country="KR", name="Seo-yeon <Lee>")
    with app.app_context():
        modules = world.modules()
        workshop = world.workshop(coordinator)
        world.apply(learner, workshop)
        world.complete(learner, modules["hs-classification"], score=0.8)
        world.complete(learner, modules["customs-valuation"])
        db.session.commit()

    _sign_in(page, live_server, "nc@example.org")
    menu_link(page, "Nominations").click()
    card = page.get_by_role("region", name="Seo-yeon <Lee>")
    card.get_by_label("Nominate", exact=True).check()
    card.get_by_label("Reason").fill("Head of the classification unit")
    card.get_by_role("button", name="Record the nomination").click()
    assert "Seo-yeon <Lee>: eligible." in page.get_by_role("status").inner_text()
    sign_out(page)

    _sign_in(page, live_server, "coord@example.org")
    page.goto(f"{live_server}/workshops/{workshop}/matrix")
    row = page.get_by_role("row", name="Seo-yeon <Lee>")
    assert "eligible" in row.inner_text() and "2/2 met" in row.inner_text()
    expect(page.get_by_role("img", name="Candidates per administration by verdict")).to_be_visible()