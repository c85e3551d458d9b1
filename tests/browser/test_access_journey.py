"""First journey: register, the national coordinator approves, the learner signs in."""
import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.browser.menu import menu_link, sign_out

pytestmark = pytest.mark.browser


def _sign_in(page, base, email, password):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_register_approve_sign_in(live_server, page, make_user, administrations):
    make_user("national_coordinator", country="KR", email="nc@example.org", name="Min-jun Park")

    page.goto(f"{live_server}/register")
    page.get_by_label("Full name").fill("Seo-yeon Lee <b>")
    page.get_by_label("Work e-mail").fill("seo-yeon@example.org")
    page.get_by_label("Your administration").select_option(label="Korea, Republic of (Asia/Pacific)")
    page.get_by_label("Position").fill("Classification officer")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Repeat the password").fill("a long enough password")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()

    _sign_in(page, live_server, "seo-yeon@example.org", "a long enough password")
    assert "waiting for your national coordinator" in page.get_by_role("alert").inner_text()

    _sign_in(page, live_server, "nc@example.org", PASSWORD)
    menu_link(page, "Access requests").click()
    request = page.get_by_role("region", name="Seo-yeon Lee <b>")
    request.get_by_label("Approve").check()
    request.get_by_label("Reason").fill("Known official of the classification service")
    request.get_by_role("button", name="Record the decision").click()
    assert "access approved" in page.get_by_role("status").inner_text()
    sign_out(page)

    _sign_in(page, live_server, "seo-yeon@example.org", "a long enough password")
    expect(page.get_by_role("heading", name="Welcome, Seo-yeon Lee <b>")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
