"""Journey: a selected participant is assessed, pre-accredited, released for a mission, fully
accredited, and counted in the programme report; at 1280 px and at 390 px, no page scrolls
sideways."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from lms_bridge.experts.vocabulary import Field
from tests.conftest import PASSWORD
from tests.experts import world
from tests.browser.menu import menu_link, sign_out

pytestmark = pytest.mark.browser


def _sign_in(page, base, email):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _sign_out(page):
    sign_out(page)


def _fits(page):
    wide, inner = page.evaluate(
        "[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide <= inner, f"{page.url} scrolls sideways: {wide} > {inner}"


def _flash(page) -> str:
    return page.get_by_role("status").inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_from_selected_participant_to_accredited_expert(app, live_server, browser, make_user,
                                                        administrations, width):
    coordinator = make_user("coordinator", email="coord@example.org")
    assessor = make_user("resource_person", email="rp@example.org")
    make_user("national_coordinator", country="KR", email="nc@example.org")
    person = make_user("learner", country="KR", name="Ha-eun <Park>")
    with app.app_context():
        workshop = world.past_workshop()
        world.user(coordinator)
        from lms_bridge.experts import operations
        operations.setup_outcome(world.user(coordinator), workshop, Field.HS_CLASSIFICATION,
                                 required_cofacilitations=1, assessor_ids=[assessor])
        application = world.participant(person, workshop)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    base, outcome_url = live_server, f"{live_server}/experts/workshops/{workshop}"

    _sign_in(page, base, "coord@example.org")
    page.goto(outcome_url)
    page.get_by_label("Lesson subjects, one per line").fill("GIR 1\nGIR 3 (b)\nChapter 84")
    page.get_by_role("button", name="Save the subjects").click()
    page.get_by_label("Seed").fill("journey-seed")
    page.get_by_role("button", name="Draw the subjects by lot").click()
    expect(page.locator("main")).to_contain_text("with seed journey-seed")
    card = page.locator(f"#participant-{application}")
    card.get_by_label("present").check()
    card.get_by_role("button", name="Save attendance").click()
    expect(page.locator(f"#participant-{application}")).to_contain_text("Attendance: present")
    _fits(page)
    _sign_out(page)

    _sign_in(page, base, "rp@example.org")
    page.goto(outcome_url)
    page.get_by_role("link", name="Assess Ha-eun <Park>").click()
    for group in ("top-level technical expertise", "proven communication and training skills",
                  "international background to represent the WCO"):
        page.get_by_role("group", name=group).get_by_label("4").check()
    page.locator("#technical_note").fill("Precise use of GIR 3 (b)")
    _fits(page)
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.locator(f"#participant-{application}")).to_contain_text("expertise 4/5")
    _sign_out(page)

    _sign_in(page, base, "coord@example.org")
    page.goto(outcome_url)
    card = page.locator(f"#participant-{application}")
    card.get_by_label("successful", exact=True).check()
    card.get_by_role("button", name="Decide the outcome").click()
    assert "Ha-eun <Park>: successful." in _flash(page)
    menu_link(page, "Missions").click()
    page.get_by_role("link", name="Add a mission").click()
    first = date.today() - timedelta(days=10)
    page.get_by_label("Title").fill("Classification clinic, Bangkok")
    page.get_by_label("Host administration").select_option(label="Thailand")
    page.get_by_label("First day").fill(first.isoformat())
    page.get_by_label("Last day").fill((first + timedelta(days=4)).isoformat())
    page.get_by_role("button", name="Add to the requirement matrix").click()
    page.get_by_label("Expert", exact=True).select_option(str(person))
    page.get_by_role("button", name="Propose").click()
    assert "their national coordinator is asked to release them" in _flash(page)
    _fits(page)
    _sign_out(page)

    _sign_in(page, base, "nc@example.org")
    menu_link(page, "Releases").click()
    page.get_by_label("release", exact=True).check()
    page.get_by_role("button", name="Send the decision").click()
    assert "Ha-eun <Park>: released." in _flash(page)
    _fits(page)
    _sign_out(page)

    _sign_in(page, base, "coord@example.org")
    menu_link(page, "Missions").click()
    page.get_by_role("link", name="Classification clinic, Bangkok").click()
    page.get_by_label("People trained").fill("24")
    page.get_by_role("button", name="Mark as held").click()
    page.get_by_label("Days given").fill("5")
    page.get_by_label("positive").check()
    page.get_by_role("button", name="Record the result").click()
    assert "5 day(s), positive" in _flash(page)
    _fits(page)
    page.goto(f"{base}/experts/{person}")
    expect(page.locator("main")).to_contain_text("Proposed for full accreditation")
    page.get_by_label("New status").select_option(label="accredited")
    page.get_by_label("Why").fill("One positive co-facilitation in Bangkok")
    page.get_by_role("button", name="Change the accreditation").click()
    assert "HS classification: accredited." in _flash(page)
    _fits(page)

    menu_link(page, "Programme report").click()
    page.get_by_label("From").fill("2020-01-01")
    page.get_by_label("To", exact=True).fill((date.today() + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Programme report")).to_be_visible()
    figures = page.locator("#figures")
    expect(figures.locator("[data-figure=missions_held] strong")).to_have_text("1")
    expect(figures.locator("[data-figure=accredited] strong")).to_have_text("1")
    expect(page.get_by_role("img", name="People trained per half-year")).to_be_visible()
    _fits(page)
    page.emulate_media(media="print")
    expect(page.locator("form.filters")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") \
        + pdf.count(b"/Type/Page") <= 3  # the report prints on a page or two, not spread out
    context.close()


def test_every_experts_page_fits_a_phone(app, live_server, browser, make_user, administrations):
    ids = world.everything(app, make_user, administrations)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    pages = {"world-coordinator@example.org": [
        "/experts", "/experts/{expert_id}", "/experts/workshops/{workshop_id}", "/missions",
        "/missions/new", "/missions/{mission_id}", "/missions/{held_mission_id}",
        "/reports/programme?from=2020-01-01&to=2030-12-31"],
        "world-nc@example.org": ["/releases", "/monitoring/validation", "/experts/{expert_id}"],
        "world-expert@example.org": ["/monitoring", "/my/expert", "/missions/{mission_id}"],
        "world-assessor@example.org": ["/experts/workshops/{workshop_id}",
                                       "/experts/participants/{pending_application_id}/assessment"]}
    for email, paths in pages.items():
        _sign_in(page, live_server, email)
        for path in paths:
            response = page.goto(live_server + path.format(**ids))
            assert response.status == 200, path
            _fits(page)
        _sign_out(page)
    context.close()
