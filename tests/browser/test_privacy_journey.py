"""Privacy in a browser, at 1280 px and at 390 px wide: the notice from the footer, an admin
exports a person's data and erases them with a reason (refused without one). No page scrolls
sideways."""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
LONG = "a-very-long-address-that-would-push-a-table-sideways@customs-administration.example.org"


def _no_sideways_scroll(page):
    width = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"{page.url} scrolls sideways: {width}"


@pytest.mark.parametrize("width", [1280, 390])
def test_an_admin_exports_and_erases_a_person(app, live_server, page, make_user, width):
    page.set_viewport_size({"width": width, "height": 900})
    make_user("admin", email="admin@example.org", name="Ada Admin")
    person = make_user("learner", country="KR", email=LONG, name="Kim <script>x</script> Long")
    page.goto(f"{live_server}/login")
    page.get_by_role("link", name="Privacy: what we keep and why").click()
    expect(page.get_by_role("heading", name="Your personal data")).to_be_visible()
    _no_sideways_scroll(page)
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mail").fill("admin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{live_server}/admin/users/{person}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything held about them (zip)").click()
    assert download.value.suggested_filename == f"person-{person}.zip"
    page.get_by_role("link", name="Erase this person on request").click()
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Erase this person").click()
    assert page.locator("#reason-error").inner_text() == "Give a reason for the erasure."
    page.get_by_label("Reason for the erasure").fill("Her e-mail of 1 December, ref. DP-7")
    page.get_by_role("button", name="Erase this person").click()
    assert "The person was erased" in page.get_by_role("status").inner_text()
    expect(page.get_by_role("heading", name=re.compile("^Erased person "))).to_be_visible()
    _no_sideways_scroll(page)
