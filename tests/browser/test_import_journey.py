"""A coordinator imports a Rustici golf package through the upload page, reads the report and
the package tree, then publishes it."""
import pytest
from playwright.sync_api import expect

from tests.browser.test_access_journey import _sign_in
from tests.conftest import PASSWORD
from tests.browser.menu import menu_link

pytestmark = [pytest.mark.browser, pytest.mark.corpus]



def test_coordinator_imports_and_publishes(live_server, page, make_user, scorm_corpus):
    make_user("coordinator", email="coord@example.org")
    package = scorm_corpus / "rustici-golf/RuntimeBasicCalls_SCORM20043rdEdition.zip"
    _sign_in(page, live_server, "coord@example.org", PASSWORD)
    menu_link(page, "Packages").click()
    page.get_by_role("link", name="Import a package").click()
    page.get_by_label("Module", exact=True).first.select_option(label="A new module (give its title below)")
    page.get_by_label("Title of the new module").first.fill("Golf explained")
    assert page.locator("output[data-slug-preview]").first.inner_text() == "golf-explained"
    page.get_by_label("Yes, create this new module").first.check()
    page.get_by_label("SCORM package (.zip)").set_input_files(str(package))
    page.get_by_role("button", name="Upload and validate").click()

    page.wait_for_url("**/catalog/versions/*")
    assert "as golf-explained version 1, en edition (draft)" in page.get_by_role("status").inner_text()
    expect(page.get_by_role("heading", name="Validation report")).to_be_visible()
    expect(page.get_by_role("heading", name="Package tree")).to_be_visible()
    expect(page.get_by_role("heading", name="Resources")).to_be_visible()
    assert "shared/launchpage.html" in page.locator("main").inner_text()

    page.get_by_role("button", name="Publish this version").click()
    assert "Published golf-explained version 1" in page.get_by_role("status").inner_text()
    assert "published" in page.get_by_role("heading", level=1).inner_text()


def test_a_refused_package_shows_its_report(live_server, page, make_user, scorm_corpus):
    make_user("coordinator", email="coord@example.org")
    _sign_in(page, live_server, "coord@example.org", PASSWORD)
    page.goto(f"{live_server}/catalog/import")
    page.get_by_label("Module", exact=True).first.select_option(value="+new")
    page.get_by_label("Title of the new module").first.fill("Broken")
    page.get_by_label("Yes, create this new module").first.check()
    page.get_by_label("SCORM package (.zip)").set_input_files(
        str(scorm_corpus / "elearning-module-parser-fixtures/InvalidFileReferences_SCORM12.zip"))
    page.get_by_role("button", name="Upload and validate").click()
    alert = page.get_by_role("alert")
    assert "Not imported" in alert.inner_text() and "launch-file-missing" in alert.inner_text()
