"""People and designations in a browser, at 1280 px and at 390 px wide: an admin finds a person,
deactivates them with a reason, designates a national coordinator; the learner sees them on
their start page; a forgotten password is reset by the link. No page scrolls sideways."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from lms_bridge.db import db
from lms_bridge.eligibility.models import Notification
from tests.conftest import PASSWORD
from tests.browser.menu import menu_link, sign_out

pytestmark = pytest.mark.browser
LONG = "a-very-long-address-that-would-push-a-table-sideways@customs-administration.example.org"


def _no_sideways_scroll(page):
    width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways: {width}"


def _sign_in(page, base, email, password=PASSWORD):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_an_admin_manages_people_and_designations(app, live_server, page, make_user, width):
    page.set_viewport_size({"width": width, "height": 900})
    make_user("admin", email="admin@example.org", name="Ada Admin")
    make_user("learner", country="KR", email=LONG, name="Kim <script>x</script> Long")
    make_user("learner", country="KR", email="official@example.org", name="Park Official")
    make_user("learner", country="KR", email="learner@example.org", name="Lee Learner")
    _sign_in(page, live_server, "admin@example.org")

    menu_link(page, "People").click()
    _no_sideways_scroll(page)
    page.get_by_label("Name or e-mail").fill("kim")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Kim <script>x</script> Long").click()
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Deactivate").click()  # no reason: refused beside the field
    assert page.locator("#reason-error").inner_text() == "Give a reason for this change."
    page.get_by_label("Reason").first.fill("Left the administration")
    page.get_by_role("button", name="Deactivate").click()
    assert "Deactivated" in page.get_by_role("status").inner_text()
    _no_sideways_scroll(page)

    menu_link(page, "National coordinators").click()
    page.get_by_label("The person's e-mail").fill("official@example.org")
    page.get_by_label("Administration").select_option(label="Korea, Republic of (Asia/Pacific)")
    page.get_by_label("Reference of the letter or note").fill("WCO/KR/2026-14")
    page.get_by_label("Date of the letter").fill("2026-03-02")
    page.get_by_role("button", name="Designate").click()
    assert "Park Official is now a national coordinator" in page.get_by_role("status").inner_text()
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Park Official").click()
    expect(page.get_by_text("no longer be a national coordinator")).to_be_visible()
    _no_sideways_scroll(page)

    sign_out(page)
    _sign_in(page, live_server, "learner@example.org")
    expect(page.get_by_role("heading", name="Your national coordinator")).to_be_visible()
    expect(page.get_by_text("Park Official")).to_be_visible()
    _no_sideways_scroll(page)


def test_a_forgotten_password_is_reset_by_the_link(app, live_server, page, make_user):
    page.set_viewport_size({"width": 390, "height": 800})
    make_user("learner", email="lee@example.org")
    page.goto(f"{live_server}/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Your e-mail").fill("lee@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    _no_sideways_scroll(page)
    with app.app_context():
        body = db.session.scalar(select(Notification.body))
    link = re.search(r"http://\S+/password/reset/[\w-]+", body).group(0)
    page.goto(link.replace("http://localhost", live_server))
    page.get_by_label("New password", exact=True).fill("a brand new passphrase")
    page.get_by_label("Repeat the new password").fill("a brand new passphrase")
    page.get_by_role("button", name="Set the new password").click()
    assert "Your password is changed" in page.get_by_role("status").inner_text()
    _sign_in(page, live_server, "lee@example.org", "a brand new passphrase")
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()
    _no_sideways_scroll(page)
